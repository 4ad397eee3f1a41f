//! Saving text the console made (CSV, JSON) as a file the lead downloads.

use socialcare_pages::i18n::t_with;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `text` as a download named `file_name` with the MIME type `mime`.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or(JsValue::UNDEFINED)
        .map_err(describe)?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    Url::revoke_object_url(&url).map_err(describe)
}

/// Why the download failed, in words, with the browser's error.
fn describe(error: JsValue) -> String {
    t_with("console_download_failed", &[&format!("{error:?}")])
}
