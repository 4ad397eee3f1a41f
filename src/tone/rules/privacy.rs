//! The public-reply guard: personal data in a public reply (emails, phone
//! numbers, card numbers that pass the Luhn check, and order or account
//! numbers matching the team's patterns) belongs in a private message.

use super::pattern_classes::unsupported_class;
use super::{slug, Audience, Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::policy::PolicyError;
use crate::tone::wording::{self, Sentence};
use regex::Regex;
use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;

/// `[[privacy.patterns]]`: one of the team's identifiers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternConfig {
    /// What it is (`order number`); the rule id is `privacy.<name>`.
    pub name: String,
    /// A regular expression (Rust `regex` syntax) matching it.
    pub pattern: toml::Spanned<String>,
}

/// `[privacy]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Flag email addresses; default true.
    #[serde(default = "yes")]
    pub emails: bool,
    /// Flag phone numbers (7 to 15 digits); default true.
    #[serde(default = "yes")]
    pub phones: bool,
    /// Flag card numbers (13 to 19 digits passing Luhn); default true.
    #[serde(default = "yes")]
    pub cards: bool,
    /// The team's own identifiers.
    #[serde(default)]
    pub patterns: Vec<PatternConfig>,
    /// Default `block`.
    #[serde(default = "block")]
    pub severity: Severity,
}

fn yes() -> bool {
    true
}
fn block() -> Severity {
    Severity::Block
}

/// How a kind of personal data is recognised.
enum Detector {
    /// Any match of the pattern.
    Pattern(Regex),
    /// Digit runs of 13 to 19 digits passing the Luhn check.
    Card,
    /// Digit runs of 7 to 15 digits that are not dates.
    Phone,
    /// Email addresses.
    Email,
}

struct Detection {
    header: RuleHeader,
    /// What a finding says: the kind's own sentence, or a team pattern's
    /// with its name.
    sentence: Sentence,
    values: Vec<String>,
    detector: Detector,
}

/// The compiled public-reply guard.
pub struct PrivacyRule {
    detections: Vec<Detection>,
}

fn static_regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern is valid"))
}

fn email_regex() -> &'static Regex {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    static_regex(
        &EMAIL,
        r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b",
    )
}

/// The email addresses in `text`, as byte ranges. The pattern, whose
/// Unicode `\b` makes it slow on a text with emoji, runs only on each run
/// between the ASCII characters no address has (all but letters, digits and
/// `._%+-@`; non-ASCII characters stay in, as `(?i)` folds `ſ` and `K` into
/// its letters) that holds an `@`, with the character on each side, which
/// its `\b` reads. An address never spans one of those characters, so it
/// finds the same addresses as on the whole text.
fn find_emails(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    for end in 0..=bytes.len() {
        let outside = bytes.get(end).is_none_or(|&byte| {
            byte.is_ascii() && !(byte.is_ascii_alphanumeric() || b"._%+-@".contains(&byte))
        });
        if !outside {
            continue;
        }
        if bytes[start..end].contains(&b'@') {
            // The run with the (ASCII, one-byte) character on each side.
            let window = start.saturating_sub(1)..(end + 1).min(bytes.len());
            let matches = email_regex().find_iter(&text[window.clone()]);
            found.extend(matches.map(|m| window.start + m.start()..window.start + m.end()));
        }
        start = end + 1;
    }
    found
}

fn card_regex() -> &'static Regex {
    static CARD: OnceLock<Regex> = OnceLock::new();
    static_regex(&CARD, r"(?-u)\b[0-9](?:[ -]?[0-9]){12,18}\b")
}

fn phone_regex() -> &'static Regex {
    static PHONE: OnceLock<Regex> = OnceLock::new();
    static_regex(
        &PHONE,
        r"(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}\b",
    )
}

fn date_regex() -> &'static Regex {
    static DATE: OnceLock<Regex> = OnceLock::new();
    static_regex(&DATE, r"^\d{4}-\d{2}-\d{2}$|^\d{2}[./-]\d{2}[./-]\d{4}$")
}

/// Whether a digit string passes the Luhn checksum.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (index, c) in digits.chars().rev().enumerate() {
        let Some(mut digit) = c.to_digit(10) else {
            return false;
        };
        if index % 2 == 1 {
            digit *= 2;
            if digit > 9 {
                digit -= 9;
            }
        }
        sum += digit;
    }
    !digits.is_empty() && sum % 10 == 0
}

fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

impl Detector {
    fn find(&self, text: &str) -> Vec<Range<usize>> {
        // Cheap tests first: most replies have no `@` and few digits.
        let digits = || text.bytes().filter(u8::is_ascii_digit).count();
        match self {
            Detector::Email if !text.contains('@') => Vec::new(),
            Detector::Card if digits() < 13 => Vec::new(),
            Detector::Phone if digits() < 7 => Vec::new(),
            Detector::Pattern(pattern) => pattern.find_iter(text).map(|m| m.range()).collect(),
            Detector::Email => find_emails(text),
            Detector::Card => card_regex()
                .find_iter(text)
                .filter(|m| luhn_valid(&digits_of(m.as_str())))
                .map(|m| m.range())
                .collect(),
            Detector::Phone => phone_regex()
                .find_iter(text)
                .filter(|m| (7..=15).contains(&digits_of(m.as_str()).len()))
                .filter(|m| !date_regex().is_match(m.as_str()))
                .map(|m| m.range())
                .collect(),
        }
    }
}

impl PrivacyConfig {
    /// Compiles the team's patterns; the built-in detectors come after them,
    /// so a team pattern wins when both match the same text.
    pub fn compile(self, source: &str) -> Result<PrivacyRule, PolicyError> {
        let header = |kind: &str| RuleHeader {
            id: format!("privacy.{kind}"),
            severity: self.severity,
        };
        let mut detections = Vec::new();
        for pattern in &self.patterns {
            if let Some(unsupported) = unsupported_class(pattern.pattern.get_ref()) {
                return Err(PolicyError::at(
                    source,
                    pattern.pattern.span(),
                    &format!(
                        "bad pattern: {} is not supported: a pattern may use the general categories \
                         (\\p{{L}}, \\p{{Lu}}, \\p{{Nd}}…) and \\w, \\d, \\s, \\b, not scripts, ages, \
                         binary properties or segmentation classes",
                        unsupported.class
                    ),
                ));
            }
            let regex = Regex::new(pattern.pattern.get_ref()).map_err(|error| {
                PolicyError::at(
                    source,
                    pattern.pattern.span(),
                    &format!("bad pattern: {error}"),
                )
            })?;
            detections.push(Detection {
                header: header(&slug(&pattern.name)),
                sentence: wording::PRIVACY_PATTERN,
                values: vec![pattern.name.clone()],
                detector: Detector::Pattern(regex),
            });
        }
        let built_in = [
            (self.cards, "card", wording::PRIVACY_CARD, Detector::Card),
            (
                self.emails,
                "email",
                wording::PRIVACY_EMAIL,
                Detector::Email,
            ),
            (
                self.phones,
                "phone",
                wording::PRIVACY_PHONE,
                Detector::Phone,
            ),
        ];
        for (enabled, kind, sentence, detector) in built_in {
            if enabled {
                detections.push(Detection {
                    header: header(kind),
                    sentence,
                    values: Vec::new(),
                    detector,
                });
            }
        }
        Ok(PrivacyRule { detections })
    }
}

impl PrivacyRule {
    /// How many kinds of personal data the guard looks for.
    pub fn len(&self) -> usize {
        self.detections.len()
    }

    /// Whether the guard looks for nothing.
    pub fn is_empty(&self) -> bool {
        self.detections.is_empty()
    }
}

impl Rule for PrivacyRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        if draft.audience != Audience::Public {
            return;
        }
        let mut taken: Vec<Range<usize>> = Vec::new();
        for detection in &self.detections {
            for range in detection.detector.find(draft.text) {
                if taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
                {
                    continue;
                }
                out.push(draft.finding(
                    &detection.header,
                    detection.sentence,
                    detection.values.clone(),
                    range.clone(),
                    None,
                ));
                taken.push(range);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_real_card_numbers_only() {
        assert!(luhn_valid("4111111111111111"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(!luhn_valid(""));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// The email pattern finds the same addresses in the windows around `@` as in the whole text.
        #[test]
        fn email_windows_find_what_a_whole_scan_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "kim", "@", "acme", ".com", ".", "-", "_", "%", "+", "1", " ", "\n", ",", "<", ">", "(",
                "é", "ſ", "\u{212A}", "🙂", "\u{301}", "例", "A", "Z",
            ]), 0..20)
        ) {
            let text = parts.concat();
            let whole: Vec<Range<usize>> = email_regex().find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(find_emails(&text), whole);
        }
    }

    #[test]
    fn phone_detector_skips_dates_and_short_numbers() {
        let found = Detector::Phone.find("call +1 (415) 555-0134 by 2026-12-01, ref 1234");
        assert_eq!(found.len(), 1);
    }
}
