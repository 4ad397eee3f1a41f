//! VADER 3.3.2's word lists: the compiled word and emoji tables (built by
//! `build.rs` from `src/sentiment/data/`: the lexicons, `BOOSTER_DICT` and
//! `NEGATE`), and the multi-word entries of `vaderSentiment.py`
//! (special-case idioms, multi-word dampeners).
//!
//! The lexicons are © 2016 C.J. Hutto, MIT licence: see
//! `src/sentiment/data/LICENSE-VADER.txt`.

pub use super::word_key::{Placement, WordKey};

/// What VADER knows about one lowercased word, in four bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// The lexicon valence in tenths (every valence has one decimal), or
    /// `i8::MIN` for a word outside the lexicon.
    valence_tenths: i8,
    /// +1 for a booster, −1 for a dampener, 0 for neither.
    booster_sign: i8,
    /// Whether it is one of the 59 `NEGATE` forms.
    negation: bool,
    /// Which word the rules compare with it is, if any.
    rule: RuleWord,
}

/// The words VADER's rules compare tokens with, so a rule compares one byte
/// instead of a string. `Other` is every other word, in the table or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleWord {
    Other,
    Ass,
    At,
    Bad,
    Beating,
    Bomb,
    Bus,
    But,
    Death,
    Die,
    Doubt,
    Enough,
    For,
    Heart,
    Just,
    Kind,
    Kiss,
    Least,
    Never,
    No,
    Nor,
    Of,
    Or,
    Right,
    Shit,
    So,
    Sort,
    Stop,
    The,
    This,
    To,
    Very,
    Without,
    Yeah,
}

impl Word {
    /// What VADER knows about a word outside the table: nothing.
    pub const UNKNOWN: Word = Word {
        valence_tenths: i8::MIN,
        booster_sign: 0,
        negation: false,
        rule: RuleWord::Other,
    };

    /// Its lexicon valence, exactly the double Python's `float()` reads
    /// (tenths / 10 is correctly rounded), if it is a lexicon word.
    pub fn valence(&self) -> Option<f64> {
        (self.valence_tenths != i8::MIN).then(|| f64::from(self.valence_tenths) / 10.0)
    }

    /// Whether it is in `BOOSTER_DICT`.
    pub fn is_booster(&self) -> bool {
        self.booster_sign != 0
    }

    /// Its `BOOSTER_DICT` scalar (±0.293), or 0.0 if it is no booster.
    pub fn booster(&self) -> f64 {
        f64::from(self.booster_sign) * BOOSTER_INCREMENT
    }

    /// Whether it is one of the 59 `NEGATE` forms.
    pub fn negation(&self) -> bool {
        self.negation
    }

    /// Which rule word it is, if any.
    pub fn rule(&self) -> RuleWord {
        self.rule
    }
}

/// One slot of a word table: whether a key is its word's, and what VADER
/// knows about that word.
pub trait Slot: Sized {
    /// A slot holding no word.
    const EMPTY: Self;
    /// The slot of a key's word and its entry (natively the slots are
    /// compiled in; the wasm fills them on first use).
    #[cfg_attr(not(any(target_family = "wasm", test)), allow(dead_code))]
    fn filled(key: &WordKey, word: Word) -> Self;
    /// Whether the slot holds this key's word.
    fn holds(&self, key: &WordKey) -> bool;
    /// What VADER knows about the slot's word.
    fn word(&self) -> Word;
}

/// A slot for a word of at most eight bytes (nine in ten tokens), in 16
/// bytes: the word as one integer, its length, and its entry. An empty slot
/// has a length no key has.
#[derive(Debug, PartialEq)]
#[repr(align(16))]
pub struct ShortSlot {
    head: u64,
    length: u8,
    word: Word,
}

impl Slot for ShortSlot {
    const EMPTY: ShortSlot = ShortSlot {
        head: 0,
        length: u8::MAX,
        word: Word::UNKNOWN,
    };

    fn filled(key: &WordKey, word: Word) -> ShortSlot {
        ShortSlot {
            head: key.0[0],
            length: key.length() as u8,
            word,
        }
    }

    #[inline(always)]
    fn holds(&self, key: &WordKey) -> bool {
        key.same(&WordKey([self.head, 0, u64::from(self.length) << 56]))
    }

    fn word(&self) -> Word {
        self.word
    }
}

/// A slot for a longer word: its whole key, and its entry. An empty slot
/// holds [`LongSlot::EMPTY_KEY`], which no token's key equals.
#[derive(Debug, PartialEq)]
#[repr(align(32))]
pub struct LongSlot {
    key: WordKey,
    word: Word,
}

impl LongSlot {
    /// The key of an empty slot: its length byte is past any key's.
    pub const EMPTY_KEY: WordKey = WordKey([0, 0, u64::MAX]);
}

impl Slot for LongSlot {
    const EMPTY: LongSlot = LongSlot {
        key: LongSlot::EMPTY_KEY,
        word: Word::UNKNOWN,
    };

    fn filled(key: &WordKey, word: Word) -> LongSlot {
        LongSlot { key: *key, word }
    }

    #[inline(always)]
    fn holds(&self, key: &WordKey) -> bool {
        self.key.same(key)
    }

    fn word(&self) -> Word {
        self.word
    }
}

/// Words VADER knows, in a perfect-hash table built by `build.rs`: a
/// membership filter that turns most tokens away, then one pilot and one
/// slot, with no branch on the outcome.
#[derive(Debug, PartialEq)]
pub struct WordTable<S: 'static> {
    placement: Placement,
    filter: [u64; Placement::FILTER_WORDS],
    pilots: &'static [u16],
    slots: &'static [S],
}

impl<S: Slot> WordTable<S> {
    /// What VADER knows about a key's word, [`Word::UNKNOWN`] if nothing.
    #[inline(always)]
    pub fn get(&self, key: &WordKey) -> Word {
        match self.probe(key) {
            Some(hash) => self.find(key, hash),
            None => Word::UNKNOWN,
        }
    }

    /// The key's hash, if the membership filter lets it through (`None`:
    /// the key's word is surely not in the table). Nothing here branches,
    /// so tokens can be probed first and looked up later, together.
    #[inline(always)]
    pub fn probe(&self, key: &WordKey) -> Option<u64> {
        let hash = key.hash(self.placement.seed);
        let (filter_word, bits) = Placement::filter_bits(hash);
        (self.filter[filter_word] & bits == bits).then_some(hash)
    }

    /// What VADER knows about a key's word, given its [`Self::probe`]d hash.
    #[inline(always)]
    pub fn find(&self, key: &WordKey, hash: u64) -> Word {
        let pilot = self.pilots[self.placement.bucket(hash)];
        let slot = &self.slots[self.placement.slot(hash, pilot)];
        if slot.holds(key) {
            slot.word()
        } else {
            Word::UNKNOWN
        }
    }

    /// The table of `words` under the placement and pilots `build.rs`
    /// found for them: the wasm's tables, unfolded from their compact form
    /// on first use (their slots and filters, about 200 KB, were 62 KB of
    /// the module's gzip; the compact form is a sorted word list).
    #[cfg(any(target_family = "wasm", test))]
    fn unfold(
        placement: Placement,
        pilots: &'static [u16],
        words: impl Iterator<Item = (WordKey, Word)>,
    ) -> WordTable<S> {
        let mut filter = [0u64; Placement::FILTER_WORDS];
        let mut slots: Vec<S> = (0..placement.slots).map(|_| S::EMPTY).collect();
        for (key, word) in words {
            let hash = key.hash(placement.seed);
            let (filter_word, bits) = Placement::filter_bits(hash);
            filter[filter_word] |= bits;
            slots[placement.slot(hash, pilots[placement.bucket(hash)])] = S::filled(&key, word);
        }
        WordTable {
            placement,
            filter,
            pilots,
            slots: Vec::leak(slots),
        }
    }

    /// The words in the table (empty slots hold the unknown word).
    #[cfg(test)]
    fn words(&self) -> impl Iterator<Item = Word> + '_ {
        self.slots
            .iter()
            .map(Slot::word)
            .filter(|word| *word != Word::UNKNOWN)
    }
}

include!(concat!(env!("OUT_DIR"), "/vader_tables.rs"));

/// Every word of the compact form (`WORD_LIST`, `WORD_VALENCES`,
/// `WORD_EXTRAS`) with what VADER knows about it.
#[cfg(any(target_family = "wasm", test))]
fn compact_words() -> impl Iterator<Item = (WordKey, Word)> {
    let mut extras = WORD_EXTRAS.iter().peekable();
    WORD_LIST
        .split_terminator('\n')
        .zip(WORD_VALENCES)
        .enumerate()
        .map(move |(index, (word, valence_tenths))| {
            let key = WordKey::new(word.as_bytes()).expect("the build keyed every word");
            let entry = match extras.next_if(|(at, _)| usize::from(*at) == index) {
                Some((_, entry)) => *entry,
                None => Word {
                    valence_tenths,
                    ..Word::UNKNOWN
                },
            };
            (key, entry)
        })
}

/// The table of the words of at most eight bytes, unfolded on first use.
#[cfg(target_family = "wasm")]
static SHORT_WORDS: std::sync::LazyLock<WordTable<ShortSlot>> = std::sync::LazyLock::new(|| {
    let words = compact_words().filter(|(key, _)| key.length() <= 8);
    WordTable::unfold(SHORT_PLACEMENT, &SHORT_PILOTS, words)
});

/// The table of the words of nine bytes or more, unfolded on first use.
#[cfg(target_family = "wasm")]
static LONG_WORDS: std::sync::LazyLock<WordTable<LongSlot>> = std::sync::LazyLock::new(|| {
    let words = compact_words().filter(|(key, _)| key.length() > 8);
    WordTable::unfold(LONG_PLACEMENT, &LONG_PILOTS, words)
});

/// Intensity added by a booster word (`B_INCR`).
pub const BOOSTER_INCREMENT: f64 = 0.293;
/// Intensity removed by a dampener word (`B_DECR`).
pub const BOOSTER_DECREMENT: f64 = -0.293;
/// Emphasis of an ALL-CAPS word among mixed-case ones (`C_INCR`).
pub const CAPS_INCREMENT: f64 = 0.733;
/// Factor of a negated valence (`N_SCALAR`).
pub const NEGATION_SCALAR: f64 = -0.74;

/// What VADER knows about a lowercased token, given as its key
/// ([`Word::UNKNOWN`] if nothing).
#[inline(always)]
pub fn entry(lower_token: &WordKey) -> Word {
    if lower_token.length() <= 8 {
        SHORT_WORDS.get(lower_token)
    } else {
        LONG_WORDS.get(lower_token)
    }
}

/// The table of words of at most eight bytes, for tokenizers that probe
/// and find in two steps.
pub fn short_words() -> &'static WordTable<ShortSlot> {
    &SHORT_WORDS
}

/// The table of words of nine bytes or more, likewise.
pub fn long_words() -> &'static WordTable<LongSlot> {
    &LONG_WORDS
}

#[cfg(test)]
fn word(lower_token: &str) -> Option<Word> {
    Some(entry(&WordKey::new(lower_token.as_bytes())?)).filter(|word| *word != Word::UNKNOWN)
}

/// The description VADER substitutes for an emoji code point.
pub fn emoji_description(code_point: char) -> Option<&'static str> {
    let index = EMOJI_CODE_POINTS.binary_search(&code_point).ok()?;
    let start = index
        .checked_sub(1)
        .map_or(0, |previous| EMOJI_ENDS[previous]);
    EMOJI_TEXT.get(usize::from(start)..usize::from(EMOJI_ENDS[index]))
}

/// The multi-word `BOOSTER_DICT` entries (`just enough`, `kind of`, `sort of`),
/// all dampeners, matched on two tokens' rule words.
pub fn is_multiword_dampener(first: RuleWord, second: RuleWord) -> bool {
    use RuleWord::*;
    matches!((first, second), (Just, Enough) | (Kind, Of) | (Sort, Of))
}

/// A valence from `SPECIAL_CASES`, which keeps Python's int/float distinction
/// (`the shit` is the int 3, `bad ass` the float 1.5).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IdiomValence {
    /// An integral value written as a Python `int`.
    Int(i64),
    /// A value written as a Python `float`.
    Float(f64),
}

/// `SPECIAL_CASES` for two tokens' rule words.
pub fn two_word_idiom(first: RuleWord, second: RuleWord) -> Option<IdiomValence> {
    use RuleWord::*;
    match (first, second) {
        (The, Shit) | (The, Bomb) => Some(IdiomValence::Int(3)),
        (Bad, Ass) => Some(IdiomValence::Float(1.5)),
        (Bus, Stop) => Some(IdiomValence::Float(0.0)),
        (Yeah, Right) => Some(IdiomValence::Int(-2)),
        (Beating, Heart) => Some(IdiomValence::Float(3.5)),
        _ => None,
    }
}

/// `SPECIAL_CASES` for three tokens' rule words.
pub fn three_word_idiom(
    first: RuleWord,
    second: RuleWord,
    third: RuleWord,
) -> Option<IdiomValence> {
    use RuleWord::*;
    match (first, second, third) {
        (Kiss, Of, Death) => Some(IdiomValence::Float(-1.5)),
        (To, Die, For) => Some(IdiomValence::Int(3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_form_unfolds_to_the_compiled_tables() {
        let short = compact_words().filter(|(key, _)| key.length() <= 8);
        assert!(WordTable::unfold(SHORT_PLACEMENT, &SHORT_PILOTS, short) == SHORT_WORDS);
        let long = compact_words().filter(|(key, _)| key.length() > 8);
        assert!(WordTable::unfold(LONG_PLACEMENT, &LONG_PILOTS, long) == LONG_WORDS);
    }

    #[test]
    fn tables_are_compiled_in() {
        assert_eq!(word("good").and_then(|w| w.valence()), Some(1.9));
        assert_eq!(word(":)").and_then(|w| w.valence()), Some(2.0));
        assert_eq!(word("hate").and_then(|w| w.valence()), Some(-2.7));
        assert_eq!(word("asap"), None);
        assert_eq!(emoji_description('💔'), Some("broken heart"));
        assert_eq!(emoji_description('a'), None);
    }

    #[test]
    fn every_single_code_point_emoji_has_its_description() {
        // The lexicon as vaderSentiment.py reads it: later duplicates win.
        let mut expected = std::collections::BTreeMap::new();
        for line in include_str!("data/emoji_utf8_lexicon.txt")
            .trim_end_matches('\n')
            .split('\n')
        {
            let mut fields = line.trim().split('\t');
            let (emoji, description) = (fields.next().unwrap(), fields.next().unwrap());
            let mut chars = emoji.chars();
            if let (Some(code_point), None) = (chars.next(), chars.next()) {
                expected.insert(code_point, description);
            }
        }
        assert_eq!(expected.len(), EMOJI_CODE_POINTS.len());
        for (code_point, description) in expected {
            assert_eq!(
                emoji_description(code_point),
                Some(description),
                "{code_point}"
            );
        }
        assert_eq!(emoji_description('\u{0}'), None);
        assert_eq!(emoji_description(char::MAX), None);
    }

    fn all_words() -> impl Iterator<Item = Word> {
        SHORT_WORDS.words().chain(LONG_WORDS.words())
    }

    #[test]
    fn word_lists_have_the_reference_sizes() {
        let negations = all_words().filter(|w| w.negation()).count();
        let boosters = all_words().filter(|w| w.booster() > 0.0).count();
        let dampeners = all_words().filter(|w| w.booster() < 0.0).count();
        let lexicon_words = all_words().filter(|w| w.valence().is_some()).count();
        assert_eq!(
            (negations, boosters, dampeners, lexicon_words),
            (59, 60, 21, 7506)
        );
        assert_eq!(word("very").map(|w| w.booster()), Some(BOOSTER_INCREMENT));
        assert_eq!(word("sorta").map(|w| w.booster()), Some(BOOSTER_DECREMENT));
        assert!(word("isn't").is_some_and(|w| w.negation() && w.valence().is_none()));
        assert!(is_multiword_dampener(RuleWord::Kind, RuleWord::Of));
        assert_eq!(word("but").map(|w| w.rule()), Some(RuleWord::But));
        assert_eq!(word("good").map(|w| w.rule()), Some(RuleWord::Other));
    }
}
