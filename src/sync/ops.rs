//! The mutations a sync client may send, by name, with their arguments.

use crate::care::{Intent, UrgencyLevel};
use crate::model::{
    ItemKey, PageAuthor, Platform, Priority, Prompt, TeamSettings, TemplateState, TemplateVariant,
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
    /// The item's permalink as the page gives it (kept in the audit log; the
    /// product-ideas report links to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
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
            permalink: None,
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

/// Arguments of `ticket.remind`: set or clear the ticket's follow-up reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketRemind {
    /// The ticket.
    pub item: ItemKey,
    /// When to remind (Unix milliseconds), or none to clear the reminder.
    pub at: Option<i64>,
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
    /// The template the reply was written from, if any (counted in the team report).
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

/// Arguments of `customer.link`, `customer.unlink` and `customer.reject_link`.
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
    /// Free tags for search.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The intents it answers.
    #[serde(default)]
    pub intents: Vec<Intent>,
    /// Fill-in prompts.
    #[serde(default)]
    pub prompts: Vec<Prompt>,
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
/// Read through [`Op::parse`] (see the `Deserialize` impl below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "name", content = "args")]
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
    /// `ticket.remind`.
    #[serde(rename = "ticket.remind")]
    TicketRemind(TicketRemind),
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
    /// `customer.reject_link`: an agent said the identity is not this customer.
    #[serde(rename = "customer.reject_link")]
    CustomerRejectLink(CustomerIdentity),
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

/// A mutation as written on the wire, before its arguments are read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireOp {
    name: String,
    args: serde_json::Value,
}

/// Reads `{"name", "args"}` and the arguments by [`Op::parse`], so each
/// mutation's arguments have one decoder (from a JSON value) wherever a
/// mutation is read. The derived tagged form added two per mutation, one
/// streaming and one buffered through serde's `Content`: 165 KB of the
/// worker's wasm before `wasm-opt`.
impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Op, D::Error> {
        use serde::de::Error as _;
        let wire = WireOp::deserialize(deserializer)?;
        Op::parse(&wire.name, &wire.args).map_err(D::Error::custom)
    }
}

/// One table of the mutations, `"wire.name" => Variant`, from which the
/// parser, the list of names and each mutation's name are all written.
macro_rules! mutations {
    ($($name:literal => $variant:ident,)*) => {
        impl Op {
            /// Parses a mutation's name and arguments as sent on the wire (the
            /// arguments straight into their type: no copy of them, and no
            /// buffering through serde's generic `Content` as the derived
            /// tagged form would).
            pub fn parse(name: &str, args: &serde_json::Value) -> Result<Op, serde_json::Error> {
                use serde::de::Error as _;
                Ok(match name {
                    $($name => Op::$variant(Deserialize::deserialize(args)?),)*
                    unknown => return Err(serde_json::Error::unknown_variant(unknown, Op::NAMES)),
                })
            }

            /// Every mutation's wire name.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The mutation's wire name.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Op::$variant(_) => $name,)*
                }
            }
        }
    };
}

impl Op {
    /// The item the mutation acts on, for those that name one (a ticket's
    /// actions, a new note, a tone override).
    pub fn item(&self) -> Option<&ItemKey> {
        match self {
            Op::TicketCreate(TicketCreate { item, .. })
            | Op::TicketSetStatus(TicketSetStatus { item, .. })
            | Op::TicketReopen(TicketReopen { item })
            | Op::TicketAssign(TicketAssign { item, .. })
            | Op::TicketSetPriority(TicketSetPriority { item, .. })
            | Op::TicketTag(TicketTag { item, .. })
            | Op::TicketRemind(TicketRemind { item, .. })
            | Op::TicketResponded(TicketResponded { item, .. })
            | Op::NoteAdd(NoteAdd { item, .. })
            | Op::ToneOverride(ToneOverride { item, .. }) => Some(item),
            Op::NoteEdit(_)
            | Op::CustomerUpsert(_)
            | Op::CustomerLink(_)
            | Op::CustomerUnlink(_)
            | Op::CustomerRejectLink(_)
            | Op::TemplateSave(_)
            | Op::TemplateSetState(_)
            | Op::GuidelineSave(_)
            | Op::SettingsUpdate(_) => None,
        }
    }
}

mutations! {
    "ticket.create" => TicketCreate,
    "ticket.set_status" => TicketSetStatus,
    "ticket.reopen" => TicketReopen,
    "ticket.assign" => TicketAssign,
    "ticket.set_priority" => TicketSetPriority,
    "ticket.tag" => TicketTag,
    "ticket.remind" => TicketRemind,
    "ticket.responded" => TicketResponded,
    "note.add" => NoteAdd,
    "note.edit" => NoteEdit,
    "customer.upsert" => CustomerUpsert,
    "customer.link" => CustomerLink,
    "customer.unlink" => CustomerUnlink,
    "customer.reject_link" => CustomerRejectLink,
    "template.save" => TemplateSave,
    "template.set_state" => TemplateSetState,
    "guideline.save" => GuidelineSave,
    "settings.update" => SettingsUpdate,
    "tone.override" => ToneOverride,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TicketStatus;

    #[test]
    fn parse_reads_what_the_tagged_form_writes_and_names_an_unknown_mutation() {
        let op = Op::TicketSetStatus(TicketSetStatus {
            item: "x:1".parse().unwrap(),
            status: TicketStatus::Pending,
            base_version: 3,
        });
        let wire = serde_json::to_value(&op).unwrap();
        assert_eq!(Op::parse(op.name(), &wire["args"]).unwrap(), op);
        assert!(Op::NAMES.contains(&op.name()));
        let unknown = Op::parse("ticket.explode", &wire["args"]).unwrap_err();
        assert!(unknown.to_string().contains("ticket.explode"), "{unknown}");
        assert!(Op::parse("ticket.reopen", &serde_json::json!({})).is_err());
    }

    #[test]
    fn deserialize_reads_the_tagged_form_in_either_order_and_refuses_extra_fields() {
        let op = Op::TicketReopen(TicketReopen {
            item: "x:1".parse().unwrap(),
        });
        let text = serde_json::to_string(&op).unwrap();
        assert_eq!(serde_json::from_str::<Op>(&text).unwrap(), op);
        let args_first = r#"{"args": {"item": "x:1"}, "name": "ticket.reopen"}"#;
        assert_eq!(serde_json::from_str::<Op>(args_first).unwrap(), op);
        let extra = r#"{"name": "ticket.reopen", "args": {"item": "x:1"}, "at": 1}"#;
        assert!(serde_json::from_str::<Op>(extra).is_err());
        let unknown = serde_json::from_str::<Op>(r#"{"name": "ticket.explode", "args": {}}"#);
        assert!(unknown.unwrap_err().to_string().contains("ticket.explode"));
        assert!(serde_json::from_str::<Op>(r#"{"name": "ticket.reopen"}"#).is_err());
    }
}
