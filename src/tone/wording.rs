//! The sentences findings are worded in: one per sentence form, each with
//! its key in the extension's message catalogue
//! (`extension/locales/*/tone.json`) and its English, where `$1`, `$2`…
//! stand for the values. A rule names the sentence and gives the values
//! ([`super::rules::Draft::finding`]); the finding's English `message` and
//! its [`Wording`] both come from that, so they cannot say different things
//! (and `tests/tone_wording.rs` checks the catalogue's English against the
//! messages).
//!
//! Every form has a sentence of its own, never one built from pieces, so
//! that each language can word it whole.

use super::finding::{Wording, WordingValue};
use std::borrow::Cow;

/// One sentence form of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Its key in the message catalogue.
    pub key: &'static str,
    /// Its English, with `$1`… for the values (and no other `$`).
    pub english: &'static str,
}

impl Sentence {
    /// The English with `values` in place of `$1`, `$2`…; the values are
    /// put in as they are (a `$` in one is not read again).
    pub fn english_with(&self, values: &[WordingValue]) -> String {
        let mut out = String::with_capacity(self.english.len() + 16 * values.len());
        let mut rest = self.english;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let index = rest.as_bytes().get(at + 1).and_then(|&b| match b {
                b'1'..=b'9' => Some(usize::from(b - b'1')),
                _ => None,
            });
            match index {
                Some(index) => {
                    debug_assert!(
                        index < values.len(),
                        "{}: no value ${}",
                        self.key,
                        index + 1
                    );
                    out.push_str(values.get(index).map_or("", WordingValue::english));
                    rest = &rest[at + 2..];
                }
                None => {
                    out.push('$');
                    rest = &rest[at + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The wording of this sentence with `values`.
    pub fn wording(&self, values: Vec<WordingValue>) -> Wording {
        Wording {
            key: Cow::Borrowed(self.key),
            values,
        }
    }
}

const fn sentence(key: &'static str, english: &'static str) -> Sentence {
    Sentence { key, english }
}

/// A banned phrase (`$1`).
pub const BANNED: Sentence = sentence("tone_banned", "Avoid “$1”.");
/// A banned phrase (`$1`) and why (`$2`, the lead's words).
pub const BANNED_WHY: Sentence = sentence("tone_banned_why", "Avoid “$1”: $2.");
/// A banned phrase (`$1`) and the lead's replacement (`$2`).
pub const BANNED_TRY: Sentence = sentence("tone_banned_try", "Avoid “$1”. Try “$2”.");
/// A banned phrase (`$1`), why (`$2`) and the replacement (`$3`).
pub const BANNED_WHY_TRY: Sentence = sentence("tone_banned_why_try", "Avoid “$1”: $2. Try “$3”.");
/// The house term (`$1`) in place of another (`$2`).
pub const PREFERRED: Sentence = sentence("tone_preferred", "We say “$1” rather than “$2”.");

/// A promise phrase (`$1`).
pub const PROMISE: Sentence = sentence(
    "tone_promise",
    "“$1” is a promise we may not be able to keep.",
);
/// A promise phrase (`$1`) and the lead's advice (`$2`).
pub const PROMISE_ADVICE: Sentence = sentence(
    "tone_promise_advice",
    "“$1” is a promise we may not be able to keep: $2.",
);

/// Emoji forbidden.
pub const EMOJI_NONE: Sentence = sentence("tone_emoji_none", "No emoji in replies.");
/// How many emoji (`$1`) and the limit (`$2`).
pub const EMOJI_LIMIT: Sentence = sentence("tone_emoji_limit", "$1 emoji; the limit is $2.");

/// Too long for X: the weighted length (`$1`) and the limit (`$2`).
pub const LENGTH_X: Sentence = sentence(
    "tone_length_x",
    "Too long for X: $1 of $2 weighted characters; cut the highlighted part.",
);
/// Too long for a platform (`$1`, `Facebook` or `Instagram`): the length in
/// characters (`$2`) and the limit (`$3`).
pub const LENGTH_CHARACTERS: Sentence = sentence(
    "tone_length_characters",
    "Too long for $1: $2 of $3 characters; cut the highlighted part.",
);

/// No links allowed.
pub const LINKS_NONE: Sentence = sentence("tone_links_none", "Replies may not contain links.");
/// A link's host (`$1`) and the allowed domains (`$2`, joined with `, `).
pub const LINKS_NOT_ALLOWED: Sentence = sentence(
    "tone_links_not_allowed",
    "Link to $1 is not allowed; link only to $2.",
);

/// No greeting: the greeting to open with (`$1`, `Hi Ana`).
pub const GREETING_MISSING: Sentence =
    sentence("tone_greeting_missing", "Open with a greeting, e.g. “$1,”.");
/// A greeting without the customer's name: the greeting with it (`$1`).
pub const GREETING_NAME: Sentence =
    sentence("tone_greeting_name", "Greet the customer by name: “$1”.");

/// Someone else's initials: the agent's signature (`$1`, `*KL`).
pub const SIGNATURE_INITIALS: Sentence = sentence(
    "tone_signature_initials",
    "Sign with your own initials: “$1”.",
);
/// No signature: the agent's (`$1`).
pub const SIGNATURE_MISSING: Sentence = sentence(
    "tone_signature_missing",
    "End the reply with your signature “$1”.",
);
/// No signature, the agent's initials unknown: the format (`$1`, `*{initials}`).
pub const SIGNATURE_FORMAT: Sentence = sentence(
    "tone_signature_format",
    "End the reply with your signature ($1).",
);

/// An upset customer: the lead's suggested sentence (`$1`).
pub const EMPATHY: Sentence = sentence(
    "tone_empathy",
    "The customer is upset: acknowledge it (e.g. “$1”).",
);

/// An email address in a public reply.
pub const PRIVACY_EMAIL: Sentence = sentence(
    "tone_privacy_email",
    "This public reply shows an email address: move the conversation to a private message (DM).",
);
/// A phone number in a public reply.
pub const PRIVACY_PHONE: Sentence = sentence(
    "tone_privacy_phone",
    "This public reply shows a phone number: move the conversation to a private message (DM).",
);
/// A card number in a public reply.
pub const PRIVACY_CARD: Sentence = sentence(
    "tone_privacy_card",
    "This public reply shows a card number: move the conversation to a private message (DM).",
);
/// One of the team's identifiers (`$1`, its name) in a public reply.
pub const PRIVACY_PATTERN: Sentence = sentence(
    "tone_privacy_pattern",
    "This public reply shows $1: move the conversation to a private message (DM).",
);

/// Shouting: the share of letters in capitals (`$1`, a whole percentage) and the limit (`$2`).
pub const CAPS: Sentence = sentence(
    "tone_caps",
    "$1% of the letters are in capitals (limit $2%): it reads as shouting.",
);
/// How many exclamation marks (`$1`) and the limit (`$2`).
pub const EXCLAMATIONS: Sentence =
    sentence("tone_exclamations", "Exclamation marks: $1 (limit $2).");
/// The grade (`$1`, one decimal) and the highest allowed (`$2`, whole).
pub const READABILITY: Sentence = sentence(
    "tone_readability",
    "Reads at grade $1 (limit $2): use shorter sentences and plainer words.",
);
/// The reply's compound score (`$1`) and the floor (`$2`), two decimals each.
pub const SENTIMENT: Sentence = sentence(
    "tone_sentiment",
    "The reply reads negative ($1, floor $2): lead with what we will do.",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fill_the_english_once() {
        let values = ["$2 off", "a $ sign", "x"].map(WordingValue::from);
        assert_eq!(
            BANNED_WHY_TRY.english_with(&values),
            "Avoid “$2 off”: a $ sign. Try “x”."
        );
        assert_eq!(EMOJI_NONE.english_with(&[]), "No emoji in replies.");
        let wording = GREETING_MISSING.wording(vec!["Hi Ana".into()]);
        assert_eq!(wording.key, "tone_greeting_missing");
    }

    #[test]
    fn numbers_read_in_english_and_travel_as_numbers() {
        let values = [WordingValue::decimal(12.345, 1), WordingValue::whole(8)];
        assert_eq!(
            READABILITY.english_with(&values),
            "Reads at grade 12.3 (limit 8): use shorter sentences and plainer words."
        );
        let wording = READABILITY.wording(values.to_vec());
        let json = serde_json::to_string(&wording).unwrap();
        assert_eq!(
            json,
            r#"{"key":"tone_readability","values":[{"number":"12.3"},{"number":"8"}]}"#
        );
        // A finding worded before numbers were told apart: its values were all text.
        let older: Wording =
            serde_json::from_str(r#"{"key":"tone_readability","values":["12.3","8"]}"#).unwrap();
        assert_eq!(older.values, ["12.3", "8"].map(WordingValue::from));
        assert_eq!(serde_json::from_str::<Wording>(&json).unwrap(), wording);
    }
}
