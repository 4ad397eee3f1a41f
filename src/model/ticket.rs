//! Tickets: one per customer item (post, reply, comment or DM) the team handles.

use super::ItemKey;
use crate::care::{Intent, UrgencyLevel};
use crate::sentiment::Label;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Where a ticket is in its life: `new → open → pending → resolved`, with an explicit reopen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TicketStatus {
    /// Nobody has touched it yet.
    New,
    /// An agent is working on it.
    Open,
    /// Waiting for the customer.
    Pending,
    /// Done; only an explicit reopen brings it back.
    Resolved,
}

impl TicketStatus {
    /// Every status, in its order of life.
    pub const ALL: [TicketStatus; 4] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::Resolved,
    ];

    /// Whether a plain status change may move a ticket from `self` to `to`.
    /// `resolved → open` is not one: it needs the explicit reopen mutation.
    pub fn can_move_to(self, to: TicketStatus) -> bool {
        use TicketStatus::*;
        matches!(
            (self, to),
            (New, Open)
                | (New, Pending)
                | (New, Resolved)
                | (Open, Pending)
                | (Open, Resolved)
                | (Pending, Open)
                | (Pending, Resolved)
        ) || self == to
    }

    /// The lowercase name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Resolved => "resolved",
        }
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a status name that is none of `new`, `open`, `pending`,
/// `resolved`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown ticket status {0:?}: expected new, open, pending or resolved")]
pub struct ParseTicketStatusError(pub String);

impl FromStr for TicketStatus {
    type Err = ParseTicketStatusError;

    /// A status by its wire name (the name serde uses).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        TicketStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
            .ok_or_else(|| ParseTicketStatusError(name.to_owned()))
    }
}

/// How urgent a ticket is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The default.
    #[default]
    Normal,
    /// Sooner than the rest.
    High,
    /// Now.
    Urgent,
}

/// When a scalar field last changed: the team version of the change and the writer's hybrid logical clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldClock {
    /// The team version that last wrote the field (0: never written since creation).
    pub version: u64,
    /// The (server-clamped) hybrid logical clock of that write.
    pub hlc: u64,
}

/// The clocks of a ticket's conflict-checked scalar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TicketClocks {
    /// Clock of `status`.
    pub status: FieldClock,
    /// Clock of `assignee`.
    pub assignee: FieldClock,
    /// Clock of `priority`.
    pub priority: FieldClock,
    /// Clock of `reminder`.
    #[serde(default)]
    pub reminder: FieldClock,
}

/// A follow-up reminder on a ticket: who asked to be reminded, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// When it falls due (Unix milliseconds).
    pub at: i64,
    /// The agent id who set it.
    pub by: String,
}

/// A ticket, keyed by the platform item it answers and grouped by conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// The item this ticket is about (`x:<id>`, `facebook:<id>`, …); also its id.
    pub item: ItemKey,
    /// The conversation (thread) the item belongs to; tickets of one thread share it.
    pub conversation: String,
    /// The customer profile id, when known.
    pub customer: Option<String>,
    /// Where the ticket is in its life.
    pub status: TicketStatus,
    /// The agent id it is assigned to.
    pub assignee: Option<String>,
    /// How urgent it is.
    pub priority: Priority,
    /// Tags, each with the team version that added it (set semantics, add wins).
    pub tags: BTreeMap<String, u64>,
    /// When the ticket was created (Unix milliseconds: the action's time).
    pub created_at: i64,
    /// When the customer posted the item, as read off the page (Unix milliseconds); the SLA
    /// and the first-response time count from it (from `created_at` when unknown).
    #[serde(default)]
    pub posted_at: Option<i64>,
    /// The start of the customer's text as the page shows it (plain text).
    #[serde(default)]
    pub excerpt: Option<String>,
    /// The item's sentiment label.
    #[serde(default)]
    pub sentiment: Option<Label>,
    /// The item's urgency band.
    #[serde(default)]
    pub urgency: Option<UrgencyLevel>,
    /// What the customer wants.
    #[serde(default)]
    pub intent: Option<Intent>,
    /// The item's language (an ISO 639-1 code such as `en`).
    #[serde(default)]
    pub language: Option<String>,
    /// The item's permalink on its site, as the page showed it.
    #[serde(default)]
    pub permalink: Option<String>,
    /// The follow-up reminder, if one is set.
    #[serde(default)]
    pub reminder: Option<Reminder>,
    /// When the first response is due under the team's SLA (Unix milliseconds).
    pub first_response_due: Option<i64>,
    /// When the team first responded (Unix milliseconds).
    pub first_response_at: Option<i64>,
    /// When the ticket was last resolved (Unix milliseconds).
    pub resolved_at: Option<i64>,
    /// Per-field clocks used by the conflict rules.
    pub clocks: TicketClocks,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_parses_from_the_name_serde_gives_it() {
        for status in TicketStatus::ALL {
            let serde_name = serde_json::to_value(status).unwrap();
            assert_eq!(serde_name, status.as_str());
            assert_eq!(status.as_str().parse(), Ok(status));
        }
        assert_eq!(
            "snoozed".parse::<TicketStatus>(),
            Err(ParseTicketStatusError("snoozed".into()))
        );
    }
}
