//! A wasm module a page loads only when it first needs it (the tone
//! module: the side panel's previews, the console's checks).
//!
//! The page's bootstrap script leaves a loader in a global (a function that
//! imports the module once and resolves to what the page calls); the Yew
//! code awaits it here. Its errors come back as the thrown error's message.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Calls the loader the page left in global `loader` and awaits what it
/// resolves to; `what` names the module in the errors ("the tone engine").
pub async fn load(loader: &str, what: &str) -> Result<JsValue, String> {
    let loader = Reflect::get(&js_sys::global(), &loader.into())
        .ok()
        .and_then(|loader| loader.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("this page cannot load {what}"))?;
    let loading: Promise = loader
        .call0(&JsValue::NULL)
        .map_err(|error| error_message(&error, what))?
        .dyn_into()
        .map_err(|_| format!("{what}'s loader returned no promise"))?;
    JsFuture::from(loading)
        .await
        .map_err(|error| error_message(&error, what))
}

/// The message of a JavaScript error (or thrown string) from `what`.
pub fn error_message(error: &JsValue, what: &str) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{what} failed"))
}
