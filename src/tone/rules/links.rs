//! Links only to the lead's allowed domains (and their subdomains).

use super::{Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::wording;
use serde::Deserialize;

/// `[links]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinksConfig {
    /// Rule id; default `links`.
    #[serde(default = "links_id")]
    pub id: String,
    /// Domains replies may link to; subdomains are allowed too.
    pub allowed_domains: Vec<String>,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

fn links_id() -> String {
    "links".into()
}
fn warn() -> Severity {
    Severity::Warn
}

/// The compiled links rule.
pub struct LinksRule {
    header: RuleHeader,
    allowed: Vec<String>,
}

impl LinksConfig {
    /// Normalises the domains (lower case, no leading dot or `www.`).
    pub fn compile(self) -> LinksRule {
        let allowed = self
            .allowed_domains
            .iter()
            .map(|domain| {
                let lower = domain.trim().trim_start_matches('.').to_lowercase();
                lower
                    .strip_prefix("www.")
                    .map(str::to_owned)
                    .unwrap_or(lower)
            })
            .filter(|domain| !domain.is_empty())
            .collect();
        LinksRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            allowed,
        }
    }
}

impl LinksRule {
    /// Whether `host` is an allowed domain or one of their subdomains.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_lowercase();
        self.allowed.iter().any(|domain| {
            host == *domain
                || host
                    .strip_suffix(domain.as_str())
                    .is_some_and(|sub| sub.ends_with('.'))
        })
    }
}

impl Rule for LinksRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        for url in draft.urls() {
            let host = &draft.text[url.host.clone()];
            if !self.allows(host) {
                let (sentence, values) = if self.allowed.is_empty() {
                    (wording::LINKS_NONE, Vec::new())
                } else {
                    (
                        wording::LINKS_NOT_ALLOWED,
                        vec![host.to_owned(), self.allowed.join(", ")],
                    )
                };
                out.push(draft.finding(&self.header, sentence, values, url.range.clone(), None));
            }
        }
    }
}
