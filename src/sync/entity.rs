//! The records the store syncs, as one tagged type.

use crate::model::{
    Conversation, Customer, Guideline, Member, Note, TeamSettings, Template, Ticket,
};
use serde::de::{DeserializeSeed, Deserializer};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of synced records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A [`Ticket`], keyed by its item key.
    Ticket,
    /// A [`Note`], keyed by its id.
    Note,
    /// A [`Customer`], keyed by its id.
    Customer,
    /// A [`Template`], keyed by its id.
    Template,
    /// A [`Guideline`], keyed by its id.
    Guideline,
    /// The team's [`TeamSettings`], keyed by [`SETTINGS_ID`].
    Settings,
    /// A [`Member`], keyed by agent id.
    Member,
    /// A [`Conversation`], keyed by its conversation key.
    Conversation,
}

/// The id of the team's one settings record.
pub const SETTINGS_ID: &str = "team";

impl EntityKind {
    /// Every kind, in a stable order.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Ticket,
        EntityKind::Note,
        EntityKind::Customer,
        EntityKind::Template,
        EntityKind::Guideline,
        EntityKind::Settings,
        EntityKind::Member,
        EntityKind::Conversation,
    ];

    /// The lowercase name used on the wire and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Ticket => "ticket",
            EntityKind::Note => "note",
            EntityKind::Customer => "customer",
            EntityKind::Template => "template",
            EntityKind::Guideline => "guideline",
            EntityKind::Settings => "settings",
            EntityKind::Member => "member",
            EntityKind::Conversation => "conversation",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an unknown entity kind name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown entity kind {0:?}")]
pub struct ParseEntityKindError(pub String);

impl FromStr for EntityKind {
    type Err = ParseEntityKindError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        EntityKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
            .ok_or_else(|| ParseEntityKindError(name.to_owned()))
    }
}

/// A synced record with its kind: `{"kind": "ticket", "body": {...}}` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "body", rename_all = "lowercase")]
pub enum Entity {
    /// A ticket.
    Ticket(Ticket),
    /// A note.
    Note(Note),
    /// A customer profile.
    Customer(Customer),
    /// A reply template.
    Template(Template),
    /// A tone guideline.
    Guideline(Guideline),
    /// The team settings.
    Settings(TeamSettings),
    /// A team member.
    Member(Member),
    /// A conversation's current ticket.
    Conversation(Conversation),
}

impl Entity {
    /// The record's kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Ticket(_) => EntityKind::Ticket,
            Entity::Note(_) => EntityKind::Note,
            Entity::Customer(_) => EntityKind::Customer,
            Entity::Template(_) => EntityKind::Template,
            Entity::Guideline(_) => EntityKind::Guideline,
            Entity::Settings(_) => EntityKind::Settings,
            Entity::Member(_) => EntityKind::Member,
            Entity::Conversation(_) => EntityKind::Conversation,
        }
    }

    /// The record's id within its kind.
    pub fn id(&self) -> String {
        match self {
            Entity::Ticket(ticket) => ticket.item.to_string(),
            Entity::Note(note) => note.id.clone(),
            Entity::Customer(customer) => customer.id.clone(),
            Entity::Template(template) => template.id.clone(),
            Entity::Guideline(guideline) => guideline.id.clone(),
            Entity::Settings(_) => SETTINGS_ID.to_owned(),
            Entity::Member(member) => member.agent_id.clone(),
            Entity::Conversation(conversation) => conversation.key.clone(),
        }
    }

    /// The body alone, as JSON (what the store keeps per record).
    pub fn body_json(&self) -> serde_json::Result<String> {
        match self {
            Entity::Ticket(body) => serde_json::to_string(body),
            Entity::Note(body) => serde_json::to_string(body),
            Entity::Customer(body) => serde_json::to_string(body),
            Entity::Template(body) => serde_json::to_string(body),
            Entity::Guideline(body) => serde_json::to_string(body),
            Entity::Settings(body) => serde_json::to_string(body),
            Entity::Member(body) => serde_json::to_string(body),
            Entity::Conversation(body) => serde_json::to_string(body),
        }
    }

    /// Rebuilds a record from its kind and body JSON.
    pub fn from_body_json(kind: EntityKind, body: &str) -> serde_json::Result<Entity> {
        let mut deserializer = serde_json::Deserializer::from_str(body);
        let entity = BodySeed(kind).deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(entity)
    }
}

/// Reads a record's body whose kind is already known, with whatever
/// deserializer holds it (no buffering of the body).
pub(crate) struct BodySeed(pub EntityKind);

impl<'de> DeserializeSeed<'de> for BodySeed {
    type Value = Entity;

    fn deserialize<D: Deserializer<'de>>(self, body: D) -> Result<Entity, D::Error> {
        Ok(match self.0 {
            EntityKind::Ticket => Entity::Ticket(Deserialize::deserialize(body)?),
            EntityKind::Note => Entity::Note(Deserialize::deserialize(body)?),
            EntityKind::Customer => Entity::Customer(Deserialize::deserialize(body)?),
            EntityKind::Template => Entity::Template(Deserialize::deserialize(body)?),
            EntityKind::Guideline => Entity::Guideline(Deserialize::deserialize(body)?),
            EntityKind::Settings => Entity::Settings(Deserialize::deserialize(body)?),
            EntityKind::Member => Entity::Member(Deserialize::deserialize(body)?),
            EntityKind::Conversation => Entity::Conversation(Deserialize::deserialize(body)?),
        })
    }
}
