//! The templates file (TOML, versioned): each `[[template]]` has an id, a
//! title, tags, the intents it answers, a language, a body with placeholders,
//! per-platform variants, fill-in prompts, an approval state, an author and a
//! version.

use super::placeholder::{parse_body, Field, Segment};
use crate::care::Intent;
use crate::model::Platform;
use crate::tone::policy::line_column;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

/// The templates file versions this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

/// Where a template is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApprovalState {
    /// Being written; never offered to agents.
    Draft,
    /// Approved by a lead; offered to agents.
    Approved,
    /// No longer used.
    Retired,
}

/// The kind of answer a prompt takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PromptKind {
    /// Free text.
    Text,
    /// One of `choices`.
    Choice,
    /// A date, `YYYY-MM-DD`.
    Date,
}

/// A fill-in prompt the agent answers when inserting a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// Used in the body as `{{prompt.<id>}}`.
    pub id: String,
    /// The question shown to the agent.
    pub label: String,
    /// Text, choice or date.
    pub kind: PromptKind,
    /// Whether rendering fails without an answer; default true.
    #[serde(default = "yes")]
    pub required: bool,
    /// The allowed answers of a `choice` prompt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

fn yes() -> bool {
    true
}
fn english() -> String {
    "en".into()
}

/// One approved reply template, as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateEntry {
    id: toml::Spanned<String>,
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    intents: Vec<Intent>,
    #[serde(default = "english")]
    language: String,
    state: ApprovalState,
    author: String,
    version: u32,
    body: toml::Spanned<String>,
    #[serde(default)]
    variants: BTreeMap<Platform, toml::Spanned<String>>,
    #[serde(default)]
    prompts: Vec<Prompt>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatesFile {
    version: toml::Spanned<u32>,
    #[serde(default)]
    template: Vec<TemplateEntry>,
}

/// A parsed, validated template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    /// Unique id (`shipping-delay`).
    pub id: String,
    /// Short title shown to agents.
    pub title: String,
    /// Free tags for search.
    pub tags: Vec<String>,
    /// The intents it answers.
    pub intents: Vec<Intent>,
    /// ISO 639-1 language code.
    pub language: String,
    /// Draft, approved or retired.
    pub state: ApprovalState,
    /// Who wrote it.
    pub author: String,
    /// The template's version.
    pub version: u32,
    /// The body used on platforms without a variant.
    pub body: String,
    /// Per-platform bodies.
    pub variants: BTreeMap<Platform, String>,
    /// Fill-in prompts.
    pub prompts: Vec<Prompt>,
    #[serde(skip)]
    pub(crate) parsed_body: Vec<Segment>,
    #[serde(skip)]
    pub(crate) parsed_variants: BTreeMap<Platform, Vec<Segment>>,
}

impl Template {
    /// The parsed body to use on `platform`.
    pub(crate) fn segments_for(&self, platform: Platform) -> &[Segment] {
        self.parsed_variants
            .get(&platform)
            .unwrap_or(&self.parsed_body)
    }

    /// The prompt with id `id`.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|prompt| prompt.id == id)
    }
}

/// Why a templates file was rejected, with where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct TemplatesError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TemplatesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

impl TemplatesError {
    fn at(source: &str, offset: usize, message: String) -> TemplatesError {
        let (line, column) = line_column(source, offset);
        TemplatesError {
            line: Some(line),
            column: Some(column),
            message,
        }
    }
}

/// Parses a body held at `span` of the file, placing errors in the file.
fn parse_spanned_body(
    source: &str,
    body: &toml::Spanned<String>,
) -> Result<Vec<Segment>, TemplatesError> {
    parse_body(body.get_ref()).map_err(|error| {
        let offset = body_offset(source, body.span(), error.offset());
        TemplatesError::at(source, offset, error.to_string())
    })
}

/// The file offset of byte `offset` of a string value at `span`: exact for
/// strings without escapes, else the string's start.
fn body_offset(source: &str, span: Range<usize>, offset: usize) -> usize {
    let raw = source.get(span.clone()).unwrap_or_default();
    let quote_len = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    let content_start = span.start + quote_len;
    let has_escapes = raw.starts_with('"') && raw.contains('\\');
    if has_escapes {
        span.start
    } else {
        // A multi-line string drops the newline right after its opening quotes.
        let skip_newline = quote_len == 3 && raw[quote_len..].starts_with('\n');
        content_start + usize::from(skip_newline) + offset
    }
}

fn validate_prompts(source: &str, entry: &TemplateEntry) -> Result<(), TemplatesError> {
    let at_id = |message: String| TemplatesError::at(source, entry.id.span().start, message);
    let mut seen = HashSet::new();
    for prompt in &entry.prompts {
        if !seen.insert(prompt.id.as_str()) {
            return Err(at_id(format!(
                "template {}: prompt {:?} is declared twice",
                entry.id.get_ref(),
                prompt.id
            )));
        }
        if prompt.kind == PromptKind::Choice && prompt.choices.is_empty() {
            return Err(at_id(format!(
                "template {}: choice prompt {:?} needs `choices`",
                entry.id.get_ref(),
                prompt.id
            )));
        }
    }
    Ok(())
}

fn check_prompt_references(
    source: &str,
    entry: &TemplateEntry,
    body: &toml::Spanned<String>,
    segments: &[Segment],
) -> Result<(), TemplatesError> {
    for segment in segments {
        if let Segment::Placeholder {
            field: Field::Prompt(id),
            ..
        } = segment
        {
            if !entry.prompts.iter().any(|prompt| &prompt.id == id) {
                return Err(TemplatesError::at(
                    source,
                    body.span().start,
                    format!("template {}: {{{{prompt.{id}}}}} has no matching [[template.prompts]] entry", entry.id.get_ref()),
                ));
            }
        }
    }
    Ok(())
}

/// Reads and validates a templates file.
pub fn parse_templates(source: &str) -> Result<Vec<Template>, TemplatesError> {
    let file: TemplatesFile = toml::from_str(source).map_err(|error| {
        let message = error.message().trim().to_owned();
        match error.span() {
            Some(span) => TemplatesError::at(source, span.start, message),
            None => TemplatesError {
                line: None,
                column: None,
                message,
            },
        }
    })?;
    if *file.version.get_ref() != SUPPORTED_VERSION {
        return Err(TemplatesError::at(
            source,
            file.version.span().start,
            format!(
                "unsupported templates version {}; this build reads version {SUPPORTED_VERSION}",
                file.version.get_ref()
            ),
        ));
    }
    let mut ids = HashSet::new();
    let mut templates = Vec::new();
    for entry in file.template {
        let id = entry.id.get_ref();
        if id.trim().is_empty() || !ids.insert(id.clone()) {
            return Err(TemplatesError::at(
                source,
                entry.id.span().start,
                format!("template id {id:?} is empty or used twice"),
            ));
        }
        validate_prompts(source, &entry)?;
        let parsed_body = parse_spanned_body(source, &entry.body)?;
        check_prompt_references(source, &entry, &entry.body, &parsed_body)?;
        let mut parsed_variants = BTreeMap::new();
        for (platform, variant) in &entry.variants {
            let segments = parse_spanned_body(source, variant)?;
            check_prompt_references(source, &entry, variant, &segments)?;
            parsed_variants.insert(*platform, segments);
        }
        templates.push(Template {
            id: id.clone(),
            title: entry.title,
            tags: entry.tags,
            intents: entry.intents,
            language: entry.language,
            state: entry.state,
            author: entry.author,
            version: entry.version,
            body: entry.body.into_inner(),
            variants: entry
                .variants
                .into_iter()
                .map(|(p, v)| (p, v.into_inner()))
                .collect(),
            prompts: entry.prompts,
            parsed_body,
            parsed_variants,
        });
    }
    Ok(templates)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "version = 1\n[[template]]\nid = \"t\"\ntitle = \"T\"\nstate = \"approved\"\nauthor = \"KL\"\nversion = 1\n";

    #[test]
    fn unknown_placeholder_is_located_in_the_file() {
        let source = format!("{HEADER}body = \"Hi {{{{customer.nick}}}}\"\n");
        let error = parse_templates(&source).unwrap_err();
        assert_eq!((error.line, error.column), (Some(8), Some(12)), "{error}");
        assert!(error.message.contains("customer.nick"));
    }

    #[test]
    fn undeclared_prompt_and_bad_state_are_rejected() {
        let source = format!("{HEADER}body = \"On {{{{prompt.when}}}}\"\n");
        assert!(parse_templates(&source)
            .unwrap_err()
            .message
            .contains("prompt.when"));
        let source = HEADER.replace("approved", "published") + "body = \"x\"\n";
        let error = parse_templates(&source).unwrap_err();
        assert_eq!(error.line, Some(5), "{error}");
    }
}
