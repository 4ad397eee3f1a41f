//! The renderer of the suggested replies' previews: the tone module's
//! `render` (`extension/tone`, `socialcare_tone`), the same engine the
//! worker's `/` picker inserts with.
//!
//! The template engine counts X's weighted length with twitter-text's
//! patterns (`regex`, `fancy-regex`, Unicode tables, the TLD list): more
//! than the rest of the panel's module. So the panel's module leaves it out
//! and the page loads the tone module only once an item has suggested
//! replies, after the panel's first render: `sidepanel.js` leaves a loader
//! for it in the global [`LOADER`].

use js_sys::{Function, Promise, Reflect, JSON};
use serde::Deserialize;
use socialcare::model::Platform;
use socialcare::tone::ReplyContext;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The global where the page's bootstrap leaves a function that loads the
/// tone module (once) and resolves to its `render(body, platform,
/// context)` (`static/sidepanel.js`).
pub const LOADER: &str = "socialcareTemplateRenderer";

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
        let loader = Reflect::get(&js_sys::global(), &LOADER.into())
            .ok()
            .and_then(|loader| loader.dyn_into::<Function>().ok())
            .ok_or("this page cannot load the template engine")?;
        let loading: Promise = loader
            .call0(&JsValue::NULL)
            .map_err(|error| message(&error))?
            .dyn_into()
            .map_err(|_| "the template engine's loader returned no promise")?;
        let render = JsFuture::from(loading)
            .await
            .map_err(|error| message(&error))?;
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
        let context = JSON::parse(&context).map_err(|error| message(&error))?;
        let rendered = self
            .0
            .call3(
                &JsValue::NULL,
                &body.into(),
                &platform.as_str().into(),
                &context,
            )
            .map_err(|error| message(&error))?;
        let json: String = JSON::stringify(&rendered)
            .map_err(|error| message(&error))?
            .into();
        serde_json::from_str(&json).map_err(|error| format!("the engine's answer: {error}"))
    }
}

/// What a thrown JavaScript value says.
fn message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the template engine failed".to_owned())
}
