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

pub mod brand;
pub mod console;
pub mod focus;

use focus::FocusedItem;
use serde::{Deserialize, Serialize};
use socialcare::customers::suggest::Clue;
use socialcare::model::{ItemKey, Platform, Priority, Role, TicketStatus};
use socialcare::sentiment::Label;
use socialcare::sync::{PresenceState, Refusal};
use socialcare::templates::Why;

/// The name of the side panel's port.
pub const PANEL_PORT: &str = "panel";
/// The name of the options page's port.
pub const OPTIONS_PORT: &str = "options";

/// A message from the worker to a page.
// Short-lived (built, sent, dropped), so the view's size costs nothing
// that a box would save.
#[allow(clippy::large_enum_variant)]
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
    /// The answer to [`FromPage::Search`], to the page that asked.
    SearchResults {
        /// The results.
        search: SearchView,
    },
    /// To the page that asked: the worker refused one of its actions before
    /// it reached the store (the page's view was behind, e.g. a teammate's
    /// claim had just arrived, or the action was invalid). Nothing was queued.
    Refused {
        /// What was refused and why.
        refusal: RefusedAction,
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
    // --- The ticket workspace (notes, tags, priority, assignment, reminders, queue) ---
    /// Change the ticket's priority.
    SetPriority {
        /// The item.
        item: ItemKey,
        /// The new priority.
        priority: Priority,
    },
    /// Assign the ticket to a teammate, or release it (leads reassign others).
    Assign {
        /// The item.
        item: ItemKey,
        /// The teammate's agent id, or none to leave it unassigned.
        assignee: Option<String>,
    },
    /// Add a tag to the ticket.
    AddTag {
        /// The item.
        item: ItemKey,
        /// The tag.
        tag: String,
    },
    /// Remove a tag from the ticket.
    RemoveTag {
        /// The item.
        item: ItemKey,
        /// The tag.
        tag: String,
    },
    /// Add an internal note to the ticket.
    AddNote {
        /// The item.
        item: ItemKey,
        /// The note's plain text.
        body: String,
    },
    /// Edit one of the agent's own notes.
    EditNote {
        /// The note's id.
        note: String,
        /// The new plain text.
        body: String,
    },
    /// Set or clear the ticket's follow-up reminder.
    SetReminder {
        /// The item.
        item: ItemKey,
        /// When.
        when: ReminderChoice,
    },
    /// Show a ticket's item: focus its tab if one is open, else open its permalink.
    OpenItem {
        /// The item.
        item: ItemKey,
    },
    // --- The customer: identity links, history, search, suggested replies ---
    /// Link an identity to a customer (`customer.link`), as the agent confirmed.
    LinkIdentity {
        /// The identity and the customer it joins.
        link: IdentityLink,
    },
    /// Say an identity is not this customer: never suggested again, team-wide.
    RejectLink {
        /// The identity and the customer it was suggested for.
        link: IdentityLink,
    },
    /// Remove a linked identity from a customer (`customer.unlink`).
    UnlinkIdentity {
        /// The identity and the customer that holds it.
        link: IdentityLink,
    },
    /// Show a ticket of the replica in the panel (from the history or search).
    OpenTicket {
        /// The ticket's item.
        item: ItemKey,
    },
    /// Search the replica's tickets; answered with [`ToPage::SearchResults`].
    Search {
        /// What the agent typed.
        query: String,
    },
    /// Put a rendered reply into the composer the agent was last in, on the item's tab.
    Insert {
        /// The item the reply answers.
        item: ItemKey,
        /// The template's id (recorded with the reply when it is sent).
        template_id: String,
        /// The rendered text, as previewed.
        text: String,
    },
    /// Apply a tone finding's fix in the composer the agent was last in:
    /// replace the span of `draft` with `replacement` (a span of length 0
    /// inserts, e.g. a greeting). Refused when the draft changed meanwhile.
    ApplyFix {
        /// The draft the finding was made on.
        draft: String,
        /// The span's start in `draft`, in UTF-16 code units (as the editors count).
        utf16_start: usize,
        /// The span's end, in UTF-16 code units.
        utf16_end: usize,
        /// The text to put in its place.
        replacement: String,
    },
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
    /// The agent's queue; `None` when signed out, and in the first view a
    /// panel gets on connecting, which carries the focused item alone so it
    /// leaves the worker sooner (the whole view follows at once).
    #[serde(default)]
    pub queue: Option<QueueView>,
    /// The composer the agent writes in and its live tone check, once checked.
    #[serde(default)]
    pub composer: Option<ComposerView>,
}

/// The native composer the agent writes in, with the tone findings of its
/// draft (the panel lists them with their spans and one-click fixes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComposerView {
    /// Whether the reply is public (a post reply or a comment), where
    /// personal data is held and "Move to DM" is offered.
    pub public: bool,
    /// The draft that was checked.
    pub draft: String,
    /// The worst severity: `ok`, `info`, `warn` or `block`.
    pub tone: String,
    /// The findings, in the draft's order (spans in UTF-16 code units).
    pub findings: Vec<socialcare::tone::Finding>,
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
    /// What was refused and why.
    pub refusal: RefusedAction,
}

/// A refused action: what it was, about which item, a stable code and the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefusedAction {
    /// The action's name, e.g. `ticket.set_status`.
    pub action: String,
    /// The item it was about, if any.
    pub item: Option<ItemKey>,
    /// The stable code, e.g. `stale`.
    pub code: String,
    /// The reason in English words, as the store (or the worker) gave it:
    /// shown when there is no [`RefusedAction::refusal`] to word.
    pub message: String,
    /// The reason as data, which the pages word in the agent's language;
    /// none for a rejection kept from before reasons were data and the
    /// worker's refusals that are already words (read with
    /// [`socialcare::sync::refusal::lenient`]: a kind this build does not
    /// know reads as none).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "socialcare::sync::refusal::lenient"
    )]
    pub refusal: Option<Refusal>,
    /// The teammate the refusal names (the one a ticket went to meanwhile),
    /// as the worker knows them, so the pages show their name and initials;
    /// none when it names nobody or someone the worker does not know (the
    /// pages then show the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentView>,
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
    /// The customer with their identities, history and link suggestions, once known.
    #[serde(default)]
    pub customer: Option<CustomerView>,
    /// The team's approved templates that fit the item, best first.
    #[serde(default)]
    pub replies: Vec<SuggestedReplyView>,
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
    // --- The ticket workspace ---
    /// Its internal notes, oldest first.
    #[serde(default)]
    pub notes: Vec<NoteView>,
    /// Its follow-up reminder, if one is set.
    #[serde(default)]
    pub reminder: Option<ReminderView>,
    /// The team's tags in use, for suggestions (sorted, without this ticket's).
    #[serde(default)]
    pub tag_suggestions: Vec<String>,
    /// Teammates the signed-in agent may assign it to (leads only; else empty).
    #[serde(default)]
    pub assignable: Vec<AgentView>,
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

// --- The ticket workspace: notes, reminders and the agent's queue ---------

/// An internal note as the pages show it (plain text, never HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    /// The note's id (for [`FromPage::EditNote`]).
    pub id: String,
    /// Who wrote it.
    pub author: AgentView,
    /// The text.
    pub body: String,
    /// When it was written (Unix milliseconds).
    pub created_at: i64,
    /// When its author last edited it (Unix milliseconds).
    pub edited_at: Option<i64>,
    /// Whether the signed-in agent wrote it (and so may edit it).
    pub mine: bool,
}

/// A ticket's follow-up reminder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderView {
    /// When it falls due (Unix milliseconds).
    pub at: i64,
    /// Who set it.
    pub by: AgentView,
    /// Whether it has fallen due (by the worker's clock).
    pub due: bool,
}

/// When to remind, as the agent picks it; the worker turns it into a time
/// with its own clock and the team's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum ReminderChoice {
    /// One hour from now.
    InOneHour,
    /// Tomorrow at 9:00 in the team's time zone (its business hours' UTC
    /// offset; UTC when the team has none).
    TomorrowMorning,
    /// At a given time.
    At {
        /// Unix milliseconds.
        at: i64,
    },
    /// No reminder.
    Clear,
}

/// One ticket in the agent's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItemView {
    /// The ticket's item.
    pub item: ItemKey,
    /// Its status.
    pub status: TicketStatus,
    /// Its priority.
    pub priority: Priority,
    /// The start of the customer's text.
    pub excerpt: Option<String>,
    /// When its reminder falls due, if one is set.
    pub remind_at: Option<i64>,
    /// When its first response is (or was) due, while unanswered.
    pub first_response_due: Option<i64>,
}

/// The agent's queue, each list most urgent first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueView {
    /// The agent's reminders that have fallen due on unresolved tickets:
    /// pending tickets first, then by reminder time.
    pub reminders: Vec<QueueItemView>,
    /// The agent's open and pending tickets.
    pub mine: Vec<QueueItemView>,
    /// New tickets nobody has.
    pub unassigned: Vec<QueueItemView>,
    /// Unresolved tickets whose first response is overdue.
    pub breached: Vec<QueueItemView>,
    /// How many tickets each list left out (each shows at most a page).
    pub more: u32,
}

// --- The customer: identities, history, link suggestions, suggested replies, search ---

/// The customer behind the focused item: every profile linked to theirs, as one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerView {
    /// The profile the item's ticket belongs to.
    pub id: String,
    /// The name agents see.
    pub display_name: String,
    /// Every identity of the person, by platform then handle.
    pub identities: Vec<IdentityView>,
    /// Their tickets on every platform, newest first.
    pub history: Vec<HistoryEntry>,
    /// Identities that may be theirs, for the agent to confirm or reject.
    pub suggestions: Vec<LinkSuggestionView>,
}

/// An identity and the customer profile it belongs (or is suggested) to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityLink {
    /// The customer profile's id.
    pub customer: String,
    /// The platform.
    pub platform: Platform,
    /// The handle or platform id.
    pub handle: String,
}

/// One identity of the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityView {
    /// The identity, with the profile that holds it.
    pub link: IdentityLink,
    /// The profile page on the native site, for a plain handle.
    pub profile_url: Option<String>,
    /// Linked by an agent (so it can be unlinked), not the profile's own identity.
    pub linked: bool,
}

/// One ticket of the customer's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The ticket's item.
    pub item: ItemKey,
    /// Where the ticket is in its life.
    pub status: TicketStatus,
    /// When the customer posted (Unix milliseconds).
    pub at: i64,
    /// The start of the customer's text.
    pub excerpt: String,
    /// The item's sentiment, when it was read.
    pub sentiment: Option<Label>,
    /// How many notes the team wrote on it.
    pub notes: u32,
    /// Whether it is the focused item's ticket.
    pub current: bool,
}

/// An identity that may be the customer's, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSuggestionView {
    /// The identity and the profile to link it to.
    pub link: IdentityLink,
    /// Why it is suggested (the panel says it in the agent's language).
    pub clue: Clue,
    /// The name of the profile that holds the identity already, if any.
    pub other_name: Option<String>,
    /// Its profile page on the native site, for a plain handle.
    pub profile_url: Option<String>,
}

/// An approved template suggested for the item, with what rendering it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestedReplyView {
    /// The template's id.
    pub template_id: String,
    /// Its name (the Copy and Insert buttons carry it).
    pub name: String,
    /// The body for the item's platform, with `{{…}}` placeholders.
    pub body: String,
    /// The fill-in prompts the agent answers.
    pub prompts: Vec<ReplyPromptView>,
    /// Why it is suggested (the panel says it in the agent's language).
    pub why: Vec<Why>,
    /// The platform the reply is for (the length is counted as it counts).
    pub platform: Platform,
    /// What the placeholders that are not prompts stand for.
    pub context: ReplyContextView,
}

/// A fill-in prompt of a suggested reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyPromptView {
    /// Its id (`{{prompt.<id>}}` in the body).
    pub id: String,
    /// The question shown to the agent.
    pub label: String,
    /// The allowed answers of a choice; empty for free text.
    pub choices: Vec<String>,
}

/// The customer, agent and ticket a suggested reply is rendered with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyContextView {
    /// The customer's display name.
    pub customer_name: Option<String>,
    /// The customer's handle.
    pub customer_handle: Option<String>,
    /// The signed-in agent's name.
    pub agent_name: Option<String>,
    /// The signed-in agent's initials.
    pub agent_initials: Option<String>,
    /// The ticket's id (its item key).
    pub ticket_id: Option<String>,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchView {
    /// The query answered.
    pub query: String,
    /// How many tickets match in all.
    pub total: u32,
    /// The newest matches.
    pub results: Vec<SearchResult>,
}

/// A ticket a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResult {
    /// The ticket's item.
    pub item: ItemKey,
    /// Where the ticket is in its life.
    pub status: TicketStatus,
    /// When the customer posted (Unix milliseconds).
    pub at: i64,
    /// The start of the customer's text.
    pub excerpt: String,
    /// The customer's name.
    pub customer_name: Option<String>,
    /// The handle the ticket's customer was first met as.
    pub handle: Option<String>,
    /// The ticket's tags.
    pub tags: Vec<String>,
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
        let remind: FromPage = serde_json::from_str(
            r#"{"type":"set_reminder","item":"x:1","when":{"choice":"at","at":5}}"#,
        )
        .unwrap();
        assert_eq!(
            remind,
            FromPage::SetReminder {
                item: "x:1".parse().unwrap(),
                when: ReminderChoice::At { at: 5 }
            }
        );
        let answer = serde_json::to_value(ToPage::SignedOut { done: false }).unwrap();
        assert_eq!(
            answer,
            serde_json::json!({"type": "signed_out", "done": false})
        );
    }

    #[test]
    fn a_refused_action_carries_its_refusal_and_reads_without_one() {
        let refused: ToPage = serde_json::from_str(
            r#"{"type":"refused","refusal":{"action":"ticket.set_status","item":"x:1","code":"conflict",
                "message":"status was changed at version 12 after the version 10 you saw, by a newer edit",
                "refusal":{"refusal":"stale","field":"status","changed_at":12,"seen":10}}}"#,
        )
        .unwrap();
        let ToPage::Refused { refusal } = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(
            refusal.refusal,
            Some(Refusal::Stale {
                field: socialcare::sync::ScalarField::Status,
                changed_at: 12,
                seen: 10
            })
        );
        let text = serde_json::to_string(&refusal).unwrap();
        assert_eq!(
            serde_json::from_str::<RefusedAction>(&text).unwrap(),
            refusal
        );

        // As a worker from before refusals were data sent it, and as a
        // rejection kept in IndexedDB from then.
        let old: RejectionView = serde_json::from_str(
            r#"{"mutation_id":7,"refusal":{"action":"note.edit","item":null,"code":"forbidden",
                "message":"only the author edits a note"}}"#,
        )
        .unwrap();
        assert_eq!(old.refusal.refusal, None);
        assert_eq!(old.refusal.message, "only the author edits a note");
        let written = serde_json::to_value(&old.refusal).unwrap();
        assert_eq!(
            written.as_object().unwrap().len(),
            4,
            "no refusal field: {written}"
        );

        // A kind a newer worker knows: the message is shown.
        let newer: RefusedAction = serde_json::from_str(
            r#"{"action":"ticket.tag","item":"x:1","code":"invalid_args","message":"m",
                "refusal":{"refusal":"from_the_future"}}"#,
        )
        .unwrap();
        assert_eq!(newer.refusal, None);
    }
}
