//! What a check reports: findings with a rule id, a severity, a message (in
//! English, and as a catalogue key with its values for the extension's
//! languages), the exact span in the draft (in UTF-16 units for the browser
//! and in chars for Rust) and, when one exists, a suggested fix.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// How serious a broken rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing to fix.
    Info,
    /// Should be fixed before sending.
    Warn,
    /// Must be fixed: the reply may not be sent as it is.
    Block,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        })
    }
}

/// A stretch of the draft, given both as char offsets (Rust) and as UTF-16
/// code unit offsets (the browser's `String` and `Selection`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First char of the span (counted in Unicode scalar values).
    pub char_start: usize,
    /// One past the last char of the span.
    pub char_end: usize,
    /// First UTF-16 code unit of the span.
    pub utf16_start: usize,
    /// One past the last UTF-16 code unit of the span.
    pub utf16_end: usize,
}

impl Span {
    /// The span of the byte range `bytes` of `text`; both ends must be char boundaries.
    pub fn from_bytes(text: &str, bytes: Range<usize>) -> Span {
        let (char_start, utf16_start) = offsets(&text[..bytes.start]);
        let (chars, utf16) = offsets(&text[bytes.start..bytes.end]);
        Span {
            char_start,
            char_end: char_start + chars,
            utf16_start,
            utf16_end: utf16_start + utf16,
        }
    }

    /// Whether the span covers nothing (a place to insert text).
    pub fn is_empty(&self) -> bool {
        self.char_start == self.char_end
    }
}

fn offsets(text: &str) -> (usize, usize) {
    text.chars().fold((0, 0), |(chars, utf16), c| {
        (chars + 1, utf16 + c.len_utf16())
    })
}

/// A suggested fix: replace the finding's span with `replacement` (an empty
/// span means insert there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// The text to put in place of the span.
    pub replacement: String,
}

/// A finding's message as data, for the extension to say in the agent's
/// language: the key of its sentence in the message catalogue
/// (`extension/locales/*/tone.json`, `tone_…`) and the values of the
/// sentence's placeholders, `$1` first. The values are only the sentence's
/// variable parts (phrases, names, hosts, lists joined with `, `, the lead's
/// own words verbatim) and numbers, which each reader writes the way the
/// agent's language does.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Wording {
    /// The sentence's key in the catalogue (`tone_greeting_missing`).
    pub key: Cow<'static, str>,
    /// Its placeholders' values, in order (`["Hi Ana"]`).
    pub values: Vec<WordingValue>,
}

/// One value of a [`Wording`]: words shown as they are, or a number.
///
/// Serialised as a string, or a number as `{"number": "12.3"}`: written as
/// the English writes it (`.` before the decimals, no grouping), so a reader
/// knows how many decimals to show and writes it in the agent's language
/// (`12,3`, `١٢٫٣`, `63,206`). [`WordingValue::english`] gives the English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WordingValue {
    /// A phrase, a name, a host or a list, shown as it is.
    Text(String),
    /// A number: digits, an optional `-` and `.` before the decimals shown.
    Number {
        /// The number as the English writes it (`-0.45`, `280`).
        number: String,
    },
}

impl WordingValue {
    /// `value` shown with exactly `decimals` decimals.
    pub fn decimal(value: f64, decimals: usize) -> Self {
        WordingValue::Number {
            number: format!("{value:.decimals$}"),
        }
    }

    /// A count, a length or another whole number.
    pub fn whole(value: usize) -> Self {
        WordingValue::Number {
            number: value.to_string(),
        }
    }

    /// The value as the English says it: the text, or the number's digits.
    pub fn english(&self) -> &str {
        match self {
            WordingValue::Text(text) => text,
            WordingValue::Number { number } => number,
        }
    }
}

impl From<String> for WordingValue {
    fn from(text: String) -> Self {
        WordingValue::Text(text)
    }
}

impl From<&str> for WordingValue {
    fn from(text: &str) -> Self {
        WordingValue::Text(text.to_owned())
    }
}

/// One broken rule in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's id, as in the policy file.
    pub rule_id: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and how to fix it, for the agent, in English (the
    /// [`Wording`]'s sentence filled with its values).
    pub message: String,
    /// The same as a catalogue key and values, for the agent's language
    /// (empty in findings from before it existed).
    #[serde(default)]
    pub wording: Wording,
    /// Where in the draft.
    pub span: Span,
    /// The suggested fix, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_chars_and_utf16_units() {
        let text = "a😀é b";
        let start = text.find('b').unwrap();
        let span = Span::from_bytes(text, start..start + 1);
        assert_eq!((span.char_start, span.char_end), (4, 5));
        assert_eq!((span.utf16_start, span.utf16_end), (5, 6));
    }
}
