//! Findings' wording as data (`Finding::wording`: a catalogue key and the
//! values of its placeholders): for drafts that break every rule kind in
//! every way it words a finding, the extension's English catalogue
//! (`extension/locales/en/tone.json`, Chrome's `messages.json` format)
//! filled with the values as `i18n.getMessage` fills it gives exactly the
//! finding's English `message`; that English is the one the CLI always
//! printed; and every message of the catalogue is one some finding uses.

use serde_json::Value;
use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Finding, Policy, ReplyContext, WordingValue};
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

const fn case(rules: &'static str, draft: &'static str, messages: &'static [&'static str]) -> Case {
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
                &["Too long for X: 300 of 280 weighted characters; cut the highlighted part."],
            )
        },
        case(
            "[length]\nfacebook = 20\n",
            "Thanks for waiting, it ships today.",
            &["Too long for Facebook: 35 of 20 characters; cut the highlighted part."],
        ),
        Case {
            platform: Platform::Instagram,
            ..case(
                "[length]\ninstagram = 10\n",
                "Thanks for waiting.",
                &["Too long for Instagram: 19 of 10 characters; cut the highlighted part."],
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
                "Exclamation marks: 3 (limit 1).",
                "Exclamation marks: 3 (limit 1).",
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
            wrong.push(format!(
                "{}\n  got  {messages:?}\n  want {:?}",
                case.draft, case.messages
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The English catalogue: key → entry.
fn catalogue() -> serde_json::Map<String, Value> {
    match serde_json::from_str(CATALOGUE).expect("tone.json is JSON") {
        Value::Object(entries) => entries,
        _ => panic!("tone.json is not an object"),
    }
}

/// `$1`… in `text` replaced by `values`, `$$` by `$` (each value put in as it is).
fn substitute(text: &str, values: &[String]) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.chars().next() {
            Some('$') => {
                out.push('$');
                rest = &after[1..];
            }
            Some(digit @ '1'..='9') => {
                let index = digit as usize - '1' as usize;
                out.push_str(values.get(index).ok_or(format!("no value for ${digit}"))?);
                rest = &after[1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The message `key` filled with `values` as `i18n.getMessage(key, values)`
/// fills it: each `$NAME$` by its placeholder's content (`$1`… taken from
/// `values`), `$1`… written in the message itself by the values, `$$` by `$`.
fn get_message(
    catalogue: &serde_json::Map<String, Value>,
    key: &str,
    values: &[String],
) -> Result<String, String> {
    let entry = catalogue
        .get(key)
        .ok_or(format!("{key} is not in tone.json"))?;
    let message = entry["message"]
        .as_str()
        .ok_or(format!("{key} has no message"))?;
    let placeholders = entry["placeholders"].as_object();
    let content = |name: &str| -> Result<String, String> {
        let found = placeholders
            .and_then(|all| all.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
            .ok_or(format!("{key}: ${name}$ is not declared"))?;
        let content = found.1["content"]
            .as_str()
            .ok_or(format!("{key}: ${name}$ has no content"))?;
        substitute(content, values)
    };
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0
            && after[name_len..].starts_with('$')
            && !after.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push_str(&content(&after[..name_len])?);
            rest = &after[name_len + 1..];
        } else if let Some(digit @ '1'..='9') = after.chars().next() {
            out.push_str(&substitute(&format!("${digit}"), values)?);
            rest = &after[1..];
        } else if after.starts_with('$') {
            out.push('$');
            rest = &after[1..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[test]
fn the_catalogue_says_what_the_messages_say() {
    let catalogue = catalogue();
    let mut wrong = Vec::new();
    let mut used = BTreeSet::new();
    let mut count = 0;
    for case in cases() {
        for finding in findings(&case) {
            count += 1;
            let key = finding.wording.key.as_ref();
            used.insert(key.to_owned());
            if !key.starts_with("tone_") {
                wrong.push(format!("{key}: not a tone_ key"));
            }
            // The worker and the pages write a number as the agent's language
            // does; in English that is the number as the English message has it.
            let values: Vec<String> = finding
                .wording
                .values
                .iter()
                .map(|value| value.english().to_owned())
                .collect();
            match get_message(&catalogue, key, &values) {
                Ok(said) if said == finding.message => {}
                Ok(said) => wrong.push(format!(
                    "{key} {:?}\n  catalogue {said}\n  message   {}",
                    finding.wording.values, finding.message
                )),
                Err(error) => wrong.push(error),
            }
            // Every placeholder a message declares takes one of the values, and every value is used.
            let declared = catalogue
                .get(key)
                .and_then(|entry| entry["placeholders"].as_object())
                .map_or(0, |all| all.len());
            if declared != finding.wording.values.len() {
                wrong.push(format!(
                    "{key}: {declared} placeholder(s), {} value(s)",
                    finding.wording.values.len()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let unused: Vec<&String> = catalogue
        .keys()
        .filter(|key| !used.contains(*key))
        .collect();
    assert!(unused.is_empty(), "no finding says {unused:?}");
    assert_eq!(used.len(), catalogue.len());
    assert!(count >= used.len());
}

#[test]
fn wording_is_in_the_findings_json() {
    let case = Case {
        context: r#"{"customer":{"name":"Ana López"}}"#,
        ..case("[required.greeting]\n", "Thanks for waiting.", &[])
    };
    let json = serde_json::to_value(&findings(&case)[0]).unwrap();
    assert_eq!(
        json["wording"],
        serde_json::json!({"key": "tone_greeting_missing", "values": ["Hi Ana"]})
    );
    // A finding from before the wording existed still reads (with none).
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("wording");
    let read: Finding = serde_json::from_value(old).unwrap();
    assert_eq!(read.wording.key, "");
    let again: Finding = serde_json::from_value(json).unwrap();
    assert_eq!(again.wording.values, [WordingValue::from("Hi Ana")]);
}

#[test]
fn chrome_fills_placeholders_once() {
    let catalogue = serde_json::from_str(
        r#"{"k": {"message": "a $X$ b $$ c $1 $Y$", "placeholders": {"x": {"content": "$2"}, "Y": {"content": "[$1]"}}}}"#,
    )
    .unwrap();
    let values = ["$2".to_owned(), "v$$".to_owned()];
    assert_eq!(
        get_message(&catalogue, "k", &values).unwrap(),
        "a v$$ b $ c $2 [$2]"
    );
}
