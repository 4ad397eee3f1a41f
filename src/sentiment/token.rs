//! VADER's tokens: `text.split()`, `_strip_punc_if_word`, and the facts the
//! rules ask of each token (its lowercase, its table entry, `isupper()`),
//! each computed once.
//!
//! Every table key and every word the rules compare with is ASCII, and no
//! non-ASCII character lowercases to ASCII except the Kelvin sign (U+212A →
//! `k`). So a token is looked up by its ASCII lowercase (Kelvin sign folded),
//! and keeps the table's own copy of the key. The table holds every word the
//! rules compare with, so a token missing from it can equal none of them:
//! its lowercase reads as "". Only its "contains `n't`" negation needs its
//! own lowercase, checked here.

use super::lexicon::{self, Word};
use super::pystr;

/// Longest key built for a lookup; the longest table key has 19 bytes, so a
/// longer token matches nothing.
const KEY_CAPACITY: usize = 24;

/// One token and everything the rules ask about it.
#[derive(Clone, Copy)]
pub struct Token {
    /// The token's `lower()` when it is a table word, "" otherwise.
    lower: &'static str,
    /// The token's entry in the word table.
    word: Option<&'static Word>,
    /// Whether the token negates (a `NEGATE` form, or contains `n't`).
    pub negation: bool,
    /// Python's `isupper()` of the token.
    pub upper: bool,
}

impl Token {
    /// The token's `lower()` for comparisons with rule words ("" when it is
    /// no table word, and so equals none of them).
    pub fn lower(&self) -> &'static str {
        self.lower
    }

    /// Its lexicon valence, if it is a lexicon word.
    pub fn valence(&self) -> Option<f64> {
        self.word.and_then(Word::valence)
    }

    /// Its booster scalar (0.0 for none).
    pub fn booster(&self) -> f64 {
        self.word.map_or(0.0, Word::booster)
    }
}

/// How many "!" and "?" the text holds (for `_punctuation_emphasis`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Count of "!".
    pub exclamations: usize,
    /// Count of "?".
    pub questions: usize,
}

/// Byte classes, so one table lookup per byte drives the split and collects
/// what each token needs.
mod class {
    /// ASCII whitespace for `str.split()`: `\t\n\v\f\r`, U+001C–U+001F, space.
    pub const SPACE: u8 = 1;
    /// A UTF-8 lead byte that can start non-ASCII whitespace: 0xC2 (U+0085,
    /// U+00A0) and 0xE1–0xE3 (U+1680, U+2000–U+200A, U+2028, U+2029,
    /// U+202F, U+205F, U+3000).
    pub const MAYBE_SPACE: u8 = 2;
    /// `A`–`Z`.
    pub const UPPER: u8 = 4;
    /// `a`–`z`.
    pub const LOWER: u8 = 8;
    /// `'`.
    pub const APOSTROPHE: u8 = 16;
    /// `!` or `?`.
    pub const MARK: u8 = 32;
    /// Any byte of a non-ASCII character.
    pub const NON_ASCII: u8 = 64;
    /// ASCII punctuation (`string.punctuation`, `'`, `!` and `?` included).
    pub const PUNCTUATION: u8 = 128;

    /// The class of every byte value.
    pub static OF: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            table[b] = match byte {
                b'\t'..=b'\r' | 0x1c..=b' ' => SPACE,
                b'A'..=b'Z' => UPPER,
                b'a'..=b'z' => LOWER,
                b'\'' => APOSTROPHE | PUNCTUATION,
                b'!' | b'?' => MARK | PUNCTUATION,
                _ if byte.is_ascii_punctuation() => PUNCTUATION,
                0xc2 | 0xe1..=0xe3 => NON_ASCII | MAYBE_SPACE,
                0x80..=0xff => NON_ASCII,
                _ => 0,
            };
            b += 1;
        }
        table
    };
}

/// Appends to `tokens` Python's `str.split()` of the text, each piece
/// stripped as VADER strips it, in one pass over the bytes; returns the
/// text's "!" and "?" counts.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) -> Marks {
    let bytes = text.as_bytes();
    let mut marks = Marks::default();
    let mut index = 0;
    while index < bytes.len() {
        if let Some(width) = whitespace_width(text, index) {
            index += width;
            continue;
        }
        let start = index;
        let mut seen = 0;
        // A continuation byte never starts whitespace, so stepping by bytes
        // inside a token is safe. The first byte is no whitespace: checking
        // it again costs less than a second copy of the loop.
        let end = loop {
            let class = class::OF[usize::from(bytes[index])];
            if class & class::SPACE != 0 {
                index += 1;
                break index - 1;
            }
            if class & class::MAYBE_SPACE != 0 {
                if let Some(width) = non_ascii_whitespace_width(text, index) {
                    index += width;
                    break index - width;
                }
            }
            seen |= class;
            index += 1;
            if index == bytes.len() {
                break index;
            }
        };
        let raw = &text[start..end];
        if seen & class::MARK != 0 {
            count_marks(raw, &mut marks);
        }
        tokens.push(token(raw, seen));
    }
    marks
}

/// The width in bytes of the Python whitespace character starting at byte
/// `index`, if one starts there.
#[inline(always)]
fn whitespace_width(text: &str, index: usize) -> Option<usize> {
    let class = class::OF[usize::from(text.as_bytes()[index])];
    if class & class::SPACE != 0 {
        Some(1)
    } else if class & class::MAYBE_SPACE != 0 {
        non_ascii_whitespace_width(text, index)
    } else {
        None
    }
}

/// The width of the non-ASCII whitespace character at byte `index`, if it
/// is one; only called at the lead bytes that can start one.
#[cold]
fn non_ascii_whitespace_width(text: &str, index: usize) -> Option<usize> {
    text[index..]
        .chars()
        .next()
        .filter(|&c| pystr::is_python_whitespace(c))
        .map(char::len_utf8)
}

/// Adds the "!" and "?" of a token to `marks`.
fn count_marks(raw: &str, marks: &mut Marks) {
    for &b in raw.as_bytes() {
        match b {
            b'!' => marks.exclamations += 1,
            b'?' => marks.questions += 1,
            _ => {}
        }
    }
}

/// A token from its raw piece and the classes of its bytes. Punctuation has
/// no case and `n't` contains no punctuation but the apostrophe, so the
/// classes of the raw piece are those that matter for the stripped token.
fn token(raw: &str, seen: u8) -> Token {
    let text = if seen & class::PUNCTUATION != 0 {
        strip_punctuation_if_word(raw)
    } else {
        raw
    };
    if seen & class::NON_ASCII != 0 {
        return non_ascii_token(text);
    }
    let has_upper = seen & class::UPPER != 0;
    let mut buffer = [0u8; KEY_CAPACITY];
    let entry = if !has_upper {
        lexicon::entry(text)
    } else if let Some(slot) = buffer.get_mut(..text.len()) {
        slot.copy_from_slice(text.as_bytes());
        slot.make_ascii_lowercase();
        std::str::from_utf8(slot).ok().and_then(lexicon::entry)
    } else {
        None
    };
    // `b | 0x20` is `n` only for `N` and `n`, `t` only for `T` and `t`.
    let contains_nt = seen & class::APOSTROPHE != 0
        && text
            .as_bytes()
            .windows(3)
            .any(|w| w[0] | 0x20 == b'n' && w[1] == b'\'' && w[2] | 0x20 == b't');
    Token {
        lower: entry.map_or("", |(key, _)| key),
        word: entry.map(|(_, word)| word),
        negation: contains_nt || entry.is_some_and(|(_, word)| word.negation()),
        upper: has_upper && seen & class::LOWER == 0,
    }
}

/// A token with non-ASCII characters: only the Kelvin sign folds to ASCII,
/// so it is a table word only when every other character is ASCII.
fn non_ascii_token(text: &str) -> Token {
    let mut buffer = [0u8; KEY_CAPACITY];
    let entry = kelvin_folded_lowercase(text, &mut buffer).and_then(lexicon::entry);
    let contains_nt = match entry {
        Some((key, _)) => key.contains("n't"),
        None => pystr::lower(text).contains("n't"),
    };
    Token {
        lower: entry.map_or("", |(key, _)| key),
        word: entry.map(|(_, word)| word),
        negation: contains_nt || entry.is_some_and(|(_, word)| word.negation()),
        upper: pystr::is_upper(text),
    }
}

/// The ASCII lowercase of a token whose only non-ASCII characters are Kelvin
/// signs (folded to `k`), in `buffer`; `None` when it has other non-ASCII
/// characters or is too long to be a table key.
fn kelvin_folded_lowercase<'a>(text: &str, buffer: &'a mut [u8; KEY_CAPACITY]) -> Option<&'a str> {
    let mut len = 0;
    for c in text.chars() {
        let folded = match c {
            '\u{212a}' => b'k',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        *buffer.get_mut(len)? = folded;
        len += 1;
    }
    std::str::from_utf8(&buffer[..len]).ok()
}

/// `_strip_punc_if_word`: strip ASCII punctuation off both ends unless that
/// leaves two characters or fewer (then the token is likely an emoticon).
fn strip_punctuation_if_word(token: &str) -> &str {
    let stripped = pystr::strip_ascii_punctuation(token);
    if stripped.chars().nth(2).is_none() {
        token
    } else {
        stripped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenize(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        tokens
    }

    #[test]
    fn counts_marks_across_tokens() {
        let mut tokens = Vec::new();
        let marks = tokenize_into("Why?? no!\u{a0}?!x", &mut tokens);
        assert_eq!((marks.exclamations, marks.questions), (2, 3));
    }

    fn lowers(text: &str) -> Vec<&'static str> {
        tokenize(text).iter().map(Token::lower).collect()
    }

    #[test]
    fn splits_like_python_and_strips_like_vader() {
        // "world", "ok!" and "no." are no table words: they read as "".
        assert_eq!(
            lowers(" Good,\u{1c}WORLD!! ok! :) No. NO "),
            ["good", "", "", ":)", "", "no"]
        );
        assert_eq!(tokenize("a\u{a0}b\u{3000}c\u{200b}d").len(), 3);
    }

    #[test]
    fn kelvin_sign_folds_and_other_non_ascii_matches_nothing() {
        assert_eq!(lowers("\u{212a}ind of"), ["kind", "of"]);
        assert_eq!(lowers("café but"), ["", "but"]);
        assert!(tokenize("DIDN\u{2019}T ÉDIDN'T")[1].negation);
        assert!(tokenize("DIDN'T")[0].negation);
    }

    #[test]
    fn long_tokens_match_nothing() {
        let long = "Good".repeat(10);
        let tokens = tokenize(&long);
        assert_eq!(tokens[0].lower(), "");
        assert!(tokens[0].valence().is_none() && !tokens[0].upper);
    }
}
