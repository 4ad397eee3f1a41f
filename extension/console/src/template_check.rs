//! The template editor's live check: the record as the lead is typing it,
//! read by the template engine (the tone module, [`ToneEngine`]), each
//! variant rendered for every platform it serves with the approval rule's
//! sample conversation and checked against the active guideline, and the
//! approval rule itself (the store's).

use super::tone_engine::ToneEngine;
use socialcare::model::{self, Platform};
use socialcare::templates::{ApprovalProblem, Rendered};

/// One variant rendered for one platform.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformPreview {
    /// The platform rendered for.
    pub platform: Platform,
    /// The rendered reply (length as the platform counts it, findings), or
    /// why it could not be rendered.
    pub outcome: Result<Rendered, String>,
}

/// What the check found in one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantCheck {
    /// The variant's place in the record (0-based).
    pub index: usize,
    /// One preview per platform the variant serves (none when every
    /// platform has its own variant in that language).
    pub previews: Vec<PlatformPreview>,
}

/// What the check found in a whole template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateCheck {
    /// Per variant, in the record's order.
    pub variants: Vec<VariantCheck>,
    /// The ways it breaks a `block` rule (the store refuses to approve it
    /// while there is one); empty without a guideline.
    pub approval: Vec<ApprovalProblem>,
}

/// The platforms a variant's body is used on: its own platform, or, for a
/// variant for every platform, those without their own variant in its
/// language.
pub fn served_platforms(record: &model::Template, index: usize) -> Vec<Platform> {
    let variant = &record.variants[index];
    match variant.platform {
        Some(platform) => vec![platform],
        None => Platform::ALL
            .into_iter()
            .filter(|platform| {
                !record.variants.iter().any(|other| {
                    other.platform == Some(*platform) && other.language == variant.language
                })
            })
            .collect(),
    }
}

/// Checks `record` as the template engine and the store read it, against
/// the active guideline `source` (none: length only): `Err` with the
/// engine's words when it cannot be read (a placeholder that does not
/// parse, a prompt without its choices, no body for every platform).
pub fn check_template(
    engine: &ToneEngine,
    record: &model::Template,
    source: Option<&str>,
) -> Result<TemplateCheck, String> {
    if let Some(problem) = engine.template_problem(record) {
        return Err(problem);
    }
    let variants = record
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| VariantCheck {
            index,
            previews: served_platforms(record, index)
                .into_iter()
                .map(|platform| PlatformPreview {
                    platform,
                    outcome: engine.render(record, platform, &variant.language, source),
                })
                .collect(),
        })
        .collect();
    let approval = match source {
        Some(source) => engine.approval_problems(record, source)?,
        None => Vec::new(),
    };
    Ok(TemplateCheck { variants, approval })
}
