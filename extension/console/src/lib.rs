//! The lead's console: team reports with charts, the tone guideline, the
//! reply templates, product ideas and members. In Yew, in its own wasm
//! module, loaded only by `console.html`: the side panel and the options
//! page do not carry it. It shares the pages' port, clock and components
//! (the `socialcare-pages` crate, as a library).
//!
//! It talks to the service worker only, over the port named
//! [`CONSOLE_PORT`] ([`link::ConsoleLink`]): the worker sends the synced
//! documents and the session (with the role the store states in `/v1/me`),
//! answers the console's store calls with the store's JSON, and runs lead
//! actions through its outbox. The tone and template engines are not in
//! this module: `console.js` loads the tone module after the console's first
//! render ([`tone_engine`]), and guidelines, sample drafts and templates are
//! checked through it as the lead types. The page hides what the role may not do; the store
//! refuses it whatever the page shows.
//!
//! [`CONSOLE_PORT`]: socialcare_views::console::CONSOLE_PORT

pub mod app;
pub mod approval_problems;
pub mod charts;
pub mod download;
pub mod event_value;
pub mod fetch;
pub mod figure_card;
pub mod format;
pub mod guideline_form;
pub mod guideline_preview;
pub mod guidelines;
pub mod ideas;
pub mod link;
pub mod marked_findings;
pub mod members;
pub mod report;
pub mod reports;
pub mod revision_diff;
pub mod revisions;
pub mod rules_form;
pub mod settings_form;
pub mod template_check;
pub mod template_editor;
pub mod templates;
pub mod tokens;
pub mod tone_engine;
pub mod unavailable;

use wasm_bindgen::prelude::*;

/// Mounts the console into the element with id [`socialcare_pages::ROOT_ID`] (else
/// `<body>`). Called by `console.js` once the wasm module is initialised
/// (`console.js` titles the page in the browser's UI language first).
#[wasm_bindgen]
pub fn start_console_page() {
    socialcare_pages::mount::<app::ConsoleApp>();
}
