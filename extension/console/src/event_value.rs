//! What a form field's change event carries, for the console's forms.

use yew::prelude::*;

/// The value of the input, textarea or select an event came from, or
/// `true`/`false` for a checkbox.
pub fn event_value(event: &Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    let read = |name: &str| js_sys::Reflect::get(&target, &name.into()).ok();
    if read("type").and_then(|kind| kind.as_string()).as_deref() == Some("checkbox") {
        return read("checked")
            .and_then(|checked| checked.as_bool())
            .unwrap_or(false)
            .to_string();
    }
    read("value")
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}
