//! The agent's language for what is not a message: numbers, shares and
//! lists by the browser's `Intl` in its UI language, and messages with
//! elements inside them. The pages and the console share these.

use crate::i18n::{t_with, ui_language};
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;
use yew::Html;

/// The browser's UI language, as the `locales` argument of `Intl`.
pub fn ui_locales() -> Array {
    std::iter::once(JsValue::from_str(&ui_language())).collect()
}

/// An options object of `Intl` from `(name, value)` pairs.
pub fn intl_options(pairs: &[(&str, JsValue)]) -> Object {
    let options = Object::new();
    for (name, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(name), value);
    }
    options
}

/// Calls an `Intl` `format` function on `value`, as text (empty when it fails).
pub fn apply(format: &Function, value: &JsValue) -> String {
    format
        .call1(&JsValue::UNDEFINED, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A number format: its style (`decimal`, `percent`), the fewest integer
/// digits and the exact count of fraction digits.
type NumberShape = (&'static str, u32, u32);

thread_local! {
    /// The UI language's number formats made so far, each made once.
    static NUMBER_FORMATS: RefCell<HashMap<NumberShape, Function>> = RefCell::new(HashMap::new());
}

/// `value` in the number format `shape` of the UI language.
fn formatted((style, integer_digits, fraction_digits): NumberShape, value: f64) -> String {
    NUMBER_FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        let format = formats
            .entry((style, integer_digits, fraction_digits))
            .or_insert_with(|| {
                let options = intl_options(&[
                    ("style", style.into()),
                    ("minimumIntegerDigits", integer_digits.into()),
                    ("minimumFractionDigits", fraction_digits.into()),
                    ("maximumFractionDigits", fraction_digits.into()),
                ]);
                Intl::NumberFormat::new(&ui_locales(), &options).format()
            });
        Some(apply(format, &JsValue::from_f64(value)))
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| value.to_string())
    })
}

/// A whole number as the agent's language writes it (`1,234`, `١٬٢٣٤`).
pub fn number(value: f64) -> String {
    formatted(("decimal", 1, 0), value)
}

/// A number with exactly `fraction_digits` decimals (`3.5`, `3,5`).
pub fn decimal(value: f64, fraction_digits: u32) -> String {
    formatted(("decimal", 1, fraction_digits), value)
}

/// A whole number with at least two digits (`05`), as in clock minutes.
pub fn two_digits(value: f64) -> String {
    formatted(("decimal", 2, 0), value)
}

/// A share of 0..1 as a whole percentage (`50%`, `%50`).
pub fn percent(share: f64) -> String {
    formatted(("percent", 1, 0), share)
}

/// A share of 0..1 as a percentage with exactly `fraction_digits` decimals (`48.2%`).
pub fn percent_with_decimals(share: f64, fraction_digits: u32) -> String {
    formatted(("percent", 1, fraction_digits), share)
}

/// Items as a short list (`X, Instagram` in English, `X و Instagram` in
/// Arabic), by `Intl.ListFormat`.
pub fn list(items: &[String]) -> String {
    let format = Intl::ListFormat::new(
        &ui_locales(),
        &intl_options(&[("type", "unit".into()), ("style", "short".into())]),
    );
    let items: Array = items.iter().map(|item| JsValue::from_str(item)).collect();
    format.format(&items).into()
}

/// Marks a placeholder's place in a message while it is split around the
/// elements (a private-use character: no message or substitution holds one).
const MARK: char = '\u{E000}';

/// The message `key` with its placeholders (`$1`.. in the order declared)
/// filled with `parts`, as nodes: the message's text as text, each part (a
/// `<kbd>`, a control, a marked-up name) where the translation puts it.
pub fn message_with(key: &str, parts: Vec<Html>) -> Html {
    let marks: Vec<String> = (0..parts.len())
        .map(|index| format!("{MARK}{index}{MARK}"))
        .collect();
    let marks: Vec<&str> = marks.iter().map(String::as_str).collect();
    let message = t_with(key, &marks);
    let mut parts: Vec<Option<Html>> = parts.into_iter().map(Some).collect();
    // Split at the marks, the pieces alternate: text, a part's index, text, ...
    message
        .split(MARK)
        .enumerate()
        .map(|(at, piece)| {
            if at % 2 == 0 {
                yew::html! { piece.to_owned() }
            } else {
                piece
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| parts.get_mut(index)?.take())
                    .unwrap_or_default()
            }
        })
        .collect()
}
