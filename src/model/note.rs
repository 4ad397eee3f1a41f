//! Internal notes on tickets: append-only, only the author edits the body.

use super::ItemKey;
use serde::{Deserialize, Serialize};

/// An internal note an agent wrote on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Client-generated id (e.g. a UUIDv7), unique in the team.
    pub id: String,
    /// The ticket (item) the note is on.
    pub item: ItemKey,
    /// The agent id of the author.
    pub author: String,
    /// The note's text.
    pub body: String,
    /// When it was written (Unix milliseconds, server clock).
    pub created_at: i64,
    /// When the author last edited it.
    pub edited_at: Option<i64>,
}
