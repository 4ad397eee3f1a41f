//! The tone rules' VADER score from the host (the `host-sentiment` feature,
//! WebAssembly only).
//!
//! The extension ships VADER's tables once, in the service worker's verdict
//! module, which scores every badge with them. The tone module, built with
//! this feature, asks for the same score through
//! `globalThis.socialcareSentiment(text)`, which whoever loads it defines
//! first with the verdict module's `compound_sentiment` (the worker's
//! `worker/tone.js`, the console's `console.js`). Both run the core's own
//! `sentiment::polarity_scores`, so a draft scores exactly as natively.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The global the host defines: `(text) => compound score`.
pub const HOST_FUNCTION: &str = "socialcareSentiment";

/// VADER's compound score of `text`, from the host. Throws a JavaScript
/// error naming [`HOST_FUNCTION`] when the host has not defined it.
pub fn compound(text: &str) -> f64 {
    let scorer = Reflect::get(&js_sys::global(), &JsValue::from_str(HOST_FUNCTION))
        .ok()
        .and_then(|value| value.dyn_into::<Function>().ok())
        .unwrap_or_else(|| {
            wasm_bindgen::throw_str(
                "Socialcare's tone module needs globalThis.socialcareSentiment (the verdict module's compound_sentiment) before a check",
            )
        });
    scorer
        .call1(&JsValue::UNDEFINED, &JsValue::from_str(text))
        .ok()
        .and_then(|score| score.as_f64())
        .unwrap_or_else(|| {
            wasm_bindgen::throw_str("globalThis.socialcareSentiment answered no number")
        })
}
