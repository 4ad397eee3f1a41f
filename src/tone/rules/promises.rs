//! Promises and liability: phrases such as “guarantee”, “never happen again”
//! or “full refund” that commit the company, flagged per the lead's list.

use super::{match_case, slug, Draft, PhraseSet, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::policy::PolicyError;
use crate::tone::wording;
use serde::Deserialize;

/// `[[promises]]`: one or more phrases that promise too much.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseConfig {
    /// Rule id; defaults to `promises.<first phrase>`.
    pub id: Option<String>,
    /// The phrases flagged.
    pub phrases: Vec<toml::Spanned<String>>,
    /// What the agent should do instead, shown in the finding.
    pub advice: Option<String>,
    /// A safer wording to put in place of the phrase.
    pub replacement: Option<String>,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

fn warn() -> Severity {
    Severity::Warn
}

/// A compiled promise rule.
pub struct PromiseRule {
    header: RuleHeader,
    phrases: Vec<String>,
    matcher: PhraseSet,
    advice: Option<String>,
    replacement: Option<String>,
}

impl PromiseConfig {
    /// Compiles the phrases.
    pub fn compile(self, source: &str, position: usize) -> Result<PromiseRule, PolicyError> {
        let first = self
            .phrases
            .first()
            .map(|p| slug(p.get_ref()))
            .unwrap_or_default();
        let spanned: Vec<(&toml::Spanned<String>, bool)> =
            self.phrases.iter().map(|p| (p, true)).collect();
        let matcher = PhraseSet::new(source, &spanned)?;
        let phrases = self.phrases.iter().map(|p| p.get_ref().clone()).collect();
        let id = self.id.unwrap_or_else(|| {
            if first.is_empty() {
                format!("promises.{}", position + 1)
            } else {
                format!("promises.{first}")
            }
        });
        Ok(PromiseRule {
            header: RuleHeader {
                id,
                severity: self.severity,
            },
            phrases,
            matcher,
            advice: self.advice,
            replacement: self.replacement,
        })
    }
}

impl Rule for PromiseRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        for (index, range) in self.matcher.find_all(draft.text) {
            let phrase = &self.phrases[index];
            let (sentence, values) = match &self.advice {
                Some(advice) => (
                    wording::PROMISE_ADVICE,
                    vec![phrase.clone(), advice.clone()],
                ),
                None => (wording::PROMISE, vec![phrase.clone()]),
            };
            let matched = &draft.text[range.clone()];
            let fix = self.replacement.as_deref().map(|r| match_case(matched, r));
            out.push(draft.finding(&self.header, sentence, values, range, fix));
        }
    }
}
