//! What the console shows on screen as the browser's UI language writes
//! it (`Intl`, through the pages' [`socialcare_pages::format`]): shares,
//! durations and weekdays. The CSV downloads keep their raw values
//! ([`report::table_csv`]).
//!
//! [`report::table_csv`]: super::report::table_csv

use js_sys::{Date, Function, Intl};
use socialcare_pages::format::{
    apply, decimal, intl_options, number, percent_with_decimals, ui_locales,
};
use socialcare_pages::i18n::t_count;
use std::cell::OnceCell;
use wasm_bindgen::JsValue;

/// What a figure without a value shows.
pub const NO_VALUE: &str = "–";

thread_local! {
    /// Long weekday names in UTC (`Monday`).
    static WEEKDAY: OnceCell<Function> = const { OnceCell::new() };
}

/// A ratio as a percentage with one decimal, or [`NO_VALUE`].
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(
        || NO_VALUE.to_owned(),
        |ratio| percent_with_decimals(ratio, 1),
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
        s if s < 60 => in_unit("console_duration_seconds", s as f64, number(s as f64)),
        s if s < 3_600 => {
            let minutes = (s / 60) as f64;
            in_unit("console_duration_minutes", minutes, number(minutes))
        }
        s if s < 86_400 => {
            let hours = (s as f64 / 360.0).round() / 10.0;
            in_unit("console_duration_hours", hours, decimal(hours, 1))
        }
        s => {
            let days = (s as f64 / 8_640.0).round() / 10.0;
            in_unit("console_duration_days", days, decimal(days, 1))
        }
    }
}

/// The name of a weekday, 1 = Monday … 7 = Sunday.
pub fn weekday(day: u8) -> String {
    WEEKDAY.with(|format| {
        let format = format.get_or_init(|| {
            Intl::DateTimeFormat::new(
                &ui_locales(),
                &intl_options(&[("weekday", "long".into()), ("timeZone", "UTC".into())]),
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
