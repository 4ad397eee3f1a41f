//! The team's synced templates ([`crate::model::Template`], written in the
//! lead console and approved there) offered for one item: the variant for
//! the item's platform and language, ranked by [`suggest`], with the
//! fill-in prompts its body asks for; and the rendering of such a body with
//! the agent's answers, its length counted as the platform counts it.

use super::format::Template;
use super::placeholder::{parse_body, Field, Segment};
use super::render::{fill, RenderError};
use super::suggest::{suggest, SuggestQuery, Why};
use crate::model::{self, Platform, Prompt, PromptKind, TemplateState};
use crate::tone::length::{default_limit, platform_length};
use crate::tone::ReplyContext;

/// An approved template offered for an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The template's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The body of the variant for the item's platform and language.
    pub body: String,
    /// The prompts the body asks for (`{{prompt.<id>}}`), in order of use.
    pub prompts: Vec<Prompt>,
    /// Why it is offered.
    pub why: Vec<Why>,
}

/// A rendered reply with its length as the platform counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The reply.
    pub text: String,
    /// Its length (X: weighted characters; Facebook, Instagram: code points).
    pub length: usize,
    /// The platform's limit.
    pub limit: usize,
}

/// The variant of `template` for `platform` and `language`: the platform's
/// own in the language, else the all-platforms one in it, else the
/// platform's or the all-platforms one in any language.
fn variant<'a>(
    template: &'a model::Template,
    platform: Platform,
    language: Option<&str>,
) -> Option<&'a model::TemplateVariant> {
    let speaks = |variant: &model::TemplateVariant| {
        language.is_some_and(|language| variant.language.eq_ignore_ascii_case(language))
    };
    let ranked = |variant: &&model::TemplateVariant| {
        let for_platform = variant.platform == Some(platform);
        (speaks(variant), for_platform)
    };
    template
        .variants
        .iter()
        .filter(|variant| variant.platform.is_none_or(|only| only == platform))
        .max_by_key(ranked)
}

/// A template of one body for every platform (for filling a preview), if
/// the body parses; its prompts are `declared` where they declare the
/// body's prompt ids, else plain text prompts named by their ids.
fn single_body_template(
    template: &model::Template,
    language: &str,
    body: &str,
) -> Option<Template> {
    let parsed_body = parse_body(body).ok()?;
    let prompts = prompt_ids(&parsed_body)
        .into_iter()
        .map(|id| {
            template
                .prompts
                .iter()
                .find(|declared| declared.id == id)
                .cloned()
                .unwrap_or(Prompt {
                    label: id.clone(),
                    id,
                    kind: PromptKind::Text,
                    required: false,
                    choices: vec![],
                })
        })
        .collect();
    Template::from_record(model::Template {
        variants: vec![model::TemplateVariant {
            platform: None,
            language: language.to_owned(),
            body: body.to_owned(),
        }],
        prompts,
        ..template.clone()
    })
    .ok()
}

/// The prompt ids a parsed body uses, each once, in order.
fn prompt_ids(segments: &[Segment]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for segment in segments {
        if let Segment::Placeholder {
            field: Field::Prompt(id),
            ..
        } = segment
        {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

/// The best `k` approved templates for an item on `platform`, best first.
/// Drafts, retired templates, those without a variant for the platform and
/// bodies that do not parse are never offered.
pub fn offers(
    templates: &[model::Template],
    platform: Platform,
    query: &SuggestQuery<'_>,
    k: usize,
) -> Vec<Offer> {
    let candidates: Vec<Template> = templates
        .iter()
        .filter(|template| template.state == TemplateState::Approved)
        .filter_map(|template| {
            let chosen = variant(template, platform, query.language)?;
            single_body_template(template, &chosen.language, &chosen.body)
        })
        .collect();
    suggest(&candidates, query, k)
        .into_iter()
        .filter_map(|suggestion| {
            let template = candidates
                .iter()
                .find(|candidate| candidate.id == suggestion.id)?;
            Some(Offer {
                id: template.id.clone(),
                name: template.name.clone(),
                body: template.variants[0].body.clone(),
                prompts: template.prompts.clone(),
                why: suggestion.why,
            })
        })
        .collect()
}

/// Renders an offered body for `platform` with the conversation and the
/// agent's answers (in `context.prompts`); unanswered prompts stay empty.
pub fn preview(
    body: &str,
    platform: Platform,
    context: &ReplyContext,
) -> Result<Preview, RenderError> {
    let unnamed = model::Template {
        id: "preview".into(),
        name: "preview".into(),
        state: TemplateState::Approved,
        variants: vec![],
        tags: vec![],
        intents: vec![],
        prompts: vec![],
        revision: 0,
        updated_by: String::new(),
        updated_at: 0,
        conflict_of: None,
    };
    let template =
        single_body_template(&unnamed, "", body).ok_or_else(|| RenderError::BadAnswer {
            id: "body".into(),
            problem: "the template's body does not parse".into(),
        })?;
    let text = fill(&template, platform, "", context)?;
    let limit = default_limit(platform);
    let length = platform_length(&text, platform, limit).weighted_length;
    Ok(Preview {
        text,
        length,
        limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateVariant;

    fn template(
        id: &str,
        state: TemplateState,
        variants: &[(Option<Platform>, &str, &str)],
    ) -> model::Template {
        model::Template {
            id: id.into(),
            name: format!("{id} reply"),
            state,
            variants: variants
                .iter()
                .map(|&(platform, language, body)| TemplateVariant {
                    platform,
                    language: language.into(),
                    body: body.into(),
                })
                .collect(),
            tags: vec![],
            intents: vec![],
            prompts: vec![],
            revision: 1,
            updated_by: "lead".into(),
            updated_at: 0,
            conflict_of: None,
        }
    }

    #[test]
    fn approved_templates_are_offered_with_the_platforms_variant_and_prompts() {
        let templates = vec![
            template(
                "refund",
                TemplateState::Approved,
                &[
                    (None, "en", "Hi {{customer.first_name|there}}, your refund is on its way."),
                    (Some(Platform::X), "en", "Hi {{customer.first_name|there}}! Refund {{prompt.amount}} sent on {{prompt.date}}, ref {{prompt.amount}}."),
                    (Some(Platform::X), "es", "Hola, reembolso enviado."),
                ],
            ),
            template("draft", TemplateState::Draft, &[(None, "en", "Refund refund refund")]),
            template("broken", TemplateState::Approved, &[(None, "en", "Refund {{nope}}")]),
            template("fb-only", TemplateState::Approved, &[(Some(Platform::Facebook), "en", "Refund")]),
        ];
        let query = SuggestQuery {
            text: "Where is my refund?",
            intent: None,
            language: Some("en"),
        };
        let offered = offers(&templates, Platform::X, &query, 3);
        assert_eq!(offered.len(), 1, "{offered:?}");
        assert_eq!(offered[0].id, "refund");
        assert!(offered[0]
            .body
            .starts_with("Hi {{customer.first_name|there}}!"));
        let prompt_ids: Vec<&str> = offered[0].prompts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(prompt_ids, ["amount", "date"]);
        assert!(
            offered[0]
                .why
                .iter()
                .any(|why| why.to_string().contains("refund")),
            "{:?}",
            offered[0].why
        );
    }

    #[test]
    fn a_preview_fills_the_answers_and_counts_as_the_platform_counts() {
        let mut context = ReplyContext::default();
        context.customer.name = Some("Ana Ruiz".into());
        context.prompts.insert("amount".into(), "€20".into());
        let body = "Hi {{customer.first_name|there}}! {{prompt.amount}} back, see https://example.com/a/very/long/path/to/the/refund/page {{prompt.date}}";
        let x = preview(body, Platform::X, &context).unwrap();
        assert_eq!(
            x.text,
            "Hi Ana! €20 back, see https://example.com/a/very/long/path/to/the/refund/page "
        );
        // X counts a link as 23 and `€` (outside its light ranges) as 2.
        assert_eq!((x.length, x.limit), (22 + 1 + 23 + 1, 280));
        let instagram = preview(body, Platform::Instagram, &context).unwrap();
        assert_eq!(instagram.length, instagram.text.chars().count());
        assert!(preview("{{oops", Platform::X, &context).is_err());
    }
}
