//! Text views the care signals read: lowercased words, sentences, shouting
//! and exclamation runs.

use unicode_segmentation::UnicodeSegmentation;

/// The text's words, lowercased, with typographic apostrophes made ASCII so
/// "can’t" and "can't" read alike.
pub fn words(text: &str) -> Vec<String> {
    text.unicode_words()
        .map(|word| word.replace('\u{2019}', "'").to_lowercase())
        .collect()
}

/// The text's sentences (Unicode sentence boundaries), trimmed, non-empty.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_sentences()
        .map(str::trim)
        .filter(|sentence| !sentence.is_empty())
}

/// The number of ALL-CAPS words of two letters or more, when they are at
/// least three and at least half of such words: shouting.
pub fn shouted_words(text: &str) -> Option<usize> {
    let mut lettered = 0;
    let mut shouted = 0;
    for word in text.unicode_words() {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 {
            continue;
        }
        lettered += 1;
        if word.chars().all(|c| !c.is_lowercase()) && word.chars().any(char::is_uppercase) {
            shouted += 1;
        }
    }
    (shouted >= 3 && shouted * 2 >= lettered).then_some(shouted)
}

/// Whether some word of four letters or more is written in ALL CAPS
/// ("STILL", "AGAIN"), the emphasis of an otherwise normal sentence.
pub fn has_emphasis_word(text: &str) -> bool {
    text.unicode_words().any(|word| {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && word.chars().all(|c| !c.is_lowercase())
    })
}

/// The longest run of `!` (ignoring spaces and `1`s typed with them, "!!!1").
pub fn longest_exclamation_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        match c {
            '!' | '！' => {
                run += 1;
                longest = longest.max(run);
            }
            '1' | ' ' if run > 0 => {}
            _ => run = 0,
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_with_ascii_apostrophes() {
        assert_eq!(words("I CAN’T log in!"), ["i", "can't", "log", "in"]);
    }

    #[test]
    fn shouting_needs_several_caps_words() {
        assert_eq!(shouted_words("WHERE IS MY ORDER"), Some(4));
        assert_eq!(shouted_words("I love the NEW app from NASA"), None);
    }

    #[test]
    fn emphasis_words_are_long_caps_words() {
        assert!(has_emphasis_word("I STILL have no refund"));
        assert!(!has_emphasis_word("Export to CSV in the UK"));
    }

    #[test]
    fn exclamation_runs() {
        assert_eq!(longest_exclamation_run("why!!!1 ok!"), 3);
        assert_eq!(longest_exclamation_run("no"), 0);
    }

    #[test]
    fn sentences_split() {
        assert_eq!(sentences("Hi. Where is it? Thanks!").count(), 3);
    }
}
