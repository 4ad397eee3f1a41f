//! Terms: banned words and phrases with suggested replacements, and preferred
//! terms (`use` this `instead_of` those). Whole-word, case-insensitive, with
//! inflections.

use super::{match_case, phrase_regex, slug, Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::policy::PolicyError;
use regex::Regex;
use serde::Deserialize;

/// `[[terms.banned]]`: a word or phrase agents must not use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BannedTermConfig {
    /// Rule id; defaults to `terms.banned.<phrase>`.
    pub id: Option<String>,
    /// The banned word or phrase.
    pub phrase: toml::Spanned<String>,
    /// What to write instead, if anything.
    pub replacement: Option<String>,
    /// Why it is banned, shown to the agent.
    pub why: Option<String>,
    /// Whether inflections (`refunds`, `refunded`) match too; default true.
    #[serde(default = "yes")]
    pub inflections: bool,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

/// `[[terms.preferred]]`: the house term and the words it replaces.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferredTermConfig {
    /// Rule id; defaults to `terms.preferred.<use>`.
    pub id: Option<String>,
    /// The preferred term.
    #[serde(rename = "use")]
    pub preferred: String,
    /// The words or phrases it replaces.
    pub instead_of: Vec<toml::Spanned<String>>,
    /// Whether inflections match too; default true.
    #[serde(default = "yes")]
    pub inflections: bool,
    /// Default `info`.
    #[serde(default = "info")]
    pub severity: Severity,
}

/// `[terms]`: the banned and preferred terms.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsConfig {
    /// Banned words and phrases.
    #[serde(default)]
    pub banned: Vec<BannedTermConfig>,
    /// Preferred terms.
    #[serde(default)]
    pub preferred: Vec<PreferredTermConfig>,
}

fn yes() -> bool {
    true
}
fn warn() -> Severity {
    Severity::Warn
}
fn info() -> Severity {
    Severity::Info
}

/// One compiled term: a pattern and what to say and suggest when it matches.
pub struct TermRule {
    header: RuleHeader,
    pattern: Regex,
    replacement: Option<String>,
    message: String,
}

impl TermsConfig {
    /// Compiles every term into its own rule.
    pub fn compile(self, source: &str) -> Result<Vec<TermRule>, PolicyError> {
        let mut rules = Vec::new();
        for banned in self.banned {
            let phrase = banned.phrase.get_ref().clone();
            let mut message = format!("Avoid “{phrase}”");
            if let Some(why) = &banned.why {
                message.push_str(&format!(": {why}"));
            }
            if let Some(replacement) = &banned.replacement {
                message.push_str(&format!(". Try “{replacement}”."));
            }
            rules.push(TermRule {
                header: RuleHeader {
                    id: banned
                        .id
                        .unwrap_or_else(|| format!("terms.banned.{}", slug(&phrase))),
                    severity: banned.severity,
                },
                pattern: phrase_regex(source, &banned.phrase, banned.inflections)?,
                replacement: banned.replacement,
                message,
            });
        }
        for preferred in self.preferred {
            let id = preferred
                .id
                .unwrap_or_else(|| format!("terms.preferred.{}", slug(&preferred.preferred)));
            for (index, avoided) in preferred.instead_of.iter().enumerate() {
                let suffix = if index == 0 {
                    String::new()
                } else {
                    format!(".{}", index + 1)
                };
                rules.push(TermRule {
                    header: RuleHeader {
                        id: format!("{id}{suffix}"),
                        severity: preferred.severity,
                    },
                    pattern: phrase_regex(source, avoided, preferred.inflections)?,
                    replacement: Some(preferred.preferred.clone()),
                    message: format!(
                        "We say “{}” rather than “{}”.",
                        preferred.preferred,
                        avoided.get_ref()
                    ),
                });
            }
        }
        Ok(rules)
    }
}

impl Rule for TermRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        for found in self.pattern.find_iter(draft.text) {
            let fix = self
                .replacement
                .as_deref()
                .map(|r| match_case(found.as_str(), r));
            out.push(draft.finding(&self.header, self.message.clone(), found.range(), fix));
        }
    }
}
