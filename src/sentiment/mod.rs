//! VADER-faithful sentiment: the same scores as the reference implementation
//! (PyPI `vaderSentiment` 3.3.2 under CPython ≥ 3.12) to the printed
//! precision, on every text.
//!
//! The lexicons are compiled into the binary as perfect-hash tables, so the
//! first call costs the same as any other. The VADER lexicons are © 2016
//! C.J. Hutto under the MIT licence (`src/sentiment/data/LICENSE-VADER.txt`).
//!
//! ```
//! use socialcare::sentiment::{polarity_scores, Label};
//! let scores = polarity_scores("VADER is smart, handsome, and funny.");
//! assert_eq!((scores.neg, scores.neu, scores.pos, scores.compound), (0.0, 0.254, 0.746, 0.8316));
//! assert_eq!(Label::from_compound(scores.compound), Label::Positive);
//! ```

mod lexicon;
mod plain_ascii;
mod pystr;
mod token;
mod vader;
/// Words packed into integers for the table (shared with `build.rs`).
mod word_key;

use serde::{Deserialize, Serialize};

/// VADER's four scores, rounded as the reference prints them: `neg`, `neu`
/// and `pos` to 3 decimals (proportions of the text), `compound` to 4
/// (normalised sum in [-1, 1]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Proportion of negative sentiment.
    pub neg: f64,
    /// Proportion of neutral tokens.
    pub neu: f64,
    /// Proportion of positive sentiment.
    pub pos: f64,
    /// Normalised, weighted composite score in [-1, 1].
    pub compound: f64,
}

/// The three-way label of a compound score, by VADER's ±0.05 convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// compound ≤ −0.05.
    Negative,
    /// −0.05 < compound < 0.05.
    Neutral,
    /// compound ≥ 0.05.
    Positive,
}

impl Label {
    /// The label of a compound score: positive at ≥ 0.05, negative at ≤ −0.05.
    pub fn from_compound(compound: f64) -> Label {
        if compound >= 0.05 {
            Label::Positive
        } else if compound <= -0.05 {
            Label::Negative
        } else {
            Label::Neutral
        }
    }

    /// The label as serialised: `"negative"`, `"neutral"` or `"positive"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Negative => "negative",
            Label::Neutral => "neutral",
            Label::Positive => "positive",
        }
    }
}

/// VADER 3.3.2's `SentimentIntensityAnalyzer().polarity_scores(text)`.
pub fn polarity_scores(text: &str) -> Scores {
    vader::polarity_scores(text)
}

/// [`polarity_scores`] of `text`, and `part_compound` called with the
/// compound [`polarity_scores`] gives each of `parts` (slices of `text`, such
/// as its sentences), in their order. A plain ASCII text is tokenized once
/// for itself and every part whose bounds fall between its tokens.
pub fn polarity_scores_with_parts<'t>(
    text: &'t str,
    parts: impl IntoIterator<Item = &'t str>,
    part_compound: impl FnMut(f64),
) -> Scores {
    vader::polarity_scores_with_parts(text, parts, part_compound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(text: &str) -> (f64, f64, f64, f64) {
        let s = polarity_scores(text);
        (s.neg, s.neu, s.pos, s.compound)
    }

    #[test]
    fn readme_examples() {
        assert_eq!(
            scores("VADER is smart, handsome, and funny."),
            (0.0, 0.254, 0.746, 0.8316)
        );
        assert_eq!(
            scores("VADER is not smart, handsome, nor funny."),
            (0.646, 0.354, 0.0, -0.7424)
        );
        assert_eq!(scores("Not bad at all"), (0.0, 0.513, 0.487, 0.431));
    }

    #[test]
    fn documented_quirks() {
        assert_eq!(scores("Hello!").3, 0.0);
        assert_eq!(scores("💔").3, 0.2732);
        assert_eq!(scores("😡").3, 0.0);
        assert_eq!(scores("please help, my account was hacked").3, 0.3182);
        assert_eq!(
            scores("Where is my refund?? This is UNACCEPTABLE!!!").3,
            -0.7157
        );
        assert_eq!(scores(""), (0.0, 0.0, 0.0, 0.0));
        assert_eq!(scores("  \u{1c} "), (0.0, 0.0, 0.0, 0.0));
    }

    #[test]
    fn labels_follow_the_threshold() {
        assert_eq!(Label::from_compound(0.05), Label::Positive);
        assert_eq!(Label::from_compound(0.0499), Label::Neutral);
        assert_eq!(Label::from_compound(-0.05), Label::Negative);
        assert_eq!(
            serde_json::to_string(&Label::Negative).unwrap(),
            "\"negative\""
        );
    }
}
