//! The focus keyboard shortcut, as the browser has it assigned.

use crate::webext;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The manifest's `commands` entry that focuses an item (`extension/static/manifest.json`).
pub const FOCUS_COMMAND: &str = "focus-item";

/// The shortcut currently assigned to [`FOCUS_COMMAND`] (e.g. `Alt+Shift+S`),
/// or `None` when none is assigned or the `commands` API is unavailable.
pub async fn focus_shortcut() -> Option<String> {
    let commands = webext::namespace("commands").ok()?;
    let all: Array = webext::call_async(&commands, "getAll", &[])
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    all.iter()
        .find(|command| field(command, "name").as_deref() == Some(FOCUS_COMMAND))
        .and_then(|command| field(&command, "shortcut"))
        .filter(|shortcut| !shortcut.is_empty())
}

/// `object[name]` when it is a string.
fn field(object: &JsValue, name: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()?
        .as_string()
}
