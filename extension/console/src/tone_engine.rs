//! The tone and template engines, as the console calls them: the tone
//! module (`extension/tone`, `socialcare_tone`, its `console` calls).
//!
//! The engines bring `regex`, TOML and the Unicode and TLD tables: more
//! than the rest of the console. So the console's module
//! leaves them out; `console.js` leaves a loader in the global [`LOADER`]
//! and the console calls it after its first render ([`use_tone_engine`]).
//! Calls cross the boundary as text (TOML, JSON) and answers come back as
//! the core's own types.

use js_sys::{Array, Function, Reflect};
use serde::de::DeserializeOwned;
use socialcare::model::{self, Platform};
use socialcare::templates::{ApprovalProblem, Rendered};
use socialcare::tone::{Finding, ReplyContext};
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::lazy_module::{self, error_message};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The global where `console.js` leaves a function that loads the tone
/// module (once) and resolves to its exports.
pub const LOADER: &str = "socialcareToneEngine";

/// The module, as the technical details of its errors name it (English,
/// like the browser's own error messages they sit beside; the sentence
/// around them is the agent's language).
const WHAT: &str = "the tone engine";

/// The tone module's exports, loaded.
#[derive(Clone, PartialEq)]
pub struct ToneEngine(JsValue);

/// Where the engine stands, as the console's components see it (a context
/// the console provides).
#[derive(Clone, PartialEq)]
pub enum EngineState {
    /// Being loaded.
    Loading,
    /// Loaded.
    Ready(ToneEngine),
    /// It could not be loaded: why.
    Failed(String),
}

impl EngineState {
    /// The engine, once loaded.
    pub fn engine(&self) -> Option<&ToneEngine> {
        match self {
            EngineState::Ready(engine) => Some(engine),
            _ => None,
        }
    }

    /// What a component shows instead of the engine's answer while there is
    /// none (loading, or why it failed).
    pub fn notice(&self) -> Html {
        match self {
            EngineState::Loading => {
                html! { <p class="check engine-loading">{ t("console_tone_engine_loading") }</p> }
            }
            EngineState::Ready(_) => Html::default(),
            EngineState::Failed(why) => {
                html! { <p class="check check-error" dir="auto">{ t_with("console_tone_engine_failed", &[why]) }</p> }
            }
        }
    }
}

/// Loads the engine through the page's [`LOADER`] after the first render;
/// the state to provide to the console's components.
#[hook]
pub fn use_tone_engine() -> EngineState {
    let state = use_state(|| EngineState::Loading);
    {
        let state = state.setter();
        use_effect_with((), move |()| {
            spawn_local(async move {
                state.set(match ToneEngine::load().await {
                    Ok(engine) => EngineState::Ready(engine),
                    Err(why) => EngineState::Failed(why),
                })
            });
        });
    }
    (*state).clone()
}

/// The engine's state the console provides ([`EngineState::Loading`]
/// outside it).
#[hook]
pub fn use_engine_state() -> EngineState {
    use_context::<EngineState>().unwrap_or(EngineState::Loading)
}

impl ToneEngine {
    /// An engine calling the functions of `exports` (the tone module's, or
    /// an object with the same functions).
    pub fn new(exports: JsValue) -> Self {
        ToneEngine(exports)
    }

    /// Loads the tone module through the page's [`LOADER`].
    pub async fn load() -> Result<Self, String> {
        lazy_module::load(LOADER, WHAT).await.map(ToneEngine)
    }

    /// Why guideline `source` does not compile (its first problem, at line
    /// and column, as `socialcare check` says it), or `None` when it does.
    pub fn guideline_problem(&self, source: &str) -> Option<String> {
        match self.call("guideline_problem", &[source.into()]) {
            Ok(problem) => problem.as_string(),
            Err(why) => Some(why),
        }
    }

    /// The findings of guideline `source` on `draft`, a public reply on
    /// `platform` in the conversation `context`.
    pub fn check_draft(
        &self,
        source: &str,
        draft: &str,
        platform: Platform,
        context: &ReplyContext,
    ) -> Result<Vec<Finding>, String> {
        let context = serde_json::to_string(context).map_err(|error| error.to_string())?;
        self.json(
            "check_draft",
            &[
                source.into(),
                draft.into(),
                platform.as_str().into(),
                context.into(),
            ],
        )
    }

    /// Why the template engine cannot read `record`, or `None` when it can.
    pub fn template_problem(&self, record: &model::Template) -> Option<String> {
        let record = match serde_json::to_string(record) {
            Ok(record) => record,
            Err(error) => return Some(error.to_string()),
        };
        match self.call("template_problem", &[record.into()]) {
            Ok(problem) => problem.as_string(),
            Err(why) => Some(why),
        }
    }

    /// `record` rendered for `platform` in `language` with the approval
    /// rule's sample conversation, measured and checked against guideline
    /// `source` (length only without one), or why it cannot be.
    pub fn render(
        &self,
        record: &model::Template,
        platform: Platform,
        language: &str,
        source: Option<&str>,
    ) -> Result<Rendered, String> {
        let record = serde_json::to_string(record).map_err(|error| error.to_string())?;
        let source = source.map_or(JsValue::UNDEFINED, JsValue::from);
        self.json(
            "render_template",
            &[
                record.into(),
                platform.as_str().into(),
                language.into(),
                source,
            ],
        )
    }

    /// The ways `record`'s renderings break a `block` rule of guideline
    /// `source`.
    pub fn approval_problems(
        &self,
        record: &model::Template,
        source: &str,
    ) -> Result<Vec<ApprovalProblem>, String> {
        let record = serde_json::to_string(record).map_err(|error| error.to_string())?;
        self.json("approval_problems", &[record.into(), source.into()])
    }

    /// Calls the engine's function `name` with `args`: its answer, or what
    /// it threw.
    fn call(&self, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let function: Function = Reflect::get(&self.0, &name.into())
            .ok()
            .and_then(|function| function.dyn_into().ok())
            .ok_or_else(|| t_with("console_tone_engine_missing", &[name]))?;
        let args: Array = args.iter().collect();
        function
            .apply(&JsValue::NULL, &args)
            .map_err(|error| error_message(&error, WHAT))
    }

    /// Calls `name` and reads its JSON answer.
    fn json<T: DeserializeOwned>(&self, name: &str, args: &[JsValue]) -> Result<T, String> {
        let answer = self
            .call(name, args)?
            .as_string()
            .ok_or_else(|| t_with("console_tone_engine_no_text", &[name]))?;
        serde_json::from_str(&answer).map_err(|error| {
            t_with(
                "console_tone_engine_unreadable",
                &[name, &error.to_string()],
            )
        })
    }
}
