//! The pages' words in the agent's own language. Every text a page shows is
//! a message of the extension's catalogue (`extension/locales/<locale>/`,
//! merged into `_locales/` by `make extension`), read with the browser's
//! `i18n.getMessage`: the browser picks its UI language's message and falls
//! back to English (docs/extension.md, "Languages").
//!
//! A plural message has one key per form (`queue_waiting_one`,
//! `queue_waiting_other`, ...); [`t_count`] picks the form for a number with
//! `Intl.PluralRules` in the browser's UI language.

use crate::webext;
use js_sys::{Array, Intl, Object};
use std::cell::OnceCell;
use wasm_bindgen::JsValue;

/// The message `key`, in the browser's UI language.
pub fn t(key: &str) -> String {
    t_with(key, &[])
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `i18n.getMessage` (`chrome` in Chromium and Firefox
    /// alike), called directly: a page renders hundreds of messages.
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage, catch)]
    fn get_message(key: &str, substitutions: &Array) -> Result<JsValue, JsValue>;
}

/// The message `key` with its placeholders (`$1` to `$9`, in the order the
/// catalogue's `placeholders` give them) filled with `substitutions`, as text.
pub fn t_with(key: &str, substitutions: &[&str]) -> String {
    let substitutions: Array = substitutions
        .iter()
        .map(|each| JsValue::from_str(each))
        .collect();
    match get_message(key, &substitutions)
        .ok()
        .and_then(|found| found.as_string())
    {
        Some(message) if !message.is_empty() => message,
        // An unknown key reads as itself, so a missing message shows where it
        // is (the catalogue's check in `make test` finds it first); so does
        // every key outside an extension.
        _ => key.to_owned(),
    }
}

/// The form of the plural message `key` for `count` (`key_one`, `key_other`,
/// ... by the browser's UI language), with `substitutions` filled; the count
/// itself is not among them, so pass it formatted where the message shows it.
pub fn t_count(key: &str, count: f64, substitutions: &[&str]) -> String {
    t_form(key, "", Counting::Cardinal, count, substitutions)
}

/// The ordinal message `key` for `n` (`3rd`, `3e`, `3.`), with
/// `substitutions` filled (pass `n` formatted where the message shows it):
/// an ordinal message has one key per ordinal category of the languages
/// shipped, `<key>_<category>_form` (`care_ordinal_few_form`; not
/// `<key>_<category>`, which the catalogue's check reads as the forms of a
/// count), picked with `Intl.PluralRules` of `{type: "ordinal"}` in the
/// browser's UI language; a category without a message reads as `other`.
pub fn t_ordinal(key: &str, n: f64, substitutions: &[&str]) -> String {
    t_form(key, "_form", Counting::Ordinal, n, substitutions)
}

/// The message `<key>_<category><suffix>` for `n`'s category in `counting`,
/// or `<key>_other<suffix>` when the catalogue has none for that category.
fn t_form(key: &str, suffix: &str, counting: Counting, n: f64, substitutions: &[&str]) -> String {
    let form = format!("{key}_{}{suffix}", category(counting, n));
    let message = t_with(&form, substitutions);
    if message == form {
        t_with(&format!("{key}_other{suffix}"), substitutions)
    } else {
        message
    }
}

/// The browser's UI language as a BCP 47 tag (e.g. `pt-BR`), `en` where the
/// page runs outside an extension.
pub fn ui_language() -> String {
    webext::namespace("i18n")
        .ok()
        .and_then(|i18n| webext::call(&i18n, "getUILanguage", &[]).ok())
        .and_then(|language| language.as_string())
        .unwrap_or_else(|| "en".to_owned())
}

/// Sets the page's `lang` and `dir` (right to left for Arabic, Hebrew, ...)
/// to the browser's UI language, so the page reads and lays out as the
/// language does.
pub fn apply_to_document(document: &web_sys::Document) {
    if let Some(root) = document.document_element() {
        // Neither can fail on the root element of a page.
        let _ = root.set_attribute("lang", &ui_language());
        let direction = t("@@bidi_dir");
        let direction = if direction == "rtl" { "rtl" } else { "ltr" };
        let _ = root.set_attribute("dir", direction);
    }
}

/// What a number counts: things (`1 ticket`) or places in order (`1st`).
#[derive(Clone, Copy)]
enum Counting {
    Cardinal,
    Ordinal,
}

/// The plural category of `n` (`zero`, `one`, `two`, `few`, `many` or
/// `other`) as `counting` counts in the browser's UI language.
fn category(counting: Counting, n: f64) -> String {
    thread_local! {
        static RULES: [OnceCell<Intl::PluralRules>; 2] = const { [OnceCell::new(), OnceCell::new()] };
    }
    RULES.with(|rules| {
        rules[counting as usize]
            .get_or_init(|| {
                let languages: Array = std::iter::once(JsValue::from_str(&ui_language())).collect();
                let options = Object::new();
                if let Counting::Ordinal = counting {
                    // Setting a property on a fresh plain object cannot fail.
                    let _ = js_sys::Reflect::set(&options, &"type".into(), &"ordinal".into());
                }
                Intl::PluralRules::new(&languages, &options)
            })
            .select(n)
            .into()
    })
}
