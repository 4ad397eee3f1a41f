//! The care lexicon: phrases that reveal what a customer wants and how
//! pressing it is, grouped into [`Topic`]s. Each topic carries the intent it
//! points to, its urgency weight and the reason shown to the agent.
//!
//! Phrases are matched on whole lowercased words; a trailing `*` matches any
//! word with that prefix (`refund*` matches "refunds", "refunded"). All of
//! them are found in one pass of an Aho-Corasick automaton over the words.
//! English first, with the common care vocabulary of Spanish, French,
//! German, Portuguese and Italian.

use super::text::Words;
use super::Intent;
use aho_corasick::automaton::Automaton;
use aho_corasick::{nfa, Anchored};
use std::sync::LazyLock;

/// A family of care cues with one meaning for intent, urgency and anger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A hacked, compromised or taken-over account.
    Hacked,
    /// Fraud, scams, phishing, impersonation, unauthorised charges.
    Fraud,
    /// Cannot sign in or reach the account.
    Access,
    /// A card chargeback or payment dispute.
    Chargeback,
    /// Asking for money back.
    Refund,
    /// Charges, invoices, subscriptions, payments.
    Billing,
    /// Cancelling, leaving, switching to a competitor.
    Churn,
    /// A service down or not loading for the customer.
    Outage,
    /// Bugs, crashes and errors.
    Bug,
    /// Lawyers, lawsuits, regulators.
    Legal,
    /// Going public: reviews, press, warning others.
    Public,
    /// Danger or a vulnerable person affected.
    Safety,
    /// Explicit urgency: "asap", "urgent", "emergency".
    Urgent,
    /// Waiting without an answer.
    Waiting,
    /// Contacting the team again.
    Repeat,
    /// The problem happening again.
    Recurring,
    /// "… or I'm …": an ultimatum.
    Ultimatum,
    /// Words of anger.
    Anger,
    /// Ironic praise of a failure ("oh great, cancelled again").
    Sarcasm,
    /// Swearing.
    Profanity,
    /// Delivery, quality and service complaints.
    Complaint,
    /// Thanks and praise.
    Praise,
    /// Product ideas and feature requests.
    Idea,
    /// Question forms.
    Question,
    /// Promotion, scams aimed at followers, off-topic bait.
    Spam,
}

/// What a topic means for the assessment.
pub struct TopicMeaning {
    /// The intent the topic points to, with its weight.
    pub intent: Option<(Intent, f64)>,
    /// Urgency contributed (combined as independent evidence).
    pub urgency: f64,
    /// Whether the topic alone shows anger.
    pub anger: bool,
    /// The reason shown to the agent.
    pub reason: &'static str,
}

impl Topic {
    /// Whether the topic reports a problem (anything but praise, ideas,
    /// questions and spam).
    pub fn is_problem(self) -> bool {
        !matches!(
            self,
            Topic::Praise | Topic::Idea | Topic::Question | Topic::Spam
        )
    }

    /// The meaning of the topic.
    pub fn meaning(self) -> TopicMeaning {
        use Intent::*;
        let (intent, urgency, anger, reason) = match self {
            Topic::Hacked => (
                Some((AccountSecurity, 3.0)),
                0.65,
                false,
                "mentions a hacked or compromised account",
            ),
            Topic::Fraud => (
                Some((AccountSecurity, 2.5)),
                0.6,
                false,
                "mentions fraud, phishing or unauthorised use",
            ),
            Topic::Access => (
                Some((AccountSecurity, 2.0)),
                0.3,
                false,
                "cannot access the account",
            ),
            Topic::Chargeback => (Some((Billing, 3.0)), 0.6, false, "mentions chargeback"),
            Topic::Refund => (Some((Billing, 2.5)), 0.3, false, "asks for a refund"),
            Topic::Billing => (
                Some((Billing, 2.0)),
                0.15,
                false,
                "billing or payment issue",
            ),
            Topic::Churn => (
                Some((Complaint, 1.0)),
                0.35,
                false,
                "threatens to cancel or leave",
            ),
            Topic::Outage => (Some((Outage, 2.5)), 0.6, false, "reports an outage"),
            Topic::Bug => (Some((Outage, 2.0)), 0.3, false, "reports a bug or error"),
            Topic::Legal => (
                Some((Complaint, 1.0)),
                0.55,
                false,
                "threatens legal action",
            ),
            Topic::Public => (
                Some((Complaint, 1.0)),
                0.4,
                false,
                "threatens public escalation",
            ),
            Topic::Safety => (None, 0.5, false, "safety or a vulnerable person involved"),
            Topic::Urgent => (None, 0.35, false, "asks for urgent help"),
            Topic::Waiting => (
                Some((Complaint, 1.0)),
                0.3,
                false,
                "has been waiting without an answer",
            ),
            Topic::Repeat => (
                Some((Complaint, 0.5)),
                0.3,
                false,
                "has contacted you before",
            ),
            Topic::Recurring => (
                Some((Complaint, 0.5)),
                0.15,
                false,
                "the problem happened again",
            ),
            Topic::Ultimatum => (Some((Complaint, 0.5)), 0.3, true, "gives an ultimatum"),
            Topic::Anger => (Some((Complaint, 0.5)), 0.15, true, "angry wording"),
            Topic::Sarcasm => (Some((Complaint, 2.0)), 0.15, true, "sarcastic complaint"),
            Topic::Profanity => (Some((Complaint, 0.5)), 0.1, false, "swearing"),
            Topic::Complaint => (
                Some((Complaint, 1.5)),
                0.1,
                false,
                "complains about the service",
            ),
            Topic::Praise => (Some((Praise, 1.0)), 0.0, false, "praises or thanks"),
            Topic::Idea => (
                Some((FeatureRequest, 2.5)),
                0.0,
                false,
                "suggests a product idea",
            ),
            Topic::Question => (Some((Question, 1.0)), 0.0, false, "asks a question"),
            Topic::Spam => (
                Some((Spam, 3.0)),
                0.0,
                false,
                "looks like spam or promotion",
            ),
        };
        TopicMeaning {
            intent,
            urgency,
            anger,
            reason,
        }
    }
}

/// Every cue phrase with its topic.
pub static CUES: &[(Topic, &[&str])] = &[
    (
        Topic::Hacked,
        &[
            "hacked",
            "hacker*",
            "hack",
            "compromised",
            "someone logged into",
            "someone else logged",
            "account was stolen",
            "stole my account",
            "took over my account",
            "taken over",
            "account takeover",
            "changed my password",
            "changed my email",
            "changed the email",
            "unauthorized login",
            "unauthorised login",
            "suspicious login",
            "login from",
            "wasn't me",
            "wasnt me",
            "was not me",
            "someone is using my account",
            "someone using my account",
            "someone changed",
            "password leaked",
            "ported my number",
            "sim swap",
            "without my permission",
            "hackeado",
            "hackeada",
            "hackearon",
            "piraté",
            "piratée",
            "gehackt",
            "hackerato",
        ],
    ),
    (
        Topic::Fraud,
        &[
            "fraud*",
            "scam*",
            "phishing",
            "unauthorized",
            "unauthorised",
            "didn't authorize",
            "did not authorize",
            "didn't authorise",
            "stolen",
            "identity theft",
            "didn't make",
            "did not make",
            "never made",
            "never placed",
            "emptied my",
            "safe account",
            "fake page",
            "fake account",
            "a fake",
            "fake giveaway",
            "impersonat*",
            "pretending to be",
            "claiming to be",
            "claim a prize",
            "card details",
            "bank details",
            "card number",
            "freeze my card",
            "fraude",
            "estafa",
            "arnaque",
            "frauduleux",
            "betrug",
            "golpe",
            "truffa",
        ],
    ),
    (
        Topic::Access,
        &[
            "can't log in",
            "cant log in",
            "can't login",
            "cant login",
            "cannot log in",
            "unable to log in",
            "can't log into",
            "can't sign in",
            "cannot sign in",
            "locked out",
            "get back into",
            "can't access my account",
            "cannot access my account",
            "account suspended",
            "account disabled",
            "account locked",
            "reset my password",
            "password reset",
            "reset link",
            "verification code",
            "suspicious activity",
            "2fa",
            "two factor",
            "log out of all",
            "no puedo entrar",
            "impossible de me connecter",
            "kann mich nicht anmelden",
        ],
    ),
    (
        Topic::Chargeback,
        &[
            "chargeback*",
            "charge back",
            "dispute the charge",
            "disputing the charge",
            "dispute with my bank",
            "call my bank",
            "calling my bank",
            "contacted my bank",
            "contacting my bank",
            "to my bank",
        ],
    ),
    (
        Topic::Refund,
        &[
            "refund*",
            "money back",
            "reimburse*",
            "get that back",
            "reembolso",
            "devolución",
            "devolucion",
            "devolvéis",
            "remboursement",
            "rembourser",
            "rückerstattung",
            "erstattung",
            "geld zurück",
            "rimborso",
        ],
    ),
    (
        Topic::Billing,
        &[
            "charged",
            "overcharged",
            "charging",
            "charge",
            "billing",
            "bill",
            "invoice*",
            "payment",
            "payments",
            "pay my bill",
            "subscription",
            "renewed",
            "renewal",
            "price increase",
            "raised my price",
            "fee",
            "fees",
            "receipt",
            "receipts",
            "promo code",
            "discount code",
            "vat",
            "instalment*",
            "installment*",
            "paypal",
            "payment card",
            "credit",
            "taking money",
            "took money",
            "money from my account",
            "from my account",
            "cobro",
            "cobrado",
            "cobraron",
            "factura",
            "facture",
            "prélevé",
            "prélèvement",
            "rechnung",
            "abgebucht",
            "fattura",
            "cobrança",
            "cobrado",
        ],
    ),
    (
        Topic::Churn,
        &[
            "cancel my",
            "cancelling my",
            "canceling my",
            "cancel our",
            "cancel the contract",
            "cancel everything",
            "cancelling everything",
            "going to cancel",
            "will cancel",
            "switching to",
            "moving to",
            "never again",
            "never using",
            "never buying",
            "never ordering",
            "never flying",
            "never fly with you",
            "close my account",
            "delete my account",
            "unsubscribe",
            "lost a customer",
            "lost a loyal customer",
            "find another",
            "taking my business",
            "avoid you",
            "stay away",
            "me voy a otra",
            "dar de baja",
            "résilier",
            "kündigen",
            "disdire",
        ],
    ),
    (
        Topic::Outage,
        &[
            "outage",
            "is down",
            "are down",
            "down again",
            "went down",
            "site down",
            "app down",
            "service down",
            "servers down",
            "internet down",
            "network down",
            "down for",
            "down since",
            "down all",
            "been down",
            "all down",
            "down in",
            "can't connect",
            "cannot connect",
            "no internet",
            "no broadband",
            "no wifi",
            "no signal",
            "no service",
            "offline",
            "502",
            "503",
            "no connection",
            "internet is out",
            "power cut",
            "power outage",
            "no water",
            "no power",
            "no electricity",
            "no heating",
            "no hot water",
            "declined",
            "payments failing",
            "caída",
            "caído",
            "se ha caído",
            "sin internet",
            "no tengo internet",
            "avería",
            "en panne",
            "panne",
            "störung",
            "ausfall",
            "kein internet",
            "fora do ar",
        ],
    ),
    (
        Topic::Bug,
        &[
            "bug",
            "bugs",
            "buggy",
            "crash*",
            "glitch*",
            "error",
            "errors",
            "freez*",
            "not working",
            "isn't working",
            "isnt working",
            "doesn't work",
            "doesnt work",
            "does not work",
            "stopped working",
            "keeps failing",
            "failing",
            "not loading",
            "isn't loading",
            "won't load",
            "wont load",
            "doesn't load",
            "can't load",
            "cannot load",
            "won't connect",
            "not connecting",
            "declined",
            "logs me out",
            "logging me out",
            "out of sync",
            "stuck on loading",
            "won't let me",
            "wont let me",
            "doesn't let me",
            "spins forever",
            "keeps spinning",
            "isn't showing",
            "not showing",
            "blank screen",
            "no funciona",
            "ne fonctionne pas",
            "marche pas",
            "funktioniert nicht",
            "não funciona",
            "nao funciona",
        ],
    ),
    (
        Topic::Legal,
        &[
            "lawyer*",
            "attorney*",
            "solicitor*",
            "sue",
            "suing",
            "lawsuit",
            "legal action",
            "small claims",
            "court",
            "ombudsman",
            "trading standards",
            "consumer protection",
            "ftc",
            "fcc",
            "class action",
            "police",
            "abogado",
            "demanda",
            "avocat",
            "anwalt",
            "verbraucherzentrale",
            "procon",
        ],
    ),
    (
        Topic::Public,
        &[
            "bbb",
            "better business bureau",
            "trustpilot",
            "bad review",
            "1 star",
            "one star",
            "tell everyone",
            "telling everyone",
            "tell all my",
            "going viral",
            "go viral",
            "the media",
            "the press",
            "the papers",
            "local news",
            "posting this everywhere",
            "post this everywhere",
            "the whole world knows",
            "spread the word",
            "warn everyone",
            "everyone should know",
            "everyone stay away",
        ],
    ),
    (
        Topic::Safety,
        &[
            "dangerous",
            "unsafe",
            "danger",
            "injured",
            "injury",
            "ambulance",
            "fire",
            "smoke",
            "oxygen",
            "newborn",
            "baby",
            "elderly",
            "wheelchair",
            "medication",
            "medical",
            "insulin",
            "pensioner",
            "disabled",
            "stairlift",
            "pregnant",
        ],
    ),
    (
        Topic::Urgent,
        &[
            "urgent*",
            "asap",
            "immediately",
            "emergency",
            "right now",
            "right away",
            "as soon as possible",
            "straight away",
            "today please",
            "time sensitive",
            "urgente",
            "urgence",
            "dringend",
            "sofort",
            "inmediato",
            "immédiatement",
            "subito",
        ],
    ),
    (
        Topic::Waiting,
        &[
            "still waiting",
            "still no",
            "still haven't",
            "still hasn't",
            "still not",
            "still nothing",
            "no response",
            "no reply",
            "no answer",
            "never heard back",
            "haven't heard",
            "nobody answers",
            "nobody replied",
            "no one replied",
            "no one answers",
            "nobody has replied",
            "ignored",
            "ignoring",
            "on hold",
            "waiting for",
            "been waiting",
            "weeks later",
            "days later",
            "never got one",
            "sigo esperando",
            "nadie me",
            "nadie responde",
            "toujours pas",
            "toujours rien",
            "personne ne répond",
            "aucune réponse",
            "immer noch",
            "meldet sich nicht",
            "niemand meldet",
            "ainda não",
            "nessuno risponde",
            "aspetto ancora",
        ],
    ),
    (
        Topic::Repeat,
        &[
            "multiple times",
            "several times",
            "many times",
            "keep calling",
            "keep asking",
            "already contacted",
            "already called",
            "already emailed",
            "already messaged",
            "already sent",
            "already told",
            "already asked",
            "how many times",
        ],
    ),
    (
        Topic::Recurring,
        &[
            "again",
            "every single time",
            "every time",
            "for the second day",
            "otra vez",
            "de novo",
            "encore une fois",
            "schon wieder",
        ],
    ),
    (
        Topic::Ultimatum,
        &[
            "or i'm",
            "or im",
            "or i am",
            "or i will",
            "or i'll",
            "or this goes",
            "or else",
            "if it's not sorted",
            "if this isn't sorted",
            "last chance",
            "final warning",
            "done being polite",
            "sort it out",
            "fix your",
            "answer me",
            "i want answers",
            "sonst",
            "sinon",
        ],
    ),
    (
        Topic::Anger,
        &[
            "furious",
            "livid",
            "pissed",
            "fed up",
            "sick of",
            "sick and tired",
            "disgust*",
            "unacceptable",
            "ridiculous",
            "outrageous",
            "absurd",
            "joke",
            "pathetic",
            "useless",
            "worst",
            "incompetent",
            "hate",
            "angry",
            "infuriating",
            "shameful",
            "disgrace*",
            "how dare",
            "wtf",
            "kidding me",
            "scammers",
            "laughed at me",
            "appalled",
            "appalling",
            "disrespect*",
            "embarrassing",
            "shambles",
            "expected better",
            "too much to ask",
            "nobody reads",
            "nobody actually reads",
            "take responsibility",
            "decency",
            "an explanation",
            "i demand",
            "how you treat",
            "treated like",
            "spoken to so",
            "been polite",
            "been patient",
            "rip off",
            "ripoff",
            "thieves",
            "liars",
            "vergüenza",
            "harta",
            "harto",
            "inaceptable",
            "inadmissible",
            "inacceptable",
            "scandaleux",
            "unverschämt",
            "frechheit",
            "vergonha",
            "inaccettabile",
        ],
    ),
    (
        Topic::Sarcasm,
        &[
            "oh great",
            "oh good",
            "oh brilliant",
            "oh wonderful",
            "oh lovely",
            "oh nice",
            "great another",
            "what a surprise",
            "what a shock",
            "surprise surprise",
            "shocker",
            "thanks for nothing",
            "cheers for nothing",
            "thanks a lot",
            "exactly what i paid for",
            "love how",
            "gotta love",
            "got to love",
            "classy",
            "almost a talent",
            "impressive how",
            "fool me once",
            "as usual",
            "no surprise",
            "qué bien",
            "qué maravilla",
            "ni me sorprende",
            "como siempre",
            "bravo",
            "comme d'habitude",
            "wie immer",
        ],
    ),
    (
        Topic::Profanity,
        &[
            "fuck*",
            "shit*",
            "bullshit",
            "damn",
            "crap",
            "ffs",
            "bs",
            "screw you",
            "mierda",
            "merde",
            "scheiße",
            "scheisse",
            "porra",
            "cazzo",
        ],
    ),
    (
        Topic::Complaint,
        &[
            "terrible",
            "awful",
            "horrible",
            "disappointed",
            "disappointing",
            "poor service",
            "bad service",
            "complaint",
            "never received",
            "never arrived",
            "hasn't arrived",
            "hasnt arrived",
            "hasn't shipped",
            "didn't arrive",
            "not arrived",
            "late",
            "delayed",
            "delay",
            "cancelled",
            "canceled",
            "damaged",
            "missing",
            "wrong order",
            "wrong item",
            "wrong size",
            "wrong colour",
            "wrong color",
            "arrived wrong",
            "rude",
            "unhelpful",
            "lost my bag",
            "lost my luggage",
            "cold",
            "overpriced",
            "was promised",
            "didn't show up",
            "never turned up",
            "nothing like",
            "fell apart",
            "flimsy",
            "chipped",
            "broken",
            "stuck",
            "passed around",
            "passed between",
            "still sending",
            "it's not here",
            "not here",
            "runs really small",
            "send it back",
            "haven't been delivered",
            "hasn't been delivered",
            "not been delivered",
            "wasn't delivered",
            "never delivered",
            "scratch",
            "scratched",
            "dent",
            "dented",
            "stain*",
            "equivocado",
            "cancelado",
            "cancelada",
            "faltando",
            "mala atención",
            "pésimo",
            "pesimo",
            "decepcionado",
            "rota",
            "roto",
            "faltan",
            "frío",
            "nul",
            "déçu",
            "décevant",
            "annulé",
            "enttäuscht",
            "enttäuschend",
            "péssimo",
            "atrasado",
            "errado",
            "pessimo",
            "danneggiato",
            "reclamo",
            "réclamation",
            "beschwerde",
        ],
    ),
    (
        Topic::Praise,
        &[
            "thank you",
            "thanks",
            "thx",
            "love",
            "loving",
            "loved",
            "awesome",
            "amazing",
            "great job",
            "well done",
            "kudos",
            "shoutout",
            "shout out",
            "best",
            "fantastic",
            "excellent",
            "appreciate*",
            "brilliant",
            "perfect",
            "keep it up",
            "never let me down",
            "never miss",
            "10 10",
            "compliments",
            "obsessed",
            "gorgeous",
            "gracias",
            "merci",
            "danke",
            "obrigad*",
            "grazie",
            "genial",
            "génial",
            "super",
            "excelente",
            "encanta",
        ],
    ),
    (
        Topic::Idea,
        &[
            "would be nice",
            "would be great",
            "would be cool",
            "would be brilliant",
            "would love",
            "would be really useful",
            "would be handy",
            "would be really helpful",
            "it'd be great",
            "it'd be nice",
            "itd be great",
            "feature request",
            "please add",
            "you should add",
            "should add",
            "can you add",
            "could you add",
            "you could add",
            "add it",
            "please bring",
            "bring back",
            "suggestion",
            "suggest",
            "i wish",
            "wish you",
            "idea",
            "dark mode",
            "option to",
            "add an option",
            "add support",
            "support for",
            "integrate",
            "integration",
            "roadmap",
            "please consider",
            "make this in",
            "make it in",
            "make a version",
            "do a collab",
            "drop a",
            "need this in",
            "please make",
            "why not let",
            "let us",
            "sería genial",
            "ce serait bien",
            "wäre schön",
            "wäre toll",
            "auch in",
            "seria ótimo",
            "sarebbe bello",
        ],
    ),
    (
        Topic::Question,
        &[
            "how do i",
            "how can i",
            "how to",
            "how long",
            "how much",
            "what is",
            "what's",
            "when will",
            "when does",
            "where is",
            "where can i",
            "can i",
            "is there",
            "is it possible",
            "do you",
            "does it",
            "does the",
            "are you",
            "any way to",
            "anyone know",
            "quick question",
            "is it just me",
            "any update",
            "what do i do",
            "cómo",
            "dónde",
            "cuándo",
            "où",
            "quand",
            "wann",
            "wo ist",
            "onde",
            "quando",
        ],
    ),
    (
        Topic::Spam,
        &[
            "follow me",
            "follow back",
            "check out my",
            "check my profile",
            "dm me",
            "dm for",
            "dm us for",
            "promo",
            "giveaway",
            "crypto",
            "bitcoin",
            "btc",
            "forex",
            "earn money",
            "make money",
            "click here",
            "link in bio",
            "free followers",
            "onlyfans",
            "subscribe to my",
            "investment opportunity",
            "100x",
            "airdrop",
            "nft",
            "i'm selling",
            "message me if",
            "sígueme",
            "sigam meu",
        ],
    ),
];

/// Words that show a post is addressed to the team or about its service.
const ADDRESS_WORDS: &[&str] = &[
    "you", "your", "you're", "youre", "u", "ur", "order", "delivery", "parcel", "package", "app",
    "account", "store", "shop", "staff", "service", "product", "item", "driver", "flight", "train",
    "bill", "colour", "color", "size", "quality", "price", "website", "site", "support",
];

/// Words that point at the post commented on ("love this").
const POINTING_WORDS: &[&str] = &["this", "these", "it"];

/// What a pattern of the automaton stands for.
#[derive(Clone, Copy)]
enum Pattern {
    /// A cue of the topic at this position of [`CUES`].
    Cue(usize),
    /// An [`ADDRESS_WORDS`] word.
    Address,
    /// A [`POINTING_WORDS`] word.
    Pointing,
}

/// Every cue and marker word as a pattern over [`Words::spaced`] (`" w1 w2 "`
/// for a whole-word phrase, `" prefix"` for a `prefix*` cue), searched by an
/// automaton `S`. Every pattern starts with a space, so a prefilter would
/// stop at every word.
struct Cues<S> {
    searcher: S,
    patterns: Vec<Pattern>,
}

impl<S: Automaton> Cues<S> {
    /// The cues searched by the automaton `build` makes of their needles.
    fn new(build: impl FnOnce(&[String]) -> Result<S, aho_corasick::BuildError>) -> Cues<S> {
        assert!(CUES.len() <= 32, "topic hits are kept in a u32");
        let mut needles = Vec::new();
        let mut patterns = Vec::new();
        for (slot, (_, phrases)) in CUES.iter().enumerate() {
            for phrase in *phrases {
                needles.push(match phrase.strip_suffix('*') {
                    Some(prefix) => format!(" {prefix}"),
                    None => format!(" {phrase} "),
                });
                patterns.push(Pattern::Cue(slot));
            }
        }
        for (words, pattern) in [
            (ADDRESS_WORDS, Pattern::Address),
            (POINTING_WORDS, Pattern::Pointing),
        ] {
            for word in words {
                needles.push(format!(" {word} "));
                patterns.push(pattern);
            }
        }
        let searcher = build(&needles).expect("the cue patterns build an automaton");
        Cues { searcher, patterns }
    }

    /// Every match in the words, overlapping ones included, read straight
    /// off the automaton's states: one transition per byte, and the patterns
    /// of each match state the walk enters.
    fn find(&self, words: &Words) -> Found {
        let Cues { searcher, patterns } = self;
        let mut hits = 0u32;
        let (mut addressed, mut pointing) = (false, false);
        let mut state = searcher
            .start_state(Anchored::No)
            .expect("the automaton searches unanchored");
        for &byte in words.spaced.as_bytes() {
            state = searcher.next_state(Anchored::No, state, byte);
            if searcher.is_special(state) && searcher.is_match(state) {
                for index in 0..searcher.match_len(state) {
                    match patterns[searcher.match_pattern(state, index).as_usize()] {
                        Pattern::Cue(slot) => hits |= 1 << slot,
                        Pattern::Address => addressed = true,
                        Pattern::Pointing => pointing = true,
                    }
                }
            }
        }
        let topics = CUES
            .iter()
            .enumerate()
            .filter(|(slot, _)| hits & (1 << slot) != 0)
            .map(|(_, (topic, _))| *topic)
            .collect();
        Found {
            topics,
            addressed,
            pointing,
        }
    }
}

/// The cues in a contiguous NFA, which builds in a fraction of a DFA's time
/// (a one-line `socialcare analyze` on it alone, start-up included, takes
/// 7.1 M instructions; the DFA build alone 35 M). The extension's worker, which assesses posts as they scroll by,
/// searches with it only.
static QUICK: LazyLock<Cues<nfa::contiguous::NFA>> = LazyLock::new(|| {
    Cues::new(|needles| {
        nfa::contiguous::NFA::builder()
            .prefilter(false)
            .build(needles)
    })
});

/// The cues in a DFA, once [`build_fast_search`] has built it: a table step
/// per byte, searching about four times faster than [`QUICK`], but ~35 M
/// instructions (about 10 ms) to build, which would hold back every thread
/// of a process that waited for it.
#[cfg(not(target_family = "wasm"))]
static FAST: std::sync::OnceLock<Cues<aho_corasick::dfa::DFA>> = std::sync::OnceLock::new();

/// Builds the DFA [`find`] switches to once it is there (native only; the
/// matches are the same): a process that assesses many posts calls it on a
/// spare thread at start.
#[cfg(not(target_family = "wasm"))]
pub fn build_fast_search() {
    FAST.get_or_init(|| {
        Cues::new(|needles| {
            aho_corasick::dfa::DFA::builder()
                .prefilter(false)
                .build(needles)
        })
    });
}

/// What the cue lexicon finds in a post.
pub struct Found {
    /// The topics whose cues occur (each once, in [`CUES`] order).
    pub topics: Vec<Topic>,
    /// Whether a word addresses the team or its service ("you", "order").
    pub addressed: bool,
    /// Whether a word points at the post commented on ("this", "it").
    pub pointing: bool,
}

/// Finds every cue in the words, in one pass of an Aho-Corasick automaton:
/// the DFA once [`build_fast_search`] has built it, the NFA until then.
pub fn find(words: &Words) -> Found {
    #[cfg(not(target_family = "wasm"))]
    if let Some(fast) = FAST.get() {
        return fast.find(words);
    }
    QUICK.find(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(text: &str) -> Vec<Topic> {
        find(&Words::new(text)).topics
    }

    #[test]
    fn phrases_match_whole_words_and_prefixes() {
        assert_eq!(topics("Where are my REFUNDS?"), [Topic::Refund]);
        assert!(topics("the app is down").contains(&Topic::Outage));
        assert!(topics("this downright sucks").is_empty());
        assert!(topics("I can’t log in").contains(&Topic::Access));
    }

    #[test]
    fn topics_are_found() {
        let found = topics("I'm filing a chargeback, my account was hacked");
        assert!(found.contains(&Topic::Chargeback) && found.contains(&Topic::Hacked));
    }

    #[test]
    fn markers_are_found() {
        let found = find(&Words::new("love it"));
        assert!(found.pointing && !found.addressed);
        let found = find(&Words::new("@Shop where is my order"));
        assert!(found.addressed && !found.pointing);
    }
}
