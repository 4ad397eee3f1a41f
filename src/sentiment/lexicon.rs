//! VADER 3.3.2's word lists: the compiled word and emoji tables (built by
//! `build.rs` from `src/sentiment/data/`: the lexicons, `BOOSTER_DICT` and
//! `NEGATE`), and the multi-word entries of `vaderSentiment.py`
//! (special-case idioms, multi-word dampeners).
//!
//! The lexicons are © 2016 C.J. Hutto, MIT licence: see
//! `src/sentiment/data/LICENSE-VADER.txt`.

/// What VADER knows about one lowercased word, in three bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// The lexicon valence in tenths (every valence has one decimal), or
    /// `i8::MIN` for a word outside the lexicon.
    valence_tenths: i8,
    /// +1 for a booster, −1 for a dampener, 0 for neither.
    booster_sign: i8,
    /// Whether it is one of the 59 `NEGATE` forms.
    negation: bool,
}

impl Word {
    /// Its lexicon valence, exactly the double Python's `float()` reads
    /// (tenths / 10 is correctly rounded), if it is a lexicon word.
    pub fn valence(&self) -> Option<f64> {
        (self.valence_tenths != i8::MIN).then(|| f64::from(self.valence_tenths) / 10.0)
    }

    /// Its `BOOSTER_DICT` scalar (±0.293), or 0.0 if it is no booster.
    pub fn booster(&self) -> f64 {
        f64::from(self.booster_sign) * BOOSTER_INCREMENT
    }

    /// Whether it is one of the 59 `NEGATE` forms.
    pub fn negation(&self) -> bool {
        self.negation
    }
}

include!(concat!(env!("OUT_DIR"), "/vader_tables.rs"));

/// Intensity added by a booster word (`B_INCR`).
pub const BOOSTER_INCREMENT: f64 = 0.293;
/// Intensity removed by a dampener word (`B_DECR`).
pub const BOOSTER_DECREMENT: f64 = -0.293;
/// Emphasis of an ALL-CAPS word among mixed-case ones (`C_INCR`).
pub const CAPS_INCREMENT: f64 = 0.733;
/// Factor of a negated valence (`N_SCALAR`).
pub const NEGATION_SCALAR: f64 = -0.74;

/// The table's own copy of a lowercased token and what VADER knows about
/// it, if anything.
#[inline]
pub fn entry(lower_token: &str) -> Option<(&'static str, &'static Word)> {
    WORDS
        .get_key_value(lower_token)
        .map(|(key, word)| (*key, word))
}

#[cfg(test)]
fn word(lower_token: &str) -> Option<&'static Word> {
    entry(lower_token).map(|(_, word)| word)
}

/// The description VADER substitutes for an emoji code point.
pub fn emoji_description(code_point: char) -> Option<&'static str> {
    EMOJI.get(&code_point).copied()
}

/// The multi-word `BOOSTER_DICT` entries (`just enough`, `kind of`, `sort of`),
/// all dampeners, matched on two lowercased tokens.
pub fn is_multiword_dampener(first: &str, second: &str) -> bool {
    matches!(
        (first, second),
        ("just", "enough") | ("kind", "of") | ("sort", "of")
    )
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

/// `SPECIAL_CASES` for two lowercased tokens.
pub fn two_word_idiom(first: &str, second: &str) -> Option<IdiomValence> {
    match (first, second) {
        ("the", "shit") | ("the", "bomb") => Some(IdiomValence::Int(3)),
        ("bad", "ass") => Some(IdiomValence::Float(1.5)),
        ("bus", "stop") => Some(IdiomValence::Float(0.0)),
        ("yeah", "right") => Some(IdiomValence::Int(-2)),
        ("beating", "heart") => Some(IdiomValence::Float(3.5)),
        _ => None,
    }
}

/// `SPECIAL_CASES` for three lowercased tokens.
pub fn three_word_idiom(first: &str, second: &str, third: &str) -> Option<IdiomValence> {
    match (first, second, third) {
        ("kiss", "of", "death") => Some(IdiomValence::Float(-1.5)),
        ("to", "die", "for") => Some(IdiomValence::Int(3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn word_lists_have_the_reference_sizes() {
        let negations = WORDS.values().filter(|w| w.negation()).count();
        let boosters = WORDS.values().filter(|w| w.booster() > 0.0).count();
        let dampeners = WORDS.values().filter(|w| w.booster() < 0.0).count();
        let lexicon_words = WORDS.values().filter(|w| w.valence().is_some()).count();
        assert_eq!(
            (negations, boosters, dampeners, lexicon_words),
            (59, 60, 21, 7506)
        );
        assert_eq!(word("very").map(|w| w.booster()), Some(BOOSTER_INCREMENT));
        assert_eq!(word("sorta").map(|w| w.booster()), Some(BOOSTER_DECREMENT));
        assert!(word("isn't").is_some_and(|w| w.negation() && w.valence().is_none()));
        assert!(is_multiword_dampener("kind", "of"));
    }
}
