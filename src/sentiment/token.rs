//! VADER's tokens: `text.split()`, `_strip_punc_if_word`, and the facts the
//! rules ask of each token (its lowercase, its table entry, `isupper()`),
//! each computed once.
//!
//! Every table key and every word the rules compare with is ASCII, and no
//! non-ASCII character lowercases to ASCII except the Kelvin sign (U+212A →
//! `k`). So a token is looked up by its ASCII lowercase (Kelvin sign folded);
//! a token with any other non-ASCII character matches nothing, and only its
//! "contains `n't`" negation needs its full lowercase.

use super::lexicon::{self, Word};
use super::pystr;

/// Longest key kept inline; the longest lexicon word has 19 bytes, so a
/// longer token matches no table.
const KEY_CAPACITY: usize = 24;

/// A token's lowercase, as far as lookups and comparisons need it.
enum Key<'a> {
    /// The token itself, already lowercase ASCII.
    Borrowed(&'a str),
    /// The ASCII lowercase of a short token with capitals.
    Inline([u8; KEY_CAPACITY], u8),
    /// A token that can equal no table key and no rule word.
    Unmatchable,
}

/// One token and everything the rules ask about it.
pub struct Token<'a> {
    key: Key<'a>,
    /// The token's entry in the word table.
    pub word: Option<&'static Word>,
    /// Whether the token negates (a `NEGATE` form, or contains `n't`).
    pub negation: bool,
    /// Python's `isupper()` of the token.
    pub upper: bool,
}

impl Key<'_> {
    /// The key as text ("" when it can match nothing).
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(text) => text,
            Key::Inline(bytes, len) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Key::Unmatchable => "",
        }
    }
}

impl Token<'_> {
    /// The token's `lower()` for comparisons ("" when it can match nothing).
    pub fn lower(&self) -> &str {
        self.key.as_str()
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

/// Python's `str.split()` of the text, each piece stripped as VADER strips it.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
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
    tokens
}

/// `str.isspace()` for ASCII: `\t\n\v\f\r`, U+001C–U+001F and space.
fn is_ascii_python_whitespace(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | 0x1c..=b' ')
}

fn token(raw: &str) -> Token<'_> {
    let text = strip_punctuation_if_word(raw);
    let key = key(text);
    let (word, negation) = match &key {
        Key::Unmatchable => (None, pystr::lower(text).contains("n't")),
        matchable => {
            let lower = matchable.as_str();
            let word = lexicon::word(lower);
            let contains_nt = lower.as_bytes().windows(3).any(|w| w == b"n't");
            (word, word.is_some_and(Word::negation) || contains_nt)
        }
    };
    Token {
        key,
        word,
        negation,
        upper: is_upper(text),
    }
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

fn key(text: &str) -> Key<'_> {
    let ascii = text.is_ascii();
    if ascii && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        return Key::Borrowed(text);
    }
    let mut bytes = [0u8; KEY_CAPACITY];
    let mut len = 0;
    for c in text.chars() {
        let folded = match c {
            '\u{212a}' => 'k',
            c if c.is_ascii() => c.to_ascii_lowercase(),
            _ => return Key::Unmatchable,
        };
        if len == KEY_CAPACITY {
            return Key::Unmatchable;
        }
        bytes[len] = folded as u8;
        len += 1;
    }
    Key::Inline(bytes, len as u8)
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

    fn lowers(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| t.lower().to_owned())
            .collect()
    }

    #[test]
    fn splits_like_python_and_strips_like_vader() {
        assert_eq!(
            lowers(" Hello,\u{1c}WORLD!! ok! :) no. "),
            ["hello", "world", "ok!", ":)", "no."]
        );
    }

    #[test]
    fn kelvin_sign_folds_and_other_non_ascii_matches_nothing() {
        assert_eq!(lowers("\u{212a}ind of"), ["kind", "of"]);
        assert_eq!(lowers("café"), [""]);
        assert!(tokenize("DIDN\u{2019}T ÉDIDN'T")[1].negation);
    }

    #[test]
    fn long_tokens_match_nothing() {
        let long = "Good".repeat(10);
        let tokens = tokenize(&long);
        assert_eq!(tokens[0].lower(), "");
        assert!(tokens[0].word.is_none() && !tokens[0].upper);
    }
}
