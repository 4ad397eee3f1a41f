//! VADER 3.3.2's word lists: the compiled lexicon and emoji tables (from
//! `build.rs`), and the small hand-written lists of `vaderSentiment.py`:
//! boosters, negators and special-case idioms.
//!
//! The lexicons are © 2016 C.J. Hutto, MIT licence: see
//! `src/sentiment/data/LICENSE-VADER.txt`.

include!(concat!(env!("OUT_DIR"), "/vader_tables.rs"));

/// Intensity added by a booster word (`B_INCR`).
pub const BOOSTER_INCREMENT: f64 = 0.293;
/// Intensity removed by a dampener word (`B_DECR`).
pub const BOOSTER_DECREMENT: f64 = -0.293;
/// Emphasis of an ALL-CAPS word among mixed-case ones (`C_INCR`).
pub const CAPS_INCREMENT: f64 = 0.733;
/// Factor of a negated valence (`N_SCALAR`).
pub const NEGATION_SCALAR: f64 = -0.74;

/// The valence of a lowercased token, if it is a lexicon word.
pub fn valence(lower_token: &str) -> Option<f64> {
    LEXICON.get(lower_token).copied()
}

/// The description VADER substitutes for an emoji code point.
pub fn emoji_description(code_point: char) -> Option<&'static str> {
    EMOJI.get(&code_point).copied()
}

/// `BOOSTER_DICT` for a single lowercased token (the three multi-word entries
/// are handled by [`is_multiword_dampener`]).
pub fn booster(lower_token: &str) -> Option<f64> {
    match lower_token {
        "absolutely" | "amazingly" | "awfully" | "completely" | "considerable"
        | "considerably" | "decidedly" | "deeply" | "effing" | "enormous" | "enormously"
        | "entirely" | "especially" | "exceptional" | "exceptionally" | "extreme"
        | "extremely" | "fabulously" | "flipping" | "flippin" | "frackin" | "fracking"
        | "fricking" | "frickin" | "frigging" | "friggin" | "fully" | "fuckin" | "fucking"
        | "fuggin" | "fugging" | "greatly" | "hella" | "highly" | "hugely" | "incredible"
        | "incredibly" | "intensely" | "major" | "majorly" | "more" | "most"
        | "particularly" | "purely" | "quite" | "really" | "remarkably" | "so"
        | "substantially" | "thoroughly" | "total" | "totally" | "tremendous"
        | "tremendously" | "uber" | "unbelievably" | "unusually" | "utter" | "utterly"
        | "very" => Some(BOOSTER_INCREMENT),
        "almost" | "barely" | "hardly" | "kinda" | "kindof" | "kind-of" | "less" | "little"
        | "marginal" | "marginally" | "occasional" | "occasionally" | "partly" | "scarce"
        | "scarcely" | "slight" | "slightly" | "somewhat" | "sorta" | "sortof" | "sort-of" => {
            Some(BOOSTER_DECREMENT)
        }
        _ => None,
    }
}

/// The multi-word `BOOSTER_DICT` entries (`just enough`, `kind of`, `sort of`),
/// all dampeners, matched on two lowercased tokens.
pub fn is_multiword_dampener(first: &str, second: &str) -> bool {
    matches!(
        (first, second),
        ("just", "enough") | ("kind", "of") | ("sort", "of")
    )
}

/// VADER's `negated([word])` for one lowercased token: one of the 59 `NEGATE`
/// forms, or any token containing `n't`.
pub fn is_negation(lower_token: &str) -> bool {
    matches!(
        lower_token,
        "aint" | "arent" | "cannot" | "cant" | "couldnt" | "darent" | "didnt" | "doesnt"
            | "ain't" | "aren't" | "can't" | "couldn't" | "daren't" | "didn't" | "doesn't"
            | "dont" | "hadnt" | "hasnt" | "havent" | "isnt" | "mightnt" | "mustnt"
            | "neither" | "don't" | "hadn't" | "hasn't" | "haven't" | "isn't" | "mightn't"
            | "mustn't" | "neednt" | "needn't" | "never" | "none" | "nope" | "nor" | "not"
            | "nothing" | "nowhere" | "oughtnt" | "shant" | "shouldnt" | "uhuh" | "wasnt"
            | "werent" | "oughtn't" | "shan't" | "shouldn't" | "uh-uh" | "wasn't"
            | "weren't" | "without" | "wont" | "wouldnt" | "won't" | "wouldn't" | "rarely"
            | "seldom" | "despite"
    ) || lower_token.contains("n't")
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
        assert_eq!(valence("good"), Some(1.9));
        assert_eq!(valence(":)"), Some(2.0));
        assert_eq!(valence("asap"), None);
        assert_eq!(emoji_description('💔'), Some("broken heart"));
        assert_eq!(emoji_description('a'), None);
    }

    #[test]
    fn word_lists_have_the_reference_sizes() {
        assert!(is_negation("isn't") && is_negation("xyzn't") && !is_negation("no"));
        assert_eq!(booster("very"), Some(BOOSTER_INCREMENT));
        assert_eq!(booster("sorta"), Some(BOOSTER_DECREMENT));
        assert!(is_multiword_dampener("kind", "of"));
    }
}
