//! The few CPython string and number semantics VADER's output depends on:
//! `str.split()` whitespace, `str.isupper()`, `str.lower()`,
//! `strip(string.punctuation)`, `sum()` (3.12+) and `round()`.

use std::borrow::Cow;

/// Python's `str.isspace()` for one code point: Rust's `White_Space` plus the
/// ASCII information separators U+001C–U+001F, which Python also splits on.
pub fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip(string.punctuation)`: ASCII punctuation off both ends.
pub fn strip_ascii_punctuation(token: &str) -> &str {
    // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so cutting
    // at them keeps the text valid.
    let bytes = token.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_punctuation())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_punctuation())
        .map_or(start, |i| i + 1);
    token.get(start..end).unwrap_or("")
}

/// Python's `str.lower()`; borrows when the text has nothing to lowercase.
pub fn lower(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Unicode general category Lt (titlecase letters), which Python's
/// `isupper()` treats like lowercase letters.
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}'
        | '\u{1f88}'..='\u{1f8f}' | '\u{1f98}'..='\u{1f9f}' | '\u{1fa8}'..='\u{1faf}'
        | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// Python's `str.isupper()`: at least one cased character, and no lowercase
/// or titlecase character.
pub fn is_upper(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// One entry of VADER's `sentiments` list. Python keeps ints and floats
/// apart, and CPython 3.12's `sum()` adds ints without compensation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PyNumber {
    /// A Python `int` (VADER's default 0 and the integral idiom valences).
    Int(i64),
    /// A Python `float`.
    Float(f64),
}

impl PyNumber {
    /// The value as a double, as Python's `float()` gives it.
    pub fn value(self) -> f64 {
        match self {
            PyNumber::Int(i) => i as f64,
            PyNumber::Float(f) => f,
        }
    }
}

/// CPython ≥ 3.12 `float(sum(values))`: an exact int prefix, then Neumaier
/// compensated summation over floats, with later ints added uncompensated.
pub fn python_sum(values: impl IntoIterator<Item = PyNumber>) -> f64 {
    let mut rest = values.into_iter();
    let mut int_prefix: i64 = 0;
    let mut total = loop {
        match rest.next() {
            None => return int_prefix as f64,
            Some(PyNumber::Int(i)) => int_prefix += i,
            Some(PyNumber::Float(f)) => break int_prefix as f64 + f,
        }
    };
    let mut compensation = 0.0;
    for value in rest {
        match value {
            PyNumber::Int(i) => total += i as f64,
            PyNumber::Float(x) => {
                let t = total + x;
                if total.abs() >= x.abs() {
                    compensation += (total - t) + x;
                } else {
                    compensation += (x - t) + total;
                }
                total = t;
            }
        }
    }
    if compensation != 0.0 && compensation.is_finite() {
        total += compensation;
    }
    total
}

/// Python's `round(x, digits)`: correctly rounded on the exact binary value,
/// ties to even, for `digits` in 0..=4.
pub fn python_round(x: f64, digits: u32) -> f64 {
    const SCALES: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 10000.0];
    let scale = SCALES[digits as usize];
    let scaled = x * scale;
    if !scaled.is_finite() {
        return x;
    }
    // `scaled` is within half an ulp (< 1e-11 here) of the exact product, so
    // away from a .5 boundary plain rounding is exact; near one, fall back to
    // Rust's exact decimal formatting, which rounds ties to even like CPython.
    // Below 2^52 the cast truncates exactly and the fraction is exact.
    if scaled.abs() < 4.0e15 {
        let whole = scaled as i64 as f64;
        let fraction = (scaled - whole).abs();
        if (fraction - 0.5).abs() > 1e-6 {
            let rounded = if fraction > 0.5 {
                whole + scaled.signum()
            } else {
                whole
            };
            // `copysign` keeps the sign of a result rounded to zero (-0.0).
            return rounded.copysign(scaled) / scale;
        }
    }
    format!("{x:.prec$}", prec = digits as usize)
        .parse()
        .unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_whitespace_includes_information_separators() {
        assert!(is_python_whitespace('\u{1c}') && is_python_whitespace('\u{3000}'));
        assert!(!is_python_whitespace('\u{200b}'));
    }

    #[test]
    fn punctuation_strips_off_both_ends_only() {
        assert_eq!(strip_ascii_punctuation("!!wow!?"), "wow");
        assert_eq!(strip_ascii_punctuation("...é..."), "é");
        assert_eq!(strip_ascii_punctuation("!!!"), "");
        assert_eq!(strip_ascii_punctuation("can't"), "can't");
    }

    #[test]
    fn isupper_follows_python() {
        assert!(is_upper("I"));
        assert!(is_upper("A+"));
        assert!(is_upper(":D"));
        assert!(!is_upper(":)"));
        assert!(!is_upper("Hello"));
        assert!(!is_upper("A\u{1c5}"));
    }

    #[test]
    fn rounding_is_correct_on_binary_ties() {
        assert_eq!(python_round(0.125, 2), 0.12);
        assert_eq!(python_round(0.375, 2), 0.38);
        assert_eq!(python_round(0.3125, 3), 0.312);
        assert_eq!(python_round(-0.3125, 3), -0.312);
        assert_eq!(python_round(0.11115, 4), 0.1111);
        assert_eq!(python_round(0.83155, 4), 0.8316);
        assert_eq!(python_round(-0.7157, 4), -0.7157);
        assert_eq!(python_round(0.99996, 4), 1.0);
        assert!(python_round(-0.00003, 4).is_sign_negative());
    }

    #[test]
    fn compensated_sum_matches_cpython_312() {
        // sum([-2.5, 0.3, 2.2]) is 1.6653345369377348e-16 on CPython 3.12
        // and exactly 0.0 with naive summation.
        let values = [
            PyNumber::Float(-2.5),
            PyNumber::Float(0.3),
            PyNumber::Float(2.2),
        ];
        assert_eq!(python_sum(values), 1.6653345369377348e-16);
        assert_eq!(python_sum([PyNumber::Int(0), PyNumber::Int(3)]), 3.0);
        // Ints after the first float are added without compensation:
        // CPython 3.12 gives sum([0.3, 0.3, -2, 3, -2]) == -0.3999999999999999.
        let mixed = [
            PyNumber::Float(0.3),
            PyNumber::Float(0.3),
            PyNumber::Int(-2),
            PyNumber::Int(3),
            PyNumber::Int(-2),
        ];
        assert_eq!(python_sum(mixed), -0.3999999999999999);
    }
}
