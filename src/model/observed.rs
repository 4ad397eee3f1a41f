//! An item as the content script read it off the agent's screen.

use super::{ItemKey, ItemKind};
use serde::{Deserialize, Serialize};

/// One post, reply, comment or DM that the content script extracted from the
/// page through a site profile. Everything here was visible to the agent; the
/// extension never fetches anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedItem {
    /// The item's stable key, from its permalink (never from DOM position).
    pub key: ItemKey,
    /// Post, reply, comment or DM.
    pub kind: ItemKind,
    /// The id of the item this one answers (a post for a reply or comment,
    /// a comment for a comment reply), when the page shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The conversation or thread the item belongs to (a DM conversation id,
    /// or the root post of a thread), when the page shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    /// The author's handle without a leading `@`, when shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_handle: Option<String>,
    /// The author's display name, when shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// The item's text as the page shows it (emoji images read as their `alt`).
    pub text: String,
    /// The item's permalink, absolute, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// When the item was written, ISO-8601, when the page shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Who reposted the item into the agent's timeline (X reposts), if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reposted_by: Option<String>,
}
