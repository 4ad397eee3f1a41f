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

/// Appends to `tokens` Python's `str.split()` of the text, each piece
/// stripped as VADER strips it.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    let mut start = None;
    let mut index = 0;
    let bytes = text.as_bytes();
    while index < bytes.len() {
        let (space, width) = if bytes[index] < 0x80 {
            (is_ascii_python_whitespace(bytes[index]), 1)
        } else {
            match text[index..].chars().next() {
                Some(c) => (pystr::is_python_whitespace(c), c.len_utf8()),
                None => break,
            }
        };
        match (space, start) {
            (true, Some(from)) => {
                tokens.push(token(&text[from..index]));
                start = None;
            }
            (false, None) => start = Some(index),
            _ => {}
        }
        index += width;
    }
    if let Some(from) = start {
        tokens.push(token(&text[from..]));
    }
}

/// `str.isspace()` for ASCII: `\t\n\v\f\r`, U+001C–U+001F and space.
fn is_ascii_python_whitespace(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | 0x1c..=b' ')
}

fn token(raw: &str) -> Token {
    let text = strip_punctuation_if_word(raw);
    let mut buffer = [0u8; KEY_CAPACITY];
    let entry = ascii_lowercase(text, &mut buffer).and_then(lexicon::entry);
    let contains_nt = match entry {
        Some((key, _)) => key.contains("n't"),
        None => pystr::lower(text).contains("n't"),
    };
    Token {
        lower: entry.map_or("", |(key, _)| key),
        word: entry.map(|(_, word)| word),
        negation: contains_nt || entry.is_some_and(|(_, word)| word.negation()),
        upper: is_upper(text),
    }
}

/// The token's lowercase for a lookup: itself when already lowercase ASCII,
/// else its ASCII lowercase (Kelvin sign folded) in `buffer`; `None` when it
/// has other non-ASCII characters or is too long to be a table key.
fn ascii_lowercase<'a>(text: &'a str, buffer: &'a mut [u8; KEY_CAPACITY]) -> Option<&'a str> {
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(text);
    }
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

/// Python's `isupper()`, with an ASCII fast path.
fn is_upper(text: &str) -> bool {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        bytes.iter().any(u8::is_ascii_uppercase) && !bytes.iter().any(u8::is_ascii_lowercase)
    } else {
        pystr::is_upper(text)
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
