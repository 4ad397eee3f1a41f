//! Property tests: on arbitrary Unicode the analyser never panics and every
//! score stays in range.

use proptest::prelude::*;
use socialcare::care::{assess, CareContext};
use socialcare::sentiment::{polarity_scores, Label};

/// Text mixing arbitrary code points with the tokens VADER's rules key on.
fn careish_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("but".to_owned()),
        Just("NOT".to_owned()),
        Just("kind of".to_owned()),
        Just("least".to_owned()),
        Just("the shit".to_owned()),
        Just("!!!".to_owned()),
        Just("???".to_owned()),
        Just("😡".to_owned()),
        Just("👍🏽".to_owned()),
        Just("❤️".to_owned()),
        Just("refund".to_owned()),
        Just("hacked".to_owned()),
        Just("GREAT".to_owned()),
        Just("\u{1c}".to_owned()),
        Just(" ".to_owned()),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn check_scores(text: &str) {
    let s = polarity_scores(text);
    for value in [s.neg, s.neu, s.pos] {
        assert!((0.0..=1.0).contains(&value), "{s:?} for {text:?}");
    }
    assert!((-1.0..=1.0).contains(&s.compound), "{s:?} for {text:?}");
    let total = s.neg + s.neu + s.pos;
    assert!(
        total == 0.0 || (total - 1.0).abs() <= 0.002,
        "proportions sum to 1: {s:?}"
    );

    let context = CareContext {
        prior_messages: Some(u32::MAX),
        minutes_since_first_message: Some(u32::MAX),
        waiting_minutes: Some(u32::MAX),
    };
    let a = assess(text, &context);
    assert_eq!(a.sentiment, s, "the care layer keeps the faithful score");
    assert_eq!(a.label, Label::from_compound(s.compound));
    assert!(
        (0.0..=1.0).contains(&a.urgency),
        "urgency {} for {text:?}",
        a.urgency
    );
    assert!((-1.0..=1.0).contains(&a.care_compound));
    assert!(a.reasons.iter().all(|r| !r.to_string().is_empty()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_panics_and_stays_in_range(text in any::<String>()) {
        check_scores(&text);
    }

    #[test]
    fn rule_heavy_text_never_panics_and_stays_in_range(text in careish_text()) {
        check_scores(&text);
    }
}
