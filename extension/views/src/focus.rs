//! The item under the agent's focus, as the service worker hands it to the side panel.
//!
//! The worker builds a [`FocusedItem`] when the agent clicks a badge or presses
//! the focus shortcut, keeps it (with the recent ones) in IndexedDB, and sends
//! it to the pages inside their view model.

use serde::{Deserialize, Serialize};
use socialcare::care::Assessment;
use socialcare::model::ObservedItem;

/// An item the agent focused, with the care engine's assessment of its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusedItem {
    /// The item as the content script read it off the page.
    pub item: ObservedItem,
    /// Sentiment and care signals computed from the item's text.
    pub assessment: Assessment,
}
