//! Minimal access to the WebExtension APIs (`browser.*` in Firefox,
//! `chrome.*` in Chrome) without generated bindings: look a namespace up,
//! call a method, await its promise. Errors are reasons in words.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The API namespace `name` (e.g. `storage`) of `browser` or else `chrome`.
pub(crate) fn namespace(name: &str) -> Result<JsValue, String> {
    let global = js_sys::global();
    ["browser", "chrome"]
        .into_iter()
        .filter_map(|root| Reflect::get(&global, &JsValue::from_str(root)).ok())
        .filter(JsValue::is_object)
        .filter_map(|api| Reflect::get(&api, &JsValue::from_str(name)).ok())
        .find(JsValue::is_object)
        .ok_or_else(|| {
            format!("no browser.{name} or chrome.{name}: open the panel from the extension")
        })
}

/// `object[name]`, which must be neither `undefined` nor `null`.
pub(crate) fn property(object: &JsValue, name: &str) -> Result<JsValue, String> {
    let value = Reflect::get(object, &JsValue::from_str(name)).map_err(|error| describe(&error))?;
    if value.is_undefined() || value.is_null() {
        return Err(format!("{name} is missing"));
    }
    Ok(value)
}

/// Calls `object[name](...arguments)` and returns what it returns.
pub(crate) fn call(
    object: &JsValue,
    name: &str,
    arguments: &[&JsValue],
) -> Result<JsValue, String> {
    let method: Function = property(object, name)?
        .dyn_into()
        .map_err(|_| format!("{name} is not a function"))?;
    let arguments: Array = arguments.iter().copied().collect();
    method
        .apply(object, &arguments)
        .map_err(|error| describe(&error))
}

/// Calls `object[name](...arguments)` and awaits the promise it returns.
pub(crate) async fn call_async(
    object: &JsValue,
    name: &str,
    arguments: &[&JsValue],
) -> Result<JsValue, String> {
    let pending = call(object, name, arguments)?;
    JsFuture::from(Promise::resolve(&pending))
        .await
        .map_err(|error| describe(&error))
}

/// A thrown JavaScript value in words.
pub(crate) fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
