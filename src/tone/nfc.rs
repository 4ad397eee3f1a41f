//! Unicode Normalization Form C, which X's length is counted on
//! (twitter-text normalises a post before weighing it).
//!
//! The `unicode-normalization` crate does it, except in WebAssembly with the
//! `browser-nfc` feature (the extension's tone module): there the host's own
//! `String.prototype.normalize("NFC")` does, since the browser already
//! carries the normalisation tables and shipping them again was 56 KB gzip
//! of the module (docs/tone.md). The extension asks the browser for
//! languages (`i18n.detectLanguage`) in the same spirit.

/// Whether `text` is already in NFC.
pub fn is_nfc(text: &str) -> bool {
    text.is_ascii() || imp::is_nfc(text)
}

/// `text` in NFC.
pub fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    imp::nfc(text)
}

#[cfg(not(all(feature = "browser-nfc", target_arch = "wasm32")))]
mod imp {
    use unicode_normalization::UnicodeNormalization;

    pub fn is_nfc(text: &str) -> bool {
        unicode_normalization::is_nfc(text)
    }

    pub fn nfc(text: &str) -> String {
        text.nfc().collect()
    }
}

#[cfg(all(feature = "browser-nfc", target_arch = "wasm32"))]
mod imp {
    use js_sys::JsString;

    pub fn is_nfc(text: &str) -> bool {
        let text = JsString::from(text);
        text.normalize("NFC") == text
    }

    pub fn nfc(text: &str) -> String {
        JsString::from(text).normalize("NFC").into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_recognises_nfc() {
        let decomposed = "Cafe\u{301} n\u{303}";
        assert!(!is_nfc(decomposed));
        assert_eq!(nfc(decomposed), "Café ñ");
        assert!(is_nfc("Café ñ") && is_nfc("plain ASCII"));
        // A singleton decomposition: the Ångström sign becomes Å.
        assert_eq!(nfc("\u{212B}"), "\u{C5}");
    }
}
