//! Typed access to the synced records: one [`Record`] trait per record type, so
//! mutators, the store and the sync client read `reader.get::<Ticket>(id)`
//! ([`super::EntityReader::get`]) instead of matching on [`Entity`] variants.

use super::entity::{Entity, EntityKind, SETTINGS_ID};
use crate::model::{
    Conversation, Customer, Guideline, Member, Note, TeamSettings, Template, Ticket,
};

/// A synced record type: its kind, and the way in and out of [`Entity`].
pub trait Record: Sized {
    /// The kind of every record of this type.
    const KIND: EntityKind;
    /// The record inside `entity`, if it is of this type.
    fn from_entity(entity: Entity) -> Option<Self>;
    /// The record as an [`Entity`].
    fn into_entity(self) -> Entity;
    /// The record's id within its kind.
    fn id(&self) -> String;
}

macro_rules! record {
    ($type:ty, $variant:ident, |$record:ident| $id:expr) => {
        impl Record for $type {
            const KIND: EntityKind = EntityKind::$variant;
            fn from_entity(entity: Entity) -> Option<Self> {
                match entity {
                    Entity::$variant(record) => Some(record),
                    _ => None,
                }
            }
            fn into_entity(self) -> Entity {
                Entity::$variant(self)
            }
            fn id(&self) -> String {
                let $record = self;
                $id
            }
        }
    };
}

record!(Ticket, Ticket, |ticket| ticket.item.to_string());
record!(Note, Note, |note| note.id.clone());
record!(Customer, Customer, |customer| customer.id.clone());
record!(Template, Template, |template| template.id.clone());
record!(Guideline, Guideline, |guideline| guideline.id.clone());
record!(TeamSettings, Settings, |_settings| SETTINGS_ID.to_owned());
record!(Member, Member, |member| member.agent_id.clone());
record!(Conversation, Conversation, |conversation| conversation
    .key
    .clone());
