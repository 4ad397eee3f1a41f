//! Promises and liability: phrases such as “guarantee”, “never happen again”
//! or “full refund” that commit the company, flagged per the lead's list.

use super::{match_case, phrase_regex, slug, Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::policy::PolicyError;
use regex::Regex;
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
    patterns: Vec<(String, Regex)>,
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
        let mut patterns = Vec::new();
        for phrase in &self.phrases {
            patterns.push((
                phrase.get_ref().clone(),
                phrase_regex(source, phrase, true)?,
            ));
        }
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
            patterns,
            advice: self.advice,
            replacement: self.replacement,
        })
    }
}

impl Rule for PromiseRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        for (phrase, pattern) in &self.patterns {
            for found in pattern.find_iter(draft.text) {
                let mut message = format!("“{phrase}” is a promise we may not be able to keep");
                match &self.advice {
                    Some(advice) => message.push_str(&format!(": {advice}")),
                    None => message.push('.'),
                }
                let fix = self
                    .replacement
                    .as_deref()
                    .map(|r| match_case(found.as_str(), r));
                out.push(draft.finding(&self.header, message, found.range(), fix));
            }
        }
    }
}
