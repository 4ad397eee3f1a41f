//! Numbers, shares, durations, weekdays and lists as the browser's UI
//! language writes them (`Intl`), for what the console shows on screen.
//! The CSV downloads keep their raw values ([`report::table_csv`]).
//!
//! [`report::table_csv`]: super::report::table_csv

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use socialcare_pages::i18n::{t_count, ui_language};
use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};

/// What a figure without a value shows.
pub const NO_VALUE: &str = "–";

/// The browser's UI language, as the `locales` argument of `Intl`.
fn locales() -> Array {
    std::iter::once(JsValue::from_str(&ui_language())).collect()
}

/// An options object of `Intl` from `(name, value)` pairs.
fn options(pairs: &[(&str, JsValue)]) -> Object {
    let options = Object::new();
    for (name, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(name), value);
    }
    options
}

/// Calls an `Intl` format function on `value`, as text.
fn apply(format: &Function, value: &JsValue) -> String {
    format
        .call1(&JsValue::UNDEFINED, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

thread_local! {
    /// Whole numbers (`1,234`).
    static WHOLE: OnceCell<Function> = const { OnceCell::new() };
    /// Numbers with one decimal (`3.5`).
    static ONE_DECIMAL: OnceCell<Function> = const { OnceCell::new() };
    /// Percentages with one decimal (`48.2%`).
    static PERCENT: OnceCell<Function> = const { OnceCell::new() };
    /// Long weekday names in UTC (`Monday`).
    static WEEKDAY: OnceCell<Function> = const { OnceCell::new() };
}

/// A number format of `digits` decimals (exactly), made once per cell.
fn number_format(
    cell: &'static std::thread::LocalKey<OnceCell<Function>>,
    style: &str,
    digits: u32,
    value: f64,
) -> String {
    cell.with(|format| {
        let format = format.get_or_init(|| {
            let digits = JsValue::from(digits);
            Intl::NumberFormat::new(
                &locales(),
                &options(&[
                    ("style", style.into()),
                    ("minimumFractionDigits", digits.clone()),
                    ("maximumFractionDigits", digits),
                ]),
            )
            .format()
        });
        apply(format, &JsValue::from_f64(value))
    })
}

/// A whole number, e.g. a count of tickets.
pub fn whole(value: f64) -> String {
    number_format(&WHOLE, "decimal", 0, value)
}

/// A number with one decimal.
fn one_decimal(value: f64) -> String {
    number_format(&ONE_DECIMAL, "decimal", 1, value)
}

/// A ratio as a percentage with one decimal, or [`NO_VALUE`].
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(
        || NO_VALUE.to_owned(),
        |ratio| number_format(&PERCENT, "percent", 1, ratio),
    )
}

/// A duration in seconds, readably (`42 s`, `12 min`, `3.5 h`, `2.1 d` in
/// English), or [`NO_VALUE`].
pub fn duration(seconds: Option<i64>) -> String {
    let Some(seconds) = seconds else {
        return NO_VALUE.to_owned();
    };
    let in_unit = |key: &str, amount: f64, shown: String| t_count(key, amount, &[&shown]);
    match seconds {
        s if s < 60 => in_unit("console_duration_seconds", s as f64, whole(s as f64)),
        s if s < 3_600 => {
            let minutes = (s / 60) as f64;
            in_unit("console_duration_minutes", minutes, whole(minutes))
        }
        s if s < 86_400 => {
            let hours = (s as f64 / 360.0).round() / 10.0;
            in_unit("console_duration_hours", hours, one_decimal(hours))
        }
        s => {
            let days = (s as f64 / 8_640.0).round() / 10.0;
            in_unit("console_duration_days", days, one_decimal(days))
        }
    }
}

/// The name of a weekday, 1 = Monday … 7 = Sunday.
pub fn weekday(day: u8) -> String {
    WEEKDAY.with(|format| {
        let format = format.get_or_init(|| {
            Intl::DateTimeFormat::new(
                &locales(),
                &options(&[("weekday", "long".into()), ("timeZone", "UTC".into())]),
            )
            .format()
        });
        // 1 January 2024 was a Monday.
        let date = Date::new(&JsValue::from_f64(
            Date::utc(2024.0, 0.0) + f64::from(day - 1) * 86_400_000.0,
        ));
        apply(format, &date)
    })
}

/// Items as a short list (`X, Instagram` in English), by `Intl.ListFormat`
/// where the browser has it.
pub fn list(items: &[String]) -> String {
    let formatted = Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| Reflect::get(&intl, &"ListFormat".into()))
        .ok()
        .and_then(|constructor| constructor.dyn_into::<Function>().ok())
        .and_then(|constructor| {
            let arguments: Array = [
                JsValue::from(locales()),
                options(&[("type", "unit".into()), ("style", "short".into())]).into(),
            ]
            .into_iter()
            .collect();
            let format = Reflect::construct(&constructor, &arguments).ok()?;
            let items: Array = items.iter().map(|item| JsValue::from_str(item)).collect();
            Reflect::get(&format, &"format".into())
                .ok()?
                .dyn_into::<Function>()
                .ok()?
                .call1(&format, &items)
                .ok()?
                .as_string()
        });
    formatted.unwrap_or_else(|| items.join(", "))
}
