//! The committed weights of the care models (`src/care/model_weights.rs`)
//! are the ones the development set gives: retraining (as
//! `make train-care-model` does) reproduces them.

// The training command's own code; writing the weights file is its part only.
#[allow(dead_code)]
#[path = "../examples/train_care_model/train.rs"]
mod train;

use socialcare::care::model::{LinearModel, ANGER, HIGH_URGENCY, INTENT};
use socialcare::care::Intent;

/// Tolerance for float differences between machines (matrix kernels may
/// round differently); a changed set or feature moves weights far more.
const TOLERANCE: f64 = 1e-3;

fn assert_matches(name: &str, committed: &LinearModel, trained: &train::Trained) {
    let differs = |a: f64, b: f64| (a - b).abs() > TOLERANCE;
    assert!(
        !differs(f64::from(committed.bias), trained.bias),
        "{name}: committed intercept {} but retraining gives {}; run `make train-care-model`",
        committed.bias,
        trained.bias
    );
    let changed = committed
        .weights
        .iter()
        .zip(&trained.weights)
        .filter(|(c, t)| differs(f64::from(**c), **t))
        .count();
    assert_eq!(
        changed, 0,
        "{name}: {changed} committed weights differ from a retrain; run `make train-care-model`"
    );
}

#[test]
fn committed_weights_match_a_retrain() {
    let posts = train::training_posts();
    let x = train::feature_matrix(&posts);
    assert_matches(
        "anger",
        &ANGER,
        &train::train(&posts, &x, train::Flag::Anger),
    );
    assert_matches(
        "high urgency",
        &HIGH_URGENCY,
        &train::train(&posts, &x, train::Flag::HighUrgency),
    );
    let (intent, _) = train::train_intent(&posts, &x);
    for ((model, trained), name) in INTENT.iter().zip(&intent).zip(Intent::ALL) {
        assert_matches(name.as_str(), model, trained);
    }
}
