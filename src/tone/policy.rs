//! The tone policy file a lead writes (TOML, versioned) and its compiled
//! form. An invalid file is rejected with the line, column and a clear message.

use super::context::ReplyContext;
use super::finding::{Finding, Severity};
use super::rules::emoji::EmojiConfig;
use super::rules::length::{LengthConfig, LengthRule};
use super::rules::links::LinksConfig;
use super::rules::privacy::PrivacyConfig;
use super::rules::promises::PromiseConfig;
use super::rules::readability::ReadabilityConfig;
use super::rules::required::RequiredConfig;
use super::rules::sentiment::SentimentConfig;
use super::rules::style::{CapsConfig, ExclamationsConfig};
use super::rules::terms::TermsConfig;
use super::rules::{is_negative, Audience, Draft, Rule};
use crate::model::Platform;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

/// The policy file versions this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

/// Why a policy file was rejected, with where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PolicyError {
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the problem, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

impl PolicyError {
    /// An error at byte range `span` of `source`.
    pub fn at(source: &str, span: Range<usize>, message: &str) -> PolicyError {
        let (line, column) = line_column(source, span.start);
        PolicyError {
            line: Some(line),
            column: Some(column),
            message: message.to_owned(),
        }
    }

    /// An error with no position in the file.
    pub fn without_position(message: &str) -> PolicyError {
        PolicyError {
            line: None,
            column: None,
            message: message.to_owned(),
        }
    }

    /// The error of a TOML parse or schema failure.
    pub fn from_toml(source: &str, error: &toml::de::Error) -> PolicyError {
        let message = error.message().trim().to_owned();
        match error.span() {
            Some(span) => PolicyError::at(source, span, &message),
            None => PolicyError::without_position(&message),
        }
    }
}

/// 1-based line and column (in chars) of byte `offset` in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// `[style]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleConfig {
    caps: Option<CapsConfig>,
    exclamations: Option<ExclamationsConfig>,
    emoji: Option<EmojiConfig>,
    readability: Option<ReadabilityConfig>,
    sentiment: Option<SentimentConfig>,
}

/// The whole policy file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    version: toml::Spanned<u32>,
    name: Option<String>,
    #[serde(default)]
    terms: TermsConfig,
    #[serde(default)]
    required: RequiredConfig,
    #[serde(default)]
    length: LengthConfig,
    #[serde(default)]
    style: StyleConfig,
    #[serde(default)]
    promises: Vec<PromiseConfig>,
    privacy: Option<PrivacyConfig>,
    links: Option<LinksConfig>,
}

/// What a check needs to know besides the draft.
#[derive(Debug, Clone, Copy)]
pub struct CheckRequest<'a> {
    /// Where the reply will be posted.
    pub platform: Platform,
    /// Public reply or private message.
    pub audience: Audience,
    /// The customer, agent and ticket.
    pub context: &'a ReplyContext,
}

/// A compiled tone policy, ready to check drafts.
pub struct Policy {
    name: Option<String>,
    length: LengthRule,
    rules: Vec<Box<dyn Rule>>,
    rule_count: usize,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("name", &self.name)
            .field("rules", &self.rule_count)
            .finish()
    }
}

impl Policy {
    /// Reads and compiles a policy file.
    pub fn from_toml(source: &str) -> Result<Policy, PolicyError> {
        let file: PolicyFile =
            toml::from_str(source).map_err(|error| PolicyError::from_toml(source, &error))?;
        if *file.version.get_ref() != SUPPORTED_VERSION {
            return Err(PolicyError::at(
                source,
                file.version.span(),
                &format!(
                    "unsupported policy version {}; this build reads version {SUPPORTED_VERSION}",
                    file.version.get_ref()
                ),
            ));
        }
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        let mut rule_count = 0;
        if let Some(terms) = file.terms.compile(source)? {
            // Each term counts as a rule; the set itself is counted below.
            rule_count += terms.len() - 1;
            rules.push(Box::new(terms));
        }
        if let Some(greeting) = file.required.greeting {
            rules.push(Box::new(greeting.compile()?));
        }
        if let Some(signature) = file.required.signature {
            rules.push(Box::new(signature.compile(source)?));
        }
        if let Some(empathy) = file.required.empathy {
            rules.push(Box::new(empathy.compile(source)?));
        }
        let style = file.style;
        if let Some(caps) = style.caps {
            rules.push(Box::new(caps.compile()));
        }
        if let Some(exclamations) = style.exclamations {
            rules.push(Box::new(exclamations.compile()));
        }
        if let Some(emoji) = style.emoji {
            rules.push(Box::new(emoji.compile()));
        }
        if let Some(readability) = style.readability {
            rules.push(Box::new(readability.compile()));
        }
        if let Some(sentiment) = style.sentiment {
            rules.push(Box::new(sentiment.compile()));
        }
        for (position, promise) in file.promises.into_iter().enumerate() {
            rules.push(Box::new(promise.compile(source, position)?));
        }
        if let Some(links) = file.links {
            rules.push(Box::new(links.compile()));
        }
        rule_count += rules.len() + 1;
        if let Some(privacy) = file.privacy {
            let privacy = privacy.compile(source)?;
            rule_count += privacy.len();
            rules.push(Box::new(privacy));
        }
        Ok(Policy {
            name: file.name,
            length: file.length.compile(),
            rules,
            rule_count,
        })
    }

    /// The policy's name, if the lead gave one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// How many rules the policy has (each term, promise list and kind of
    /// personal data counts as one; the length rule is always there).
    pub fn rule_count(&self) -> usize {
        self.rule_count
    }

    /// The length limit on `platform` (weighted on X).
    pub fn length_limit(&self, platform: Platform) -> usize {
        self.length.limit(platform)
    }

    /// Checks a draft; findings come ordered by position in the draft, then
    /// by severity (most serious first).
    pub fn check(&self, text: &str, request: &CheckRequest<'_>) -> Vec<Finding> {
        let customer_is_negative = request
            .context
            .customer
            .message
            .as_deref()
            .is_some_and(is_negative);
        let draft = Draft {
            text,
            platform: request.platform,
            audience: request.audience,
            context: request.context,
            customer_is_negative,
            urls: OnceCell::new(),
        };
        let mut findings = Vec::new();
        self.length.check(&draft, &mut findings);
        for rule in &self.rules {
            rule.check(&draft, &mut findings);
        }
        findings.sort_by(|a, b| {
            a.span
                .char_start
                .cmp(&b.span.char_start)
                .then(b.severity.cmp(&a.severity))
                .then(a.rule_id.cmp(&b.rule_id))
        });
        findings
    }

    /// Checks a draft and wraps the findings in a [`CheckReport`].
    pub fn report(&self, text: &str, request: &CheckRequest<'_>) -> CheckReport {
        let findings = self.check(text, request);
        CheckReport {
            platform: request.platform,
            audience: request.audience,
            blocked: has_block(&findings),
            findings,
        }
    }
}

/// Whether any finding blocks sending.
pub fn has_block(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|finding| finding.severity == Severity::Block)
}

/// A check's outcome as `socialcare check` prints it and the extension
/// receives it: where the reply goes, whether a `block` finding stops it,
/// and the findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Where the reply will be posted.
    pub platform: Platform,
    /// Public reply or private message.
    pub audience: Audience,
    /// Whether a finding is a `block` (the reply cannot be sent as it is).
    pub blocked: bool,
    /// The findings, in the draft's order.
    pub findings: Vec<Finding>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_chars() {
        let source = "a = 1\nbé = x\n";
        assert_eq!(line_column(source, 0), (1, 1));
        assert_eq!(line_column(source, source.find('x').unwrap()), (2, 6));
    }

    #[test]
    fn rejects_bad_files_with_position() {
        let error =
            Policy::from_toml("version = 1\n[style.caps]\nmax_ratio = \"high\"\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
        let error = Policy::from_toml("version = 2\n").unwrap_err();
        assert_eq!((error.line, error.column), (Some(1), Some(11)), "{error}");
        let error =
            Policy::from_toml("version = 1\n[[terms.banned]]\nphrase = \"\"\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
    }
}
