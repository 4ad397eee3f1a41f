//! The tokenizer for plain ASCII texts (printable characters and ASCII
//! whitespace, which is nearly every post), eight bytes at a time.
//!
//! The text is copied into a space-padded buffer, so every token can be read
//! as three 64-bit words. Whitespace is found through a bitmap (a byte is
//! whitespace exactly when it is at most a space, in such a text), and the
//! classes of a token's bytes (capitals, small letters, digits, marks,
//! apostrophes) come from one range test per class per word, with the high
//! bit of each byte as the answer. No branch depends on a single byte.

use super::lexicon::{self, Word, WordKey};
use super::token::{self, Marks, Token};

/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
const HIGH: u64 = ONES * 0x80;

/// The scratch space the tokenizer reuses from text to text.
#[derive(Default)]
pub struct Scratch {
    /// The text followed by spaces up to a whole 64-byte block past the
    /// byte after it, and 24 more, so every token of at most 23 bytes is
    /// read as three whole words (masked to its length).
    padded: Vec<u8>,
    /// Where each token starts.
    starts: Vec<u32>,
    /// Where each token ends (one past its last byte).
    ends: Vec<u32>,
    /// The short tokens the table's filter let through, to look up.
    candidates: Vec<Candidate>,
}

/// A token of at most eight bytes whose word may be in the table.
#[derive(Clone, Copy, Default)]
struct Candidate {
    /// Its position among the tokens.
    index: usize,
    /// Its lowercase key.
    key: WordKey,
    /// The key's hash, as the table probed it.
    hash: u64,
}

/// Appends the text's tokens to `tokens` (as [`token::tokenize_any_into`]
/// does) and returns its "!" and "?" counts, if the text is plain: every
/// byte printable ASCII or ASCII whitespace. Returns `None`, with `tokens`
/// untouched, for any other text.
pub fn tokenize_into(text: &str, scratch: &mut Scratch, tokens: &mut Vec<Token>) -> Option<Marks> {
    let Scratch {
        padded,
        starts,
        ends,
        candidates,
    } = scratch;
    u32::try_from(text.len()).ok()?;
    padded.clear();
    padded.extend_from_slice(text.as_bytes());
    padded.resize((text.len() + 1).next_multiple_of(64) + 24, b' ');
    let marks = find_tokens(padded, text.len(), starts, ends)?;

    // Short tokens are probed as they are cut, and the few the filter lets
    // through are looked up afterwards, together: no branch on whether a
    // token is a table word while cutting.
    let first = tokens.len();
    candidates.resize(starts.len(), Candidate::default());
    let mut probed = 0;
    let cut = starts.iter().zip(ends.iter()).enumerate();
    tokens.extend(cut.map(|(index, (&start, &end))| {
        let (start, end) = (start as usize, end as usize);
        if end - start <= 8 {
            let (token, key) =
                one_word_token(word_at(padded, start) & word_mask(end - start), end - start);
            let hash = lexicon::short_words().probe(&key);
            candidates[probed] = Candidate {
                index: first + index,
                key,
                hash: hash.unwrap_or_default(),
            };
            probed += usize::from(hash.is_some());
            token
        } else if end - start <= WordKey::CAPACITY {
            short_token(padded, start, end - start)
        } else {
            token::scanned_token(text, start, end)
        }
    }));
    for candidate in &candidates[..probed] {
        let word = lexicon::short_words().find(&candidate.key, candidate.hash);
        tokens[candidate.index].set_word(word);
    }
    Some(marks)
}

/// Fills `starts` and `ends` with the tokens' bounds in the first `length`
/// bytes of `padded` and counts their marks; `None` if a byte is not
/// plain. Eight bytes at a time, a byte is whitespace when
/// `0xa0` minus it keeps the high bit; then a token starts where a byte is
/// no whitespace but the one before is, and ends where it is the other way
/// round. No step waits on the previous token.
fn find_tokens(
    padded: &[u8],
    length: usize,
    starts: &mut Vec<u32>,
    ends: &mut Vec<u32>,
) -> Option<Marks> {
    starts.clear();
    ends.clear();
    let mut marks = Marks::default();
    let mut not_plain = 0u64;
    let mut space_before = 1u64;
    let mut spaces = 0u64;
    let mut push_block = |block: usize, spaces: u64| {
        let after_space = spaces << 1 | space_before;
        space_before = spaces >> 63;
        let base = (block * 64) as u32;
        push_positions(!spaces & after_space, base, starts);
        push_positions(spaces & !after_space, base, ends);
    };
    let words = &padded[..(length + 1).next_multiple_of(8)];
    for (index, word) in words.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // From 0x7f on, or a control character but whitespace.
        not_plain |=
            ((word + ONES) | word) & HIGH | in_range(word, 0x00, 0x08) | in_range(word, 0x0e, 0x1b);
        if in_range(word, b'!', b'!') | in_range(word, b'?', b'?') != 0 {
            marks.exclamations += in_range(word, b'!', b'!').count_ones() as usize;
            marks.questions += in_range(word, b'?', b'?').count_ones() as usize;
        }
        spaces |= bitmap8((ONES * 0xa0 - word) & HIGH) << (8 * (index % 8));
        if index % 8 == 7 {
            push_block(index / 8, spaces);
            spaces = 0;
        }
    }
    let words_in_last_block = (words.len() / 8) % 8;
    if words_in_last_block != 0 {
        // The block's unread bytes are padding: spaces.
        push_block(
            words.len() / 64,
            spaces | u64::MAX << (8 * words_in_last_block),
        );
    }
    (not_plain == 0).then_some(marks)
}

/// Appends `base` plus the position of every set bit of `bits`.
#[inline(always)]
fn push_positions(mut bits: u64, base: u32, positions: &mut Vec<u32>) {
    while bits != 0 {
        positions.push(base + bits.trailing_zeros());
        bits &= bits - 1;
    }
}

/// The eight bytes at `start` of a padded buffer, as a little-endian word.
#[inline(always)]
fn word_at(padded: &[u8], start: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&padded[start..start + 8]);
    u64::from_le_bytes(bytes)
}

/// A token of at most eight bytes, given as one word (zero past its
/// `length`), not yet looked up; and the key to look it up by.
#[inline(always)]
fn one_word_token(raw: u64, length: usize) -> (Token, WordKey) {
    let capitals = in_range(raw, b'A', b'Z');
    let small = in_range(raw, b'a', b'z');
    let upper = capitals != 0 && small == 0;

    // `_strip_punc_if_word`: every byte that is no letter or digit is
    // punctuation here. Stripping shifts the word (and its capitals); it
    // keeps the raw token when two characters or fewer would remain.
    let alphanumeric = bitmap8(capitals | small | in_range(raw, b'0', b'9'));
    let (word, capitals, length) = if alphanumeric == low_bits(length) {
        (raw, capitals, length)
    } else {
        let lead = alphanumeric.trailing_zeros() as usize;
        let stripped = (64 - alphanumeric.leading_zeros() as usize).saturating_sub(lead);
        if stripped <= 2 {
            (raw, capitals, length)
        } else {
            let kept = word_mask(stripped);
            (
                (raw >> (8 * lead)) & kept,
                (capitals >> (8 * lead)) & kept,
                stripped,
            )
        }
    };

    let lowercase = word | capitals >> 2;
    let apostrophes = in_range(lowercase, b'\'', b'\'');
    let contains_nt = apostrophes != 0
        && in_range(lowercase, b'n', b'n')
            & apostrophes >> 8
            & in_range(lowercase, b't', b't') >> 16
            != 0;
    let key = WordKey([lowercase, 0, (length as u64) << 56]);
    (Token::new(Word::UNKNOWN, contains_nt, upper), key)
}

/// A token of 9 to 23 bytes at `start`.
#[inline(always)]
fn short_token(padded: &[u8], start: usize, length: usize) -> Token {
    let raw = Words::read(padded, start, length);
    let capitals = raw.mask(b'A', b'Z');
    let has_capital = capitals != [0; 3];
    let upper = has_capital && raw.mask(b'a', b'z') == [0; 3];

    // As in `one_word_token`.
    let alphanumeric = or3(or3(capitals, raw.mask(b'a', b'z')), raw.mask(b'0', b'9'));
    let punctuation = !raw.bitmap(alphanumeric) & low_bits(length);
    let (word_start, word) = if punctuation == 0 {
        (start, raw)
    } else {
        let kept = !punctuation & low_bits(length);
        let lead = kept.trailing_zeros() as usize;
        let stripped = (64 - kept.leading_zeros() as usize).saturating_sub(lead);
        if stripped <= 2 {
            (start, raw)
        } else {
            (start + lead, Words::read(padded, start + lead, stripped))
        }
    };

    let contains_nt = word.mask(b'\'', b'\'') != [0; 3] && {
        let bytes = &padded[word_start..word_start + word.length];
        bytes
            .windows(3)
            .any(|w| w[0] | 0x20 == b'n' && w[1] == b'\'' && w[2] | 0x20 == b't')
    };
    let entry = if has_capital {
        lexicon::entry(&word.lowercase_key())
    } else {
        lexicon::entry(&word.key())
    };
    Token::new(entry, contains_nt || entry.negation(), upper)
}

/// The high bit of every byte of `word` (bytes below 0x80) that lies in
/// `low..=high`: adding `0x80 - low` reaches the high bit
/// from `low` on, adding `0x7f - high` from past `high` on, and no sum
/// carries into the next byte.
#[inline(always)]
fn in_range(word: u64, low: u8, high: u8) -> u64 {
    (word + ONES * u64::from(0x80 - low)) & !(word + ONES * u64::from(0x7f - high)) & HIGH
}

/// One bit per byte (bit `i` for byte `i`) from a word of high bits: the
/// multiply gathers the eight high bits into the top byte.
#[inline(always)]
fn bitmap8(high_bits: u64) -> u64 {
    (high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// A token's bytes as three little-endian words, zero past its length.
#[derive(Clone, Copy)]
struct Words {
    words: [u64; 3],
    length: usize,
}

impl Words {
    /// The `length` (at most 23) bytes at `start` of a padded buffer.
    #[inline(always)]
    fn read(padded: &[u8], start: usize, length: usize) -> Words {
        let window: &[u8; 24] = padded[start..start + 24]
            .try_into()
            .expect("the buffer is padded past every token");
        let mut words = [0u64; 3];
        for (index, word) in words.iter_mut().enumerate() {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&window[index * 8..index * 8 + 8]);
            *word = u64::from_le_bytes(bytes) & byte_mask(length.saturating_sub(index * 8));
        }
        Words { words, length }
    }

    /// The high bit of every byte in `low..=high` (both at least 1).
    #[inline(always)]
    fn mask(&self, low: u8, high: u8) -> [u64; 3] {
        self.words.map(|word| in_range(word, low, high))
    }

    /// One bit per byte (bit `i` for byte `i`) from a mask of high bits.
    #[inline(always)]
    fn bitmap(&self, masks: [u64; 3]) -> u64 {
        masks.iter().enumerate().fold(0, |bits, (index, mask)| {
            bits | bitmap8(*mask) << (index * 8)
        })
    }

    /// The table key of these bytes.
    #[inline(always)]
    fn key(&self) -> WordKey {
        let [first, second, third] = self.words;
        WordKey([first, second, third | (self.length as u64) << 56])
    }

    /// The table key of these bytes with capitals lowercased (bit 5 set
    /// where a byte is a capital).
    #[inline(always)]
    fn lowercase_key(&self) -> WordKey {
        let capitals = self.mask(b'A', b'Z');
        let mut lowered = *self;
        for (word, capital) in lowered.words.iter_mut().zip(capitals) {
            *word |= capital >> 2;
        }
        lowered.key()
    }
}

/// A mask keeping the first `bytes` bytes of a word (all of it from 8 on).
#[inline(always)]
fn byte_mask(bytes: usize) -> u64 {
    if bytes >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * bytes)) - 1
    }
}

/// A mask keeping the first `bytes` bytes of a word, for 1 to 8 bytes.
#[inline(always)]
fn word_mask(bytes: usize) -> u64 {
    u64::MAX >> (64 - 8 * bytes)
}

/// The lowest `count` bits (count below 64).
#[inline(always)]
fn low_bits(count: usize) -> u64 {
    (1u64 << count) - 1
}

/// Three masks or-ed word by word.
#[inline(always)]
fn or3(a: [u64; 3], b: [u64; 3]) -> [u64; 3] {
    [a[0] | b[0], a[1] | b[1], a[2] | b[2]]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn general(text: &str) -> (Vec<(Word, bool, bool)>, Marks) {
        let mut tokens = Vec::new();
        let marks = token::tokenize_any_into(text, &mut tokens);
        (tokens.iter().map(Token::parts).collect(), marks)
    }

    fn plain(text: &str) -> (Vec<(Word, bool, bool)>, Marks) {
        let mut tokens = Vec::new();
        let marks =
            tokenize_into(text, &mut Scratch::default(), &mut tokens).expect("a plain text");
        (tokens.iter().map(Token::parts).collect(), marks)
    }

    #[test]
    fn plain_means_printable_ascii_and_whitespace() {
        let is_plain =
            |text: &str| tokenize_into(text, &mut Scratch::default(), &mut Vec::new()).is_some();
        assert!(is_plain("Hello, WORLD!\t:)\x1c\n~"));
        assert!(is_plain(&"x".repeat(200)));
        assert!(!is_plain("a\x00b"));
        assert!(!is_plain(&format!("{}\x08", "y".repeat(100))));
        assert!(!is_plain("a\x7fb"));
        assert!(!is_plain("a\x1bb"));
        assert!(!is_plain("café"));
    }

    #[test]
    fn agrees_with_the_general_tokenizer_on_chosen_texts() {
        for text in [
            "VADER is smart, handsome, and funny!!!",
            "  NOT good... isn't it?? \"great\" 'ok' :) :-( ",
            "DON'T YOU DARE!!! no,NO,No... ((((((((great)))))))))",
            "a\tb\x0bc\x0cd\re\x1cf\x1dg\x1eh\x1fi",
            "x'x n't N'T isn'T !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "Heartbreaking, DISADVANTAGEOUSLY intellectualization supercalifragilisticexpialidocious",
        ] {
            assert_eq!(plain(text), general(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_general_tokenizer(text in "[ -~\t\n\x0b\x0c\r\x1c-\x1f]{0,200}") {
            prop_assert_eq!(plain(&text), general(&text));
        }

        #[test]
        fn agrees_on_word_like_texts(
            words in prop::collection::vec("[!?'.,:;()\"]{0,3}(good|GOOD|Bad|no|n't|DON'T|but|kind|of|[a-zA-Z]{1,25})[!?'.,:;()\"]{0,3}", 0..40)
        ) {
            let text = words.join(" ");
            prop_assert_eq!(plain(&text), general(&text));
        }
    }
}
