//! The tokenizer for plain ASCII texts (printable characters and ASCII
//! whitespace, which is nearly every post), eight bytes at a time.
//!
//! The text is copied into a space-padded buffer, so a token of up to 8 (or
//! 16) bytes can be read as one `u64` (or `u128`). Whitespace is found
//! through a bitmap (a byte is whitespace exactly when it is at most a
//! space, in such a text), and the classes of a token's bytes (capitals,
//! small letters, digits, apostrophes) come from one range test per class,
//! with the high bit of each byte as the answer (SWAR). No branch depends on
//! a single byte. Longer tokens, and texts that are not plain, go byte by
//! byte (`token.rs`).

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
    /// byte after it, and 16 more, so every token of at most 16 bytes is
    /// read as one whole integer (masked to its length).
    padded: Vec<u8>,
    /// Where each token starts.
    starts: Vec<u32>,
    /// Where each token ends (one past its last byte).
    ends: Vec<u32>,
    /// The tokens whose stripped word has at most 8 bytes and which the
    /// short words' filter let through.
    short_candidates: Vec<Candidate>,
    /// The tokens whose stripped word is longer and which the long words'
    /// filter let through.
    long_candidates: Vec<Candidate>,
}

impl Scratch {
    /// Where the last plain text's tokens start and end (one past their
    /// last byte), in order.
    pub fn token_bounds(&self) -> (&[u32], &[u32]) {
        (&self.starts, &self.ends)
    }
}

/// A token whose word may be in the table.
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
        short_candidates,
        long_candidates,
    } = scratch;
    u32::try_from(text.len()).ok()?;
    padded.clear();
    padded.extend_from_slice(text.as_bytes());
    padded.resize((text.len() + 1).next_multiple_of(64) + 16, b' ');
    let marks = find_tokens(padded, text.len(), starts, ends)?;

    // Tokens are probed as they are cut, and the few the filter lets
    // through are looked up afterwards, together: no branch on whether a
    // token is a table word while cutting.
    let first = tokens.len();
    let mut probes = Probes::new(short_candidates, long_candidates, starts.len());
    let cut = starts.iter().zip(ends.iter()).enumerate();
    tokens.extend(cut.map(|(index, (&start, &end))| {
        let (start, end) = (start as usize, end as usize);
        let index = first + index;
        if end - start <= 8 {
            probes.cut::<u64>(padded, start, end - start, index)
        } else if end - start <= 16 {
            probes.cut::<u128>(padded, start, end - start, index)
        } else {
            token::scanned_token(text, start, end)
        }
    }));
    probes.find(tokens);
    Some(marks)
}

/// Tokens cut and probed, to be looked up: those whose word may be in the
/// table of short words, and those whose word may be in the other.
struct Probes<'a> {
    short: &'a mut Vec<Candidate>,
    short_probed: usize,
    long: &'a mut Vec<Candidate>,
    long_probed: usize,
}

impl<'a> Probes<'a> {
    /// Room for up to `tokens` candidates of each kind.
    fn new(
        short: &'a mut Vec<Candidate>,
        long: &'a mut Vec<Candidate>,
        tokens: usize,
    ) -> Probes<'a> {
        for candidates in [&mut *short, &mut *long] {
            if candidates.len() < tokens {
                candidates.resize(tokens, Candidate::default());
            }
        }
        Probes {
            short,
            short_probed: 0,
            long,
            long_probed: 0,
        }
    }

    /// The token of `length` bytes (as many as `L` holds, at most) at
    /// `start`, its word not yet looked up; it becomes a candidate if the
    /// table for its stripped length may hold its word.
    #[inline(always)]
    fn cut<L: Lanes>(&mut self, padded: &[u8], start: usize, length: usize, index: usize) -> Token {
        let (token, key) = lanes_token(L::read(padded, start) & L::byte_mask(length), length);
        let (candidates, probed, hash) = if key.length() <= 8 {
            (
                &mut *self.short,
                &mut self.short_probed,
                lexicon::short_words().probe(&key),
            )
        } else {
            (
                &mut *self.long,
                &mut self.long_probed,
                lexicon::long_words().probe(&key),
            )
        };
        candidates[*probed] = Candidate {
            index,
            key,
            hash: hash.unwrap_or_default(),
        };
        *probed += usize::from(hash.is_some());
        token
    }

    /// Looks the candidates up and sets their tokens' words.
    fn find(&self, tokens: &mut [Token]) {
        for candidate in &self.short[..self.short_probed] {
            let word = lexicon::short_words().find(&candidate.key, candidate.hash);
            tokens[candidate.index].set_word(word);
        }
        for candidate in &self.long[..self.long_probed] {
            let word = lexicon::long_words().find(&candidate.key, candidate.hash);
            tokens[candidate.index].set_word(word);
        }
    }
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
        not_plain |= (word.wrapping_add(ONES) | word) & HIGH
            | in_range(word, 0x00, 0x08)
            | in_range(word, 0x0e, 0x1b);
        if in_range(word, b'!', b'!') | in_range(word, b'?', b'?') != 0 {
            marks.exclamations += in_range(word, b'!', b'!').count_ones() as usize;
            marks.questions += in_range(word, b'?', b'?').count_ones() as usize;
        }
        spaces |= bitmap8((ONES * 0xa0).wrapping_sub(word) & HIGH) << (8 * (index % 8));
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

/// A token of as many bytes as `L` holds (at most), given as one `L`
/// (zero past its `length`), its word not yet looked up; and the key to
/// look it up by.
#[inline(always)]
fn lanes_token<L: Lanes>(raw: L, length: usize) -> (Token, WordKey) {
    let capitals = raw.in_range(b'A', b'Z');
    let small = raw.in_range(b'a', b'z');
    let upper = capitals != L::ZERO && small == L::ZERO;

    // `_strip_punc_if_word`: every byte that is no letter or digit is
    // punctuation here. Stripping shifts the word (and its capitals); it
    // keeps the raw token when two characters or fewer would remain.
    let alphanumeric = (capitals | small | raw.in_range(b'0', b'9')).bitmap();
    let (word, capitals, length) = if alphanumeric == low_bits(length) {
        (raw, capitals, length)
    } else {
        let lead = alphanumeric.trailing_zeros();
        let stripped = (64 - alphanumeric.leading_zeros()).saturating_sub(lead) as usize;
        if stripped <= 2 {
            (raw, capitals, length)
        } else {
            let kept = L::byte_mask(stripped);
            (
                (raw >> (8 * lead)) & kept,
                (capitals >> (8 * lead)) & kept,
                stripped,
            )
        }
    };

    let lowercase = word | capitals >> 2;
    let apostrophes = lowercase.in_range(b'\'', b'\'');
    let contains_nt = apostrophes != L::ZERO
        && lowercase.in_range(b'n', b'n') & apostrophes >> 8 & lowercase.in_range(b't', b't') >> 16
            != L::ZERO;
    (
        Token::new(Word::UNKNOWN, contains_nt, upper),
        lowercase.key(length),
    )
}

/// An integer read as a row of byte lanes (`u64`: 8, `u128`: 16). Every lane holds a byte below
/// 0x80, so no lane's sum carries into the next.
trait Lanes:
    Copy
    + PartialEq
    + std::ops::BitAnd<Output = Self>
    + std::ops::BitOr<Output = Self>
    + std::ops::Not<Output = Self>
    + std::ops::Shr<u32, Output = Self>
{
    /// No bit set.
    const ZERO: Self;

    /// `byte` in every lane.
    fn splat(byte: u8) -> Self;

    /// The sum, lane by lane (no lane carries in a plain text; a text with
    /// other bytes is read only to find them, so there it may wrap).
    fn add(self, other: Self) -> Self;

    /// The lanes at `start` of a padded buffer, little-endian.
    fn read(padded: &[u8], start: usize) -> Self;

    /// Keeps the first `bytes` lanes (at least one).
    fn byte_mask(bytes: usize) -> Self;

    /// One bit per lane (bit `i` for lane `i`) from the lanes' high bits.
    fn bitmap(self) -> u64;

    /// The table key of a word of `length` bytes in these lanes.
    fn key(self, length: usize) -> WordKey;

    /// The high bit of every lane in `low..=high`: adding `0x80 - low`
    /// reaches the high bit from `low` on, adding `0x7f - high` from past
    /// `high` on.
    #[inline(always)]
    fn in_range(self, low: u8, high: u8) -> Self {
        self.add(Self::splat(0x80 - low)) & !self.add(Self::splat(0x7f - high)) & Self::splat(0x80)
    }
}

impl Lanes for u64 {
    const ZERO: u64 = 0;

    #[inline(always)]
    fn splat(byte: u8) -> u64 {
        ONES * u64::from(byte)
    }

    #[inline(always)]
    fn add(self, other: u64) -> u64 {
        self.wrapping_add(other)
    }

    #[inline(always)]
    fn read(padded: &[u8], start: usize) -> u64 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&padded[start..start + 8]);
        u64::from_le_bytes(bytes)
    }

    #[inline(always)]
    fn byte_mask(bytes: usize) -> u64 {
        u64::MAX >> (64 - 8 * bytes)
    }

    #[inline(always)]
    fn bitmap(self) -> u64 {
        bitmap8(self)
    }

    #[inline(always)]
    fn key(self, length: usize) -> WordKey {
        WordKey([self, 0, (length as u64) << 56])
    }
}

impl Lanes for u128 {
    const ZERO: u128 = 0;

    #[inline(always)]
    fn splat(byte: u8) -> u128 {
        u128::from(ONES * u64::from(byte)) * (1 + (1 << 64))
    }

    #[inline(always)]
    fn add(self, other: u128) -> u128 {
        self.wrapping_add(other)
    }

    #[inline(always)]
    fn read(padded: &[u8], start: usize) -> u128 {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&padded[start..start + 16]);
        u128::from_le_bytes(bytes)
    }

    #[inline(always)]
    fn byte_mask(bytes: usize) -> u128 {
        u128::MAX >> (128 - 8 * bytes)
    }

    #[inline(always)]
    fn bitmap(self) -> u64 {
        bitmap8(self as u64) | bitmap8((self >> 64) as u64) << 8
    }

    #[inline(always)]
    fn key(self, length: usize) -> WordKey {
        WordKey([self as u64, (self >> 64) as u64, (length as u64) << 56])
    }
}

/// The high bit of every byte of `word` (bytes below 0x80) in `low..=high`.
#[inline(always)]
fn in_range(word: u64, low: u8, high: u8) -> u64 {
    word.in_range(low, high)
}

/// One bit per byte (bit `i` for byte `i`) from a word of high bits: the
/// multiply gathers the eight high bits into the top byte.
#[inline(always)]
fn bitmap8(high_bits: u64) -> u64 {
    (high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The lowest `count` bits (count below 64).
#[inline(always)]
fn low_bits(count: usize) -> u64 {
    (1u64 << count) - 1
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
