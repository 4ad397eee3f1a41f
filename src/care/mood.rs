//! The care compound: VADER's compound per sentence of the emoji-normalised
//! text, averaged over the sentences that carry sentiment, so a long DM with
//! one furious sentence neither saturates nor dilutes to neutral.

use super::text;
use crate::sentiment::polarity_scores;

/// Mean compound of the sentences with a non-zero compound (0 if none),
/// rounded to 4 decimals like VADER's. `text_compound` is VADER's compound
/// of the whole text when the normalised text is the text as written: a text
/// that is one sentence then needs no second scoring (VADER ignores the
/// surrounding whitespace the sentence is trimmed of).
pub fn sentence_compound(normalised_text: &str, text_compound: Option<f64>) -> f64 {
    let mut sentences = text::sentences(normalised_text).peekable();
    let first = sentences.next();
    let whole_text = first.is_some_and(|s| s.len() == normalised_text.trim().len())
        && sentences.peek().is_none();
    let compounds = first
        .into_iter()
        .chain(sentences)
        .map(|sentence| match text_compound {
            Some(compound) if whole_text => compound,
            _ => polarity_scores(sentence).compound,
        });
    let (sum, count) = compounds
        .filter(|compound| *compound != 0.0)
        .fold((0.0, 0u32), |(sum, count), compound| {
            (sum + compound, count + 1)
        });
    if count == 0 {
        0.0
    } else {
        (sum / f64::from(count) * 1e4).round() / 1e4
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
            sentence_compound(&many, None),
            polarity_scores(one).compound
        );
    }

    #[test]
    fn neutral_sentences_do_not_dilute() {
        let text = "I ordered on Monday. This is a disgrace. I live in Leeds.";
        assert_eq!(
            sentence_compound(text, None),
            polarity_scores("This is a disgrace.").compound
        );
    }
}
