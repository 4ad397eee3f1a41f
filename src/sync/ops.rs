//! The mutations a sync client may send, by name, with their arguments.

use crate::care::{Intent, UrgencyLevel};
use crate::model::{
    ItemKey, PageAuthor, Platform, Priority, TeamSettings, TemplateState, TemplateVariant,
    TicketStatus,
};
use crate::sentiment::Label;
use serde::{Deserialize, Serialize};

/// Arguments of `ticket.create`: open a ticket for an item with what the page shows
/// (a no-op when the item has one; the item joins its conversation's unresolved ticket).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketCreate {
    /// The item the ticket is about.
    pub item: ItemKey,
    /// The conversation key (see [`crate::model::Conversation`]).
    pub conversation: String,
    /// The customer profile id, when known (else matched or created from `author`).
    #[serde(default)]
    pub customer: Option<String>,
    /// The item's author as the page shows them: the customer is matched or created by it.
    #[serde(default)]
    pub author: Option<PageAuthor>,
    /// The initial priority (normal when absent).
    #[serde(default)]
    pub priority: Option<Priority>,
    /// When the customer posted (Unix milliseconds, read off the page).
    #[serde(default)]
    pub posted_at: Option<i64>,
    /// The start of the customer's text (plain text).
    #[serde(default)]
    pub excerpt: Option<String>,
    /// The sentiment label.
    #[serde(default)]
    pub sentiment: Option<Label>,
    /// The urgency band.
    #[serde(default)]
    pub urgency: Option<UrgencyLevel>,
    /// The intent.
    #[serde(default)]
    pub intent: Option<Intent>,
    /// The language (ISO 639-1).
    #[serde(default)]
    pub language: Option<String>,
}

impl TicketCreate {
    /// A create for `item` in `conversation` with nothing else known.
    pub fn new(item: ItemKey, conversation: impl Into<String>) -> TicketCreate {
        TicketCreate {
            item,
            conversation: conversation.into(),
            customer: None,
            author: None,
            priority: None,
            posted_at: None,
            excerpt: None,
            sentiment: None,
            urgency: None,
            intent: None,
            language: None,
        }
    }
}

/// Arguments of `ticket.set_status`: a state-machine move (not a reopen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketSetStatus {
    /// The ticket.
    pub item: ItemKey,
    /// The new status.
    pub status: TicketStatus,
    /// The ticket version the client saw (the sync client fills it from its confirmed copy).
    #[serde(default)]
    pub base_version: u64,
}

/// Arguments of `ticket.reopen`: the only way out of `resolved`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketReopen {
    /// The ticket.
    pub item: ItemKey,
}

/// Arguments of `ticket.assign`: claim, hand over or release a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketAssign {
    /// The ticket.
    pub item: ItemKey,
    /// The new assignee's agent id, or none to release.
    pub assignee: Option<String>,
    /// The ticket version the client saw (the sync client fills it from its confirmed copy).
    #[serde(default)]
    pub base_version: u64,
}

/// Arguments of `ticket.set_priority`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketSetPriority {
    /// The ticket.
    pub item: ItemKey,
    /// The new priority.
    pub priority: Priority,
    /// The ticket version the client saw (the sync client fills it from its confirmed copy).
    #[serde(default)]
    pub base_version: u64,
}

/// Arguments of `ticket.tag`: add and remove tags (set semantics, add wins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketTag {
    /// The ticket.
    pub item: ItemKey,
    /// Tags to add.
    #[serde(default)]
    pub add: Vec<String>,
    /// Tags to remove (only those added at or before `base_version`).
    #[serde(default)]
    pub remove: Vec<String>,
    /// The ticket version the client saw (the sync client fills it from its confirmed copy).
    #[serde(default)]
    pub base_version: u64,
}

/// Arguments of `ticket.responded`: the team answered the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketResponded {
    /// The ticket.
    pub item: ItemKey,
    /// The approved template the reply was built from, if any (template usage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
}

/// Arguments of `note.add`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteAdd {
    /// Client-generated note id.
    pub id: String,
    /// The ticket.
    pub item: ItemKey,
    /// The text.
    pub body: String,
}

/// Arguments of `note.edit` (author only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteEdit {
    /// The note id.
    pub id: String,
    /// The new text.
    pub body: String,
}

/// Arguments of `customer.upsert`: create a profile or rename it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerUpsert {
    /// Client-generated customer id.
    pub id: String,
    /// The name agents see.
    pub display_name: String,
}

/// Arguments of `customer.link` and `customer.unlink`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerIdentity {
    /// The customer id.
    pub id: String,
    /// The platform.
    pub platform: Platform,
    /// The handle or platform id.
    pub handle: String,
    /// For an unlink: the customer version the client saw (a link made after it wins).
    #[serde(default)]
    pub base_version: u64,
}

/// Arguments of `template.save` (lead or admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSave {
    /// Template id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Variants per platform and language.
    pub variants: Vec<TemplateVariant>,
    /// The revision the lead edited (0 for a new template).
    pub base_revision: u32,
}

/// Arguments of `template.set_state` (lead or admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSetState {
    /// Template id.
    pub id: String,
    /// New state.
    pub state: TemplateState,
    /// The revision the lead reviewed.
    pub base_revision: u32,
}

/// Arguments of `guideline.save` (lead or admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineSave {
    /// Guideline id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Source format, e.g. `toml`.
    pub format: String,
    /// Source text.
    pub source: String,
    /// The revision the lead edited (0 for a new guideline).
    pub base_revision: u32,
}

/// Arguments of `settings.update` (admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsUpdate {
    /// The complete new settings.
    pub settings: TeamSettings,
}

/// Arguments of `tone.override`: an agent sent a reply despite a tone rule (audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToneOverride {
    /// The item replied to.
    pub item: ItemKey,
    /// The tone rule overridden.
    pub rule: String,
    /// Why.
    pub reason: String,
}

/// A mutation, by name with its arguments: `{"name": "ticket.create", "args": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", content = "args", deny_unknown_fields)]
pub enum Op {
    /// `ticket.create`.
    #[serde(rename = "ticket.create")]
    TicketCreate(TicketCreate),
    /// `ticket.set_status`.
    #[serde(rename = "ticket.set_status")]
    TicketSetStatus(TicketSetStatus),
    /// `ticket.reopen`.
    #[serde(rename = "ticket.reopen")]
    TicketReopen(TicketReopen),
    /// `ticket.assign`.
    #[serde(rename = "ticket.assign")]
    TicketAssign(TicketAssign),
    /// `ticket.set_priority`.
    #[serde(rename = "ticket.set_priority")]
    TicketSetPriority(TicketSetPriority),
    /// `ticket.tag`.
    #[serde(rename = "ticket.tag")]
    TicketTag(TicketTag),
    /// `ticket.responded`.
    #[serde(rename = "ticket.responded")]
    TicketResponded(TicketResponded),
    /// `note.add`.
    #[serde(rename = "note.add")]
    NoteAdd(NoteAdd),
    /// `note.edit`.
    #[serde(rename = "note.edit")]
    NoteEdit(NoteEdit),
    /// `customer.upsert`.
    #[serde(rename = "customer.upsert")]
    CustomerUpsert(CustomerUpsert),
    /// `customer.link`.
    #[serde(rename = "customer.link")]
    CustomerLink(CustomerIdentity),
    /// `customer.unlink`.
    #[serde(rename = "customer.unlink")]
    CustomerUnlink(CustomerIdentity),
    /// `template.save`.
    #[serde(rename = "template.save")]
    TemplateSave(TemplateSave),
    /// `template.set_state`.
    #[serde(rename = "template.set_state")]
    TemplateSetState(TemplateSetState),
    /// `guideline.save`.
    #[serde(rename = "guideline.save")]
    GuidelineSave(GuidelineSave),
    /// `settings.update`.
    #[serde(rename = "settings.update")]
    SettingsUpdate(SettingsUpdate),
    /// `tone.override`.
    #[serde(rename = "tone.override")]
    ToneOverride(ToneOverride),
}

impl Op {
    /// Parses a mutation's name and arguments as sent on the wire.
    pub fn parse(name: &str, args: &serde_json::Value) -> Result<Op, serde_json::Error> {
        Op::deserialize(serde_json::json!({ "name": name, "args": args }))
    }

    /// The mutation's wire name.
    pub fn name(&self) -> &'static str {
        match self {
            Op::TicketCreate(_) => "ticket.create",
            Op::TicketSetStatus(_) => "ticket.set_status",
            Op::TicketReopen(_) => "ticket.reopen",
            Op::TicketAssign(_) => "ticket.assign",
            Op::TicketSetPriority(_) => "ticket.set_priority",
            Op::TicketTag(_) => "ticket.tag",
            Op::TicketResponded(_) => "ticket.responded",
            Op::NoteAdd(_) => "note.add",
            Op::NoteEdit(_) => "note.edit",
            Op::CustomerUpsert(_) => "customer.upsert",
            Op::CustomerLink(_) => "customer.link",
            Op::CustomerUnlink(_) => "customer.unlink",
            Op::TemplateSave(_) => "template.save",
            Op::TemplateSetState(_) => "template.set_state",
            Op::GuidelineSave(_) => "guideline.save",
            Op::SettingsUpdate(_) => "settings.update",
            Op::ToneOverride(_) => "tone.override",
        }
    }
}
