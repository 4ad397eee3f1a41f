//! The post's language: a tag the caller supplies, or, with the
//! `language-detect` feature, `whatlang` restricted to the languages care
//! teams meet most, so short posts are not mistaken for rare languages and
//! the trigram scoring (the costly part) compares few Latin-script profiles.
//! The extension leaves the feature off and passes the browser's
//! `i18n.detectLanguage` result instead, so its wasm carries no detector.

/// The primary language subtag of a BCP 47 tag, lowercased (`"pt-BR"` →
/// `"pt"`), or `None` for `"und"` (undetermined) and anything that is not
/// two or three ASCII letters before the first `-` or `_`.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    let well_formed =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    (well_formed && !primary.eq_ignore_ascii_case("und")).then(|| primary.to_ascii_lowercase())
}

/// Without the `language-detect` feature the language is never guessed.
#[cfg(not(feature = "language-detect"))]
pub fn detect(_text: &str) -> Option<String> {
    None
}

#[cfg(feature = "language-detect")]
pub use detection::detect;

#[cfg(feature = "language-detect")]
mod detection {
    use std::sync::LazyLock;
    use whatlang::{Detector, Lang};

    /// The languages considered, with their ISO 639-1 codes.
    const LANGUAGES: &[(Lang, &str)] = &[
        (Lang::Eng, "en"),
        (Lang::Spa, "es"),
        (Lang::Fra, "fr"),
        (Lang::Deu, "de"),
        (Lang::Por, "pt"),
        (Lang::Ita, "it"),
        (Lang::Rus, "ru"),
        (Lang::Ukr, "uk"),
        (Lang::Ara, "ar"),
        (Lang::Hin, "hi"),
        (Lang::Jpn, "ja"),
        (Lang::Kor, "ko"),
        (Lang::Cmn, "zh"),
    ];

    static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
        Detector::with_allowlist(LANGUAGES.iter().map(|(lang, _)| *lang).collect())
    });

    /// Below this many letters a guess is not worth showing.
    const MIN_LETTERS: usize = 12;
    /// The detector reads at most this many bytes (rounded down to a character
    /// boundary): enough to tell a language, bounded cost on long DMs.
    const MAX_BYTES: usize = 240;

    /// The ISO 639-1 code of the text's language, or `None` when the text is too
    /// short or the detector is unsure.
    pub fn detect(text: &str) -> Option<String> {
        if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
            return None;
        }
        let mut end = text.len().min(MAX_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let info = DETECTOR.detect(&text[..end])?;
        if info.confidence() < 0.2 {
            return None;
        }
        LANGUAGES
            .iter()
            .find(|(lang, _)| *lang == info.lang())
            .map(|(_, code)| (*code).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_subtags() {
        assert_eq!(primary_subtag("pt-BR").as_deref(), Some("pt"));
        assert_eq!(primary_subtag("EN").as_deref(), Some("en"));
        assert_eq!(primary_subtag("zh_Hant").as_deref(), Some("zh"));
        assert_eq!(primary_subtag("und"), None);
        assert_eq!(primary_subtag(""), None);
        assert_eq!(primary_subtag("english"), None);
        assert_eq!(primary_subtag("<b>"), None);
    }

    #[cfg(feature = "language-detect")]
    #[test]
    fn detects_common_languages() {
        assert_eq!(
            detect("My order never arrived and nobody answers my emails").as_deref(),
            Some("en")
        );
        assert_eq!(
            detect("Hola, llevo tres semanas esperando el reembolso y nadie me contesta")
                .as_deref(),
            Some("es")
        );
        assert_eq!(
            detect("Ma commande n'est jamais arrivée et personne ne répond").as_deref(),
            Some("fr")
        );
        assert_eq!(detect("ok"), None);
    }
}
