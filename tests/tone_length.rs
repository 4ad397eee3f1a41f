//! X's weighted length against twitter-text's own conformance cases
//! (configuration v3), and properties of the length counters.

use proptest::prelude::*;
use serde::Deserialize;
use socialcare::model::Platform;
use socialcare::tone::{platform_length, x_weighted_length};

#[derive(Deserialize)]
struct Case {
    description: String,
    text: String,
    weighted_length: usize,
    valid: bool,
}

#[derive(Deserialize)]
struct Conformance {
    cases: Vec<Case>,
}

#[test]
fn twitter_text_v3_conformance_cases() {
    let data = include_str!("tone/twitter_text_v3.json");
    let conformance: Conformance = serde_json::from_str(data).expect("conformance data parses");
    assert!(conformance.cases.len() >= 20);
    let mut failures = Vec::new();
    for case in &conformance.cases {
        let length = x_weighted_length(&case.text);
        if length.weighted_length != case.weighted_length || length.valid != case.valid {
            failures.push(format!(
                "{}: got {} {}, expected {} {}",
                case.description,
                length.weighted_length,
                length.valid,
                case.weighted_length,
                case.valid
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn empty_and_blank_posts_are_invalid() {
    assert!(!x_weighted_length("").valid);
    assert!(!x_weighted_length(" \n ").valid);
}

#[test]
fn hostile_unicode_counts_sensibly() {
    // Combining marks: NFC composes what it can, the rest count one each.
    assert_eq!(x_weighted_length("e\u{301}").weighted_length, 1);
    assert_eq!(
        x_weighted_length("e\u{301}\u{302}\u{303}").weighted_length,
        3
    );
    // Right-to-left text (Arabic and Hebrew weigh 1) with bidi marks (weigh 2).
    assert_eq!(x_weighted_length("مرحبا").weighted_length, 5);
    assert_eq!(x_weighted_length("\u{202B}שלום\u{202C}").weighted_length, 8);
    // A ZWJ sequence with skin tones is one emoji.
    assert_eq!(x_weighted_length("👩🏽\u{200D}💻").weighted_length, 2);
    // Flags are one emoji.
    assert_eq!(x_weighted_length("🇯🇵🇫🇷").weighted_length, 4);
}

proptest! {
    #[test]
    fn never_panics_and_counts_at_least_one_per_grapheme(text in "\\PC{0,400}") {
        let length = x_weighted_length(&text);
        prop_assert!(length.weighted_length <= 2 * text.chars().count() + 23);
        if let Some(at) = length.overflow_at {
            prop_assert!(text.is_char_boundary(at));
        }
    }

    #[test]
    fn appending_text_never_shortens_ascii(a in "[a-z ]{0,200}", b in "[a-z ]{0,100}") {
        let joined = format!("{a}{b}");
        prop_assert_eq!(
            x_weighted_length(&joined).weighted_length,
            x_weighted_length(&a).weighted_length + x_weighted_length(&b).weighted_length
        );
    }

    #[test]
    fn facebook_counts_code_points(text in "\\PC{0,300}") {
        let length = platform_length(&text, Platform::Facebook, 8000);
        prop_assert_eq!(length.weighted_length, text.chars().count());
    }
}
