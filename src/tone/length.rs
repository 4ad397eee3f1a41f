//! Reply length per platform. X counts the weighted length exactly as the
//! official twitter-text v3 (`parseTweet`) does: the text is NFC-normalised,
//! every URL counts 23, every emoji twemoji-parser finds counts 2, and other
//! code points weigh by configuration v3's ranges (1 for Latin, Cyrillic,
//! Arabic, Hebrew, general punctuation…, 2 for CJK and everything else).
//! Facebook and Instagram count code points.

use super::js_pattern::JsPattern;
use super::nfc::{is_nfc, nfc};
use super::twitter_text_patterns::{
    DEFAULT_WEIGHT, EMOJI, EMOJI_LOOKAHEADS, INVALID_CHARS, MAX_WEIGHTED_TWEET_LENGTH, RANGES,
    SCALE, TRANSFORMED_URL_LENGTH,
};
use super::urls::{find_urls, FoundUrl};
use crate::model::Platform;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// The most weighted characters a post on X may have.
pub const X_MAX_WEIGHTED_LENGTH: usize = MAX_WEIGHTED_TWEET_LENGTH;
/// What any URL counts on X, whatever its length.
pub const X_URL_LENGTH: usize = TRANSFORMED_URL_LENGTH;

/// The length of a text as a platform counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeightedLength {
    /// The length as the platform counts it.
    pub weighted_length: usize,
    /// Whether the text is not empty, fits the limit and has no invalid character.
    pub valid: bool,
    /// Byte offset in the text of the first grapheme past the limit, if any.
    #[serde(skip)]
    pub overflow_at: Option<usize>,
}

/// The emoji twemoji-parser's pattern finds, as byte ranges of `text`: it
/// runs on the [`emoji_windows`] only (a draft is mostly ASCII).
fn find_emoji(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for window in emoji_windows(text) {
        let matches = emoji_pattern().find_iter(&text[window.clone()]);
        found.extend(
            matches.map(|matched| window.start + matched.start..window.start + matched.end),
        );
    }
    found
}

/// twemoji-parser's pattern, compiled once.
fn emoji_pattern() -> &'static JsPattern {
    static PATTERN: OnceLock<JsPattern> = OnceLock::new();
    PATTERN.get_or_init(|| JsPattern::new(EMOJI, &EMOJI_LOOKAHEADS))
}

/// Each run of non-ASCII characters of `text` with the character before it,
/// in order: every sequence of the emoji pattern lies in one (all its
/// characters are non-ASCII but a keycap's base, `#`, `*` or a digit, which
/// comes first; its one lookahead refuses U+FE0E, which is not ASCII).
fn emoji_windows(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes[at..].iter().position(|byte| !byte.is_ascii())?;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |length| start + length);
        at = end;
        Some(start.saturating_sub(1)..end)
    })
}

/// What one UTF-16 code unit weighs (scaled), by configuration v3's ranges.
fn unit_weight(unit: u32) -> usize {
    RANGES
        .iter()
        .find(|range| (range.start..=range.end).contains(&unit))
        .map_or(DEFAULT_WEIGHT, |range| range.weight)
}

/// What a code point weighs (scaled): twitter-text weighs an astral code
/// point by its low surrogate, which no range covers.
fn char_weight(c: char) -> usize {
    let mut units = [0; 2];
    let encoded = c.encode_utf16(&mut units);
    unit_weight(u32::from(encoded[encoded.len() - 1]))
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

/// Whether a grapheme cluster is one emoji (what the emoji style rule
/// counts; X's length counts the emoji of twemoji-parser's older list).
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

/// The twitter-text configurations X's weighted length can be counted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XConfig {
    /// Configuration v2 (2017): every code point weighs on its own, emoji too.
    V2,
    /// Configuration v3 (2018, what X counts today): an emoji weighs 2.
    V3,
}

/// The weighted length of a post on X, exactly as twitter-text v3 counts it.
pub fn x_weighted_length(text: &str) -> WeightedLength {
    x_weighted_length_with_config(text, XConfig::V3)
}

/// The weighted length of a post under a given twitter-text configuration.
pub fn x_weighted_length_with_config(text: &str, config: XConfig) -> WeightedLength {
    weigh(text, &find_urls(text), config)
}

/// [`x_weighted_length`] with the text's URLs already found by
/// [`find_urls`] (they are found again if the text is not in NFC).
pub fn x_weighted_length_with_urls(text: &str, urls: &[FoundUrl]) -> WeightedLength {
    weigh(text, urls, XConfig::V3)
}

fn weigh(text: &str, urls: &[FoundUrl], config: XConfig) -> WeightedLength {
    if is_nfc(text) {
        return weigh_nfc(text, urls, config, |at| grapheme_start(text, at));
    }
    let normalized = Normalized::new(text);
    weigh_nfc(
        &normalized.text,
        &find_urls(&normalized.text),
        config,
        |at| normalized.original_offset(at),
    )
}

/// twitter-text's `parseTweet` loop over an NFC text: a URL or emoji
/// starting at the current position counts as a whole, else the code point
/// does. `original_offset` maps an offset of `text` to the caller's text.
fn weigh_nfc(
    text: &str,
    urls: &[FoundUrl],
    config: XConfig,
    original_offset: impl Fn(usize) -> usize,
) -> WeightedLength {
    let emoji = match config {
        XConfig::V2 => Vec::new(),
        XConfig::V3 => find_emoji(text),
    };
    let (mut next_url, mut next_emoji) = (urls.iter().peekable(), emoji.iter().peekable());
    let limit = X_MAX_WEIGHTED_LENGTH * SCALE;
    let mut weighted = 0;
    let mut overflow_at = None;
    let mut at = 0;
    while at < text.len() {
        // Entities that start where the loop has already been are skipped, as in twitter-text.
        while next_url.next_if(|url| url.range.start < at).is_some() {}
        while next_emoji.next_if(|found| found.start < at).is_some() {}
        let start = at;
        if let Some(url) = next_url.next_if(|url| url.range.start == at) {
            weighted += X_URL_LENGTH * SCALE;
            // twitter-text steps over the URL string's length in UTF-16 units.
            let (end, lone_low_surrogate) = advance_utf16(text, at, url.counted_utf16_len);
            weighted += usize::from(lone_low_surrogate) * DEFAULT_WEIGHT;
            at = end;
        } else if let Some(found) = next_emoji.next_if(|found| found.start == at) {
            weighted += DEFAULT_WEIGHT;
            at = found.end;
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            weighted += char_weight(c);
            at += c.len_utf8();
        }
        if weighted > limit && overflow_at.is_none() {
            overflow_at = Some(original_offset(start));
        }
    }
    WeightedLength {
        weighted_length: weighted / SCALE,
        valid: weighted > 0 && overflow_at.is_none() && !text.contains(INVALID_CHARS),
        overflow_at,
    }
}

/// The byte offset `units` UTF-16 code units past `at`. When that falls
/// between the two halves of an astral code point, twitter-text goes on from
/// its low surrogate, which it weighs alone: the offset past it is returned
/// with `true`.
fn advance_utf16(text: &str, at: usize, units: usize) -> (usize, bool) {
    let mut remaining = units;
    let mut end = at;
    for c in text[at..].chars() {
        if remaining == 0 {
            break;
        }
        end += c.len_utf8();
        if c.len_utf16() > remaining {
            return (end, true);
        }
        remaining -= c.len_utf16();
    }
    (end, false)
}

/// The start of the grapheme cluster of `text` that holds byte `at`.
fn grapheme_start(text: &str, at: usize) -> usize {
    graphemes(text)
        .into_iter()
        .map(|(start, _)| start)
        .take_while(|&start| start <= at)
        .last()
        .unwrap_or(0)
}

/// A text in NFC with a way back to the offsets of the original.
struct Normalized {
    text: String,
    /// Per normalised grapheme: its byte offset in `text` and in the original.
    starts: Vec<(usize, usize)>,
}

impl Normalized {
    /// Normalises grapheme by grapheme, so that each normalised piece maps back
    /// to its original grapheme; composition across graphemes (which Unicode
    /// all but never does) falls back to the whole text, mapped by position.
    fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::new();
        for (at, grapheme) in graphemes(original) {
            starts.push((text.len(), at));
            text.push_str(&nfc(grapheme));
        }
        let whole = nfc(original);
        if whole != text {
            starts = whole
                .char_indices()
                .zip(original.char_indices())
                .map(|((normalized, _), (at, _))| (normalized, at))
                .collect();
            text = whole;
        }
        Self { text, starts }
    }

    /// The offset in the original text of the grapheme holding `at`.
    fn original_offset(&self, at: usize) -> usize {
        let index = self.starts.partition_point(|&(start, _)| start <= at);
        self.starts
            .get(index.wrapping_sub(1))
            .map_or(0, |&(_, original)| original)
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
        assert!(!x_weighted_length("").valid);
    }

    /// The emoji the pattern finds scanning the whole text.
    fn emoji_scanning_everything(text: &str) -> Vec<Range<usize>> {
        emoji_pattern().find_iter(text).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Running the emoji pattern on the windows around non-ASCII runs finds what a whole scan finds.
        #[test]
        fn emoji_windows_find_what_a_whole_scan_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "#", "*", "1", "a", " ", "\u{FE0F}", "\u{FE0E}", "\u{20E3}", "\u{200D}", "😀", "👨", "👩", "👦",
                "🏳", "🌈", "🇫", "🇷", "©", "™", "❤", "♀", "🏻", "é", "例", "\u{E0067}", "\u{E007F}", "🏴",
            ]), 0..20)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(find_emoji(&text), emoji_scanning_everything(&text));
        }
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
