//! The renderer of the suggested replies' previews: the tone module's
//! `render` (`extension/tone`, `socialcare_tone`), the same engine the
//! worker's `/` picker inserts with.
//!
//! The template engine counts X's weighted length with twitter-text's
//! patterns (`regex`, Unicode tables, the TLD list): more than the rest of
//! the panel's module. So the panel's module leaves it out
//! and the page loads the tone module only once an item has suggested
//! replies, after the panel's first render: `sidepanel.js` leaves a loader
//! for it in the global [`LOADER`].

use crate::lazy_module::{self, error_message};
use js_sys::{Function, JSON};
use serde::Deserialize;
use socialcare::model::Platform;
use socialcare::tone::ReplyContext;
use wasm_bindgen::prelude::*;

/// The global where the page's bootstrap leaves a function that loads the
/// tone module (once) and resolves to its `render(body, platform,
/// context)` (`static/sidepanel.js`).
pub const LOADER: &str = "socialcareTemplateRenderer";

/// The module, as errors name it.
const WHAT: &str = "the template engine";

/// A reply rendered for its platform, as the tone module's `render` answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RenderedReply {
    /// The reply.
    pub text: String,
    /// Its length as the platform counts it (X: weighted characters).
    pub length: usize,
    /// The platform's limit.
    pub limit: usize,
}

/// The tone module's `render`, loaded.
#[derive(Clone, PartialEq)]
pub struct TemplateRenderer(Function);

impl TemplateRenderer {
    /// A renderer calling `render(body, platform, context)`, which returns
    /// `{text, length, limit}` or throws what the engine refused.
    pub fn new(render: Function) -> Self {
        TemplateRenderer(render)
    }

    /// Loads the tone module through the page's [`LOADER`].
    pub async fn load() -> Result<Self, String> {
        let render = lazy_module::load(LOADER, WHAT).await?;
        render
            .dyn_into::<Function>()
            .map(TemplateRenderer)
            .map_err(|_| "the template engine has no render function".to_owned())
    }

    /// `body` rendered for `platform` with the conversation and the agent's
    /// answers (unanswered prompts stay empty), or what the engine refused.
    pub fn render(
        &self,
        body: &str,
        platform: Platform,
        context: &ReplyContext,
    ) -> Result<RenderedReply, String> {
        let context = serde_json::to_string(context).map_err(|error| error.to_string())?;
        let context = JSON::parse(&context).map_err(|error| error_message(&error, WHAT))?;
        let rendered = self
            .0
            .call3(
                &JsValue::NULL,
                &body.into(),
                &platform.as_str().into(),
                &context,
            )
            .map_err(|error| error_message(&error, WHAT))?;
        let json: String = JSON::stringify(&rendered)
            .map_err(|error| error_message(&error, WHAT))?
            .into();
        serde_json::from_str(&json).map_err(|error| format!("the engine's answer: {error}"))
    }
}
