//! The client's copies of the team's records: the confirmed copy (as the store
//! last sent it) and the optimistic overlay (pending mutations re-applied on top),
//! read together through [`View`].

use crate::model::{Conversation, Customer, ItemKey, Member, TeamSettings, Ticket};
use crate::sync::entity::{Entity, EntityKind, SETTINGS_ID};
use crate::sync::mutator::{EntityReader, Versioned};
use crate::sync::protocol::Change;
use crate::sync::record::Record;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::convert::Infallible;

/// Where a record lives: its kind and its id within the kind (the `records` store's key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordKey {
    /// The record's kind.
    pub kind: EntityKind,
    /// The record's id within its kind.
    pub id: String,
}

impl RecordKey {
    /// The key of the record of type `T` with `id`.
    pub fn of<T: Record>(id: impl Into<String>) -> RecordKey {
        RecordKey {
            kind: T::KIND,
            id: id.into(),
        }
    }

    /// The key of a pulled or persisted record.
    pub fn of_change(change: &Change) -> RecordKey {
        RecordKey {
            kind: change.entity.kind(),
            id: change.id.clone(),
        }
    }
}

/// Records by key, each with the team version that last wrote it.
pub type Records = BTreeMap<RecordKey, Versioned>;

/// The optimistic records: the overlay where a pending mutation wrote, else the confirmed copy.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub(super) confirmed: &'a Records,
    pub(super) overlay: &'a Records,
}

impl<'a> View<'a> {
    /// The record at `key` with its version, if any.
    pub fn record(&self, key: &RecordKey) -> Option<&'a Versioned> {
        self.overlay.get(key).or_else(|| self.confirmed.get(key))
    }

    /// Every record, by key.
    pub fn records(&self) -> impl Iterator<Item = (&'a RecordKey, &'a Versioned)> {
        // Filled by `extend` (`collect` would link a stable sort).
        let mut merged: BTreeMap<&'a RecordKey, &'a Versioned> = BTreeMap::new();
        merged.extend(self.confirmed.iter());
        merged.extend(self.overlay.iter());
        merged.into_iter()
    }

    /// Every record of `kind`, borrowed, without the copies or the merged
    /// map [`View::all`] and [`View::records`] make: the confirmed ones
    /// (where a pending mutation wrote, its value) by key, then those only
    /// pending mutations created.
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &'a Entity> {
        let range = move |records: &'a Records| {
            records
                .range(
                    RecordKey {
                        kind,
                        id: String::new(),
                    }..,
                )
                .take_while(move |(key, _)| key.kind == kind)
        };
        let (confirmed, overlay) = (self.confirmed, self.overlay);
        range(confirmed)
            .map(move |(key, stored)| overlay.get(key).unwrap_or(stored))
            .chain(
                range(overlay)
                    .filter(move |(key, _)| !confirmed.contains_key(key))
                    .map(|(_, stored)| stored),
            )
            .map(|stored| &stored.entity)
    }

    /// The record of type `T` with `id`, if any.
    pub fn get<T: Record>(&self, id: &str) -> Option<T> {
        self.record(&RecordKey::of::<T>(id))
            .and_then(|stored| T::from_entity(stored.entity.clone()))
    }

    /// Every record of type `T`, by id.
    pub fn all<T: Record>(&self) -> Vec<T> {
        let range = |records: &'a Records| {
            records
                .range(RecordKey::of::<T>("")..)
                .take_while(|(key, _)| key.kind == T::KIND)
        };
        let mut merged: BTreeMap<&RecordKey, &Versioned> = BTreeMap::new();
        merged.extend(range(self.confirmed));
        merged.extend(range(self.overlay));
        merged
            .into_values()
            .filter_map(|stored| T::from_entity(stored.entity.clone()))
            .collect()
    }

    /// The ticket for an item, if any.
    pub fn ticket(&self, item: &ItemKey) -> Option<Ticket> {
        self.get(&item.to_string())
    }

    /// The ticket items of conversation `key` join, if any.
    pub fn conversation_ticket(&self, key: &str) -> Option<Ticket> {
        self.get::<Conversation>(key)
            .and_then(|conversation| self.ticket(&conversation.ticket))
    }

    /// Every ticket, by item key.
    pub fn tickets(&self) -> Vec<Ticket> {
        self.all()
    }

    /// A customer by id.
    pub fn customer(&self, id: &str) -> Option<Customer> {
        self.get(id)
    }

    /// The team settings (the defaults until the first pull brings them).
    pub fn settings(&self) -> TeamSettings {
        self.get(SETTINGS_ID).unwrap_or_default()
    }

    /// The team's members, by agent id.
    pub fn members(&self) -> Vec<Member> {
        self.all()
    }
}

impl EntityReader for View<'_> {
    type Error = Infallible;

    fn read(&mut self, kind: EntityKind, id: &str) -> Result<Option<Versioned>, Infallible> {
        Ok(self
            .record(&RecordKey {
                kind,
                id: id.to_owned(),
            })
            .cloned())
    }
}
