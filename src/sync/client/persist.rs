//! What the client keeps in IndexedDB, and the deltas every state-changing call
//! yields so the worker writes incrementally and can rebuild after being killed.
//!
//! Object stores (one database per signed-in store and team):
//!
//! | store        | key                         | value            |
//! |--------------|-----------------------------|------------------|
//! | `records`    | `[kind, id]`                | [`Change`]: `{kind, id, version, body}`, the confirmed copy |
//! | `outbox`     | `id` (the mutation id)      | [`OutboxEntry`]  |
//! | `rejections` | `mutation_id`               | [`ClientRejection`] |
//! | `meta`       | the constant key `"client"` | [`Meta`]: client id, cookie, last mutation id, HLC |
//!
//! A [`Persist`] is written in one IndexedDB transaction over the four stores:
//! deletes first, then puts, then the meta record.

use super::replica::RecordKey;
use crate::model::{ItemKey, Role};
use crate::sync::mutator::RejectCode;
use crate::sync::protocol::{Change, Cookie, Mutation};
use crate::sync::refusal::{self, Refusal};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The client's scalar state (the `meta` store's one record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// This client's id (one per browser profile).
    pub client_id: String,
    /// The cookie of the confirmed copy; none before the first pull.
    pub cookie: Option<Cookie>,
    /// The highest mutation id issued (the next is this plus one).
    pub last_mutation_id: u64,
    /// The last hybrid logical clock issued.
    pub hlc: u64,
}

/// Who made a mutation (kept with it, so a rebase re-applies it as its author).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// The signed-in agent's id.
    pub agent_id: String,
    /// Their role.
    pub role: Role,
}

/// A mutation in the outbox (the `outbox` store, keyed by `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The mutation id.
    pub id: u64,
    /// The mutation's name.
    pub name: String,
    /// Its arguments (with `base_version` from the confirmed copy).
    pub args: serde_json::Value,
    /// The client's HLC when it was made.
    pub hlc: u64,
    /// Who made it.
    pub agent: Agent,
    /// True once the store has it: it is no longer sent, and stays in the optimistic
    /// view only until the confirmed copy holds its effect.
    pub acknowledged: bool,
    /// The team version it took, when a push answer said so.
    pub version: Option<u64>,
}

impl OutboxEntry {
    /// The mutation as pushed.
    pub fn mutation(&self) -> Mutation {
        Mutation {
            id: self.id,
            name: self.name.clone(),
            args: self.args.clone(),
            hlc: self.hlc,
        }
    }
}

/// A mutation of this client the store rejected, kept for the agent to see (the `rejections` store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRejection {
    /// The mutation id.
    pub mutation_id: u64,
    /// The mutation's name, when the client still had it.
    pub name: Option<String>,
    /// The item the mutation acted on, when it names one and the client
    /// still had it (none in a rejection stored before this was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemKey>,
    /// Stable code.
    pub code: RejectCode,
    /// The store's reason, in English.
    pub message: String,
    /// The store's reason as data, when it sent one (none in a rejection
    /// stored before refusals were data; see [`refusal::lenient`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "refusal::lenient"
    )]
    pub refusal: Option<Refusal>,
}

/// What to write to IndexedDB after a call: deletes first, then puts, then `meta`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Persist {
    /// Keys to delete from `records`.
    pub records_deleted: Vec<RecordKey>,
    /// Records to put into `records`.
    pub records_put: Vec<Change>,
    /// Mutation ids to delete from `outbox`.
    pub outbox_deleted: Vec<u64>,
    /// Entries to put into `outbox`.
    pub outbox_put: Vec<OutboxEntry>,
    /// Mutation ids to delete from `rejections`.
    pub rejections_deleted: Vec<u64>,
    /// Rejections to put into `rejections`.
    pub rejections_put: Vec<ClientRejection>,
    /// The `meta` record to put (none when it did not change).
    pub meta: Option<Meta>,
}

impl Persist {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self == &Persist::default()
    }
}

/// Everything IndexedDB holds for a client, as read on every wake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersistedState {
    /// The `meta` record.
    pub meta: Meta,
    /// The `records` store.
    pub records: Vec<Change>,
    /// The `outbox` store.
    pub outbox: Vec<OutboxEntry>,
    /// The `rejections` store.
    pub rejections: Vec<ClientRejection>,
}

impl PersistedState {
    /// The state of a new client before anything is written.
    pub fn new(client_id: impl Into<String>) -> PersistedState {
        PersistedState {
            meta: Meta {
                client_id: client_id.into(),
                cookie: None,
                last_mutation_id: 0,
                hlc: 0,
            },
            records: Vec::new(),
            outbox: Vec::new(),
            rejections: Vec::new(),
        }
    }

    /// Writes a delta the way the worker writes it to IndexedDB (the reference semantics).
    pub fn apply(&mut self, delta: &Persist) {
        write_store(
            &mut self.records,
            RecordKey::of_change,
            &delta.records_deleted,
            &delta.records_put,
        );
        write_store(
            &mut self.outbox,
            |entry| entry.id,
            &delta.outbox_deleted,
            &delta.outbox_put,
        );
        write_store(
            &mut self.rejections,
            |rejection| rejection.mutation_id,
            &delta.rejections_deleted,
            &delta.rejections_put,
        );
        if let Some(meta) = &delta.meta {
            self.meta = meta.clone();
        }
    }
}

/// Deletes then puts values of one object store, kept sorted by key.
fn write_store<K: Ord, V: Clone>(values: &mut Vec<V>, key: fn(&V) -> K, deleted: &[K], put: &[V]) {
    // Filled by `extend` (`collect` would link a stable sort per store type).
    let mut by_key: BTreeMap<K, V> = BTreeMap::new();
    by_key.extend(values.drain(..).map(|value| (key(&value), value)));
    for gone in deleted {
        by_key.remove(gone);
    }
    for value in put {
        by_key.insert(key(value), value.clone());
    }
    *values = by_key.into_values().collect();
}
