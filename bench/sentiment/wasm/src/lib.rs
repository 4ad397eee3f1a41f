//! Wasm exports the Chromium benchmark times. Without features the exports
//! only measure the strings, so the size difference between builds is what
//! the analyser adds.

use wasm_bindgen::prelude::wasm_bindgen;

/// The score of one text: the VADER compound (`sentiment`), the urgency
/// (`care`), or the text's length (baseline).
#[wasm_bindgen]
pub fn score_one(text: &str) -> f64 {
    score(text)
}

/// The sum of the scores of the lines of `texts`, so one call covers a whole
/// corpus without crossing the JS boundary per text.
#[wasm_bindgen]
pub fn score_lines(texts: &str) -> f64 {
    texts.lines().map(score).sum()
}

#[cfg(feature = "care")]
fn score(text: &str) -> f64 {
    socialcare::care::assess(text, &socialcare::care::CareContext::default()).urgency
}

#[cfg(all(feature = "sentiment", not(feature = "care")))]
fn score(text: &str) -> f64 {
    socialcare::sentiment::polarity_scores(text).compound
}

#[cfg(not(any(feature = "sentiment", feature = "care")))]
fn score(text: &str) -> f64 {
    text.len() as f64
}
