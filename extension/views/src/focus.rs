//! The item under the agent's focus, as the service worker hands it to the side panel.
//!
//! The service worker writes a [`FocusedItem`] as JSON to `chrome.storage.session`
//! under [`FOCUS_STORAGE_KEY`] when the agent clicks a badge or presses the
//! focus shortcut; the side panel reads that key when it opens and follows
//! `chrome.storage.onChanged` afterwards.

use serde::{Deserialize, Serialize};
use socialcare::care::Assessment;
use socialcare::model::ObservedItem;

/// The `chrome.storage.session` key under which the focused item is stored.
pub const FOCUS_STORAGE_KEY: &str = "socialcare.focus";

/// An item the agent focused, with the care engine's assessment of its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusedItem {
    /// The item as the content script read it off the page.
    pub item: ObservedItem,
    /// Sentiment and care signals computed from the item's text.
    pub assessment: Assessment,
}
