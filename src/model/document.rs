//! Lead-owned versioned documents: reply templates and tone guidelines.
//!
//! The store keeps their source text and metadata; rendering and rule checking
//! belong to the template and tone engines.

use super::Platform;
use crate::care::Intent;
use serde::{Deserialize, Serialize};

/// Where a template is in its review life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TemplateState {
    /// Being written; agents do not use it.
    Draft,
    /// Approved by a lead; agents may use it.
    Approved,
    /// No longer in use.
    Retired,
}

/// One variant of a template: for a platform (or all) and a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateVariant {
    /// The platform this variant is for; `None` for every platform.
    pub platform: Option<Platform>,
    /// BCP 47 language tag, e.g. `en`, `pt-BR`.
    pub language: String,
    /// The template's source text.
    pub body: String,
}

/// The kind of answer a fill-in prompt takes.
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
    #[serde(default = "required_by_default")]
    pub required: bool,
    /// The allowed answers of a `choice` prompt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

fn required_by_default() -> bool {
    true
}

/// A reply template, versioned; every save bumps `revision`. The same model is
/// synced by the store and read by the template engine (`crate::templates`),
/// which adds only the parsed bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Client-generated id, unique in the team.
    pub id: String,
    /// The name leads and agents see.
    pub name: String,
    /// Review state.
    pub state: TemplateState,
    /// Per-platform and per-language variants; the first variant for every
    /// platform (`platform: None`) sets the template's main language.
    pub variants: Vec<TemplateVariant>,
    /// Free tags for search.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The intents it answers.
    #[serde(default)]
    pub intents: Vec<Intent>,
    /// Fill-in prompts.
    #[serde(default)]
    pub prompts: Vec<Prompt>,
    /// Document revision, 1 for the first save.
    pub revision: u32,
    /// The agent id of the last editor.
    pub updated_by: String,
    /// When it was last saved (Unix milliseconds).
    pub updated_at: i64,
    /// For a draft kept because of a concurrent edit: the id of the template it conflicted with.
    pub conflict_of: Option<String>,
}

/// A tone guideline document (the tone engine's source text), versioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guideline {
    /// Client-generated id, unique in the team.
    pub id: String,
    /// The name leads see.
    pub name: String,
    /// The source's format, e.g. `toml` or `json`.
    pub format: String,
    /// The source text.
    pub source: String,
    /// Document revision, 1 for the first save.
    pub revision: u32,
    /// The agent id of the last editor.
    pub updated_by: String,
    /// When it was last saved (Unix milliseconds).
    pub updated_at: i64,
    /// For a copy kept because of a concurrent edit: the id of the guideline it conflicted with.
    pub conflict_of: Option<String>,
}
