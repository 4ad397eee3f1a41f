//! The options page: sign in to the team's store, see who is signed in,
//! sign out. In Yew, in the same module as the side panel.
//!
//! It talks to the service worker only over the [`OPTIONS_PORT`] port:
//! **Connect** posts `FromPage::Connect`, and the worker answers
//! `ToPage::Connected`. When the browser blocked the store, the answer is
//! `PermissionNeeded` with the store's origin; the page asks for it as an
//! optional host permission at once, in the task that received the answer
//! (so the click's user activation still holds), then connects again if it
//! was granted. A prompt that never answers is given up after
//! [`PERMISSION_PROMPT_TIMEOUT_MS`].
//!
//! [`app::OptionsApp`] holds the state and the flows; it shows
//! [`account::Account`] (who is signed in, **Sign out** with its warning)
//! and [`connect_form::ConnectForm`] (**Store URL**, **Token**, **Connect**).
//!
//! [`OPTIONS_PORT`]: socialcare_views::OPTIONS_PORT

pub mod account;
pub mod app;
pub mod connect_form;

use wasm_bindgen::prelude::*;

/// How long the page waits for the browser's permission prompt before it
/// says the permission was not granted and lets the agent try again.
pub const PERMISSION_PROMPT_TIMEOUT_MS: u32 = 30_000;

/// Titles the page in the agent's language and mounts the options page
/// into the element with id [`crate::ROOT_ID`] (else `<body>`). Called by
/// `options.js` once the wasm module is initialised.
#[wasm_bindgen]
pub fn start_options_page() {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(&crate::i18n::t("options_page_title"));
    }
    crate::mount::<app::OptionsApp>();
}
