//! Times and durations in words, in the agent's locale and time zone.

use crate::format::{number, two_digits};
use crate::i18n::{t_with, ui_language};
use wasm_bindgen::JsValue;

/// An ISO-8601 timestamp in the agent's locale and time zone (e.g.
/// `22 Nov 2026, 09:30`), or as given when the browser cannot read it.
pub fn local_time(timestamp: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(timestamp));
    localized(&date).unwrap_or_else(|| timestamp.to_owned())
}

/// A Unix time in milliseconds, as [`local_time`] writes it.
pub fn local_time_ms(unix_ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_ms as f64));
    localized(&date).unwrap_or_else(|| unix_ms.to_string())
}

/// A Unix time in milliseconds as the agent's local `HH:MM` (24-hour), in
/// the agent's language's digits and separator.
pub fn clock_time(unix_ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_ms as f64));
    HOURS_MINUTES
        .with(|format| format.call1(&JsValue::UNDEFINED, &date).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{:02}:{:02}", date.get_hours(), date.get_minutes()))
}

/// A moment as the agent reads it beside the current time `now_ms`.
pub struct Moment {
    /// The local `HH:MM` ([`clock_time`]) on the agent's current day, else
    /// the date and time ([`local_time_ms`]).
    pub text: String,
    /// Whether it falls on the agent's current day: messages word the two
    /// apart ("at 09:30", "on 22 Nov 2026, 09:30").
    pub today: bool,
}

/// `unix_ms` as a [`Moment`] beside `now_ms`, in the agent's time zone.
pub fn moment(unix_ms: i64, now_ms: i64) -> Moment {
    let day = |ms: i64| {
        let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
        (date.get_full_year(), date.get_month(), date.get_date())
    };
    let today = day(unix_ms) == day(now_ms);
    let text = if today {
        clock_time(unix_ms)
    } else {
        local_time_ms(unix_ms)
    };
    Moment { text, today }
}

/// A span of milliseconds in whole minutes, rounded up (`1 min`, `42 min`,
/// `2 h 05 min`, `3 d 4 h` in English); zero or less reads `0 min`.
pub fn duration(span_ms: i64) -> String {
    let minutes = (span_ms.max(0) + 59_999) / 60_000;
    let (days, hours, minutes) = (minutes / 1_440, minutes / 60 % 24, minutes % 60);
    let (days, hours, minutes) = (days as f64, hours as f64, minutes as f64);
    match (days, hours) {
        (0.0, 0.0) => t_with("common_duration_minutes", &[&number(minutes)]),
        (0.0, _) => t_with(
            "common_duration_hours",
            &[&number(hours), &two_digits(minutes)],
        ),
        _ => t_with("common_duration_days", &[&number(days), &number(hours)]),
    }
}

/// `date` with the medium date and short time styles, unless it is invalid.
fn localized(date: &js_sys::Date) -> Option<String> {
    if date.get_time().is_nan() {
        return None;
    }
    MEDIUM_DATE_SHORT_TIME
        .with(|format| format.call1(&JsValue::UNDEFINED, date).ok())
        .and_then(|text| text.as_string())
}

thread_local! {
    /// The browser's UI language's `format` for the medium date and short
    /// time styles. Made once: building an `Intl.DateTimeFormat` costs far
    /// more than formatting with one, and a panel formats a date for every
    /// queue entry, history entry and search result it renders.
    static MEDIUM_DATE_SHORT_TIME: js_sys::Function =
        date_time_format(&[("dateStyle", "medium"), ("timeStyle", "short")]);
    /// The UI language's `format` for 24-hour hours and minutes (`09:30`).
    static HOURS_MINUTES: js_sys::Function =
        date_time_format(&[("hour", "2-digit"), ("minute", "2-digit"), ("hourCycle", "h23")]);
}

/// A `format` of an `Intl.DateTimeFormat` in the UI language with `options`.
fn date_time_format(options: &[(&str, &str)]) -> js_sys::Function {
    let object = js_sys::Object::new();
    for (name, value) in options {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    let languages = js_sys::Array::of1(&JsValue::from_str(&ui_language()));
    js_sys::Intl::DateTimeFormat::new(&languages, &object).format()
}
