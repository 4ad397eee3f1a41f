//! Terms: banned words and phrases with suggested replacements, and preferred
//! terms (`use` this `instead_of` those). Whole-word, case-insensitive, with
//! inflections; all terms are matched in one pass.

use super::{match_case, slug, Draft, PhraseSet, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::policy::PolicyError;
use crate::tone::wording::{self, Sentence};
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

/// What to report when one term matches.
struct Term {
    header: RuleHeader,
    replacement: Option<String>,
    sentence: Sentence,
    values: Vec<String>,
}

/// Every term of the policy, compiled into one pass over the draft.
pub struct TermsRule {
    phrases: PhraseSet,
    terms: Vec<Term>,
}

impl TermsConfig {
    /// Compiles every term; `None` when there are none.
    pub fn compile(self, source: &str) -> Result<Option<TermsRule>, PolicyError> {
        let mut terms = Vec::new();
        let mut phrases = Vec::new();
        for banned in &self.banned {
            let phrase = banned.phrase.get_ref();
            let (sentence, values) = match (&banned.why, &banned.replacement) {
                (None, None) => (wording::BANNED, vec![phrase.clone()]),
                (Some(why), None) => (wording::BANNED_WHY, vec![phrase.clone(), why.clone()]),
                (None, Some(replacement)) => (
                    wording::BANNED_TRY,
                    vec![phrase.clone(), replacement.clone()],
                ),
                (Some(why), Some(replacement)) => (
                    wording::BANNED_WHY_TRY,
                    vec![phrase.clone(), why.clone(), replacement.clone()],
                ),
            };
            let id = banned
                .id
                .clone()
                .unwrap_or_else(|| format!("terms.banned.{}", slug(phrase)));
            terms.push(Term {
                header: RuleHeader {
                    id,
                    severity: banned.severity,
                },
                replacement: banned.replacement.clone(),
                sentence,
                values,
            });
            phrases.push((&banned.phrase, banned.inflections));
        }
        for preferred in &self.preferred {
            let id = preferred
                .id
                .clone()
                .unwrap_or_else(|| format!("terms.preferred.{}", slug(&preferred.preferred)));
            for (index, avoided) in preferred.instead_of.iter().enumerate() {
                let suffix = if index == 0 {
                    String::new()
                } else {
                    format!(".{}", index + 1)
                };
                terms.push(Term {
                    header: RuleHeader {
                        id: format!("{id}{suffix}"),
                        severity: preferred.severity,
                    },
                    replacement: Some(preferred.preferred.clone()),
                    sentence: wording::PREFERRED,
                    values: vec![preferred.preferred.clone(), avoided.get_ref().clone()],
                });
                phrases.push((avoided, preferred.inflections));
            }
        }
        if terms.is_empty() {
            return Ok(None);
        }
        Ok(Some(TermsRule {
            phrases: PhraseSet::new(source, &phrases)?,
            terms,
        }))
    }
}

impl TermsRule {
    /// How many terms (each one a rule of the policy).
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

impl Rule for TermsRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        for (index, range) in self.phrases.find_all(draft.text) {
            let term = &self.terms[index];
            let fix = term
                .replacement
                .as_deref()
                .map(|r| match_case(&draft.text[range.clone()], r));
            out.push(draft.finding(&term.header, term.sentence, term.values.clone(), range, fix));
        }
    }
}
