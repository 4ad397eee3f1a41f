//! Times and durations in words, in the agent's locale and time zone.

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

/// A Unix time in milliseconds as the agent's local `HH:MM` (24-hour).
pub fn clock_time(unix_ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_ms as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// A span of milliseconds in whole minutes, rounded up (`1 min`, `42 min`,
/// `2 h 05 min`, `3 d 4 h`); zero or less reads `0 min`.
pub fn duration(span_ms: i64) -> String {
    let minutes = (span_ms.max(0) + 59_999) / 60_000;
    let (days, hours, minutes) = (minutes / 1_440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} min"),
        (0, _) => format!("{hours} h {minutes:02} min"),
        _ => format!("{days} d {hours} h"),
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
    /// The agent's locale's `format` for the medium date and short time
    /// styles, as `Date.prototype.toLocaleString` with those options writes
    /// them. Made once: building an `Intl.DateTimeFormat` costs far more than
    /// formatting with one, and a panel formats a date for every queue
    /// entry, history entry and search result it renders.
    static MEDIUM_DATE_SHORT_TIME: js_sys::Function = {
        let options = js_sys::Object::new();
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
    };
}
