//! The approval rule: a template whose rendering can violate a `block` rule
//! of the policy cannot be approved. Every platform in every language of the
//! template is rendered with sample
//! conversations: names known and unknown (fallbacks), every choice of every
//! choice prompt, as a public reply to a negative message when the template
//! answers complaints, outages, billing or account problems (else to a
//! neutral one).

use super::format::{ApprovalState, PromptKind, Template};
use super::placeholder::{Field, Segment};
use super::render::render_in;
use crate::care::Intent;
use crate::model::Platform;
use crate::tone::{Agent, Customer, Policy, ReplyContext, Severity, Ticket, Wording};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A message that reads negative, to render upset-customer templates against.
const NEGATIVE_SAMPLE: &str =
    "This is terrible. I am furious, my order is late again and nobody helps.";
/// A neutral message.
const NEUTRAL_SAMPLE: &str = "Hello, I have a question about my order.";

/// One way a template's rendering breaks a `block` rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalProblem {
    /// The platform rendered for.
    pub platform: Platform,
    /// The language rendered in.
    pub language: String,
    /// The broken rule.
    pub rule_id: String,
    /// The rule's message.
    pub message: String,
    /// The same as the tone finding's wording, for the reader's language
    /// (none for a rendering error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Wording>,
    /// The rendered text that broke it.
    pub rendered: String,
}

/// What the lint of one template found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintReport {
    /// The template.
    pub id: String,
    /// Its state.
    pub state: ApprovalState,
    /// Whether it may be approved (no `block` problem).
    pub approvable: bool,
    /// The `block` problems.
    pub problems: Vec<ApprovalProblem>,
    /// Whether this report fails the lint: an approved template that is not approvable.
    pub fails: bool,
}

fn expects_upset_customer(template: &Template) -> bool {
    template.intents.iter().any(|intent| {
        matches!(
            intent,
            Intent::Complaint | Intent::Outage | Intent::Billing | Intent::AccountSecurity
        )
    })
}

/// Sample answers for every prompt: one set per choice of each choice prompt.
fn prompt_answer_sets(template: &Template) -> Vec<BTreeMap<String, String>> {
    let base: BTreeMap<String, String> = template
        .prompts
        .iter()
        .map(|prompt| {
            let answer = match prompt.kind {
                PromptKind::Text => "the details you sent".to_owned(),
                PromptKind::Choice => prompt.choices.first().cloned().unwrap_or_default(),
                PromptKind::Date => "2026-12-31".to_owned(),
            };
            (prompt.id.clone(), answer)
        })
        .collect();
    let mut sets = vec![base.clone()];
    for prompt in template
        .prompts
        .iter()
        .filter(|p| p.kind == PromptKind::Choice)
    {
        for choice in prompt.choices.iter().skip(1) {
            let mut set = base.clone();
            set.insert(prompt.id.clone(), choice.clone());
            sets.push(set);
        }
    }
    sets
}

/// The sample conversations a template is rendered against (the console's
/// live lint and preview use the same ones as the approval rule).
pub fn sample_contexts(template: &Template) -> Vec<ReplyContext> {
    let message = if expects_upset_customer(template) {
        NEGATIVE_SAMPLE
    } else {
        NEUTRAL_SAMPLE
    };
    let named = Customer {
        name: Some("Maximiliana Okonkwo-Smith".into()),
        first_name: Some("Maximiliana".into()),
        handle: Some("@maximiliana_os".into()),
        message: Some(message.into()),
    };
    let anonymous = Customer {
        message: Some(message.into()),
        ..Customer::default()
    };
    let agent = Agent {
        name: Some("Kim Lee".into()),
        initials: Some("KL".into()),
    };
    let ticket = Ticket {
        id: Some("T-00012345".into()),
    };
    let mut contexts = Vec::new();
    for prompts in prompt_answer_sets(template) {
        for customer in [&named, &anonymous] {
            contexts.push(ReplyContext {
                customer: customer.clone(),
                agent: agent.clone(),
                ticket: ticket.clone(),
                prompts: prompts.clone(),
            });
        }
    }
    contexts
}

/// Whether a body only uses customer fields through fallbacks (so rendering
/// without a name is expected to work).
fn renders_without_customer(segments: &[Segment]) -> bool {
    segments.iter().all(|segment| match segment {
        Segment::Placeholder { field, fallback } => {
            !matches!(
                field,
                Field::CustomerFirstName | Field::CustomerName | Field::CustomerHandle
            ) || fallback.is_some()
        }
        Segment::Text(_) => true,
    })
}

/// Every way `template` can break a `block` rule of `policy`.
pub fn approval_problems(template: &Template, policy: &Policy) -> Vec<ApprovalProblem> {
    let mut problems: Vec<ApprovalProblem> = Vec::new();
    let contexts = sample_contexts(template);
    for (language, platform) in template
        .languages()
        .into_iter()
        .flat_map(|language| Platform::ALL.map(|platform| (language, platform)))
    {
        let without_customer_ok =
            renders_without_customer(template.segments_for(platform, language));
        for context in &contexts {
            let anonymous = context.customer.name.is_none();
            if anonymous && !without_customer_ok {
                continue;
            }
            let rendered = match render_in(template, platform, language, context, Some(policy)) {
                Ok(rendered) => rendered,
                Err(error) => {
                    let problem = ApprovalProblem {
                        platform,
                        language: language.to_owned(),
                        rule_id: "render".into(),
                        message: error.to_string(),
                        wording: None,
                        rendered: String::new(),
                    };
                    if !problems.contains(&problem) {
                        problems.push(problem);
                    }
                    continue;
                }
            };
            for finding in rendered
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Block)
            {
                let known = problems.iter().any(|p| {
                    p.platform == platform && p.language == language && p.rule_id == finding.rule_id
                });
                if !known {
                    problems.push(ApprovalProblem {
                        platform,
                        language: language.to_owned(),
                        rule_id: finding.rule_id.clone(),
                        message: finding.message.clone(),
                        wording: Some(finding.wording.clone())
                            .filter(|wording| !wording.key.is_empty()),
                        rendered: rendered.text.clone(),
                    });
                }
            }
        }
    }
    problems
}

/// Lints every template: problems for all, failure for approved ones that
/// break a `block` rule.
pub fn lint(templates: &[Template], policy: &Policy) -> Vec<LintReport> {
    templates
        .iter()
        .filter(|template| template.state != ApprovalState::Retired)
        .map(|template| {
            let problems = approval_problems(template, policy);
            let approvable = problems.is_empty();
            LintReport {
                id: template.id.clone(),
                state: template.state,
                approvable,
                fails: template.state == ApprovalState::Approved && !approvable,
                problems,
            }
        })
        .collect()
}
