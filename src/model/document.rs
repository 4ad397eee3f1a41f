//! Lead-owned versioned documents: reply templates and tone guidelines.
//!
//! The store keeps their source text and metadata; rendering and rule checking
//! belong to the template and tone engines.

use super::Platform;
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

/// A reply template, versioned; every save bumps `revision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Client-generated id, unique in the team.
    pub id: String,
    /// The name leads and agents see.
    pub name: String,
    /// Review state.
    pub state: TemplateState,
    /// Per-platform and per-language variants.
    pub variants: Vec<TemplateVariant>,
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
