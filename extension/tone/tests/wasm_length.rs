//! X's weighted length as the extension's tone module counts it: in
//! WebAssembly, where NFC is the browser's `String.prototype.normalize`
//! (src/tone/nfc.rs) rather than the native build's tables. Every weighted
//! case of twitter-text's conformance suite, normalisation cases included,
//! must agree as it does natively (tests/tone_length.rs).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../../../tests/tone/weighted_cases.rs"]
mod weighted_cases;

#[wasm_bindgen_test]
fn validate_yml_weighted_length_cases_agree_in_wasm() {
    let (total, failures) = weighted_cases::validate_yml_failures();
    assert!(total > 0 && failures.is_empty(), "{}", failures.join("\n"));
}
