//! The audit log: who changed what, one entry per team version.

use crate::sync::refusal::{self, Refusal};
use serde::{Deserialize, Serialize};

/// Whether the store applied a mutation or rejected it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditOutcome {
    /// Applied.
    Applied,
    /// Rejected (recorded, the client's queue moves on).
    Rejected,
}

/// One entry of the audit log: the mutation that took a team version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The team version this entry took (contiguous from 1).
    pub version: u64,
    /// The agent who made the change.
    pub agent_id: String,
    /// The sync client that sent it (`_admin` for changes made by the store's administration).
    pub client_id: String,
    /// The client's mutation id.
    pub mutation_id: u64,
    /// The mutation's name, e.g. `ticket.set_status` or `tone.override`.
    pub name: String,
    /// The mutation's arguments as sent.
    pub args: serde_json::Value,
    /// Applied or rejected.
    pub outcome: AuditOutcome,
    /// For a rejection: its stable code.
    pub code: Option<String>,
    /// For a rejection: why, in English.
    pub message: Option<String>,
    /// For a rejection: why, as data (absent from entries recorded before
    /// reasons were data; a kind this build does not know reads as absent).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "refusal::lenient"
    )]
    pub refusal: Option<Refusal>,
    /// When the store recorded it (Unix milliseconds, the store's clock).
    pub at: i64,
    /// When the agent acted (Unix milliseconds): the client's hybrid logical clock as the
    /// store clamped it (see [`crate::sync::hlc::clamp`]); none for the store's administration.
    #[serde(default)]
    pub action_at: Option<i64>,
}
