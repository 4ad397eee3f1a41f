//! The template editor's live check: the record as the lead is typing it,
//! read by the template engine, each variant rendered for every platform it
//! serves with the approval rule's sample conversation and checked against
//! the active guideline, and the approval rule itself (the store's).

use socialcare::model::{self, Platform};
use socialcare::templates::approval::sample_contexts;
use socialcare::templates::{approval_problems, render_in, ApprovalProblem, Rendered, Template};
use socialcare::tone::Policy;

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

/// Checks `record` as the template engine and the store read it: `Err`
/// with the engine's words when it cannot be read (a placeholder that does
/// not parse, a prompt without its choices, no body for every platform).
pub fn check_template(
    record: &model::Template,
    policy: Option<&Policy>,
) -> Result<TemplateCheck, String> {
    let template = Template::from_record(record.clone()).map_err(|error| error.to_string())?;
    let contexts = sample_contexts(&template);
    let context = &contexts[0];
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
                    outcome: render_in(&template, platform, &variant.language, context, policy)
                        .map_err(|error| error.to_string()),
                })
                .collect(),
        })
        .collect();
    let approval = policy.map_or_else(Vec::new, |policy| approval_problems(&template, policy));
    Ok(TemplateCheck { variants, approval })
}

/// The guideline the team's agents use: the first that is not a conflict
/// copy, read by the tone engine (`None` when there is none or it does not
/// compile).
pub fn active_policy(guidelines: &[model::Guideline]) -> Option<Policy> {
    guidelines
        .iter()
        .find(|guideline| guideline.conflict_of.is_none())
        .and_then(|guideline| Policy::from_toml(&guideline.source).ok())
}
