//! The care lexicon: phrases that reveal what a customer wants and how
//! pressing it is, grouped into [`Topic`]s. Each topic carries the intent it
//! points to, its urgency weight and the reason shown to the agent.
//!
//! Phrases are matched on whole lowercased words; a trailing `*` matches any
//! word with that prefix (`refund*` matches "refunds", "refunded").
//! English first, with the common care vocabulary of Spanish, French,
//! German, Portuguese and Italian.

use super::Intent;

/// A family of care cues with one meaning for intent, urgency and anger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A hacked, compromised or taken-over account.
    Hacked,
    /// Fraud, scams, unauthorised charges.
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
    /// Going public: reviews, press, regulators' complaint sites.
    Public,
    /// Explicit urgency: "asap", "urgent", "emergency".
    Urgent,
    /// Waiting without an answer.
    Waiting,
    /// Contacting again.
    Repeat,
    /// Words of anger.
    Anger,
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
    /// The meaning of the topic.
    pub fn meaning(self) -> TopicMeaning {
        use Intent::*;
        let (intent, urgency, anger, reason) = match self {
            Topic::Hacked => (Some((AccountSecurity, 3.0)), 0.65, false, "mentions a hacked or compromised account"),
            Topic::Fraud => (Some((AccountSecurity, 2.5)), 0.55, false, "mentions fraud or unauthorised charges"),
            Topic::Access => (Some((AccountSecurity, 2.0)), 0.3, false, "cannot access the account"),
            Topic::Chargeback => (Some((Billing, 3.0)), 0.55, false, "mentions chargeback"),
            Topic::Refund => (Some((Billing, 2.0)), 0.3, false, "asks for a refund"),
            Topic::Billing => (Some((Billing, 1.5)), 0.15, false, "billing or payment issue"),
            Topic::Churn => (Some((Complaint, 1.0)), 0.35, false, "threatens to cancel or leave"),
            Topic::Outage => (Some((Outage, 2.5)), 0.45, false, "reports an outage"),
            Topic::Bug => (Some((Outage, 2.0)), 0.25, false, "reports a bug or error"),
            Topic::Legal => (Some((Complaint, 1.5)), 0.5, false, "threatens legal action"),
            Topic::Public => (Some((Complaint, 1.0)), 0.35, false, "threatens public escalation"),
            Topic::Urgent => (None, 0.35, false, "asks for urgent help"),
            Topic::Waiting => (Some((Complaint, 1.0)), 0.3, false, "has been waiting without an answer"),
            Topic::Repeat => (Some((Complaint, 0.5)), 0.25, false, "has contacted you before"),
            Topic::Anger => (Some((Complaint, 1.5)), 0.15, true, "angry wording"),
            Topic::Profanity => (Some((Complaint, 0.5)), 0.1, false, "swearing"),
            Topic::Complaint => (Some((Complaint, 1.5)), 0.1, false, "complains about the service"),
            Topic::Praise => (Some((Praise, 1.5)), 0.0, false, "praises or thanks"),
            Topic::Idea => (Some((FeatureRequest, 2.5)), 0.0, false, "suggests a product idea"),
            Topic::Question => (Some((Question, 1.0)), 0.0, false, "asks a question"),
            Topic::Spam => (Some((Spam, 3.0)), 0.0, false, "looks like spam or promotion"),
        };
        TopicMeaning { intent, urgency, anger, reason }
    }
}

/// Every cue phrase with its topic.
pub static CUES: &[(Topic, &[&str])] = &[
    (Topic::Hacked, &[
        "hacked", "hacker*", "hack", "compromised", "someone logged into", "someone else logged",
        "account was stolen", "stole my account", "took over my account", "account takeover",
        "changed my password", "changed my email", "2fa", "two factor", "unauthorized login",
        "unauthorised login", "suspicious login", "hackeado", "hackeada", "hackearon", "piraté",
        "piratée", "gehackt", "hackerato",
    ]),
    (Topic::Fraud, &[
        "fraud*", "scam*", "phishing", "unauthorized charge*", "unauthorised charge*",
        "didn't authorize", "did not authorize", "didn't authorise", "stolen card", "identity theft",
        "fraude", "estafa", "arnaque", "betrug", "golpe", "truffa",
    ]),
    (Topic::Access, &[
        "can't log in", "cant log in", "can't login", "cant login", "cannot log in", "unable to log in",
        "locked out", "can't sign in", "cannot sign in", "can't access my account",
        "cannot access my account", "account suspended", "account disabled", "account locked",
        "reset my password", "password reset", "verification code", "no puedo entrar",
        "impossible de me connecter", "kann mich nicht anmelden",
    ]),
    (Topic::Chargeback, &[
        "chargeback*", "charge back", "dispute the charge", "disputing the charge",
        "dispute with my bank", "call my bank", "calling my bank", "contacted my bank",
    ]),
    (Topic::Refund, &[
        "refund*", "money back", "reimburse*", "reembolso", "devolución", "devolucion",
        "remboursement", "rembourser", "rückerstattung", "erstattung", "geld zurück", "rimborso",
    ]),
    (Topic::Billing, &[
        "charged", "overcharged", "double charged", "charged twice", "billing", "bill", "invoice*",
        "payment*", "subscription", "renewal", "auto renew*", "price increase", "fee", "fees",
        "receipt", "promo code", "discount code", "cobro", "cobraron", "factura", "facture",
        "prélèvement", "rechnung", "abgebucht", "fattura", "cobrança",
    ]),
    (Topic::Churn, &[
        "cancel*", "switching to", "switch to", "moving to", "never again", "never using",
        "never buying", "never ordering", "never flying", "never fly with you", "close my account",
        "delete my account", "unsubscribe", "last time i", "lost a customer", "lost a loyal customer",
        "find another", "taking my business", "cancelar", "dar de baja", "résilier", "annuler",
        "kündigen", "kündigung", "disdire",
    ]),
    (Topic::Outage, &[
        "outage", "is down", "are down", "down again", "went down", "site down", "app down",
        "service down", "servers down", "down for", "not loading", "won't load", "wont load",
        "doesn't load", "can't connect", "cannot connect", "no internet", "no signal", "no service",
        "offline", "502", "503", "no connection", "internet is out", "power outage",
        "caída", "caido", "no carga", "en panne", "panne", "störung", "ausfall", "fora do ar",
        "non funziona",
    ]),
    (Topic::Bug, &[
        "bug", "bugs", "buggy", "crash*", "glitch*", "error", "errors", "broken", "freez*",
        "not working", "isn't working", "isnt working", "doesn't work", "doesnt work",
        "does not work", "stopped working", "keeps failing", "fails", "failed", "stuck",
        "blank screen", "no funciona", "ne fonctionne pas", "marche pas", "funktioniert nicht",
        "não funciona", "nao funciona",
    ]),
    (Topic::Legal, &[
        "lawyer*", "attorney*", "sue", "suing", "lawsuit", "legal action", "small claims",
        "court", "ombudsman", "trading standards", "consumer protection", "ftc", "fcc",
        "class action", "abogado", "demanda", "avocat", "anwalt", "verbraucherzentrale", "procon",
    ]),
    (Topic::Public, &[
        "bbb", "better business bureau", "trustpilot", "bad review", "1 star", "one star",
        "tell everyone", "telling everyone", "tell all my", "going viral", "go viral",
        "the media", "the press", "news", "post this everywhere", "share this", "spread the word",
        "warn everyone", "everyone should know",
    ]),
    (Topic::Urgent, &[
        "urgent*", "asap", "immediately", "emergency", "right now", "right away", "as soon as possible",
        "straight away", "today please", "time sensitive", "urgente", "urgence", "dringend",
        "sofort", "inmediato", "immédiatement", "subito",
    ]),
    (Topic::Waiting, &[
        "still waiting", "still no", "still haven't", "still hasn't", "still not", "no response",
        "no reply", "no answer", "never heard back", "haven't heard", "nobody answers",
        "nobody replied", "no one replied", "no one answers", "ignored", "ignoring", "on hold",
        "waiting for", "been waiting", "weeks later", "days later", "still nothing",
        "sigo esperando", "toujours pas", "immer noch", "ainda não", "ancora",
    ]),
    (Topic::Repeat, &[
        "again", "third time", "fourth time", "fifth time", "second time", "multiple times",
        "several times", "many times", "every time", "keep calling", "keep asking",
        "already contacted", "already called", "already emailed", "already messaged",
        "already sent", "already told", "already asked", "how many times", "otra vez",
        "encore une fois", "schon wieder",
    ]),
    (Topic::Anger, &[
        "furious", "livid", "pissed", "fed up", "sick of", "sick and tired", "disgust*",
        "unacceptable", "ridiculous", "outrageous", "absurd", "joke", "pathetic", "useless",
        "worst", "incompetent", "hate", "angry", "infuriating", "shameful", "disgrace*",
        "how dare", "wtf", "harta", "harto", "inaceptable", "inadmissible", "inacceptable",
        "scandaleux", "unverschämt", "frechheit", "vergonha", "inaccettabile",
    ]),
    (Topic::Profanity, &[
        "fuck*", "shit*", "bullshit", "damn", "crap", "ffs", "bs", "screw you", "mierda",
        "merde", "scheiße", "scheisse", "porra", "cazzo",
    ]),
    (Topic::Complaint, &[
        "terrible", "awful", "horrible", "disappointed", "disappointing", "poor service",
        "bad service", "customer service", "complaint", "never received", "never arrived",
        "hasn't arrived", "hasnt arrived", "didn't arrive", "not arrived", "late", "delayed",
        "delay", "damaged", "missing", "wrong order", "wrong item", "rude", "lost my",
        "cold food", "overpriced", "mala atención", "pésimo", "pesimo", "decepcionado", "nul",
        "déçu", "enttäuscht", "péssimo", "pessimo", "reclamo", "réclamation", "beschwerde",
    ]),
    (Topic::Praise, &[
        "thank you", "thanks", "thx", "love", "loving", "awesome", "amazing", "great job",
        "well done", "kudos", "shoutout", "shout out", "best", "fantastic", "excellent",
        "appreciate*", "brilliant", "perfect", "gracias", "merci", "danke", "obrigad*", "grazie",
        "genial", "génial", "super", "excelente",
    ]),
    (Topic::Idea, &[
        "would be nice", "would be great", "would be cool", "would love", "it'd be great",
        "itd be great", "feature request", "please add", "you should add", "should add",
        "can you add", "could you add", "please bring", "bring back", "suggestion", "suggest",
        "i wish", "wish you", "idea", "dark mode", "option to", "add an option", "add support",
        "support for", "integrate", "integration", "roadmap", "sería genial", "ce serait bien",
        "wäre schön", "wäre toll", "seria ótimo", "sarebbe bello",
    ]),
    (Topic::Question, &[
        "how do i", "how can i", "how to", "what is", "what's", "when will", "when does",
        "where is", "where can i", "can i", "is there", "is it possible", "do you", "does it",
        "does the", "are you", "any way to", "anyone know", "quick question", "cómo", "dónde", "cuándo",
        "où", "quand", "wann", "wo ist", "onde", "quando",
    ]),
    (Topic::Spam, &[
        "follow me", "follow back", "check out my", "check my profile", "dm me", "dm for",
        "promo", "giveaway", "crypto", "bitcoin", "btc", "forex", "earn money", "make money",
        "work from home", "click here", "link in bio", "free followers", "onlyfans",
        "subscribe to my", "investment opportunity", "100x", "airdrop", "nft",
    ]),
];

/// Whether `phrase` (space-separated, `*` for a prefix) occurs in `words`.
pub fn phrase_occurs(phrase: &str, words: &[String]) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    if parts.len() > words.len() {
        return false;
    }
    words.windows(parts.len()).any(|window| {
        window.iter().zip(&parts).all(|(word, part)| match part.strip_suffix('*') {
            Some(prefix) => word.starts_with(prefix),
            None => word == part,
        })
    })
}

/// The topics whose cues occur in `words` (each topic once, table order).
pub fn topics_in(words: &[String]) -> Vec<Topic> {
    CUES.iter()
        .filter(|(_, phrases)| phrases.iter().any(|p| phrase_occurs(p, words)))
        .map(|(topic, _)| *topic)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        super::super::text::words(text)
    }

    #[test]
    fn phrases_match_whole_words_and_prefixes() {
        assert!(phrase_occurs("refund*", &words("Where are my REFUNDS?")));
        assert!(phrase_occurs("is down", &words("the app is down again")));
        assert!(!phrase_occurs("is down", &words("this downright sucks")));
    }

    #[test]
    fn topics_are_found() {
        let found = topics_in(&words("I'm filing a chargeback, my account was hacked"));
        assert!(found.contains(&Topic::Chargeback) && found.contains(&Topic::Hacked));
    }
}
