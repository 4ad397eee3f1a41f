//! The care compound: VADER's compound per sentence of the emoji-normalised
//! text, averaged over the sentences that carry sentiment, so a long DM with
//! one furious sentence neither saturates nor dilutes to neutral.

use super::text;
use crate::sentiment::{polarity_scores, polarity_scores_with_parts, Scores};
use std::borrow::Cow;

/// VADER's scores of the text as written, and the care compound: the mean
/// compound of the sentences of the emoji-normalised text that have a
/// non-zero compound (0 if none), rounded to 4 decimals like VADER's. When
/// normalising left the text as written, its sentences are scored on the
/// text's own tokens.
pub fn scores(text: &str, normalised: Cow<'_, str>) -> (Scores, f64) {
    let mut mean = NonZeroMean::default();
    let scores = match normalised {
        Cow::Borrowed(_) => {
            polarity_scores_with_parts(text, text::sentences(text), |c| mean.add(c))
        }
        Cow::Owned(normalised) => {
            for sentence in text::sentences(&normalised) {
                mean.add(polarity_scores(sentence).compound);
            }
            polarity_scores(text)
        }
    };
    (scores, mean.rounded())
}

/// The running mean of the non-zero compounds.
#[derive(Default)]
struct NonZeroMean {
    sum: f64,
    count: u32,
}

impl NonZeroMean {
    fn add(&mut self, compound: f64) {
        if compound != 0.0 {
            self.sum += compound;
            self.count += 1;
        }
    }

    /// The mean rounded to 4 decimals, 0 if no compound was added.
    fn rounded(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            (self.sum / f64::from(self.count) * 1e4).round() / 1e4
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_do_not_saturate() {
        let one = "The delivery was late and the box was damaged.";
        let many = [one; 8].join(" ");
        let faithful = polarity_scores(&many).compound;
        assert!(
            faithful < -0.95,
            "plain VADER saturates on long text: {faithful}"
        );
        assert_eq!(
            scores(&many, Cow::Borrowed(&many)).1,
            polarity_scores(one).compound
        );
    }

    #[test]
    fn neutral_sentences_do_not_dilute() {
        let text = "I ordered on Monday. This is a disgrace. I live in Leeds.";
        assert_eq!(
            scores(text, Cow::Borrowed(text)).1,
            polarity_scores("This is a disgrace.").compound
        );
    }
}
