//! Style: shouting (the share of letters in ALL-CAPS words) and exclamation marks.

use super::{Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity, WordingValue};
use crate::tone::wording;
use serde::Deserialize;

/// `[style.caps]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapsConfig {
    /// Rule id; default `style.caps`.
    #[serde(default = "caps_id")]
    pub id: String,
    /// Largest share (0–1) of letters that may be in ALL-CAPS words of four letters or more.
    #[serde(default = "max_ratio")]
    pub max_ratio: f64,
    /// Drafts with fewer letters are not judged; default 12.
    #[serde(default = "min_letters")]
    pub min_letters: usize,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

/// `[style.exclamations]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclamationsConfig {
    /// Rule id; default `style.exclamations`.
    #[serde(default = "exclamations_id")]
    pub id: String,
    /// How many `!` a reply may have; default 1.
    #[serde(default = "one")]
    pub max: usize,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

fn caps_id() -> String {
    "style.caps".into()
}
fn exclamations_id() -> String {
    "style.exclamations".into()
}
fn max_ratio() -> f64 {
    0.3
}
fn min_letters() -> usize {
    12
}
fn one() -> usize {
    1
}
fn warn() -> Severity {
    Severity::Warn
}

/// The compiled caps rule.
pub struct CapsRule {
    header: RuleHeader,
    max_ratio: f64,
    min_letters: usize,
}

impl CapsConfig {
    /// Compiles the rule.
    pub fn compile(self) -> CapsRule {
        CapsRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            max_ratio: self.max_ratio,
            min_letters: self.min_letters,
        }
    }
}

/// The words of `text` (runs of letters, digits and apostrophes) with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '\'';
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn is_shouted(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// A shouted word in lower case, capitalised when it starts a sentence.
fn calm(text: &str, at: usize, word: &str) -> String {
    let before = text[..at].trim_end();
    let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '\n']);
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) if starts_sentence => first.to_uppercase().chain(chars).collect(),
        _ => lower,
    }
}

/// Whether a word is all capitals with at least two letters.
fn is_capitals(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && letters.all(char::is_uppercase)
}

impl Rule for CapsRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let text = draft.text;
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < self.min_letters {
            return;
        }
        let shouted: Vec<(usize, &str)> = words(text)
            .into_iter()
            .filter(|(_, word)| is_shouted(word))
            .collect();
        let shouted_letters: usize = shouted
            .iter()
            .map(|(_, word)| word.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        let ratio = shouted_letters as f64 / letters as f64;
        let (Some(first), Some(last)) = (shouted.first(), shouted.last()) else {
            return;
        };
        if ratio <= self.max_ratio {
            return;
        }
        // The stretch runs over whole runs of capitalised words around the shouting.
        let all_words = words(text);
        let run_edge = |index: usize, step: isize| {
            let mut at = index;
            while let Some(next) = at.checked_add_signed(step).filter(|&n| n < all_words.len()) {
                if !is_capitals(all_words[next].1) {
                    break;
                }
                at = next;
            }
            at
        };
        let first_index = all_words.iter().position(|w| w.0 == first.0).unwrap_or(0);
        let last_index = all_words.iter().rposition(|w| w.0 == last.0).unwrap_or(0);
        let (from, to) = (
            &all_words[run_edge(first_index, -1)],
            &all_words[run_edge(last_index, 1)],
        );
        let (start, end) = (from.0, to.0 + to.1.len());
        let mut fixed = String::new();
        let mut copied = start;
        for &(at, word) in all_words
            .iter()
            .filter(|(at, w)| (start..end).contains(at) && is_capitals(w))
        {
            fixed.push_str(&text[copied..at]);
            fixed.push_str(&calm(text, at, word));
            copied = at + word.len();
        }
        fixed.push_str(&text[copied..end]);
        let values = [
            WordingValue::decimal(ratio * 100.0, 0),
            WordingValue::decimal(self.max_ratio * 100.0, 0),
        ];
        out.push(draft.finding(&self.header, wording::CAPS, values, start..end, Some(fixed)));
    }
}

/// The compiled exclamations rule.
pub struct ExclamationsRule {
    header: RuleHeader,
    max: usize,
}

impl ExclamationsConfig {
    /// Compiles the rule.
    pub fn compile(self) -> ExclamationsRule {
        ExclamationsRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            max: self.max,
        }
    }
}

impl Rule for ExclamationsRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let text = draft.text;
        let marks: Vec<usize> = text.match_indices(['!', '！']).map(|(at, _)| at).collect();
        for &at in marks.iter().skip(self.max) {
            let mark_len = text[at..].chars().next().map_or(1, char::len_utf8);
            let follows_mark = text[..at].ends_with(['!', '！']);
            let fix = if follows_mark {
                String::new()
            } else {
                ".".into()
            };
            let values = [
                WordingValue::whole(marks.len()),
                WordingValue::whole(self.max),
            ];
            out.push(draft.finding(
                &self.header,
                wording::EXCLAMATIONS,
                values,
                at..at + mark_len,
                Some(fix),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_calm() {
        let found: Vec<&str> = words("WE'RE on it, 2 DAYS!")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(found, ["WE'RE", "on", "it", "2", "DAYS"]);
        assert_eq!(calm("Done. SORRY", 6, "SORRY"), "Sorry");
        assert_eq!(calm("I'm SORRY", 4, "SORRY"), "sorry");
        assert!(is_capitals("WE") && !is_capitals("A") && !is_capitals("We"));
        assert!(is_shouted("WE'RE") && !is_shouted("DM") && !is_shouted("Sorry"));
    }
}
