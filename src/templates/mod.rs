//! Approved reply templates: the file leads write, rendering for a platform
//! and a conversation (re-checked against the tone policy), the approval
//! rule, and suggestions for a customer's post.

pub mod approval;
pub mod format;
pub mod offer;
pub mod placeholder;
pub mod render;
pub mod suggest;

pub use approval::{approval_problems, lint, ApprovalProblem, LintReport};
pub use format::{
    export_templates, parse_templates, ApprovalState, Prompt, PromptKind, Template, TemplatesError,
};
pub use render::{render, render_in, RenderError, Rendered};
pub use suggest::{suggest, PostSuggestions, SuggestQuery, Suggestion, Why};

use crate::care::{assess, CareContext};
use crate::model::Platform;
use crate::tone::{Policy, ReplyContext};

/// A team's templates, as read from its templates file.
#[derive(Debug, Clone)]
pub struct TemplateLibrary {
    templates: Vec<Template>,
}

impl TemplateLibrary {
    /// Reads and validates a templates file.
    pub fn from_toml(source: &str) -> Result<TemplateLibrary, TemplatesError> {
        Ok(TemplateLibrary {
            templates: parse_templates(source)?,
        })
    }

    /// The library of synced template records: the ones the engine can read,
    /// and why each other one was set apart (a lead's draft with a typo never
    /// hides the others from agents).
    pub fn from_records(
        records: impl IntoIterator<Item = crate::model::Template>,
    ) -> (TemplateLibrary, Vec<TemplatesError>) {
        let mut templates = Vec::new();
        let mut problems = Vec::new();
        for record in records {
            match Template::from_record(record) {
                Ok(template) => templates.push(template),
                Err(problem) => problems.push(problem),
            }
        }
        (TemplateLibrary { templates }, problems)
    }

    /// Writes the library as a templates file (see [`export_templates`]).
    pub fn to_toml(&self) -> String {
        export_templates(&self.templates)
    }

    /// Every template, whatever its state.
    pub fn all(&self) -> &[Template] {
        &self.templates
    }

    /// The template with id `id`.
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|template| template.id == id)
    }

    /// The templates offered to agents: the approved ones.
    pub fn offered(&self) -> impl Iterator<Item = &Template> {
        self.templates
            .iter()
            .filter(|template| template.state == ApprovalState::Approved)
    }

    /// Renders an approved template for an agent; drafts and retired
    /// templates are refused unless `allow_unapproved` (a lead's preview).
    pub fn render(
        &self,
        id: &str,
        platform: Platform,
        context: &ReplyContext,
        policy: Option<&Policy>,
        allow_unapproved: bool,
    ) -> Result<Rendered, RenderError> {
        let template = self
            .get(id)
            .ok_or_else(|| RenderError::UnknownTemplate(id.to_owned()))?;
        if template.state != ApprovalState::Approved && !allow_unapproved {
            let state = serde_json::to_value(template.state)
                .ok()
                .and_then(|value| value.as_str().map(str::to_owned))
                .unwrap_or_default();
            return Err(RenderError::NotApproved {
                id: id.to_owned(),
                state,
            });
        }
        render(template, platform, context, policy)
    }

    /// The approved templates ranked for a customer's post.
    pub fn suggest(&self, query: &SuggestQuery<'_>, k: usize) -> Vec<Suggestion> {
        suggest(&self.templates, query, k)
    }

    /// The approved templates ranked for a customer's post, using the intent
    /// and language the care intelligence reads in it.
    pub fn suggest_for_post(&self, post: &str, k: usize) -> PostSuggestions {
        let assessment = assess(post, &CareContext::default());
        let query = SuggestQuery {
            text: post,
            intent: Some(assessment.intent),
            language: assessment.language.as_deref(),
        };
        let suggestions = self.suggest(&query, k);
        PostSuggestions {
            intent: assessment.intent,
            language: assessment.language,
            suggestions,
        }
    }

    /// Lints every template against a policy.
    pub fn lint(&self, policy: &Policy) -> Vec<LintReport> {
        lint(&self.templates, policy)
    }
}
