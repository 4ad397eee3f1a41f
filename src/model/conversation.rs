//! Conversations: the thread or direct-message conversation items belong to, and
//! the ticket that answers it.

use super::ItemKey;
use serde::{Deserialize, Serialize};

/// A conversation and its current ticket: items of one conversation join that ticket
/// while it is not resolved.
///
/// Keys are `<platform>:<root item id>` for a public thread (a post and every reply or
/// comment under it) and `<platform>:dm:<conversation id>` for direct messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// The conversation key.
    pub key: String,
    /// The item key of the ticket items of this conversation join.
    pub ticket: ItemKey,
}
