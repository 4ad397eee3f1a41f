//! Emoji handling for the care layer: normalisation of presentation
//! selectors and skin tones, and readings for the emoji VADER scores wrongly
//! (😡 🤬 👎 💔 …).
//!
//! Each reading substitutes a VADER lexicon word for the emoji, so VADER's own
//! rules (negation, "but", caps, punctuation) still apply around it.

use std::borrow::Cow;

/// True for code points that change only how an emoji looks: the variation
/// selectors U+FE0E/U+FE0F and the skin-tone modifiers U+1F3FB–U+1F3FF.
fn is_presentation_only(c: char) -> bool {
    matches!(c, '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}')
}

/// A care reading of an emoji: the lexicon word it stands for.
pub fn reading(c: char) -> Option<&'static str> {
    Some(match c {
        '😡' | '😠' | '👿' | '😤' => "angry",
        '🤬' | '🖕' => "furious",
        '👎' => "dislike",
        '💔' => "heartbroken",
        '💩' => "crap",
        '🤮' | '🤢' => "disgusting",
        '🙄' => "annoyed",
        '😒' | '😑' => "unhappy",
        '😞' | '😔' | '😟' | '🙁' | '☹' => "sad",
        '😢' | '😭' | '😿' => "crying",
        '😩' | '😫' => "frustrated",
        '🤦' => "frustrated",
        '❤' | '💖' | '💗' | '💕' | '😍' | '🥰' => "love",
        '👍' | '👌' | '🙌' | '👏' => "good",
        '🙏' => "thanks",
        '🎉' | '🥳' => "celebrate",
        '🔥' => "awesome",
        _ => return None,
    })
}

/// The text with presentation-only code points removed and every emoji that
/// has a care reading replaced by its word, plus the emoji read that way.
pub fn normalise(text: &str) -> (Cow<'_, str>, Vec<char>) {
    let needs_work = !text.is_ascii()
        && text
            .chars()
            .any(|c| is_presentation_only(c) || reading(c).is_some());
    if !needs_work {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut read = Vec::new();
    for c in text.chars() {
        if is_presentation_only(c) {
            continue;
        }
        match reading(c) {
            Some(word) => {
                out.push(' ');
                out.push_str(word);
                out.push(' ');
                read.push(c);
            }
            None => out.push(c),
        }
    }
    (Cow::Owned(out), read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentiment::polarity_scores;

    #[test]
    fn selectors_and_skin_tones_are_dropped() {
        let (text, read) = normalise("nice 👍🏽 and ❤️");
        assert_eq!(text, "nice  good  and  love ");
        assert_eq!(read, ['👍', '❤']);
    }

    #[test]
    fn emoji_vader_misses_score_sensibly() {
        for emoji in ["😡", "🤬", "👎", "💔"] {
            let (text, _) = normalise(emoji);
            assert!(
                polarity_scores(&text).compound < -0.3,
                "{emoji} should read negative"
            );
        }
        let (text, _) = normalise("❤️");
        assert!(polarity_scores(&text).compound > 0.3);
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(normalise("no emoji here").0, Cow::Borrowed(_)));
    }
}
