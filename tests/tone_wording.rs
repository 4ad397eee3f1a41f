//! Findings' wording as data (`Finding::wording`: a catalogue key and the
//! values of its placeholders): for drafts that break every rule kind in
//! every way it words a finding, the extension's English catalogue
//! (`extension/locales/en/tone.json`, Chrome's `messages.json` format)
//! filled with the values as `i18n.getMessage` fills it gives exactly the
//! finding's English `message`; that English is the one the CLI always
//! printed; and every message of the catalogue is one some finding uses.

use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Finding, Policy, ReplyContext};
use std::collections::BTreeSet;

const CATALOGUE: &str = include_str!("../extension/locales/en/tone.json");

/// A draft checked against a policy: the rules (after `version = 1`), the
/// draft, where it goes, the conversation's context (JSON) and the English
/// messages of its findings, in the draft's order.
struct Case {
    rules: &'static str,
    draft: &'static str,
    platform: Platform,
    audience: Audience,
    context: &'static str,
    messages: &'static [&'static str],
}

const fn case(
    rules: &'static str,
    draft: &'static str,
    messages: &'static [&'static str],
) -> Case {
    Case {
        rules,
        draft,
        platform: Platform::Facebook,
        audience: Audience::Public,
        context: "{}",
        messages,
    }
}

fn cases() -> Vec<Case> {
    let long_x: &'static str = "Thanks for waiting. ".repeat(15).leak();
    vec![
        case(
            "[[terms.banned]]\nphrase = \"cheap\"\n\
             [[terms.banned]]\nphrase = \"calm down\"\nwhy = \"it dismisses how they feel\"\n\
             [[terms.banned]]\nphrase = \"unfortunately\"\nreplacement = \"sadly\"\n\
             [[terms.banned]]\nphrase = \"asap\"\nwhy = \"it costs us $$ and $1 of trust\"\nreplacement = \"as soon as we can ($2)\"\n\
             [[terms.preferred]]\nuse = \"order\"\ninstead_of = [\"purchase\", \"buy\"]\n",
            "Cheap fix: calm down, unfortunately your purchase ships ASAP, a good buy.",
            &[
                "Avoid “cheap”.",
                "Avoid “calm down”: it dismisses how they feel.",
                "Avoid “unfortunately”. Try “sadly”.",
                "We say “order” rather than “purchase”.",
                "Avoid “asap”: it costs us $$ and $1 of trust. Try “as soon as we can ($2)”.",
                "We say “order” rather than “buy”.",
            ],
        ),
        case(
            "[[promises]]\nphrases = [\"guarantee\"]\nadvice = \"say what we will do\"\nreplacement = \"aim\"\n\
             [[promises]]\nphrases = [\"never happen again\"]\n",
            "I guarantee it will never happen again.",
            &[
                "“guarantee” is a promise we may not be able to keep: say what we will do.",
                "“never happen again” is a promise we may not be able to keep.",
            ],
        ),
        case(
            "[style.emoji]\npolicy = \"forbid\"\n",
            "Thanks 🙂",
            &["No emoji in replies."],
        ),
        case(
            "[style.emoji]\npolicy = \"limit\"\nmax = 1\n",
            "Thanks 🙂🎉👍",
            &["3 emoji; the limit is 1.", "3 emoji; the limit is 1."],
        ),
        Case {
            platform: Platform::X,
            ..case(
                "[length]\n",
                long_x,
                &["Too long for x: 300 of 280 weighted characters; cut the highlighted part."],
            )
        },
        case(
            "[length]\nfacebook = 20\n",
            "Thanks for waiting, it ships today.",
            &["Too long for facebook: 35 of 20 characters; cut the highlighted part."],
        ),
        Case {
            platform: Platform::Instagram,
            ..case(
                "[length]\ninstagram = 10\n",
                "Thanks for waiting.",
                &["Too long for instagram: 19 of 10 characters; cut the highlighted part."],
            )
        },
        case(
            "[links]\nallowed_domains = []\n",
            "See https://acme.com/help",
            &["Replies may not contain links."],
        ),
        case(
            "[links]\nallowed_domains = [\"acme.com\", \"help.example.org\"]\n",
            "See https://evil.com/x and https://help.acme.com/y",
            &["Link to evil.com is not allowed; link only to acme.com, help.example.org."],
        ),
        Case {
            context: r#"{"customer":{"name":"Ana López"}}"#,
            ..case(
                "[required.greeting]\n",
                "Thanks for waiting.",
                &["Open with a greeting, e.g. “Hi Ana,”."],
            )
        },
        Case {
            context: r#"{"customer":{"name":"Ana López"}}"#,
            ..case(
                "[required.greeting]\nwords = [\"Hello\", \"Hi\"]\n",
                "@ana Hi there, thanks!",
                &["Greet the customer by name: “Hello Ana”."],
            )
        },
        Case {
            context: r#"{"agent":{"name":"Kim Lee"}}"#,
            ..case(
                "[required.signature]\n",
                "Hi Ana, done. *AB",
                &["Sign with your own initials: “*KL”."],
            )
        },
        Case {
            context: r#"{"agent":{"name":"Kim Lee"}}"#,
            ..case(
                "[required.signature]\nformat = \"^{initials}\"\n",
                "Hi Ana, done.",
                &["End the reply with your signature “^KL”."],
            )
        },
        case(
            "[required.signature]\nformat = \"— {initials} ($)\"\n",
            "Hi Ana, done.",
            &["End the reply with your signature (— {initials} ($))."],
        ),
        Case {
            context: r#"{"customer":{"message":"This is terrible, worst service ever. I hate waiting."}}"#,
            ..case(
                "[required.empathy]\n",
                "Hi Ana, your order ships today.",
                &["The customer is upset: acknowledge it (e.g. “I'm sorry about this.”)."],
            )
        },
        case(
            "[privacy]\n[[privacy.patterns]]\nname = \"order number\"\npattern = '\\bAC-\\d{6}\\b'\n",
            "Mail kim@example.com or call +1 415 555 0134, card 4111 1111 1111 1111, order AC-123456.",
            &[
                "This public reply shows an email address: move the conversation to a private message (DM).",
                "This public reply shows a phone number: move the conversation to a private message (DM).",
                "This public reply shows a card number: move the conversation to a private message (DM).",
                "This public reply shows order number: move the conversation to a private message (DM).",
            ],
        ),
        case(
            "[style.caps]\n",
            "WE ARE VERY SORRY ABOUT THIS DELAY, it ships today.",
            &["57% of the letters are in capitals (limit 30%): it reads as shouting."],
        ),
        case(
            "[style.exclamations]\n",
            "Great! Thanks! Bye!",
            &[
                "3 exclamation marks; the limit is 1.",
                "3 exclamation marks; the limit is 1.",
            ],
        ),
        case(
            "[style.readability]\n",
            "Notwithstanding the aforementioned considerations, reimbursement eligibility determinations necessitate comprehensive documentation verification procedures.",
            &["Reads at grade 41.2 (limit 9): use shorter sentences and plainer words."],
        ),
        case(
            "[style.sentiment]\n",
            "This is terrible and awful, a horrible mess.",
            &["The reply reads negative (-0.90, floor -0.30): lead with what we will do."],
        ),
    ]
}

fn findings(case: &Case) -> Vec<Finding> {
    let policy = Policy::from_toml(&format!("version = 1\n{}", case.rules))
        .unwrap_or_else(|error| panic!("{error}\n{}", case.rules));
    let context: ReplyContext = serde_json::from_str(case.context).expect("context parses");
    policy.check(
        case.draft,
        &CheckRequest {
            platform: case.platform,
            audience: case.audience,
            context: &context,
        },
    )
}

#[test]
fn findings_keep_their_english_messages() {
    let mut wrong = Vec::new();
    for case in cases() {
        let messages: Vec<String> = findings(&case).into_iter().map(|f| f.message).collect();
        if messages != case.messages {
            wrong.push(format!("{}\n  got  {messages:?}\n  want {:?}", case.draft, case.messages));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
