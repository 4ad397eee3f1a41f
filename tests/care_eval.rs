//! The care layer against the team's labelled posts. Prints the per-intent,
//! anger and high-urgency precision/recall/F1 (run with `--nocapture`) and
//! fails if they fall below the floors recorded in `docs/care.md`.
//!
//! `posts.tsv` is the development set the cue lexicon was tuned on and the
//! care models are trained on (so its figures are training figures);
//! `holdout.tsv` and `holdout2.tsv` were each written, labelled and frozen
//! before a round of tuning and never used for it, so their figures, taken
//! together, are the honest ones.

use socialcare::care::evaluation::{parse_labelled_posts, Evaluation};

fn evaluate(files: &[&str]) -> Evaluation {
    let mut posts = Vec::new();
    for file in files {
        let path = format!("{}/tests/care_eval/{file}", env!("CARGO_MANIFEST_DIR"));
        let tsv = std::fs::read_to_string(&path).expect("labelled set");
        posts.extend(parse_labelled_posts(&tsv).expect("a well-formed labelled set"));
    }
    let evaluation = Evaluation::run(&posts);
    eprintln!("== {}\n{evaluation}\n", files.join(" + "));
    evaluation
}

#[test]
fn development_set_stays_above_its_floors() {
    let e = evaluate(&["posts.tsv"]);
    assert!(e.posts >= 1050, "the set keeps at least 1,050 posts");
    assert!(
        e.intent_accuracy >= 0.99,
        "intent accuracy {}",
        e.intent_accuracy
    );
    assert!(
        e.intent_macro_f1 >= 0.99,
        "intent macro F1 {}",
        e.intent_macro_f1
    );
    assert!(e.anger.f1 >= 0.99, "anger F1 {}", e.anger.f1);
    assert!(
        e.high_urgency.f1 >= 0.99,
        "high-urgency F1 {}",
        e.high_urgency.f1
    );
    assert!(
        e.language_accuracy >= 0.9,
        "language accuracy {}",
        e.language_accuracy
    );
}

#[test]
fn first_holdout_set_keeps_its_earlier_floors() {
    // Raised from 0.7 / 0.6 / 0.7 when the models came, then from
    // 0.75 / 0.7 / 0.75 with the 1,073-post development set; never loosened.
    let e = evaluate(&["holdout.tsv"]);
    assert!(
        e.intent_accuracy >= 0.80,
        "intent accuracy {}",
        e.intent_accuracy
    );
    assert!(e.anger.f1 >= 0.71, "anger F1 {}", e.anger.f1);
    assert!(
        e.high_urgency.f1 >= 0.87,
        "high urgency F1 {}",
        e.high_urgency.f1
    );
}

#[test]
fn holdout_set_stays_above_its_floors() {
    let e = evaluate(&["holdout.tsv", "holdout2.tsv"]);
    assert!(
        e.intent_accuracy >= 0.81,
        "intent accuracy {}",
        e.intent_accuracy
    );
    assert!(
        e.intent_macro_f1 >= 0.80,
        "intent macro F1 {}",
        e.intent_macro_f1
    );
    assert!(e.anger.f1 >= 0.77, "anger F1 {}", e.anger.f1);
    assert!(
        e.high_urgency.f1 >= 0.81,
        "high-urgency F1 {}",
        e.high_urgency.f1
    );
}
