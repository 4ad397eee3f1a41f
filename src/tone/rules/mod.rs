//! The rule kinds of a tone policy, one module each. Every rule kind has a
//! configuration read from the policy file, compiled once into a rule that
//! checks drafts.

pub mod emoji;
pub mod length;
pub mod links;
pub mod pattern_classes;
pub mod privacy;
pub mod promises;
pub mod readability;
pub mod required;
pub mod sentiment;
pub mod style;
pub mod terms;

use super::context::ReplyContext;
use super::finding::{Finding, Fix, Severity, Span, WordingValue};
use super::policy::PolicyError;
use super::urls::{find_urls, FoundUrl};
use super::wording::Sentence;
use crate::model::Platform;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
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

impl Audience {
    /// The audience of a public reply (`true`) or a private message.
    pub fn of(public: bool) -> Audience {
        if public {
            Audience::Public
        } else {
            Audience::Private
        }
    }
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
    /// The draft's URLs, found once for every rule that needs them.
    pub urls: OnceCell<Vec<FoundUrl>>,
}

impl Draft<'_> {
    /// The URLs in the draft.
    pub fn urls(&self) -> &[FoundUrl] {
        self.urls.get_or_init(|| find_urls(self.text))
    }

    /// A finding of `rule` over the byte range `bytes` of the draft, worded
    /// as `sentence` with `values` (its English message and its wording
    /// for the catalogue both).
    pub fn finding(
        &self,
        rule: &RuleHeader,
        sentence: Sentence,
        values: impl IntoIterator<Item = impl Into<WordingValue>>,
        bytes: Range<usize>,
        fix: Option<String>,
    ) -> Finding {
        let values: Vec<WordingValue> = values.into_iter().map(Into::into).collect();
        Finding {
            rule_id: rule.id.clone(),
            severity: rule.severity,
            message: sentence.english_with(&values),
            wording: sentence.wording(values),
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

/// The reply's or the customer's sentiment, from the care intelligence
/// (VADER's compound score; with the `host-sentiment` feature in
/// WebAssembly, the host's, [`super::host_sentiment`]).
pub fn compound_sentiment(text: &str) -> f64 {
    #[cfg(all(feature = "host-sentiment", target_arch = "wasm32"))]
    return super::host_sentiment::compound(text);
    #[cfg(not(all(feature = "host-sentiment", target_arch = "wasm32")))]
    crate::sentiment::polarity_scores(text).compound
}

/// Whether a customer's message reads as negative.
pub fn is_negative(text: &str) -> bool {
    crate::sentiment::Label::from_compound(compound_sentiment(text))
        == crate::sentiment::Label::Negative
}

/// A case-insensitive pattern (without flags or word boundaries) for
/// `phrase` that also matches the common English inflections of its last
/// word (refund → refunds, refunded, refunding; cancel → cancelled; blame →
/// blaming). Whole words are enforced by [`PhraseSet`].
pub fn phrase_pattern(phrase: &str, inflections: bool) -> String {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let Some((last, leading)) = words.split_last() else {
        return String::new();
    };
    let mut pattern = String::new();
    for word in leading {
        pattern.push_str(&regex::escape(word));
        pattern.push_str(r"\s+");
    }
    let escaped = regex::escape(last);
    let ends_in_letter = last.chars().last().is_some_and(char::is_alphabetic);
    if inflections && ends_in_letter {
        // Longest forms first: the regex takes the first alternative that
        // matches, and whole words are checked after it.
        let final_char = last.chars().last().map(String::from).unwrap_or_default();
        let mut forms = vec![format!("{escaped}{}(?:ing|ed)", regex::escape(&final_char))];
        if let Some(stem) = last.strip_suffix('y') {
            forms.push(format!("{}(?:ies|ied)", regex::escape(stem)));
        }
        if let Some(stem) = last.strip_suffix('e') {
            forms.push(format!("{}ing", regex::escape(stem)));
        }
        forms.push(format!("{escaped}(?:ers|er|ing|ed|es|s|d)?"));
        pattern.push_str(&format!("(?:{})", forms.join("|")));
    } else {
        pattern.push_str(&escaped);
    }
    pattern
}

/// Whether `range` of `text` stands as whole words: no letter or digit glued
/// to either end (when that end is itself a letter or digit).
pub fn is_whole_words(text: &str, range: &Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let glued_before = matched.chars().next().is_some_and(char::is_alphanumeric)
        && text[..range.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let glued_after = matched
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && text[range.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    !glued_before && !glued_after
}

/// Many phrases matched in one pass: whole words, case-insensitive, longest
/// phrase first where two start at the same place. Word boundaries are
/// checked in Rust rather than in the pattern, which keeps the regex on its
/// fast engines even when the draft holds emoji or accents.
pub struct PhraseSet {
    regex: Regex,
}

impl PhraseSet {
    /// Compiles phrases, each with whether its inflections match too,
    /// failing with the position of an empty phrase in the policy file.
    pub fn new(
        source: &str,
        phrases: &[(&toml::Spanned<String>, bool)],
    ) -> Result<PhraseSet, PolicyError> {
        let mut alternatives = Vec::new();
        for (index, &(phrase, inflections)) in phrases.iter().enumerate() {
            if phrase.get_ref().trim().is_empty() {
                return Err(PolicyError::at(
                    source,
                    phrase.span(),
                    "a phrase may not be empty",
                ));
            }
            let pattern = phrase_pattern(phrase.get_ref(), inflections);
            alternatives.push((phrase.get_ref().chars().count(), index, pattern));
        }
        // Longest first, so "not our fault" wins over "not" at the same place.
        alternatives.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let groups: Vec<String> = alternatives
            .iter()
            .map(|(_, index, alternative)| format!("(?P<p{index}>{alternative})"))
            .collect();
        let regex = Regex::new(&format!("(?i){}", groups.join("|"))).map_err(|error| {
            PolicyError::without_position(&format!("phrases too complex: {error}"))
        })?;
        Ok(PhraseSet { regex })
    }

    /// Every whole-word match in `text`: (index of the phrase, byte range).
    pub fn find_all(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        for captures in self.regex.captures_iter(text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            if !is_whole_words(text, &whole.range()) {
                continue;
            }
            let index =
                self.regex
                    .capture_names()
                    .zip(captures.iter())
                    .find_map(|(name, group)| {
                        group?;
                        name?.strip_prefix('p')?.parse::<usize>().ok()
                    });
            if let Some(index) = index {
                found.push((index, whole.range()));
            }
        }
        found
    }

    /// Whether any phrase occurs as whole words in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex
            .find_iter(text)
            .any(|found| is_whole_words(text, &found.range()))
    }
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

    fn set(phrases: &[&str]) -> PhraseSet {
        let spanned: Vec<toml::Spanned<String>> = phrases
            .iter()
            .map(|p| toml::Spanned::new(0..0, (*p).to_owned()))
            .collect();
        let refs: Vec<(&toml::Spanned<String>, bool)> = spanned.iter().map(|p| (p, true)).collect();
        PhraseSet::new("", &refs).unwrap()
    }

    #[test]
    fn phrases_match_inflections_as_whole_words_only() {
        let refund = set(&["refund"]);
        for text in ["Refund", "refunds", "REFUNDED", "refunding", "😀refund!"] {
            assert!(refund.is_match(text), "{text}");
        }
        assert!(!refund.is_match("refundable") && !refund.is_match("nonrefund"));
        assert!(set(&["cancel"]).is_match("we cancelled it"));
        assert!(set(&["blame"]).is_match("blaming"));
        assert!(set(&["never happen again"]).is_match("It will NEVER  happen again."));
        let exact = Regex::new(&format!("(?i)^{}$", phrase_pattern("refund", false))).unwrap();
        assert!(!exact.is_match("refunds"));
    }

    #[test]
    fn longest_phrase_wins_and_indices_follow_the_file() {
        let phrases = set(&["not", "not our fault", "fault"]);
        let text = "It's not our fault, not mine.";
        let found: Vec<(usize, &str)> = phrases
            .find_all(text)
            .into_iter()
            .map(|(i, r)| (i, &text[r]))
            .collect();
        assert_eq!(found, [(1, "not our fault"), (0, "not")]);
    }

    #[test]
    fn match_case_and_slug() {
        assert_eq!(match_case("Unfortunately", "sadly"), "Sadly");
        assert_eq!(match_case("unfortunately", "sadly"), "sadly");
        assert_eq!(slug("Never happen again!"), "never-happen-again");
    }
}
