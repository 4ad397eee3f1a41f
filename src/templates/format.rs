//! The templates file (TOML, versioned): each `[[template]]` has an id, a
//! title, tags, the intents it answers, a language, a body with placeholders,
//! per-platform variants, bodies in more languages, fill-in prompts, an
//! approval state, an author and a version. It reads into, and is written
//! from, the synced template record ([`crate::model::Template`]).

use super::placeholder::{parse_body, Field, Segment};
use crate::care::Intent;
use crate::model::{Platform, TemplateVariant};
use crate::tone::policy::line_column;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::{Deref, Range};

pub use crate::model::{Prompt, PromptKind, TemplateState as ApprovalState};

/// The templates file versions this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

fn english() -> String {
    "en".into()
}

/// The bodies of one more language, as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationEntry {
    language: String,
    body: Option<toml::Spanned<String>>,
    #[serde(default)]
    variants: BTreeMap<Platform, toml::Spanned<String>>,
}

/// One reply template, as written in the file.
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
    #[serde(default)]
    translations: Vec<TranslationEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatesFile {
    version: toml::Spanned<u32>,
    #[serde(default)]
    template: Vec<TemplateEntry>,
}

/// The bodies of one more language, as [`export_templates`] writes them.
#[derive(Debug, Serialize)]
struct TranslationOut<'a> {
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    variants: BTreeMap<Platform, &'a str>,
}

/// One template, as [`export_templates`] writes it.
#[derive(Debug, Serialize)]
struct TemplateOut<'a> {
    id: &'a str,
    title: &'a str,
    tags: &'a [String],
    intents: &'a [Intent],
    language: &'a str,
    state: ApprovalState,
    author: &'a str,
    version: u32,
    body: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    variants: BTreeMap<Platform, &'a str>,
    #[serde(skip_serializing_if = "<[Prompt]>::is_empty")]
    prompts: &'a [Prompt],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    translations: Vec<TranslationOut<'a>>,
}

/// A templates file, as [`export_templates`] writes it.
#[derive(Debug, Serialize)]
struct TemplatesOut<'a> {
    version: u32,
    template: Vec<TemplateOut<'a>>,
}

/// A validated template: the synced record ([`crate::model::Template`], which
/// it dereferences to) with each variant's body parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    record: crate::model::Template,
    /// The parsed bodies, one per variant of `record`, in order.
    parsed: Vec<Vec<Segment>>,
}

impl Deref for Template {
    type Target = crate::model::Template;

    fn deref(&self) -> &crate::model::Template {
        &self.record
    }
}

/// Why a body was refused: byte offset in the body (when known) and message.
struct BodyProblem {
    offset: Option<usize>,
    message: String,
}

/// Parses one body and checks its prompt placeholders against `prompts`.
fn parse_variant_body(
    id: &str,
    prompts: &[Prompt],
    body: &str,
) -> Result<Vec<Segment>, BodyProblem> {
    let segments = parse_body(body).map_err(|error| BodyProblem {
        offset: Some(error.offset()),
        message: error.to_string(),
    })?;
    for segment in &segments {
        if let Segment::Placeholder {
            field: Field::Prompt(prompt),
            ..
        } = segment
        {
            if !prompts.iter().any(|declared| &declared.id == prompt) {
                return Err(BodyProblem {
                    offset: None,
                    message: format!(
                        "template {id}: {{{{prompt.{prompt}}}}} has no matching [[template.prompts]] entry"
                    ),
                });
            }
        }
    }
    Ok(segments)
}

/// Checks prompt ids are unique and choice prompts have choices.
fn validate_prompts(id: &str, prompts: &[Prompt]) -> Result<(), String> {
    let mut seen = HashSet::new();
    for prompt in prompts {
        if !seen.insert(prompt.id.as_str()) {
            return Err(format!(
                "template {id}: prompt {:?} is declared twice",
                prompt.id
            ));
        }
        if prompt.kind == PromptKind::Choice && prompt.choices.is_empty() {
            return Err(format!(
                "template {id}: choice prompt {:?} needs `choices`",
                prompt.id
            ));
        }
    }
    Ok(())
}

/// How a variant is named in messages: `x/en`, `every platform/en`.
fn variant_name(variant: &TemplateVariant) -> String {
    let platform = variant
        .platform
        .map_or("every platform".to_owned(), |platform| platform.to_string());
    format!("{platform}/{}", variant.language)
}

/// Checks the variants' shape: at least one, each (platform, language) once,
/// and a body for every platform in the first variant's language.
fn validate_variants(record: &crate::model::Template) -> Result<(), String> {
    let id = &record.id;
    let Some(first) = record.variants.first() else {
        return Err(format!("template {id} has no variant"));
    };
    let mut seen = HashSet::new();
    for variant in &record.variants {
        if !seen.insert((variant.platform, variant.language.as_str())) {
            return Err(format!(
                "template {id}: the variant {} is given twice",
                variant_name(variant)
            ));
        }
    }
    if !seen.contains(&(None, first.language.as_str())) {
        return Err(format!(
            "template {id}: its main language {:?} needs a variant for every platform (no `platform`)",
            first.language
        ));
    }
    Ok(())
}

impl Template {
    /// Validates a synced template record for the engine: its prompts, the
    /// shape of its variants and every body's placeholders.
    pub fn from_record(record: crate::model::Template) -> Result<Template, TemplatesError> {
        let plain = |message: String| TemplatesError {
            line: None,
            column: None,
            message,
        };
        validate_prompts(&record.id, &record.prompts).map_err(plain)?;
        validate_variants(&record).map_err(plain)?;
        let parsed = record
            .variants
            .iter()
            .map(|variant| {
                parse_variant_body(&record.id, &record.prompts, &variant.body).map_err(|problem| {
                    plain(format!(
                        "template {}, variant {}: {}",
                        record.id,
                        variant_name(variant),
                        problem.message
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Template { record, parsed })
    }

    /// The synced record.
    pub fn record(&self) -> &crate::model::Template {
        &self.record
    }

    /// The synced record, taken out.
    pub fn into_record(self) -> crate::model::Template {
        self.record
    }

    /// The main language: that of the first variant.
    pub fn language(&self) -> &str {
        &self.record.variants[0].language
    }

    /// Every language the template has a variant in, main language first.
    pub fn languages(&self) -> Vec<&str> {
        let mut languages: Vec<&str> = Vec::new();
        for variant in &self.record.variants {
            if !languages.contains(&variant.language.as_str()) {
                languages.push(&variant.language);
            }
        }
        languages
    }

    fn variant_index(&self, platform: Option<Platform>, language: &str) -> Option<usize> {
        self.record
            .variants
            .iter()
            .position(|variant| variant.platform == platform && variant.language == language)
    }

    /// The parsed body to use on `platform` in `language`: that platform's
    /// variant in the language, else the language's body for every platform,
    /// else the same two in the main language.
    pub(crate) fn segments_for(&self, platform: Platform, language: &str) -> &[Segment] {
        let main = self.language();
        let index = self
            .variant_index(Some(platform), language)
            .or_else(|| self.variant_index(None, language))
            .or_else(|| self.variant_index(Some(platform), main))
            .or_else(|| self.variant_index(None, main))
            .expect("validated: the main language has a body for every platform");
        &self.parsed[index]
    }

    /// Every parsed body.
    pub(crate) fn all_segments(&self) -> impl Iterator<Item = &[Segment]> {
        self.parsed.iter().map(Vec::as_slice)
    }

    /// The prompt with id `id`.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.record.prompts.iter().find(|prompt| prompt.id == id)
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

/// A file entry's variants, main language first, each body with its span in the file.
fn entry_variants(entry: &TemplateEntry) -> Vec<(Option<Platform>, &str, &toml::Spanned<String>)> {
    let mut variants = vec![(None, entry.language.as_str(), &entry.body)];
    variants.extend(
        entry
            .variants
            .iter()
            .map(|(platform, body)| (Some(*platform), entry.language.as_str(), body)),
    );
    for translation in &entry.translations {
        let language = translation.language.as_str();
        variants.extend(translation.body.iter().map(|body| (None, language, body)));
        variants.extend(
            translation
                .variants
                .iter()
                .map(|(platform, body)| (Some(*platform), language, body)),
        );
    }
    variants
}

/// Reads one file entry into a validated template, placing errors in the file.
fn entry_template(source: &str, entry: TemplateEntry) -> Result<Template, TemplatesError> {
    let id = entry.id.get_ref().clone();
    let at_id = |message: String| TemplatesError::at(source, entry.id.span().start, message);
    validate_prompts(&id, &entry.prompts).map_err(at_id)?;
    let mut variants = Vec::new();
    let mut parsed = Vec::new();
    for (platform, language, body) in entry_variants(&entry) {
        let segments =
            parse_variant_body(&id, &entry.prompts, body.get_ref()).map_err(|problem| {
                let offset = match problem.offset {
                    Some(offset) => body_offset(source, body.span(), offset),
                    None => body.span().start,
                };
                TemplatesError::at(source, offset, problem.message)
            })?;
        variants.push(TemplateVariant {
            platform,
            language: language.to_owned(),
            body: body.get_ref().clone(),
        });
        parsed.push(segments);
    }
    let record = crate::model::Template {
        id,
        name: entry.title,
        state: entry.state,
        variants,
        tags: entry.tags,
        intents: entry.intents,
        prompts: entry.prompts,
        revision: entry.version,
        updated_by: entry.author,
        updated_at: 0,
        conflict_of: None,
    };
    validate_variants(&record).map_err(at_id)?;
    Ok(Template { record, parsed })
}

/// Reads and validates a templates file. Each `[[template]]` becomes a
/// template record: `title` its name, `author` and `version` its last editor
/// and revision, `body` and `[template.variants]` its variants in `language`,
/// each `[[template.translations]]` its variants in one more language.
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
        templates.push(entry_template(source, entry)?);
    }
    Ok(templates)
}

/// Writes templates as a templates file that [`parse_templates`] reads back to
/// the same records, up to the order of variants (grouped by language, main
/// language first; each language's body for every platform, then its
/// platforms in order). The edit time and conflict mark are not in the file.
pub fn export_templates(templates: &[Template]) -> String {
    let template = templates
        .iter()
        .map(|template| {
            let body_in = |language: &str| {
                template
                    .variant_index(None, language)
                    .map(|index| template.variants[index].body.as_str())
            };
            let platform_bodies = |language: &str| {
                template
                    .variants
                    .iter()
                    .filter(|variant| variant.language == language)
                    .filter_map(|variant| Some((variant.platform?, variant.body.as_str())))
                    .collect::<BTreeMap<_, _>>()
            };
            let main = template.language();
            TemplateOut {
                id: &template.id,
                title: &template.name,
                tags: &template.tags,
                intents: &template.intents,
                language: main,
                state: template.state,
                author: &template.updated_by,
                version: template.revision,
                body: body_in(main).unwrap_or_default(),
                variants: platform_bodies(main),
                prompts: &template.prompts,
                translations: template
                    .languages()
                    .into_iter()
                    .skip(1)
                    .map(|language| TranslationOut {
                        language,
                        body: body_in(language),
                        variants: platform_bodies(language),
                    })
                    .collect(),
            }
        })
        .collect();
    let file = TemplatesOut {
        version: SUPPORTED_VERSION,
        template,
    };
    toml::to_string(&file).expect("a templates file always serialises")
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

    fn variant(platform: Option<Platform>, language: &str, body: &str) -> TemplateVariant {
        TemplateVariant {
            platform,
            language: language.into(),
            body: body.into(),
        }
    }

    /// A record in the file's order: main language first, its body for
    /// every platform before its platforms.
    fn multilingual_record() -> crate::model::Template {
        crate::model::Template {
            id: "refund-status".into(),
            name: "Refund on its way".into(),
            state: ApprovalState::Approved,
            variants: vec![
                variant(None, "en", "Hi {{customer.first_name|there}}, your refund left on {{prompt.sent}}. *{{agent.initials}}"),
                variant(Some(Platform::X), "en", "Refund sent {{prompt.sent}} *{{agent.initials}}"),
                variant(None, "pt-BR", "Olá {{customer.first_name|}}, o reembolso saiu em {{prompt.sent}}."),
                variant(Some(Platform::Facebook), "pt-BR", "Reembolso enviado em {{prompt.sent}}."),
                variant(Some(Platform::Instagram), "es", "Reembolso enviado el {{prompt.sent}}."),
            ],
            tags: vec!["refund".into(), "billing".into()],
            intents: vec![Intent::Billing, Intent::Question],
            prompts: vec![Prompt {
                id: "sent".into(),
                label: "Sent on".into(),
                kind: PromptKind::Date,
                required: false,
                choices: Vec::new(),
            }],
            revision: 4,
            updated_by: "Kim Lee".into(),
            updated_at: 0,
            conflict_of: None,
        }
    }

    #[test]
    fn a_record_converts_to_the_engine_and_back_unchanged() {
        let mut record = multilingual_record();
        record.updated_at = 1_790_000_000_000;
        record.conflict_of = Some("refund".into());
        record.variants.reverse();
        record.variants.swap(0, 2);
        let template = Template::from_record(record.clone()).unwrap();
        assert_eq!(template.into_record(), record);
    }

    #[test]
    fn a_record_exports_to_the_file_and_reads_back_the_same() {
        let record = multilingual_record();
        let file = export_templates(&[Template::from_record(record.clone()).unwrap()]);
        assert!(file.contains("[[template.translations]]"), "{file}");
        let read = parse_templates(&file).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].record(), &record, "{file}");
    }

    #[test]
    fn the_documented_files_round_trip_through_records() {
        for source in [
            include_str!("../../docs/examples/templates.toml"),
            include_str!("../../tests/tone/templates.toml"),
        ] {
            let templates = parse_templates(source).unwrap();
            let exported = export_templates(&templates);
            let again = parse_templates(&exported).unwrap();
            assert_eq!(again, templates);
            assert_eq!(export_templates(&again), exported);
            let records: Vec<_> = templates.iter().map(|t| t.record().clone()).collect();
            let rebuilt: Vec<_> = records
                .into_iter()
                .map(|record| Template::from_record(record).unwrap())
                .collect();
            assert_eq!(rebuilt, templates);
        }
    }

    #[test]
    fn records_the_engine_cannot_use_are_refused_with_the_variant_named() {
        let mut record = multilingual_record();
        record.variants[3].body = "Reembolso {{customer.nick}}".into();
        let error = Template::from_record(record).unwrap_err();
        assert!(error.message.contains("facebook/pt-BR"), "{error}");
        assert!(error.message.contains("customer.nick"), "{error}");

        let mut record = multilingual_record();
        record.variants.remove(0);
        let error = Template::from_record(record).unwrap_err();
        assert!(error.message.contains("main language"), "{error}");

        let mut record = multilingual_record();
        record
            .variants
            .push(variant(Some(Platform::X), "en", "again"));
        let error = Template::from_record(record).unwrap_err();
        assert!(error.message.contains("x/en"), "{error}");
    }

    #[test]
    fn a_translation_falls_back_to_the_main_language() {
        let template = Template::from_record(multilingual_record()).unwrap();
        let text = |platform, language| {
            super::super::render::fill(
                &template,
                platform,
                language,
                &crate::tone::ReplyContext {
                    agent: crate::tone::Agent {
                        initials: Some("KL".into()),
                        ..Default::default()
                    },
                    ..Default::default()
                },
            )
            .unwrap()
        };
        assert_eq!(text(Platform::Facebook, "pt-BR"), "Reembolso enviado em .");
        assert_eq!(text(Platform::X, "pt-BR"), "Olá , o reembolso saiu em .");
        assert_eq!(
            text(Platform::Facebook, "es"),
            "Hi there, your refund left on . *KL"
        );
        assert_eq!(text(Platform::Instagram, "es"), "Reembolso enviado el .");
    }
}
