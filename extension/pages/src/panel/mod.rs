//! The side panel (Chrome `side_panel`, Firefox `sidebar_action`), in Yew.
//!
//! It shows the item under the agent's focus — author, text, sentiment, care
//! signals and permalink — and follows focus changes the service worker
//! publishes in `chrome.storage.session` (see `socialcare_views::focus`). Customer text
//! is only ever rendered as text nodes; only `https://` permalinks on the three
//! sites' hosts become links.
//!
//! One module per component: [`app::App`] wires [`storage`] (and the
//! shortcut from [`commands`]) to [`panel_view::PanelView`], which shows
//! either [`empty_state::EmptyState`] or an [`item_card::ItemCard`] built from
//! [`author::Author`], [`sentiment_meter::SentimentMeter`],
//! [`care_signals::CareSignals`] and [`permalink::Permalink`], followed by the
//! [`recent::RecentList`] of earlier items.

pub mod app;
pub mod author;
pub mod care_signals;
pub mod commands;
pub mod empty_state;
pub mod item_card;
pub mod panel_view;
pub mod permalink;
pub mod recent;
pub mod sentiment_meter;
pub mod storage;
mod webext;

use wasm_bindgen::prelude::*;

/// The id of the element the panel mounts into (`extension/static/sidepanel.html`).
pub const ROOT_ID: &str = "app";

/// Mounts the side panel on the page: into the element with id [`ROOT_ID`]
/// when there is one, else into `<body>`. Called by `sidepanel.js` once the
/// wasm module is initialised.
#[wasm_bindgen]
pub fn start_side_panel() {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect_throw("the side panel runs in a page with a document");
    match document.get_element_by_id(ROOT_ID) {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

/// A wire name made readable: `billing_issue` → `Billing issue`.
pub(crate) fn humanize(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
