//! VADER's tokens: `text.split()`, `_strip_punc_if_word`, and the facts the
//! rules ask of each token (its table entry, which rule word it is,
//! `isupper()`), each computed once.
//!
//! Every reachable table key and every word the rules compare with is ASCII,
//! and no non-ASCII character lowercases to ASCII except the Kelvin sign
//! (U+212A → `k`). So a token is looked up by its ASCII lowercase (Kelvin
//! sign folded), packed into a [`WordKey`] straight from the text's bytes.
//! The table holds every word the rules compare with, so a token missing
//! from it equals none of them. Only its "contains `n't`" negation needs its
//! own lowercase, checked here.

use super::lexicon::{self, RuleWord, Word, WordKey};
use super::pystr;

/// One token and everything the rules ask about it.
#[derive(Clone, Copy)]
pub struct Token {
    /// Its table entry ([`Word::UNKNOWN`] when it is no table word).
    word: Word,
    /// Whether the token negates (a `NEGATE` form, or contains `n't`).
    pub negation: bool,
    /// Python's `isupper()` of the token.
    pub upper: bool,
}

impl Token {
    /// A token with its table entry, its negation and its `isupper()`.
    #[inline(always)]
    pub fn new(word: Word, negation: bool, upper: bool) -> Token {
        Token {
            word,
            negation,
            upper,
        }
    }

    /// Sets the token's table entry, once found; a `NEGATE` form negates.
    #[inline(always)]
    pub fn set_word(&mut self, word: Word) {
        self.word = word;
        self.negation |= word.negation();
    }

    /// Everything known about the token, for comparing tokenizers.
    #[cfg(test)]
    pub fn parts(&self) -> (Word, bool, bool) {
        (self.word, self.negation, self.upper)
    }

    /// Which word the rules compare with it is (`Other` for any other).
    pub fn rule(&self) -> RuleWord {
        self.word.rule()
    }

    /// Its lexicon valence, if it is a lexicon word.
    pub fn valence(&self) -> Option<f64> {
        self.word.valence()
    }

    /// Whether it is a booster or dampener.
    pub fn is_booster(&self) -> bool {
        self.word.is_booster()
    }

    /// Its booster scalar (0.0 for none).
    pub fn booster(&self) -> f64 {
        self.word.booster()
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

impl Marks {
    /// The marks of a text.
    pub fn of(text: &str) -> Marks {
        let count = |mark: u8| text.bytes().filter(|&byte| byte == mark).count();
        Marks {
            exclamations: count(b'!'),
            questions: count(b'?'),
        }
    }
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

/// Appends to `tokens` Python's `str.split()` of any text, each piece
/// stripped as VADER strips it, in one pass over the bytes; returns the
/// text's "!" and "?" counts. (Plain ASCII texts have a faster tokenizer in
/// `plain_ascii`.)
pub fn tokenize_any_into(text: &str, tokens: &mut Vec<Token>) -> Marks {
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
        if seen & class::MARK != 0 {
            count_marks(&bytes[start..end], &mut marks);
        }
        tokens.push(token(text, start, end, seen));
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

/// The token `text[start..end]` (no whitespace inside), its classes found
/// byte by byte.
pub fn scanned_token(text: &str, start: usize, end: usize) -> Token {
    let seen = text.as_bytes()[start..end]
        .iter()
        .fold(0, |seen, &byte| seen | class::OF[usize::from(byte)]);
    token(text, start, end, seen)
}

/// Adds the "!" and "?" of a token to `marks`.
fn count_marks(raw: &[u8], marks: &mut Marks) {
    for &b in raw {
        match b {
            b'!' => marks.exclamations += 1,
            b'?' => marks.questions += 1,
            _ => {}
        }
    }
}

/// The token `text[start..end]`, given the classes of its bytes.
/// Punctuation has no case and `n't` contains no punctuation but the
/// apostrophe, so the classes of the raw piece are those that matter for the
/// stripped token.
#[inline(always)]
fn token(text: &str, start: usize, end: usize, seen: u8) -> Token {
    let raw = &text[start..end];
    let stripped = if seen & class::PUNCTUATION != 0 {
        strip_punctuation_if_word(raw)
    } else {
        raw
    };
    if seen & class::NON_ASCII != 0 {
        return non_ascii_token(stripped);
    }
    let has_upper = seen & class::UPPER != 0;
    let word = lowercase_key(stripped).map_or(Word::UNKNOWN, |key| lexicon::entry(&key));
    // `b | 0x20` is `n` only for `N` and `n`, `t` only for `T` and `t`.
    let contains_nt = seen & class::APOSTROPHE != 0
        && stripped
            .as_bytes()
            .windows(3)
            .any(|w| w[0] | 0x20 == b'n' && w[1] == b'\'' && w[2] | 0x20 == b't');
    Token {
        word,
        negation: contains_nt || word.negation(),
        upper: has_upper && seen & class::LOWER == 0,
    }
}

/// A token with non-ASCII characters: only the Kelvin sign folds to ASCII,
/// so it is a table word only when every other character is ASCII.
#[cold]
fn non_ascii_token(text: &str) -> Token {
    let word = lowercase_key(text).map_or(Word::UNKNOWN, |key| lexicon::entry(&key));
    Token {
        word,
        negation: word.negation() || pystr::lower(text).contains("n't"),
        upper: pystr::is_upper(text),
    }
}

/// The key of the ASCII lowercase of a token whose only non-ASCII characters
/// (if any) are Kelvin signs (folded to `k`); `None` when it has other
/// non-ASCII characters or is too long to be a table word.
fn lowercase_key(text: &str) -> Option<WordKey> {
    let mut padded = [0u8; 24];
    let mut len = 0;
    for c in text.chars() {
        let folded = match c {
            '\u{212a}' => b'k',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        if len == WordKey::CAPACITY {
            return None;
        }
        padded[len] = folded;
        len += 1;
    }
    Some(WordKey::from_padded(&padded, len))
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
        tokenize_any_into(text, &mut tokens);
        tokens
    }

    #[test]
    fn counts_marks_across_tokens() {
        let mut tokens = Vec::new();
        let marks = tokenize_any_into("Why?? no!\u{a0}?!x", &mut tokens);
        assert_eq!((marks.exclamations, marks.questions), (2, 3));
    }

    fn valences(text: &str) -> Vec<Option<f64>> {
        tokenize(text).iter().map(Token::valence).collect()
    }

    fn rules(text: &str) -> Vec<RuleWord> {
        tokenize(text).iter().map(Token::rule).collect()
    }

    #[test]
    fn splits_like_python_and_strips_like_vader() {
        // "world", "ok!" and "no." are no table words; "NO" is "no".
        assert_eq!(
            valences(" Good,\u{1c}WORLD!! ok! :) No. NO "),
            [Some(1.9), None, None, Some(2.0), None, Some(-1.2)]
        );
        assert_eq!(
            rules("No. NO but, BUT"),
            [RuleWord::Other, RuleWord::No, RuleWord::But, RuleWord::But]
        );
        assert_eq!(tokenize("a\u{a0}b\u{3000}c\u{200b}d").len(), 3);
    }

    #[test]
    fn keys_read_near_the_end_of_the_text_and_past_eight_bytes() {
        // 13, 17 and 19 bytes: keys of two and three words, read from the
        // text where it is long enough and copied near its end.
        let text = "Heartbreaking, DISADVANTAGEOUSLY intellectualization";
        assert_eq!(valences(text), [Some(-2.0), Some(-2.1), Some(1.5)]);
        assert_eq!(valences("heartbreakingz"), [None]);
        assert_eq!(valences("GOOD"), [Some(1.9)]);
        assert_eq!(valences("good\0"), [None]);
    }

    #[test]
    fn kelvin_sign_folds_and_other_non_ascii_matches_nothing() {
        assert_eq!(rules("\u{212a}ind of"), [RuleWord::Kind, RuleWord::Of]);
        assert_eq!(rules("café but"), [RuleWord::Other, RuleWord::But]);
        assert!(tokenize("DIDN\u{2019}T ÉDIDN'T")[1].negation);
        assert!(tokenize("DIDN'T")[0].negation);
    }

    #[test]
    fn long_tokens_match_nothing() {
        let long = "Good".repeat(10);
        let tokens = tokenize(&long);
        assert_eq!(tokens[0].rule(), RuleWord::Other);
        assert!(tokens[0].valence().is_none() && !tokens[0].upper);
    }
}
