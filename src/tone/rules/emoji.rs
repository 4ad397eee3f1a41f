//! Emoji policy: allow emoji, limit how many, or forbid them.

use super::{Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity, WordingValue};
use crate::tone::length::{graphemes, is_emoji};
use crate::tone::wording;
use serde::Deserialize;

/// What the lead allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmojiPolicy {
    /// Any number of emoji.
    Allow,
    /// At most `max` emoji.
    Limit,
    /// No emoji at all.
    Forbid,
}

/// `[style.emoji]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmojiConfig {
    /// Rule id; default `style.emoji`.
    #[serde(default = "emoji_id")]
    pub id: String,
    /// `allow`, `limit` or `forbid`.
    pub policy: EmojiPolicy,
    /// The most emoji with `policy = "limit"`; default 1.
    #[serde(default = "one")]
    pub max: usize,
    /// Default `info`.
    #[serde(default = "info")]
    pub severity: Severity,
}

fn emoji_id() -> String {
    "style.emoji".into()
}
fn one() -> usize {
    1
}
fn info() -> Severity {
    Severity::Info
}

/// The compiled emoji rule.
pub struct EmojiRule {
    header: RuleHeader,
    allowed: Option<usize>,
}

impl EmojiConfig {
    /// Compiles the rule.
    pub fn compile(self) -> EmojiRule {
        let allowed = match self.policy {
            EmojiPolicy::Allow => None,
            EmojiPolicy::Limit => Some(self.max),
            EmojiPolicy::Forbid => Some(0),
        };
        EmojiRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            allowed,
        }
    }
}

impl Rule for EmojiRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let Some(allowed) = self.allowed else {
            return;
        };
        if draft.text.is_ascii() {
            return;
        }
        let emoji: Vec<(usize, &str)> = graphemes(draft.text)
            .into_iter()
            .filter(|(_, g)| !g.is_ascii() && is_emoji(g))
            .collect();
        for &(at, grapheme) in emoji.iter().skip(allowed) {
            let (sentence, values) = if allowed == 0 {
                (wording::EMOJI_NONE, Vec::new())
            } else {
                (
                    wording::EMOJI_LIMIT,
                    vec![
                        WordingValue::whole(emoji.len()),
                        WordingValue::whole(allowed),
                    ],
                )
            };
            out.push(draft.finding(
                &self.header,
                sentence,
                values,
                at..at + grapheme.len(),
                Some(String::new()),
            ));
        }
    }
}
