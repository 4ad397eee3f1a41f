//! Rendering a template for a platform and a conversation: placeholders are
//! filled from the context (or their fallbacks), prompts from the agent's
//! answers; the text is then measured for the platform and re-checked
//! against the tone policy.

use super::format::{PromptKind, Template};
use super::placeholder::{Field, Segment};
use crate::model::Platform;
use crate::tone::length::{default_limit, platform_length};
use crate::tone::{Audience, CheckRequest, Finding, Policy, ReplyContext};
use serde::{Deserialize, Serialize};

/// Why a template could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// No template has that id.
    #[error("no template with id {0:?}")]
    UnknownTemplate(String),
    /// Only approved templates are offered to agents.
    #[error("template {id:?} is {state}, not approved: it cannot be used in replies")]
    NotApproved {
        /// The template.
        id: String,
        /// Its state.
        state: String,
    },
    /// A placeholder without fallback has no value in the context.
    #[error("{{{{{field}}}}} has no value in the context and no fallback (write {{{{{field}|…}}}} to give one)")]
    MissingValue {
        /// The placeholder.
        field: String,
    },
    /// A required prompt was not answered.
    #[error("prompt {id:?} ({label}) is required: answer it in the context's \"prompts\"")]
    MissingPrompt {
        /// The prompt's id.
        id: String,
        /// The question.
        label: String,
    },
    /// A prompt's answer is not acceptable.
    #[error("prompt {id:?}: {problem}")]
    BadAnswer {
        /// The prompt's id.
        id: String,
        /// What is wrong with the answer.
        problem: String,
    },
}

/// A rendered reply, measured and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rendered {
    /// The template's id.
    pub template_id: String,
    /// The platform it was rendered for.
    pub platform: Platform,
    /// The reply's text.
    pub text: String,
    /// Its length as the platform counts it (weighted on X).
    pub length: usize,
    /// The platform's limit.
    pub limit: usize,
    /// Whether it fits the limit.
    pub fits: bool,
    /// The policy's findings on it (empty without a policy).
    pub findings: Vec<Finding>,
}

/// Whether `answer` is a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(answer: &str) -> bool {
    let parts: Vec<&str> = answer.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn prompt_answer(
    template: &Template,
    id: &str,
    context: &ReplyContext,
) -> Result<Option<String>, RenderError> {
    let Some(prompt) = template.prompt(id) else {
        // Parsing guarantees every prompt placeholder has a declaration.
        return Ok(None);
    };
    let answer = context
        .prompts
        .get(id)
        .map(|a| a.trim())
        .filter(|a| !a.is_empty());
    let Some(answer) = answer else {
        return if prompt.required {
            Err(RenderError::MissingPrompt {
                id: id.to_owned(),
                label: prompt.label.clone(),
            })
        } else {
            Ok(None)
        };
    };
    let bad = |problem: String| {
        Err(RenderError::BadAnswer {
            id: id.to_owned(),
            problem,
        })
    };
    match prompt.kind {
        PromptKind::Choice if !prompt.choices.iter().any(|choice| choice == answer) => bad(
            format!("{answer:?} is not one of {}", prompt.choices.join(", ")),
        ),
        PromptKind::Date if !is_iso_date(answer) => {
            bad(format!("{answer:?} is not a date written YYYY-MM-DD"))
        }
        _ => Ok(Some(answer.to_owned())),
    }
}

fn value(
    template: &Template,
    field: &Field,
    context: &ReplyContext,
) -> Result<Option<String>, RenderError> {
    let owned = |value: Option<&str>| {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    Ok(match field {
        Field::CustomerFirstName => owned(context.customer.first_name()),
        Field::CustomerName => owned(context.customer.name.as_deref()),
        Field::CustomerHandle => owned(context.customer.handle.as_deref()),
        Field::AgentName => owned(context.agent.name.as_deref()),
        Field::AgentInitials => context.agent.initials(),
        Field::TicketId => owned(context.ticket.id.as_deref()),
        Field::Prompt(id) => prompt_answer(template, id, context)?,
    })
}

/// Fills a template's placeholders for `platform` in `language` (see
/// [`Template::segments_for`]); approval state is not checked.
pub fn fill(
    template: &Template,
    platform: Platform,
    language: &str,
    context: &ReplyContext,
) -> Result<String, RenderError> {
    let mut text = String::new();
    for segment in template.segments_for(platform, language) {
        match segment {
            Segment::Text(literal) => text.push_str(literal),
            Segment::Placeholder { field, fallback } => {
                match (value(template, field, context)?, fallback) {
                    (Some(value), _) => text.push_str(&value),
                    (None, Some(fallback)) => text.push_str(fallback),
                    (None, None) if matches!(field, Field::Prompt(_)) => {}
                    (None, None) => {
                        return Err(RenderError::MissingValue {
                            field: field.to_string(),
                        })
                    }
                }
            }
        }
    }
    Ok(text)
}

/// Renders, measures and (with a policy) checks a template as a public reply,
/// in its main language.
pub fn render(
    template: &Template,
    platform: Platform,
    context: &ReplyContext,
    policy: Option<&Policy>,
) -> Result<Rendered, RenderError> {
    render_in(template, platform, template.language(), context, policy)
}

/// Renders, measures and (with a policy) checks a template as a public reply,
/// in `language` (the main language's body where it has none).
pub fn render_in(
    template: &Template,
    platform: Platform,
    language: &str,
    context: &ReplyContext,
    policy: Option<&Policy>,
) -> Result<Rendered, RenderError> {
    let text = fill(template, platform, language, context)?;
    let limit = policy.map_or(default_limit(platform), |policy| {
        policy.length_limit(platform)
    });
    let length = platform_length(&text, platform, limit);
    let findings = policy
        .map(|policy| {
            let request = CheckRequest {
                platform,
                audience: Audience::Public,
                context,
            };
            policy.check(&text, &request)
        })
        .unwrap_or_default();
    Ok(Rendered {
        template_id: template.id.clone(),
        platform,
        text,
        length: length.weighted_length,
        limit,
        fits: length.overflow_at.is_none(),
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_checked_for_real() {
        assert!(is_iso_date("2028-02-29"));
        assert!(!is_iso_date("2027-02-29"));
        assert!(!is_iso_date("2027-13-01"));
        assert!(!is_iso_date("tomorrow"));
        assert!(!is_iso_date("2027-1-01"));
    }
}
