//! The rule kinds of a tone policy, one module each. Every rule kind has a
//! configuration read from the policy file, compiled once into a rule that
//! checks drafts.

pub mod emoji;
pub mod length;
pub mod links;
pub mod privacy;
pub mod promises;
pub mod readability;
pub mod required;
pub mod sentiment;
pub mod style;
pub mod terms;

use super::context::ReplyContext;
use super::finding::{Finding, Fix, Severity, Span};
use super::policy::PolicyError;
use crate::model::Platform;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Who will see the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// A public reply or comment, visible to everyone.
    #[default]
    Public,
    /// A direct or private message.
    Private,
}

/// A draft being checked, with what the rules need to know around it.
pub struct Draft<'a> {
    /// The reply's text.
    pub text: &'a str,
    /// Where it will be posted.
    pub platform: Platform,
    /// Who will see it.
    pub audience: Audience,
    /// The customer, agent and ticket.
    pub context: &'a ReplyContext,
    /// Whether the customer's message is negative (so empathy is due).
    pub customer_is_negative: bool,
}

impl Draft<'_> {
    /// A finding of `rule` over the byte range `bytes` of the draft.
    pub fn finding(
        &self,
        rule: &RuleHeader,
        message: String,
        bytes: Range<usize>,
        fix: Option<String>,
    ) -> Finding {
        Finding {
            rule_id: rule.id.clone(),
            severity: rule.severity,
            message,
            span: Span::from_bytes(self.text, bytes),
            fix: fix.map(|replacement| Fix { replacement }),
        }
    }
}

/// The id and severity every rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHeader {
    /// The rule's id, reported in findings.
    pub id: String,
    /// The severity of its findings.
    pub severity: Severity,
}

/// A compiled rule.
pub trait Rule: Send + Sync {
    /// Appends the rule's findings on `draft` to `out`.
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>);
}

/// The reply's or the customer's sentiment, from the care intelligence.
pub fn compound_sentiment(text: &str) -> f64 {
    crate::sentiment::polarity_scores(text).compound
}

/// Whether a customer's message reads as negative.
pub fn is_negative(text: &str) -> bool {
    crate::sentiment::Label::from_compound(compound_sentiment(text))
        == crate::sentiment::Label::Negative
}

/// A whole-word, case-insensitive pattern for `phrase` that also matches the
/// common English inflections of its last word (refund → refunds, refunded,
/// refunding; cancel → cancelled; blame → blaming).
pub fn phrase_pattern(phrase: &str, inflections: bool) -> String {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let Some((last, leading)) = words.split_last() else {
        return String::new();
    };
    let mut pattern = String::from(r"(?i)\b");
    for word in leading {
        pattern.push_str(&regex::escape(word));
        pattern.push_str(r"\s+");
    }
    let escaped = regex::escape(last);
    let ends_in_letter = last.chars().last().is_some_and(char::is_alphabetic);
    if inflections && ends_in_letter {
        let mut forms = vec![format!("{escaped}(?:s|es|d|ed|ing|er|ers)?")];
        if let Some(stem) = last.strip_suffix('e') {
            forms.push(format!("{}ing", regex::escape(stem)));
        }
        if let Some(stem) = last.strip_suffix('y') {
            forms.push(format!("{}(?:ies|ied)", regex::escape(stem)));
        }
        let final_char = last.chars().last().map(String::from).unwrap_or_default();
        forms.push(format!("{escaped}{}(?:ed|ing)", regex::escape(&final_char)));
        pattern.push_str(&format!("(?:{})", forms.join("|")));
    } else {
        pattern.push_str(&escaped);
    }
    // `\b` only works after a word character.
    if ends_in_letter || last.chars().last().is_some_and(char::is_alphanumeric) {
        pattern.push_str(r"\b");
    }
    pattern
}

/// Compiles `phrase_pattern(phrase)`, failing with the phrase's position in
/// the policy file.
pub fn phrase_regex(
    source: &str,
    phrase: &toml::Spanned<String>,
    inflections: bool,
) -> Result<Regex, PolicyError> {
    if phrase.get_ref().trim().is_empty() {
        return Err(PolicyError::at(
            source,
            phrase.span(),
            "a phrase may not be empty",
        ));
    }
    Regex::new(&phrase_pattern(phrase.get_ref(), inflections))
        .map_err(|error| PolicyError::at(source, phrase.span(), &format!("bad phrase: {error}")))
}

/// `replacement` with its first letter capitalised when `matched` starts with a capital.
pub fn match_case(matched: &str, replacement: &str) -> String {
    let starts_upper = matched.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}

/// A readable id from a phrase (`never happen again` → `never-happen-again`).
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_lowercase());
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_pattern_matches_inflections_whole_words_only() {
        let refund = Regex::new(&phrase_pattern("refund", true)).unwrap();
        for text in ["Refund", "refunds", "REFUNDED", "refunding"] {
            assert!(refund.is_match(text), "{text}");
        }
        assert!(!refund.is_match("refundable"));
        let cancel = Regex::new(&phrase_pattern("cancel", true)).unwrap();
        assert!(cancel.is_match("we cancelled it"));
        let blame = Regex::new(&phrase_pattern("blame", true)).unwrap();
        assert!(blame.is_match("blaming"));
        let phrase = Regex::new(&phrase_pattern("never happen again", true)).unwrap();
        assert!(phrase.is_match("It will NEVER  happen again."));
        let exact = Regex::new(&phrase_pattern("refund", false)).unwrap();
        assert!(!exact.is_match("refunds"));
    }

    #[test]
    fn match_case_and_slug() {
        assert_eq!(match_case("Unfortunately", "sadly"), "Sadly");
        assert_eq!(match_case("unfortunately", "sadly"), "sadly");
        assert_eq!(slug("Never happen again!"), "never-happen-again");
    }
}
