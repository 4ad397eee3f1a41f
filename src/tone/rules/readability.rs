//! Readability: the Flesch–Kincaid grade level of an English reply, against
//! the lead's highest grade.

use super::{Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity, WordingValue};
use crate::tone::wording;
use serde::Deserialize;

/// `[style.readability]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadabilityConfig {
    /// Rule id; default `style.readability`.
    #[serde(default = "readability_id")]
    pub id: String,
    /// Highest Flesch–Kincaid grade allowed; default 9.
    #[serde(default = "max_grade")]
    pub max_grade: f64,
    /// Shorter replies are not judged; default 12 words.
    #[serde(default = "min_words")]
    pub min_words: usize,
    /// Default `info`.
    #[serde(default = "info")]
    pub severity: Severity,
}

fn readability_id() -> String {
    "style.readability".into()
}
fn max_grade() -> f64 {
    9.0
}
fn min_words() -> usize {
    12
}
fn info() -> Severity {
    Severity::Info
}

/// The compiled readability rule.
pub struct ReadabilityRule {
    header: RuleHeader,
    max_grade: f64,
    min_words: usize,
}

impl ReadabilityConfig {
    /// Compiles the rule.
    pub fn compile(self) -> ReadabilityRule {
        ReadabilityRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            max_grade: self.max_grade,
            min_words: self.min_words,
        }
    }
}

/// Syllables in an English word, by vowel groups (a silent final `e` dropped).
pub fn syllables(word: &str) -> usize {
    let lower = word.to_lowercase();
    let mut count = 0;
    let mut previous_vowel = false;
    for c in lower.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    if lower.ends_with('e') && !lower.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// The Flesch–Kincaid grade of `text` and its word count; words are runs of
/// ASCII letters, sentences end with `.`, `!`, `?` or a line break.
pub fn flesch_kincaid_grade(text: &str) -> (f64, usize) {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .filter(|word| word.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    let sentences = text
        .split(['.', '!', '?', '\n'])
        .filter(|sentence| sentence.chars().any(char::is_alphabetic))
        .count()
        .max(1);
    let word_count = words.len().max(1);
    let syllable_count: usize = words.iter().map(|word| syllables(word)).sum();
    let grade = 0.39 * word_count as f64 / sentences as f64
        + 11.8 * syllable_count as f64 / word_count as f64
        - 15.59;
    (grade, words.len())
}

/// Whether most letters are ASCII: the grade formula only means something
/// for English (and close) text.
fn reads_as_english(text: &str) -> bool {
    let (ascii, all) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(ascii, all), c| {
            (ascii + usize::from(c.is_ascii()), all + 1)
        });
    ascii * 10 >= all * 9
}

impl Rule for ReadabilityRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        if !reads_as_english(draft.text) {
            return;
        }
        let (grade, words) = flesch_kincaid_grade(draft.text);
        if words < self.min_words || grade <= self.max_grade {
            return;
        }
        let values = [
            WordingValue::decimal(grade, 1),
            WordingValue::decimal(self.max_grade, 0),
        ];
        out.push(draft.finding(
            &self.header,
            wording::READABILITY,
            values,
            0..draft.text.len(),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_syllables_and_grades() {
        assert_eq!(syllables("cat"), 1);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("refund"), 2);
        let (simple, _) =
            flesch_kincaid_grade("We fixed it. Thanks for the wait. Have a good day.");
        let (dense, _) = flesch_kincaid_grade(
            "Notwithstanding the aforementioned considerations, reimbursement eligibility determinations necessitate comprehensive documentation verification procedures.",
        );
        assert!(simple < 3.0 && dense > 15.0, "{simple} {dense}");
        assert!(reads_as_english("Plain words, café."));
        assert!(!reads_as_english("Отправим заказ завтра утром."));
    }
}
