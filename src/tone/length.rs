//! Reply length per platform. X counts the weighted length of twitter-text's
//! configuration v3: every URL counts 23, an emoji (with its modifiers and
//! joiners) counts 2, code points in a few Latin and punctuation ranges count 1
//! and every other code point (CJK…) counts 2, after NFC normalisation.
//! Facebook and Instagram count code points.

use super::urls::{find_urls, FoundUrl};
use crate::model::Platform;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The most weighted characters a post on X may have.
pub const X_MAX_WEIGHTED_LENGTH: usize = 280;
/// What any URL counts on X, whatever its length.
pub const X_URL_LENGTH: usize = 23;
/// Code point ranges that weigh 1 on X (twitter-text v3); every other weighs 2.
const X_LIGHT_RANGES: [(u32, u32); 4] = [
    (0x0000, 0x10FF),
    (0x2000, 0x200D),
    (0x2010, 0x201F),
    (0x2032, 0x2037),
];
/// Code points that make a post invalid on X.
const X_INVALID_CHARS: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// The length of a text as a platform counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeightedLength {
    /// The length as the platform counts it.
    pub weighted_length: usize,
    /// Whether the text is non-blank, fits the limit and has no invalid character.
    pub valid: bool,
    /// Byte offset in the text of the first grapheme past the limit, if any.
    #[serde(skip)]
    pub overflow_at: Option<usize>,
}

fn code_point_weight(c: char) -> usize {
    let code = c as u32;
    if X_LIGHT_RANGES
        .iter()
        .any(|&(from, to)| (from..=to).contains(&code))
    {
        1
    } else {
        2
    }
}

/// Whether a code point starts an emoji presentation (pictographs, symbols,
/// regional indicators).
fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0x2190..=0x21FF | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x203C | 0x2049
        | 0x2122 | 0x2139 | 0x24C2 | 0x25A0..=0x25FF | 0x2934 | 0x2935)
}

/// Whether a code point only makes sense inside an emoji sequence
/// (variation selector 16, keycap, joiner, skin tones, tags).
fn is_emoji_component(c: char) -> bool {
    matches!(c as u32, 0xFE0F | 0x20E3 | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F)
}

/// Whether a grapheme cluster is one emoji, which X counts as 2 whatever its
/// code points.
pub fn is_emoji(grapheme: &str) -> bool {
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if is_pictographic(first) {
        return true;
    }
    // Keycaps (`1️⃣`) and text symbols turned emoji (`©️`).
    let mut rest = chars.peekable();
    (first.is_ascii_digit() || matches!(first, '#' | '*' | '©' | '®'))
        && rest.peek().is_some()
        && rest.all(is_emoji_component)
}

/// What one grapheme (not part of a URL) weighs on X.
fn grapheme_weight(grapheme: &str) -> usize {
    if grapheme.is_ascii() {
        grapheme.len()
    } else if is_emoji(grapheme) {
        2
    } else {
        grapheme.nfc().map(code_point_weight).sum()
    }
}

/// Whether the grapheme boundary after the ASCII byte at `at` is certain:
/// the next byte is ASCII too (or the end), and it is not CR before LF.
fn plain_ascii_at(bytes: &[u8], at: usize) -> bool {
    let next = bytes.get(at + 1);
    bytes[at].is_ascii()
        && next.is_none_or(u8::is_ascii)
        && !(bytes[at] == b'\r' && next == Some(&b'\n'))
}

/// The grapheme clusters of `text` with their byte offsets. Plain ASCII
/// stretches are split per byte without running the segmenter (between two
/// ASCII characters there is always a boundary, except CR LF), which makes
/// the common case several times faster.
pub fn graphemes(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut units = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < bytes.len() {
        if plain_ascii_at(bytes, at) {
            units.push((at, &text[at..at + 1]));
            at += 1;
            continue;
        }
        // Segment up to and including the next ASCII byte followed by a sure boundary.
        let mut end = at + 1;
        while end < bytes.len() && !plain_ascii_at(bytes, end) {
            end += 1;
        }
        let end = (end + 1).min(bytes.len());
        units.extend(
            text[at..end]
                .grapheme_indices(true)
                .map(|(offset, g)| (at + offset, g)),
        );
        at = end;
    }
    units
}

/// The weighted length of a post on X, exactly as twitter-text v3 counts it.
pub fn x_weighted_length(text: &str) -> WeightedLength {
    x_weighted_length_with_urls(text, &find_urls(text))
}

/// [`x_weighted_length`] with the text's URLs already found.
pub fn x_weighted_length_with_urls(text: &str, urls: &[FoundUrl]) -> WeightedLength {
    let mut next_url = urls.iter().peekable();
    let mut weighted = 0;
    let mut overflow_at = None;
    let mut skip_until = 0;
    for (at, grapheme) in graphemes(text) {
        if at < skip_until {
            continue;
        }
        let weight = match next_url.peek() {
            Some(url) if url.range.start <= at => {
                skip_until = url.range.end;
                next_url.next();
                X_URL_LENGTH
            }
            _ => grapheme_weight(grapheme),
        };
        weighted += weight;
        if weighted > X_MAX_WEIGHTED_LENGTH && overflow_at.is_none() {
            overflow_at = Some(at);
        }
    }
    let has_invalid = text.contains(X_INVALID_CHARS);
    WeightedLength {
        weighted_length: weighted,
        valid: !text.trim().is_empty() && overflow_at.is_none() && !has_invalid,
        overflow_at,
    }
}

/// The length of a reply on Facebook or Instagram: Unicode code points
/// against `limit`.
pub fn code_point_length(text: &str, limit: usize) -> WeightedLength {
    let overflow_at = text.char_indices().nth(limit).map(|(at, _)| at);
    WeightedLength {
        weighted_length: text.chars().count(),
        valid: !text.trim().is_empty() && overflow_at.is_none(),
        overflow_at,
    }
}

/// The default limits of Facebook comments and Instagram comments.
pub fn default_limit(platform: Platform) -> usize {
    match platform {
        Platform::X => X_MAX_WEIGHTED_LENGTH,
        Platform::Facebook => 8000,
        Platform::Instagram => 2200,
    }
}

/// The length of `text` on `platform`, against `limit` for Facebook and
/// Instagram (X's limit is fixed by twitter-text).
pub fn platform_length(text: &str, platform: Platform, limit: usize) -> WeightedLength {
    match platform {
        Platform::X => x_weighted_length(text),
        Platform::Facebook | Platform::Instagram => code_point_length(text, limit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_weigh_23_and_cjk_2() {
        assert_eq!(x_weighted_length("Hi http://test.co").weighted_length, 26);
        assert_eq!(x_weighted_length("故人").weighted_length, 4);
        assert_eq!(x_weighted_length("A\u{301}B").weighted_length, 2);
    }

    #[test]
    fn overflow_points_at_the_first_grapheme_past_280() {
        let text = "x".repeat(285);
        let length = x_weighted_length(&text);
        assert_eq!(length.overflow_at, Some(280));
        assert!(!length.valid);
        assert!(x_weighted_length(&"x".repeat(280)).valid);
        assert!(!x_weighted_length("   ").valid);
    }

    #[test]
    fn fast_graphemes_agree_with_the_segmenter() {
        for text in [
            "plain ascii",
            "a\r\nb",
            "e\u{301}x",
            "1\u{20E3}!",
            "👩🏽\u{200D}💻 ok",
            "\u{600}1 x",
            "ab🇯🇵cd",
            "",
        ] {
            let fast: Vec<(usize, &str)> = graphemes(text);
            let slow: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn code_points_count_on_facebook() {
        let length = platform_length("héllo 👋", Platform::Facebook, 6);
        assert_eq!(length.weighted_length, 7);
        assert_eq!(length.overflow_at, Some("héllo ".len()));
    }
}
