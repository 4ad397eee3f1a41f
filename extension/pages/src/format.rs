//! Numbers in the agent's language (`Intl.NumberFormat` of the browser's UI
//! language), and messages with an element inside them.

use crate::i18n::{t_with, ui_language};
use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;
use yew::Html;

thread_local! {
    /// The UI language's `format` for whole numbers.
    static WHOLE: Function = formatter(&[("maximumFractionDigits", 0.into())]);
    /// The UI language's `format` for whole numbers of at least two digits.
    static TWO_DIGITS: Function = formatter(&[
        ("maximumFractionDigits", 0.into()),
        ("minimumIntegerDigits", 2.into()),
    ]);
    /// The UI language's `format` for whole percentages of a 0..1 share.
    static PERCENT: Function = formatter(&[
        ("style", "percent".into()),
        ("maximumFractionDigits", 0.into()),
    ]);
}

/// A `format` of an `Intl.NumberFormat` in the UI language with `options`.
fn formatter(options: &[(&str, JsValue)]) -> Function {
    let object = Object::new();
    for (name, value) in options {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    let languages: Array = std::iter::once(JsValue::from_str(&ui_language())).collect();
    Intl::NumberFormat::new(&languages, &object).format()
}

/// `value` with `format`, or plainly when the formatter fails.
fn apply(format: &'static std::thread::LocalKey<Function>, value: f64) -> String {
    format
        .with(|format| format.call1(&JsValue::UNDEFINED, &JsValue::from_f64(value)).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// A whole number as the agent's language writes it (`1,234`, `١٬٢٣٤`).
pub fn number(value: f64) -> String {
    apply(&WHOLE, value)
}

/// A whole number with at least two digits (`05`), as in clock minutes.
pub fn two_digits(value: f64) -> String {
    apply(&TWO_DIGITS, value)
}

/// A share of 0..1 as a whole percentage (`50%`, `%50`).
pub fn percent(share: f64) -> String {
    apply(&PERCENT, share)
}

/// Stands for the element in the message while it is split around it (a
/// private-use character no message contains).
const MARKER: &str = "\u{E000}";

/// The message `key`, whose one placeholder stands for `element` (a
/// `<kbd>`, an `<abbr>`...): the text before it, the element, the text
/// after it, so translators place the element where their language needs it.
pub fn message_around(key: &str, element: Html) -> Html {
    let message = t_with(key, &[MARKER]);
    let (before, after) = message.split_once(MARKER).unwrap_or((message.as_str(), ""));
    yew::html! { <>{ before.to_owned() }{ element }{ after.to_owned() }</> }
}
