//! The contract between the Socialcare service worker and the extension's
//! pages (side panel, options): what travels over their `runtime` ports.
//!
//! The service worker is the only part of the extension that talks to the
//! store and the only writer of the outbox. Pages connect a port named
//! [`PANEL_PORT`] or [`OPTIONS_PORT`]; the worker sends [`ToPage`] messages
//! (a whole view model on connect and after every change) and receives
//! [`FromPage`] intents. Pages never read the replica, storage keys or the
//! store themselves. Every message is JSON with a `type` tag.
//!
//! The lead's console has its own port and messages: [`console`].

pub mod console;
pub mod focus;

use focus::FocusedItem;
use serde::{Deserialize, Serialize};
use socialcare::model::{ItemKey, Priority, Role, TicketStatus};
use socialcare::sync::PresenceState;

/// The name of the side panel's port.
pub const PANEL_PORT: &str = "panel";
/// The name of the options page's port.
pub const OPTIONS_PORT: &str = "options";

/// A message from the worker to a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPage {
    /// Everything the page shows, sent on connect and after every change.
    View {
        /// The view model.
        view: PanelView,
    },
    /// The answer to [`FromPage::Connect`].
    Connected {
        /// The session, or why there is none.
        result: ConnectResult,
    },
    /// The answer to [`FromPage::SignOut`].
    SignedOut {
        /// False when unsynced actions would be lost and the page must ask again
        /// with `discard_unsynced: true`; the count is in the view's sync state.
        done: bool,
    },
}

/// An intent from a page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromPage {
    /// Sign in: check the token against the store and keep it.
    Connect {
        /// The store's base URL, e.g. `https://care.example.com` or `http://127.0.0.1:8787`.
        store_url: String,
        /// The agent's bearer token (kept by the worker, never shown again in full).
        token: String,
    },
    /// Sign out and clear the local data.
    SignOut {
        /// Sign out even if actions are waiting to sync (they are lost).
        discard_unsynced: bool,
    },
    /// Turn the item into a ticket.
    CreateTicket {
        /// The item.
        item: ItemKey,
    },
    /// Assign the item's ticket to the signed-in agent.
    Claim {
        /// The item.
        item: ItemKey,
    },
    /// Change the ticket's status (`resolved → open` is a reopen).
    SetStatus {
        /// The item.
        item: ItemKey,
        /// The new status.
        status: TicketStatus,
    },
    /// Show an earlier item again.
    Refocus {
        /// The item.
        item: ItemKey,
    },
    /// Forget a shown rejection.
    DismissRejection {
        /// The rejected mutation's id.
        mutation_id: u64,
    },
    /// Open the options page (sign-in).
    OpenOptions,
}

/// Everything a page shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PanelView {
    /// Who is signed in, if anyone.
    pub session: Option<SessionView>,
    /// The sync state, shown truthfully.
    pub sync: SyncView,
    /// The item under the agent's focus, if any.
    pub focus: Option<FocusView>,
    /// Earlier focused items, most recent first.
    pub recent: Vec<FocusedItem>,
}

/// The signed-in agent. The token itself never leaves the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    /// The store's base URL.
    pub store_url: String,
    /// The agent.
    pub agent: AgentView,
    /// What the agent may do.
    pub role: Role,
    /// The token's last four characters, to tell tokens apart.
    pub token_hint: String,
}

/// A teammate as the pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentView {
    /// Stable agent id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Initials, e.g. `KL`.
    pub initials: String,
}

/// Where sync stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Nobody is signed in.
    #[default]
    SignedOut,
    /// Everything is in the store.
    Synced,
    /// Actions are waiting and the store is reachable.
    Waiting,
    /// The store cannot be reached; actions wait in the outbox.
    Offline,
}

/// The sync state with its details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncView {
    /// The state.
    pub state: SyncState,
    /// Actions in the outbox.
    pub pending: u32,
    /// Since when the store has been unreachable (Unix milliseconds).
    pub offline_since: Option<i64>,
    /// When the last sync with the store succeeded (Unix milliseconds).
    pub last_synced_at: Option<i64>,
    /// The last error, in words.
    pub last_error: Option<String>,
    /// Actions the store refused, newest first.
    pub rejections: Vec<RejectionView>,
}

/// An action the store refused, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectionView {
    /// The mutation id (for [`FromPage::DismissRejection`]).
    pub mutation_id: u64,
    /// The action's name, e.g. `ticket.set_status`.
    pub action: String,
    /// The item it was about, if any.
    pub item: Option<ItemKey>,
    /// The store's stable code, e.g. `stale`.
    pub code: String,
    /// The store's reason.
    pub message: String,
}

/// The focused item with its ticket and who else is on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusView {
    /// The item and its signals.
    pub focused: FocusedItem,
    /// Its ticket, if it has one.
    pub ticket: Option<TicketView>,
    /// Teammates on this item now (never the signed-in agent).
    pub presence: Vec<PresenceView>,
    /// Posted by one of the team's own brand accounts: never a customer item.
    pub ours: bool,
}

/// A ticket as the pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketView {
    /// The item the ticket is about.
    pub item: ItemKey,
    /// Where it is in its life.
    pub status: TicketStatus,
    /// Who has it.
    pub assignee: Option<AgentView>,
    /// Whether the signed-in agent has it.
    pub mine: bool,
    /// How urgent it is.
    pub priority: Priority,
    /// Its tags.
    pub tags: Vec<String>,
    /// When the customer posted (Unix milliseconds), as read off the page.
    pub posted_at: Option<i64>,
    /// When the first response is due (Unix milliseconds), while unanswered.
    pub first_response_due: Option<i64>,
    /// When the team first responded (Unix milliseconds).
    pub first_response_at: Option<i64>,
    /// Whether changes to it are still waiting to sync.
    pub unsynced: bool,
}

/// A teammate's presence on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceView {
    /// The teammate.
    pub agent: AgentView,
    /// Viewing or replying.
    pub state: PresenceState,
}

/// The answer to a sign-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ConnectResult {
    /// Signed in.
    Connected {
        /// The session.
        session: SessionView,
    },
    /// Not signed in.
    Failed {
        /// Why, as a stable code.
        code: ConnectError,
        /// Why, in words for the agent.
        message: String,
        /// For [`ConnectError::PermissionNeeded`]: the origin to request
        /// (`https://care.example.com/*`) before connecting again.
        origin_pattern: Option<String>,
    },
}

/// Why a sign-in failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectError {
    /// The URL is not an `http(s)` URL.
    InvalidUrl,
    /// Nothing answered at that address.
    Unreachable,
    /// The store answered but the browser blocked the extension from reading
    /// it: the page must ask for the store's origin as an optional host
    /// permission, then connect again.
    PermissionNeeded,
    /// The agent refused (or never answered) the permission prompt.
    PermissionDenied,
    /// The store refused the token.
    TokenRefused,
    /// The address answered, but not as a Socialcare store.
    NotAStore,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intents_are_tagged_json() {
        let intent: FromPage =
            serde_json::from_str(r#"{"type":"set_status","item":"x:1","status":"pending"}"#)
                .unwrap();
        assert_eq!(
            intent,
            FromPage::SetStatus {
                item: "x:1".parse().unwrap(),
                status: TicketStatus::Pending
            }
        );
        let answer = serde_json::to_value(ToPage::SignedOut { done: false }).unwrap();
        assert_eq!(
            answer,
            serde_json::json!({"type": "signed_out", "done": false})
        );
    }
}
