//! Text views the care signals read: words (as written and lowercased),
//! sentences, shouting and exclamation runs.
//!
//! Words and sentences follow the Unicode text segmentation rules (UAX #29)
//! of `unicode-segmentation`. Nearly every post is plain ASCII, and for it
//! the few rules that can apply to ASCII are run here directly, in one pass
//! that also lowercases the words and reads their capitals, which is many
//! times cheaper than the general segmenters; property tests check that both
//! give the same words, capitals and sentences on arbitrary ASCII text.

use either::Either;
use unicode_segmentation::UnicodeSegmentation;

/// The words of a post, once: lowercased with typographic apostrophes made
/// ASCII, so "can’t" and "can't" read alike, and how they use capitals.
pub struct Words {
    /// The lowercased words, each preceded and followed by one space
    /// (`" i can't log in "`), so a phrase is a substring on word bounds.
    pub spaced: String,
    /// Where each lowercased word starts and ends in `spaced`.
    bounds: Vec<(usize, usize)>,
    /// The hashes of each lowercased word and of its pair with the one before.
    hashes: Vec<WordHash>,
    /// How the words as written use capitals.
    capitals: Capitals,
}

/// The FNV-1a hashes of a lowercased word (for the models' buckets).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WordHash {
    /// The hash of the word.
    pub word: u32,
    /// The hash of the word before it, a space and this word, continued
    /// from the word before's hash (for the first word: from the offset
    /// basis, a space and the word).
    pub pair: u32,
}

/// The words of a text, as one segmenter cuts them.
#[derive(Debug, PartialEq)]
struct Cut {
    spaced: String,
    bounds: Vec<(usize, usize)>,
    hashes: Vec<WordHash>,
    tally: CapitalsTally,
}

impl Words {
    /// Segments `text` into words.
    pub fn new(text: &str) -> Words {
        let Cut {
            spaced,
            bounds,
            hashes,
            tally,
        } = if text.is_ascii() {
            ascii_words(text.as_bytes())
        } else {
            any_words(text)
        };
        Words {
            spaced,
            bounds,
            hashes,
            capitals: tally.capitals(),
        }
    }

    /// The lowercased words.
    pub fn lowercase(&self) -> impl Iterator<Item = &str> {
        self.bounds
            .iter()
            .map(|&(start, end)| &self.spaced[start..end])
    }

    /// How the post uses capitals: shouting and emphasis words.
    pub fn capitals(&self) -> Capitals {
        self.capitals
    }

    /// The hashes of the lowercased words, in order.
    pub fn hashes(&self) -> &[WordHash] {
        &self.hashes
    }
}

impl Drop for Words {
    /// Keeps the buffers for the next post's words on this thread.
    fn drop(&mut self) {
        let spare = Spare {
            spaced: std::mem::take(&mut self.spaced).into_bytes(),
            bounds: std::mem::take(&mut self.bounds),
            hashes: std::mem::take(&mut self.hashes),
        };
        SPARE.with(|kept| kept.set(Some(spare)));
    }
}

/// The buffers of the last [`Words`] dropped on a thread, which the next
/// post's words are cut into: no allocation per post once they have grown
/// to the longest post seen.
#[derive(Default)]
struct Spare {
    spaced: Vec<u8>,
    bounds: Vec<(usize, usize)>,
    hashes: Vec<WordHash>,
}

thread_local! {
    /// This thread's spare buffers, if a [`Words`] was dropped on it.
    static SPARE: std::cell::Cell<Option<Spare>> = const { std::cell::Cell::new(None) };
}

impl Spare {
    /// This thread's spare buffers (new ones if it has none), emptied.
    fn take() -> Spare {
        let mut spare = SPARE.with(std::cell::Cell::take).unwrap_or_default();
        spare.spaced.clear();
        spare.bounds.clear();
        spare.hashes.clear();
        spare
    }
}

/// The words of any text, as [`ascii_words`] gives them, by the general
/// segmenter.
fn any_words(text: &str) -> Cut {
    let mut tally = CapitalsTally::default();
    let Spare {
        spaced,
        mut bounds,
        mut hashes,
    } = Spare::take();
    let mut spaced = String::from_utf8(spaced).expect("an empty buffer is text");
    spaced.reserve(text.len() + 2);
    spaced.push(' ');
    for word in text.unicode_words() {
        tally.add(&Case::of(word));
        let start = spaced.len();
        // `str::to_lowercase`, not per character: a final sigma
        // lowercases to "ς".
        spaced.push_str(&word.replace('\u{2019}', "'").to_lowercase());
        // A combining mark can attach to a space (" ͅ" is a word):
        // the lowercased words are the pieces between spaces.
        let end = spaced.len();
        let mut piece_start = start;
        while piece_start < end {
            let piece_end = spaced[piece_start..end]
                .find(' ')
                .map_or(end, |length| piece_start + length);
            if piece_end > piece_start {
                bounds.push((piece_start, piece_end));
            }
            piece_start = piece_end + 1;
        }
        spaced.push(' ');
    }
    let mut previous = FNV_OFFSET;
    hashes.extend(bounds.iter().map(|&(start, end)| {
        let word = &spaced.as_bytes()[start..end];
        let hash = WordHash {
            word: fnv1a(FNV_OFFSET, word),
            pair: fnv1a(fnv1a_step(previous, b' '), word),
        };
        previous = hash.word;
        hash
    }));
    Cut {
        spaced,
        bounds,
        hashes,
        tally,
    }
}

/// The FNV-1a offset basis (32 bits).
const FNV_OFFSET: u32 = 0x811c_9dc5;

/// 32-bit FNV-1a, continued from `state`.
fn fnv1a(state: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(state, |h, b| fnv1a_step(h, *b))
}

/// One byte of 32-bit FNV-1a.
fn fnv1a_step(state: u32, byte: u8) -> u32 {
    (state ^ u32::from(byte)).wrapping_mul(0x0100_0193)
}

/// The capitals of the words seen so far.
#[derive(Debug, Default, PartialEq)]
struct CapitalsTally {
    /// Words of two letters or more.
    lettered: usize,
    /// Those of them in capitals only.
    shouted: usize,
    /// Whether a word of four letters or more has no small letter.
    emphasis: bool,
}

impl CapitalsTally {
    fn add(&mut self, case: &Case) {
        self.emphasis |= case.letters >= 4 && !case.lower;
        if case.letters >= 2 {
            self.lettered += 1;
            self.shouted += usize::from(!case.lower && case.upper);
        }
    }

    fn capitals(&self) -> Capitals {
        let CapitalsTally {
            lettered,
            shouted,
            emphasis,
        } = *self;
        Capitals {
            shouted: (shouted >= 3 && shouted * 2 >= lettered).then_some(shouted),
            emphasis,
        }
    }
}

/// How a post uses capitals.
#[derive(Clone, Copy)]
pub struct Capitals {
    /// The number of ALL-CAPS words of two letters or more, when they are at
    /// least three and at least half of such words: shouting.
    pub shouted: Option<usize>,
    /// Whether some word of four letters or more is written in ALL CAPS
    /// ("STILL", "AGAIN"), the emphasis of an otherwise normal sentence.
    pub emphasis: bool,
}

/// The letters of a word and whether any is lowercase or uppercase.
struct Case {
    letters: usize,
    lower: bool,
    upper: bool,
}

impl Case {
    fn of(word: &str) -> Case {
        let mut case = Case {
            letters: 0,
            lower: false,
            upper: false,
        };
        if word.is_ascii() {
            let mut seen = 0;
            for byte in word.bytes() {
                let bits = ASCII_WORD[usize::from(byte)] & (LOWER | UPPER);
                case.letters += usize::from(bits != 0);
                seen |= bits;
            }
            case.lower = seen & LOWER != 0;
            case.upper = seen & UPPER != 0;
        } else {
            for c in word.chars() {
                case.letters += usize::from(c.is_alphabetic());
                case.lower |= c.is_lowercase();
                case.upper |= c.is_uppercase();
            }
        }
        case
    }
}

/// [`ASCII_WORD`] bit of a small letter.
const LOWER: u8 = 1;
/// [`ASCII_WORD`] bit of a capital.
const UPPER: u8 = 2;
/// [`ASCII_WORD`] bit of a digit.
const DIGIT: u8 = 4;
/// [`ASCII_WORD`] bit of `_` (UAX #29 `ExtendNumLet`).
const UNDERSCORE: u8 = 8;
/// [`ASCII_WORD`] bit of `:`, `.` and `'`, which join two letters (WB6/7).
const JOINS_LETTERS: u8 = 16;
/// [`ASCII_WORD`] bit of `,`, `;`, `.` and `'`, which join two digits
/// (WB11/12).
const JOINS_DIGITS: u8 = 32;
/// The bits of the bytes a word is made of on their own: letters, digits
/// and `_` (WB5, WB8–WB10, WB13a/b).
const WORD_PART: u8 = LOWER | UPPER | DIGIT | UNDERSCORE;

/// The word-break bits of every byte value (non-ASCII bytes have none).
static ASCII_WORD: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDERSCORE,
            b':' => JOINS_LETTERS,
            b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
            b',' | b';' => JOINS_DIGITS,
            _ => 0,
        };
        byte += 1;
    }
    table
};

/// The words of an ASCII text, as `unicode_words` gives them, lowercased
/// and each followed by one space after a leading one, with their bounds in
/// that text, their hashes and their capitals. Letters, digits and `_` join
/// (WB5, WB8–WB10, WB13a/b), a `:`, `.` or `'` between two letters joins
/// (WB6/7), a `,`, `;`, `.` or `'` between two digits joins (WB11/12), and
/// a word needs a letter or a digit. One pass, a table lookup per byte: no
/// `memcpy` per word and no second pass for the hashes; a capital is
/// lowercased by its own bit (`UPPER << 4` is `0x20`).
fn ascii_words(bytes: &[u8]) -> Cut {
    // An ASCII text has at most one word per two bytes. Each word takes its
    // bytes and one space, and words are apart by at least one byte, so the
    // words fit in two bytes more than the text.
    let Spare {
        mut spaced,
        mut bounds,
        mut hashes,
    } = Spare::take();
    bounds.reserve(bytes.len() / 2 + 1);
    hashes.reserve(bytes.len() / 2 + 1);
    let mut tally = CapitalsTally::default();
    spaced.resize(bytes.len() + 2, b' ');
    let mut written = 1;
    let mut previous = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        if ASCII_WORD[usize::from(bytes[i])] & WORD_PART == 0 {
            i += 1;
            continue;
        }
        let start = written;
        let (mut seen, mut letters) = (0, 0);
        let mut hash = WordHash {
            word: FNV_OFFSET,
            pair: fnv1a_step(previous, b' '),
        };
        loop {
            // A run of letters, digits and `_`, written lowercased and hashed
            // as it is found, in a loop free of bounds checks: `spaced` has
            // room for the rest of the text from `written`, which is at most
            // `i + 1`.
            let mut length = 0;
            for (out, &byte) in spaced[written..].iter_mut().zip(&bytes[i..]) {
                let bits = ASCII_WORD[usize::from(byte)];
                if bits & WORD_PART == 0 {
                    break;
                }
                length += 1;
                let lower = byte | ((bits & UPPER) << 4);
                *out = lower;
                // Two independent multiply chains, run side by side.
                hash.word = fnv1a_step(hash.word, lower);
                hash.pair = fnv1a_step(hash.pair, lower);
                seen |= bits;
                letters += usize::from(bits & (LOWER | UPPER) != 0);
            }
            written += length;
            i += length;
            // Past the run's end, a middle character may join it to the
            // next run.
            let Some(&next) = bytes.get(i + 1) else {
                break;
            };
            let before = ASCII_WORD[usize::from(bytes[i - 1])];
            let middle = ASCII_WORD[usize::from(bytes[i])];
            let after = ASCII_WORD[usize::from(next)];
            let letters_joined = middle & JOINS_LETTERS != 0
                && before & (LOWER | UPPER) != 0
                && after & (LOWER | UPPER) != 0;
            let digits_joined = middle & JOINS_DIGITS != 0 && before & after & DIGIT != 0;
            if !(letters_joined || digits_joined) {
                break;
            }
            spaced[written] = bytes[i];
            hash.word = fnv1a_step(hash.word, bytes[i]);
            hash.pair = fnv1a_step(hash.pair, bytes[i]);
            written += 1;
            i += 1;
        }
        if seen & (LOWER | UPPER | DIGIT) == 0 {
            // Only `_`: no word, and its bytes are written over.
            written = start;
            continue;
        }
        tally.add(&Case {
            letters,
            lower: seen & LOWER != 0,
            upper: seen & UPPER != 0,
        });
        bounds.push((start, written));
        hashes.push(hash);
        previous = hash.word;
        // A dropped `_` run may have left a byte here.
        spaced[written] = b' ';
        written += 1;
    }
    spaced.truncate(written);
    Cut {
        spaced: String::from_utf8(spaced).expect("lowercased ASCII is ASCII"),
        bounds,
        hashes,
        tally,
    }
}

/// The text's sentences (Unicode sentence boundaries, the ones with a letter
/// or a digit, as `unicode_sentences` gives them), trimmed.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    // One type for either segmenter, so the caller's loop is compiled
    // around the ASCII one, with nothing allocated per post.
    let ranges = if text.is_ascii() {
        Either::Left(
            ascii_sentences(text.as_bytes())
                .map(move |range| &text[range])
                .filter(|sentence| sentence.bytes().any(|b| b.is_ascii_alphanumeric())),
        )
    } else {
        Either::Right(text.unicode_sentences())
    };
    ranges
        .map(str::trim)
        .filter(|sentence| !sentence.is_empty())
}

/// Sentence-break classes of ASCII bytes (UAX #29 `Sentence_Break`, ASCII
/// part; ASCII has no `OLetter`, `Sep`, `Extend` or `Format`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum SentenceClass {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// [`sentence_class`] of every ASCII byte.
const SENTENCE_CLASSES: [SentenceClass; 128] = {
    let mut table = [SentenceClass::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = sentence_class(byte as u8);
        byte += 1;
    }
    table
};

const fn sentence_class(byte: u8) -> SentenceClass {
    use SentenceClass::*;
    match byte {
        b'\r' => Cr,
        b'\n' => Lf,
        b' ' | b'\t' | 0x0b | 0x0c => Sp,
        b'a'..=b'z' => Lower,
        b'A'..=b'Z' => Upper,
        b'0'..=b'9' => Numeric,
        b'.' => ATerm,
        b'!' | b'?' => STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Close,
        b',' | b'-' | b':' | b';' => SContinue,
        _ => Other,
    }
}

/// What the text before a position ends with, for the rules after a
/// sentence terminator.
#[derive(Clone, Copy)]
struct AfterTerminator {
    /// The terminator is `.` (`ATerm`) rather than `!` or `?`.
    full_stop: bool,
    /// Spaces follow the terminator and its closing marks.
    spaced: bool,
    /// Whether a lowercase letter comes before the next letter or
    /// terminator (rule SB8), once looked up.
    lowercase_follows: Option<bool>,
}

/// The byte ranges of the sentences of an ASCII text, as
/// `unicode_sentences` gives them (rules SB3–SB11 of UAX #29).
fn ascii_sentences(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    use SentenceClass::*;
    let class = |i: usize| SENTENCE_CLASSES[usize::from(bytes[i] & 0x7f)];
    let lowercase_follows = move |from: usize| {
        bytes[from..]
            .iter()
            .map(|b| SENTENCE_CLASSES[usize::from(*b & 0x7f)])
            .find(|c| matches!(c, Lower | Upper | ATerm | STerm | Cr | Lf))
            == Some(Lower)
    };
    let mut start = 0;
    let mut i = 1;
    let mut after: Option<AfterTerminator> = None;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        while i < bytes.len() {
            let before = class(i - 1);
            if after.is_none() && !matches!(before, ATerm | STerm | Cr | Lf) {
                // Only a terminator or a line end starts a sentence break:
                // on to the byte after the next one.
                i = next_terminator(bytes, i) + 1;
                continue;
            }
            let here = class(i);
            after = match before {
                ATerm | STerm => Some(AfterTerminator {
                    full_stop: before == ATerm,
                    spaced: false,
                    lowercase_follows: None,
                }),
                Close => after.filter(|a| !a.spaced),
                Sp => after.map(|a| AfterTerminator { spaced: true, ..a }),
                _ => None,
            };
            let breaks = match (before, here) {
                (Cr, Lf) => false,
                (Cr | Lf, _) => true,
                _ => match after.as_mut() {
                    None => false,
                    Some(a) => {
                        let sb6 = before == ATerm && here == Numeric;
                        let sb7 = before == ATerm
                            && here == Upper
                            && i >= 2
                            && matches!(class(i - 2), Upper | Lower);
                        let sb8 = a.full_stop
                            && *a
                                .lowercase_follows
                                .get_or_insert_with(|| lowercase_follows(i));
                        let sb8a = matches!(here, SContinue | ATerm | STerm);
                        let sb9 = !a.spaced && matches!(here, Close | Sp | Cr | Lf);
                        let sb10 = matches!(here, Sp | Cr | Lf);
                        !(sb6 || sb7 || sb8 || sb8a || sb9 || sb10)
                    }
                },
            };
            i += 1;
            if breaks {
                let sentence = start..i - 1;
                start = i - 1;
                return Some(sentence);
            }
        }
        let sentence = start..bytes.len();
        start = bytes.len();
        Some(sentence)
    })
}

/// The position of the first `.`, `!`, `?`, CR or LF at or after `from`
/// (`bytes.len() - 1` when there is none: the last byte ends the text).
fn next_terminator(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from..];
    let terminator = memchr::memchr3(b'.', b'!', b'?', rest);
    let line_end = memchr::memchr2(b'\r', b'\n', rest);
    match terminator.into_iter().chain(line_end).min() {
        Some(offset) => from + offset,
        None => bytes.len() - 1,
    }
}

/// The longest run of `!` or `！` (ignoring spaces and `1`s typed with them,
/// "!!!1"), read byte by byte: any other character resets the run.
pub fn longest_exclamation_run(text: &str) -> usize {
    const FULLWIDTH: &[u8] = "！".as_bytes();
    let bytes = text.as_bytes();
    // Nothing before the first `!` or `！` (lead byte 0xEF) counts.
    let Some(first) = memchr::memchr2(b'!', FULLWIDTH[0], bytes) else {
        return 0;
    };
    let (mut longest, mut run, mut i) = (0, 0, first);
    while i < bytes.len() {
        match bytes[i] {
            b'!' => run += 1,
            0xef if bytes[i..].starts_with(FULLWIDTH) => {
                run += 1;
                i += FULLWIDTH.len() - 1;
            }
            b'1' | b' ' if run > 0 => {}
            _ => run = 0,
        }
        longest = longest.max(run);
        i += 1;
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_lowercased_with_ascii_apostrophes() {
        let words = Words::new("I CAN’T log in!");
        assert_eq!(words.spaced, " i can't log in ");
        assert_eq!(
            words.lowercase().collect::<Vec<_>>(),
            ["i", "can't", "log", "in"]
        );
        assert_eq!(Words::new("").spaced, " ");
    }

    #[test]
    fn words_are_hashed_alone_and_in_pairs() {
        assert_eq!(
            fnv1a(FNV_OFFSET, b"a"),
            0xe40c_292c,
            "the published FNV-1a value"
        );
        let words = Words::new("My flight");
        let [my, flight] = words.hashes() else {
            panic!("two words");
        };
        assert_eq!(my.word, fnv1a(FNV_OFFSET, b"my"));
        assert_eq!(flight.word, fnv1a(FNV_OFFSET, b"flight"));
        assert_eq!(flight.pair, fnv1a(FNV_OFFSET, b"my flight"));
    }

    #[test]
    fn shouting_needs_several_caps_words() {
        assert_eq!(Words::new("WHERE IS MY ORDER").capitals().shouted, Some(4));
        assert_eq!(
            Words::new("I love the NEW app from NASA")
                .capitals()
                .shouted,
            None
        );
    }

    #[test]
    fn emphasis_words_are_long_caps_words() {
        assert!(Words::new("I STILL have no refund").capitals().emphasis);
        assert!(!Words::new("Export to CSV in the UK").capitals().emphasis);
    }

    #[test]
    fn exclamation_runs() {
        assert_eq!(longest_exclamation_run("why!!!1 ok!"), 3);
        assert_eq!(longest_exclamation_run("no"), 0);
        assert_eq!(longest_exclamation_run("¡no！！ 1！!é!"), 4);
    }

    #[test]
    fn sentences_split() {
        assert_eq!(sentences("Hi. Where is it? Thanks!").count(), 3);
        assert_eq!(sentences("Mr. Smith wrote e.g. this. And that").count(), 3);
        assert_eq!(sentences("so good. =)").collect::<Vec<_>>(), ["so good."]);
        assert_eq!(sentences("¡Hola! ¿Qué tal?").count(), 2);
    }

    /// ASCII text rich in the bytes the segmentation rules look at.
    fn ascii_text() -> impl Strategy<Value = String> {
        let byte = prop_oneof![
            4 => prop::sample::select(b"aZbY09 .!?'\",;:-_()[]{}\t\r\n\x0b\x0c@#/".to_vec()),
            1 => 0u8..0x80,
        ];
        prop::collection::vec(byte, 0..48).prop_map(|bytes| String::from_utf8(bytes).unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn ascii_words_agree_with_unicode_words(text in ascii_text()) {
            prop_assert_eq!(ascii_words(text.as_bytes()), any_words(&text));
        }

        #[test]
        fn ascii_sentences_agree_with_unicode_sentences(text in ascii_text()) {
            let ours: Vec<&str> = sentences(&text).collect();
            let theirs: Vec<&str> = text.unicode_sentences().map(str::trim).collect();
            prop_assert_eq!(ours, theirs);
        }
    }
}
