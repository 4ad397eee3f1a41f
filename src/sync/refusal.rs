//! Why the mutators refused a mutation, as data: each reader words a
//! [`Refusal`] itself. `Display` gives the English the store's answers, its
//! audit log and the CLI have always said; the side panel words it in the
//! agent's language from the extension's message catalogue
//! (`extension/locales/<locale>/common.json`, `common_refusal_…`).

use super::mutator::RejectCode;
use crate::model::{ItemKey, Platform, Role, TicketStatus};
use crate::tone::{Wording, WordingValue};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// Why a mutation was refused, one variant per reason the mutators give
/// (and the worker's own refusal of an empty tag, and the store's approval
/// rule), with its values as data.
///
/// Serialised as one object with its kind in `refusal` and its values
/// beside it (`{"refusal":"stale","field":"status","changed_at":12,"seen":10}`;
/// a value that is none is left out). Read where it travels (a push answer,
/// a pull, the client's stored rejections, the panel's view) through
/// [`lenient`], so a refusal this build does not know reads as none and its
/// English `message` is shown instead.
///
/// The serde code is written here rather than derived with
/// `#[serde(tag = …)]`: one small reader of names and values serves every
/// kind (the derived one cost each wasm module that reads a refusal about
/// 40 KB before optimisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The agent's role is below the one the mutation needs ("ticket.assign
    /// needs the lead role").
    NeedsRole {
        /// The mutation's wire name.
        action: String,
        /// The least role allowed to send it.
        role: Role,
    },
    /// An id-like argument is empty, too long or holds control characters
    /// ("tag must be 1–128 characters without control characters").
    BadId {
        /// The argument's wire name (`tag`, `author.handle`).
        field: String,
        /// The most characters allowed.
        max: u32,
    },
    /// A text argument is too long ("body is longer than 20000 characters").
    TooLong {
        /// The argument's wire name (`body`, `excerpt`).
        field: String,
        /// The most characters allowed.
        max: u32,
    },
    /// A note with nothing but white space ("a note needs some text").
    EmptyNote,
    /// A scalar field changed after the version the client saw, by a newer
    /// edit ("status was changed at version 12 after the version 10 you saw,
    /// by a newer edit").
    Stale {
        /// The field.
        field: ScalarField,
        /// The team version that last changed it.
        changed_at: u64,
        /// The version the client saw (its base version).
        seen: u64,
    },
    /// The item has no ticket ("no ticket for x:42").
    NoTicket {
        /// The item.
        item: ItemKey,
    },
    /// A ticket's author is on another platform than its item
    /// ("author.platform must be the item's platform").
    AuthorPlatform,
    /// A status change the state machine does not allow ("a resolved ticket
    /// cannot become pending (use ticket.reopen)").
    CannotBecome {
        /// The ticket's status.
        from: TicketStatus,
        /// The status asked for.
        to: TicketStatus,
    },
    /// A reopen of a ticket that is not resolved ("only a resolved ticket
    /// reopens; this one is open").
    NotResolved {
        /// The ticket's status.
        status: TicketStatus,
    },
    /// An agent assigning a ticket to or from someone else ("only a lead
    /// reassigns a ticket to or from another agent").
    LeadReassigns,
    /// The ticket's assignment changed after the version the client saw
    /// ("the ticket was assigned to ag_kim at version 12 after the version
    /// 10 you saw").
    AssignedMeanwhile {
        /// Who has the ticket now (an agent id as the store keeps it), or
        /// none ("nobody").
        assignee: Option<String>,
        /// The team version of that assignment.
        changed_at: u64,
        /// The version the client saw (its base version).
        seen: u64,
    },
    /// More tags than a ticket may have ("a ticket has at most 50 tags").
    TooManyTags {
        /// The most tags allowed.
        max: u32,
    },
    /// A reminder time that is not a positive Unix time ("at must be a
    /// positive Unix time in milliseconds").
    ReminderTime,
    /// A note id already taken ("note n1 exists").
    NoteExists {
        /// The note's id.
        id: String,
    },
    /// No note with the id ("no note n1").
    NoNote {
        /// The note's id.
        id: String,
    },
    /// An edit of someone else's note ("only the author edits a note").
    NotNoteAuthor,
    /// No customer with the id ("no customer x:dana").
    NoCustomer {
        /// The customer's id.
        id: String,
    },
    /// No template with the id ("no template late-order").
    NoTemplate {
        /// The template's id.
        id: String,
    },
    /// No guideline with the id ("no guideline house-style").
    NoGuideline {
        /// The guideline's id.
        id: String,
    },
    /// A template without variants ("a template needs at least one variant").
    NoVariants,
    /// A template changed since the revision the lead reviewed ("template
    /// late-order is at revision 3, not the 2 you reviewed").
    TemplateRevised {
        /// The template's id.
        id: String,
        /// Its revision now.
        revision: u32,
        /// The revision the lead reviewed.
        reviewed: u32,
    },
    /// A first-response target out of range ("first_response_minutes must
    /// be 1–10080").
    FirstResponseMinutes {
        /// The least minutes allowed.
        min: u32,
        /// The most minutes allowed.
        max: u32,
    },
    /// Business days outside Monday to Sunday ("business_hours.days must be
    /// 1 (Monday) … 7 (Sunday)").
    BusinessDays,
    /// Business hours that end before they start, after midnight, or with
    /// too large an offset ("business hours need start < end ≤ 1440 and an
    /// offset within ±14 h").
    BusinessHours,
    /// A tag of white space only, refused by the worker before the rules
    /// ("a tag needs at least one character").
    EmptyTag,
    /// A mutation that cannot be read (an unknown name, arguments that do
    /// not parse): serde's technical text, shown as written.
    Unreadable {
        /// The technical detail.
        detail: String,
    },
    /// The store's approval rule: a template that does not read as one, so
    /// it cannot be approved ("template late-order cannot be approved:
    /// unknown placeholder {{customer.nick}}").
    TemplateInvalid {
        /// The template's id.
        id: String,
        /// What the template reader found, as written.
        detail: String,
    },
    /// The store's approval rule: the team's active guideline does not read,
    /// so no template can be checked against it ("the team's guideline house
    /// (revision 3) does not read, so templates cannot be checked: …").
    GuidelineInvalid {
        /// The guideline's id.
        id: String,
        /// Its revision.
        revision: u32,
        /// What the policy reader found, as written.
        detail: String,
    },
    /// The store's approval rule: a template whose rendering breaks a
    /// `block` rule of the team's active guideline ("template late-order
    /// cannot be approved: on x in "en" it breaks the block rule no-blame of
    /// guideline house (revision 3): …"), with the first problem found
    /// (boxed: the other refusals are small, and a rejection is returned
    /// by value).
    TemplateNotApprovable(Box<BlockedApproval>),
}

/// Why the approval rule refuses a template: the first way its rendering
/// breaks a `block` rule of the team's active guideline, and how many more
/// there are ([`Refusal::TemplateNotApprovable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockedApproval {
    /// The template's id.
    pub id: String,
    /// The platform it was rendered for.
    pub platform: Platform,
    /// The language it was rendered in (a template language tag, `en`).
    pub language: String,
    /// The broken rule's id, as in the guideline.
    pub rule: String,
    /// The guideline's id.
    pub guideline: String,
    /// The guideline's revision.
    pub revision: u32,
    /// What the rule says, in English (the tone finding's message, or the
    /// renderer's error).
    pub message: String,
    /// The same as the tone finding's wording, for the reader's language;
    /// none for a rendering error or a finding without one.
    pub finding: Option<Wording>,
    /// How many more problems the template has.
    pub more: u32,
}

/// A ticket field with the scalar conflict rule (docs/store.md, "Conflict
/// rules").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalarField {
    /// The ticket's status.
    Status,
    /// The ticket's priority.
    Priority,
    /// The ticket's follow-up reminder.
    Reminder,
}

impl ScalarField {
    /// Every scalar field.
    pub const ALL: [ScalarField; 3] = [
        ScalarField::Status,
        ScalarField::Priority,
        ScalarField::Reminder,
    ];

    /// The field's wire name: `"status"`, `"priority"` or `"reminder"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ScalarField::Status => "status",
            ScalarField::Priority => "priority",
            ScalarField::Reminder => "reminder",
        }
    }
}

/// The error for a field name that is none of `status`, `priority`,
/// `reminder`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scalar field {0:?}: expected status, priority or reminder")]
pub struct ParseScalarFieldError(pub String);

impl FromStr for ScalarField {
    type Err = ParseScalarFieldError;

    /// A field by its wire name (the name serde uses).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ScalarField::ALL
            .into_iter()
            .find(|field| field.as_str() == name)
            .ok_or_else(|| ParseScalarFieldError(name.to_owned()))
    }
}

impl Refusal {
    /// The stable code a refusal is rejected with.
    pub fn code(&self) -> RejectCode {
        match self {
            Refusal::NeedsRole { .. } | Refusal::LeadReassigns | Refusal::NotNoteAuthor => {
                RejectCode::Forbidden
            }
            Refusal::BadId { .. }
            | Refusal::TooLong { .. }
            | Refusal::EmptyNote
            | Refusal::AuthorPlatform
            | Refusal::TooManyTags { .. }
            | Refusal::ReminderTime
            | Refusal::NoVariants
            | Refusal::FirstResponseMinutes { .. }
            | Refusal::BusinessDays
            | Refusal::BusinessHours
            | Refusal::EmptyTag => RejectCode::InvalidArgs,
            Refusal::Stale { .. }
            | Refusal::AssignedMeanwhile { .. }
            | Refusal::TemplateRevised { .. } => RejectCode::Conflict,
            Refusal::NoTicket { .. }
            | Refusal::NoNote { .. }
            | Refusal::NoCustomer { .. }
            | Refusal::NoTemplate { .. }
            | Refusal::NoGuideline { .. } => RejectCode::NotFound,
            Refusal::NoteExists { .. } => RejectCode::AlreadyExists,
            Refusal::CannotBecome { .. } | Refusal::NotResolved { .. } => {
                RejectCode::InvalidTransition
            }
            Refusal::Unreadable { .. } => RejectCode::InvalidMutation,
            Refusal::TemplateInvalid { .. } => RejectCode::TemplateInvalid,
            Refusal::GuidelineInvalid { .. } => RejectCode::GuidelineInvalid,
            Refusal::TemplateNotApprovable { .. } => RejectCode::TemplateNotApprovable,
        }
    }
}

impl fmt::Display for ScalarField {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str(self.as_str())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NeedsRole { action, role } => write!(out, "{action} needs the {role} role"),
            Refusal::BadId { field, max } => {
                write!(out, "{field} must be 1–{max} characters without control characters")
            }
            Refusal::TooLong { field, max } => write!(out, "{field} is longer than {max} characters"),
            Refusal::EmptyNote => out.write_str("a note needs some text"),
            Refusal::Stale {
                field,
                changed_at,
                seen,
            } => write!(
                out,
                "{field} was changed at version {changed_at} after the version {seen} you saw, by a newer edit"
            ),
            Refusal::NoTicket { item } => write!(out, "no ticket for {item}"),
            Refusal::AuthorPlatform => out.write_str("author.platform must be the item's platform"),
            Refusal::CannotBecome { from, to } => {
                write!(out, "a {from} ticket cannot become {to} (use ticket.reopen)")
            }
            Refusal::NotResolved { status } => {
                write!(out, "only a resolved ticket reopens; this one is {status}")
            }
            Refusal::LeadReassigns => {
                out.write_str("only a lead reassigns a ticket to or from another agent")
            }
            Refusal::AssignedMeanwhile {
                assignee,
                changed_at,
                seen,
            } => write!(
                out,
                "the ticket was assigned to {} at version {changed_at} after the version {seen} you saw",
                assignee.as_deref().unwrap_or("nobody")
            ),
            Refusal::TooManyTags { max } => write!(out, "a ticket has at most {max} tags"),
            Refusal::ReminderTime => {
                out.write_str("at must be a positive Unix time in milliseconds")
            }
            Refusal::NoteExists { id } => write!(out, "note {id} exists"),
            Refusal::NoNote { id } => write!(out, "no note {id}"),
            Refusal::NotNoteAuthor => out.write_str("only the author edits a note"),
            Refusal::NoCustomer { id } => write!(out, "no customer {id}"),
            Refusal::NoTemplate { id } => write!(out, "no template {id}"),
            Refusal::NoGuideline { id } => write!(out, "no guideline {id}"),
            Refusal::NoVariants => out.write_str("a template needs at least one variant"),
            Refusal::TemplateRevised {
                id,
                revision,
                reviewed,
            } => write!(
                out,
                "template {id} is at revision {revision}, not the {reviewed} you reviewed"
            ),
            Refusal::FirstResponseMinutes { min, max } => {
                write!(out, "first_response_minutes must be {min}–{max}")
            }
            Refusal::BusinessDays => {
                out.write_str("business_hours.days must be 1 (Monday) … 7 (Sunday)")
            }
            Refusal::BusinessHours => out.write_str(
                "business hours need start < end ≤ 1440 and an offset within ±14 h",
            ),
            Refusal::EmptyTag => out.write_str("a tag needs at least one character"),
            Refusal::Unreadable { detail } => out.write_str(detail),
            Refusal::TemplateInvalid { id, detail } => {
                write!(out, "template {id} cannot be approved: {detail}")
            }
            Refusal::GuidelineInvalid {
                id,
                revision,
                detail,
            } => write!(
                out,
                "the team's guideline {id} (revision {revision}) does not read, so templates cannot be checked: {detail}"
            ),
            Refusal::TemplateNotApprovable(blocked) => {
                let BlockedApproval {
                    id,
                    platform,
                    language,
                    rule,
                    guideline,
                    revision,
                    message,
                    more,
                    ..
                } = &**blocked;
                write!(
                    out,
                    "template {id} cannot be approved: on {platform} in {language:?} it breaks the block rule {rule} of guideline {guideline} (revision {revision}): {message}"
                )?;
                match more {
                    0 => Ok(()),
                    more => write!(out, " ({more} more problem(s))"),
                }
            }
        }
    }
}

/// Reads an optional refusal leniently: absent, `null`, anything but an
/// object, a kind this build does not know (a newer store's) or a known kind
/// whose values are missing or do not read (a role or a status it does not
/// know) all read as `None`, so the rejection around it still reads and its
/// `message` is shown. For `#[serde(default, deserialize_with = "lenient")]`.
pub fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Refusal>, D::Error> {
    Ok(Fields::deserialize(deserializer)?.refusal())
}

impl Serialize for Refusal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (kind, values) = self.parts();
        let mut map = serializer.serialize_map(Some(values.len() + 1))?;
        map.serialize_entry("refusal", kind)?;
        for (name, value) in &values {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Refusal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Refusal, D::Error> {
        Fields::deserialize(deserializer)?
            .refusal()
            .ok_or_else(|| serde::de::Error::custom("an unknown or incomplete refusal"))
    }
}

/// One value of a refusal as serialised: text, a whole number, or a list or
/// an object of values (a tone finding's wording).
enum Value<'a> {
    /// Text: a name, an id, a wire name.
    Text(Cow<'a, str>),
    /// A whole number: a version, a limit, a revision.
    Number(u64),
    /// A list of values.
    List(Vec<Value<'a>>),
    /// An object's names and values, in order.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
    /// Anything else (read only: a value of a newer store's that this
    /// build passes over).
    Other,
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(text) => serializer.serialize_str(text),
            Value::Number(number) => serializer.serialize_u64(*number),
            Value::List(values) => {
                let mut seq = serializer.serialize_seq(Some(values.len()))?;
                for value in values {
                    seq.serialize_element(value)?;
                }
                seq.end()
            }
            Value::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (name, value) in entries {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
            Value::Other => serializer.serialize_unit(),
        }
    }
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Reads a [`Value`] of any JSON type.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a refusal's value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(text)))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(number))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(number).map_or(Value::Other, Value::Number))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Value::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Value::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element()? {
            values.push(value);
        }
        Ok(Value::List(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((name, value)) = map.next_entry::<String, Value<'static>>()? {
            entries.push((Cow::Owned(name), value));
        }
        Ok(Value::Object(entries))
    }
}

/// A refusal as read: its names and values in any order (none when it was
/// not an object). One small reader for every kind (serde's derive for a
/// tagged enum buffers each kind's fields through its generic `Content`,
/// which cost each wasm module that reads a refusal, the worker's replica
/// and the pages, about 40 KB before optimisation).
#[derive(Default)]
struct Fields(Vec<(Cow<'static, str>, Value<'static>)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Object(entries) => Fields(entries),
            _ => Fields::default(),
        })
    }
}

impl Fields {
    /// The value named `name`, taken out.
    fn take(&mut self, name: &str) -> Option<Value<'static>> {
        let at = self.0.iter().position(|(each, _)| each == name)?;
        Some(self.0.swap_remove(at).1)
    }

    /// The text named `name`.
    fn text(&mut self, name: &str) -> Option<String> {
        match self.take(name)? {
            Value::Text(text) => Some(text.into_owned()),
            _ => None,
        }
    }

    /// The whole number named `name`.
    fn number(&mut self, name: &str) -> Option<u64> {
        match self.take(name)? {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The count named `name` (a limit, a revision).
    fn count(&mut self, name: &str) -> Option<u32> {
        u32::try_from(self.number(name)?).ok()
    }

    /// The value named `name`, read from its wire name (a status, a role,
    /// a platform, a field).
    fn parsed<T: FromStr>(&mut self, name: &str) -> Option<T> {
        self.text(name)?.parse().ok()
    }

    /// The tone finding's wording named `name`: none when absent or when it
    /// does not read (its English message is shown then).
    fn wording(&mut self, name: &str) -> Option<Wording> {
        let Value::Object(entries) = self.take(name)? else {
            return None;
        };
        let mut wording = Fields(entries);
        let Value::List(values) = wording.take("values")? else {
            return None;
        };
        Some(Wording {
            key: Cow::Owned(wording.text("key")?),
            values: values
                .into_iter()
                .map(|value| match value {
                    Value::Text(text) => Some(WordingValue::Text(text.into_owned())),
                    Value::Object(entries) => Some(WordingValue::Number {
                        number: Fields(entries).text("number")?,
                    }),
                    _ => None,
                })
                .collect::<Option<_>>()?,
        })
    }

    /// The refusal these fields hold: none for a kind this build does not
    /// know, or one whose values are missing or do not read.
    fn refusal(mut self) -> Option<Refusal> {
        let kind = self.text("refusal")?;
        Some(match kind.as_str() {
            "needs_role" => Refusal::NeedsRole {
                action: self.text("action")?,
                role: self.parsed("role")?,
            },
            "bad_id" => Refusal::BadId {
                field: self.text("field")?,
                max: self.count("max")?,
            },
            "too_long" => Refusal::TooLong {
                field: self.text("field")?,
                max: self.count("max")?,
            },
            "empty_note" => Refusal::EmptyNote,
            "stale" => Refusal::Stale {
                field: self.parsed("field")?,
                changed_at: self.number("changed_at")?,
                seen: self.number("seen")?,
            },
            "no_ticket" => Refusal::NoTicket {
                item: self.parsed("item")?,
            },
            "author_platform" => Refusal::AuthorPlatform,
            "cannot_become" => Refusal::CannotBecome {
                from: self.parsed("from")?,
                to: self.parsed("to")?,
            },
            "not_resolved" => Refusal::NotResolved {
                status: self.parsed("status")?,
            },
            "lead_reassigns" => Refusal::LeadReassigns,
            "assigned_meanwhile" => Refusal::AssignedMeanwhile {
                assignee: self.text("assignee"),
                changed_at: self.number("changed_at")?,
                seen: self.number("seen")?,
            },
            "too_many_tags" => Refusal::TooManyTags {
                max: self.count("max")?,
            },
            "reminder_time" => Refusal::ReminderTime,
            "note_exists" => Refusal::NoteExists {
                id: self.text("id")?,
            },
            "no_note" => Refusal::NoNote {
                id: self.text("id")?,
            },
            "not_note_author" => Refusal::NotNoteAuthor,
            "no_customer" => Refusal::NoCustomer {
                id: self.text("id")?,
            },
            "no_template" => Refusal::NoTemplate {
                id: self.text("id")?,
            },
            "no_guideline" => Refusal::NoGuideline {
                id: self.text("id")?,
            },
            "no_variants" => Refusal::NoVariants,
            "template_revised" => Refusal::TemplateRevised {
                id: self.text("id")?,
                revision: self.count("revision")?,
                reviewed: self.count("reviewed")?,
            },
            "first_response_minutes" => Refusal::FirstResponseMinutes {
                min: self.count("min")?,
                max: self.count("max")?,
            },
            "business_days" => Refusal::BusinessDays,
            "business_hours" => Refusal::BusinessHours,
            "empty_tag" => Refusal::EmptyTag,
            "unreadable" => Refusal::Unreadable {
                detail: self.text("detail")?,
            },
            "template_invalid" => Refusal::TemplateInvalid {
                id: self.text("id")?,
                detail: self.text("detail")?,
            },
            "guideline_invalid" => Refusal::GuidelineInvalid {
                id: self.text("id")?,
                revision: self.count("revision")?,
                detail: self.text("detail")?,
            },
            "template_not_approvable" => {
                Refusal::TemplateNotApprovable(Box::new(BlockedApproval {
                    id: self.text("id")?,
                    platform: self.parsed("platform")?,
                    language: self.text("language")?,
                    rule: self.text("rule")?,
                    guideline: self.text("guideline")?,
                    revision: self.count("revision")?,
                    message: self.text("message")?,
                    finding: self.wording("finding"),
                    more: self.count("more")?,
                }))
            }
            _ => return None,
        })
    }
}

impl Refusal {
    /// The refusal as serialised: its kind and its values by name, in
    /// order (a value that is none is left out).
    fn parts(&self) -> (&'static str, Vec<(&'static str, Value<'_>)>) {
        fn text(text: &str) -> Value<'_> {
            Value::Text(Cow::Borrowed(text))
        }
        let count = |count: &u32| Value::Number(u64::from(*count));
        let versions = |changed_at: &u64, seen: &u64| {
            [
                ("changed_at", Value::Number(*changed_at)),
                ("seen", Value::Number(*seen)),
            ]
        };
        match self {
            Refusal::NeedsRole { action, role } => (
                "needs_role",
                vec![("action", text(action)), ("role", text(role.as_str()))],
            ),
            Refusal::BadId { field, max } => {
                ("bad_id", vec![("field", text(field)), ("max", count(max))])
            }
            Refusal::TooLong { field, max } => (
                "too_long",
                vec![("field", text(field)), ("max", count(max))],
            ),
            Refusal::EmptyNote => ("empty_note", vec![]),
            Refusal::Stale {
                field,
                changed_at,
                seen,
            } => {
                let mut values = vec![("field", text(field.as_str()))];
                values.extend(versions(changed_at, seen));
                ("stale", values)
            }
            Refusal::NoTicket { item } => (
                "no_ticket",
                vec![("item", Value::Text(Cow::Owned(item.to_string())))],
            ),
            Refusal::AuthorPlatform => ("author_platform", vec![]),
            Refusal::CannotBecome { from, to } => (
                "cannot_become",
                vec![("from", text(from.as_str())), ("to", text(to.as_str()))],
            ),
            Refusal::NotResolved { status } => {
                ("not_resolved", vec![("status", text(status.as_str()))])
            }
            Refusal::LeadReassigns => ("lead_reassigns", vec![]),
            Refusal::AssignedMeanwhile {
                assignee,
                changed_at,
                seen,
            } => {
                let mut values: Vec<_> = assignee
                    .iter()
                    .map(|assignee| ("assignee", text(assignee)))
                    .collect();
                values.extend(versions(changed_at, seen));
                ("assigned_meanwhile", values)
            }
            Refusal::TooManyTags { max } => ("too_many_tags", vec![("max", count(max))]),
            Refusal::ReminderTime => ("reminder_time", vec![]),
            Refusal::NoteExists { id } => ("note_exists", vec![("id", text(id))]),
            Refusal::NoNote { id } => ("no_note", vec![("id", text(id))]),
            Refusal::NotNoteAuthor => ("not_note_author", vec![]),
            Refusal::NoCustomer { id } => ("no_customer", vec![("id", text(id))]),
            Refusal::NoTemplate { id } => ("no_template", vec![("id", text(id))]),
            Refusal::NoGuideline { id } => ("no_guideline", vec![("id", text(id))]),
            Refusal::NoVariants => ("no_variants", vec![]),
            Refusal::TemplateRevised {
                id,
                revision,
                reviewed,
            } => (
                "template_revised",
                vec![
                    ("id", text(id)),
                    ("revision", count(revision)),
                    ("reviewed", count(reviewed)),
                ],
            ),
            Refusal::FirstResponseMinutes { min, max } => (
                "first_response_minutes",
                vec![("min", count(min)), ("max", count(max))],
            ),
            Refusal::BusinessDays => ("business_days", vec![]),
            Refusal::BusinessHours => ("business_hours", vec![]),
            Refusal::EmptyTag => ("empty_tag", vec![]),
            Refusal::Unreadable { detail } => ("unreadable", vec![("detail", text(detail))]),
            Refusal::TemplateInvalid { id, detail } => (
                "template_invalid",
                vec![("id", text(id)), ("detail", text(detail))],
            ),
            Refusal::GuidelineInvalid {
                id,
                revision,
                detail,
            } => (
                "guideline_invalid",
                vec![
                    ("id", text(id)),
                    ("revision", count(revision)),
                    ("detail", text(detail)),
                ],
            ),
            Refusal::TemplateNotApprovable(blocked) => {
                let mut values = vec![
                    ("id", text(&blocked.id)),
                    ("platform", text(blocked.platform.as_str())),
                    ("language", text(&blocked.language)),
                    ("rule", text(&blocked.rule)),
                    ("guideline", text(&blocked.guideline)),
                    ("revision", count(&blocked.revision)),
                    ("message", text(&blocked.message)),
                ];
                values.extend(
                    blocked
                        .finding
                        .as_ref()
                        .map(|finding| ("finding", wording(finding))),
                );
                values.push(("more", count(&blocked.more)));
                ("template_not_approvable", values)
            }
        }
    }
}

/// A tone finding's wording as a refusal's value:
/// `{"key": "tone_…", "values": ["Hi Ana", {"number": "12.3"}]}`.
fn wording(wording: &Wording) -> Value<'_> {
    let values = wording
        .values
        .iter()
        .map(|value| match value {
            WordingValue::Text(text) => Value::Text(Cow::Borrowed(text)),
            WordingValue::Number { number } => {
                Value::Object(vec![("number".into(), Value::Text(Cow::Borrowed(number)))])
            }
        })
        .collect();
    Value::Object(vec![
        ("key".into(), Value::Text(Cow::Borrowed(&wording.key))),
        ("values".into(), Value::List(values)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn every_refusal() -> Vec<(Refusal, &'static str)> {
        vec![
            (
                Refusal::NeedsRole {
                    action: "template.save".into(),
                    role: Role::Lead,
                },
                "template.save needs the lead role",
            ),
            (
                Refusal::BadId {
                    field: "author.handle".into(),
                    max: 128,
                },
                "author.handle must be 1–128 characters without control characters",
            ),
            (
                Refusal::TooLong {
                    field: "body".into(),
                    max: 20_000,
                },
                "body is longer than 20000 characters",
            ),
            (Refusal::EmptyNote, "a note needs some text"),
            (
                Refusal::Stale {
                    field: ScalarField::Status,
                    changed_at: 12,
                    seen: 10,
                },
                "status was changed at version 12 after the version 10 you saw, by a newer edit",
            ),
            (
                Refusal::Stale {
                    field: ScalarField::Priority,
                    changed_at: 3,
                    seen: 0,
                },
                "priority was changed at version 3 after the version 0 you saw, by a newer edit",
            ),
            (
                Refusal::Stale {
                    field: ScalarField::Reminder,
                    changed_at: 8,
                    seen: 7,
                },
                "reminder was changed at version 8 after the version 7 you saw, by a newer edit",
            ),
            (
                Refusal::NoTicket {
                    item: "x:42".parse().unwrap(),
                },
                "no ticket for x:42",
            ),
            (
                Refusal::AuthorPlatform,
                "author.platform must be the item's platform",
            ),
            (
                Refusal::CannotBecome {
                    from: TicketStatus::Resolved,
                    to: TicketStatus::Pending,
                },
                "a resolved ticket cannot become pending (use ticket.reopen)",
            ),
            (
                Refusal::NotResolved {
                    status: TicketStatus::Open,
                },
                "only a resolved ticket reopens; this one is open",
            ),
            (
                Refusal::LeadReassigns,
                "only a lead reassigns a ticket to or from another agent",
            ),
            (
                Refusal::AssignedMeanwhile {
                    assignee: Some("ag_kim".into()),
                    changed_at: 12,
                    seen: 10,
                },
                "the ticket was assigned to ag_kim at version 12 after the version 10 you saw",
            ),
            (
                Refusal::AssignedMeanwhile {
                    assignee: None,
                    changed_at: 5,
                    seen: 4,
                },
                "the ticket was assigned to nobody at version 5 after the version 4 you saw",
            ),
            (
                Refusal::TooManyTags { max: 50 },
                "a ticket has at most 50 tags",
            ),
            (
                Refusal::ReminderTime,
                "at must be a positive Unix time in milliseconds",
            ),
            (Refusal::NoteExists { id: "n1".into() }, "note n1 exists"),
            (Refusal::NoNote { id: "n1".into() }, "no note n1"),
            (Refusal::NotNoteAuthor, "only the author edits a note"),
            (
                Refusal::NoCustomer {
                    id: "x:dana".into(),
                },
                "no customer x:dana",
            ),
            (
                Refusal::NoTemplate {
                    id: "late-order".into(),
                },
                "no template late-order",
            ),
            (
                Refusal::NoGuideline {
                    id: "house-style".into(),
                },
                "no guideline house-style",
            ),
            (Refusal::NoVariants, "a template needs at least one variant"),
            (
                Refusal::TemplateRevised {
                    id: "late-order".into(),
                    revision: 3,
                    reviewed: 2,
                },
                "template late-order is at revision 3, not the 2 you reviewed",
            ),
            (
                Refusal::FirstResponseMinutes {
                    min: 1,
                    max: 10_080,
                },
                "first_response_minutes must be 1–10080",
            ),
            (
                Refusal::BusinessDays,
                "business_hours.days must be 1 (Monday) … 7 (Sunday)",
            ),
            (
                Refusal::BusinessHours,
                "business hours need start < end ≤ 1440 and an offset within ±14 h",
            ),
            (Refusal::EmptyTag, "a tag needs at least one character"),
            (
                Refusal::Unreadable {
                    detail: "no.such: unknown variant `no.such`".into(),
                },
                "no.such: unknown variant `no.such`",
            ),
            (
                Refusal::TemplateInvalid {
                    id: "late-order".into(),
                    detail: "unknown placeholder {{customer.nick}}".into(),
                },
                "template late-order cannot be approved: unknown placeholder {{customer.nick}}",
            ),
            (
                Refusal::GuidelineInvalid {
                    id: "house".into(),
                    revision: 3,
                    detail: "expected `=`".into(),
                },
                "the team's guideline house (revision 3) does not read, so templates cannot be checked: expected `=`",
            ),
            (
                not_approvable(2, calm_down()),
                "template rude cannot be approved: on x in \"en\" it breaks the block rule calm of guideline house (revision 1): Avoid \"calm down\". (2 more problem(s))",
            ),
            (
                not_approvable(0, None),
                "template rude cannot be approved: on x in \"en\" it breaks the block rule calm of guideline house (revision 1): Avoid \"calm down\".",
            ),
        ]
    }

    /// The wording of the finding of [`not_approvable`].
    fn calm_down() -> Option<Wording> {
        Some(Wording {
            key: "tone_phrase_avoid".into(),
            values: vec!["calm down".into(), WordingValue::decimal(12.5, 1)],
        })
    }

    /// A template refused for a `block` finding, with `more` problems
    /// besides.
    fn not_approvable(more: u32, finding: Option<Wording>) -> Refusal {
        Refusal::TemplateNotApprovable(Box::new(BlockedApproval {
            id: "rude".into(),
            platform: Platform::X,
            language: "en".into(),
            rule: "calm".into(),
            guideline: "house".into(),
            revision: 1,
            message: "Avoid \"calm down\".".into(),
            finding,
            more,
        }))
    }

    /// The words each refusal had when the mutators built their messages
    /// with `format!` (the store's answers, its audit log and the CLI read
    /// as before).
    #[test]
    fn each_refusal_says_what_the_mutators_said() {
        for (refusal, words) in every_refusal() {
            assert_eq!(refusal.to_string(), words, "{refusal:?}");
        }
    }

    #[test]
    fn each_refusal_has_its_rejection_code() {
        let codes: Vec<&str> = every_refusal()
            .iter()
            .map(|(refusal, _)| refusal.code().as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "forbidden",
                "invalid_args",
                "invalid_args",
                "invalid_args",
                "conflict",
                "conflict",
                "conflict",
                "not_found",
                "invalid_args",
                "invalid_transition",
                "invalid_transition",
                "forbidden",
                "conflict",
                "conflict",
                "invalid_args",
                "invalid_args",
                "already_exists",
                "not_found",
                "forbidden",
                "not_found",
                "not_found",
                "not_found",
                "invalid_args",
                "conflict",
                "invalid_args",
                "invalid_args",
                "invalid_args",
                "invalid_args",
                "invalid_mutation",
                "template_invalid",
                "guideline_invalid",
                "template_not_approvable",
                "template_not_approvable",
            ]
        );
    }

    #[test]
    fn serialises_as_tagged_data_and_reads_back() {
        let cases = [
            (
                Refusal::Stale {
                    field: ScalarField::Status,
                    changed_at: 12,
                    seen: 10,
                },
                json!({"refusal": "stale", "field": "status", "changed_at": 12, "seen": 10}),
            ),
            (
                Refusal::CannotBecome {
                    from: TicketStatus::Resolved,
                    to: TicketStatus::Pending,
                },
                json!({"refusal": "cannot_become", "from": "resolved", "to": "pending"}),
            ),
            (
                Refusal::AssignedMeanwhile {
                    assignee: None,
                    changed_at: 5,
                    seen: 4,
                },
                json!({"refusal": "assigned_meanwhile", "changed_at": 5, "seen": 4}),
            ),
            (
                Refusal::NoTicket {
                    item: "x:42".parse().unwrap(),
                },
                json!({"refusal": "no_ticket", "item": "x:42"}),
            ),
            (
                Refusal::NeedsRole {
                    action: "settings.update".into(),
                    role: Role::Admin,
                },
                json!({"refusal": "needs_role", "action": "settings.update", "role": "admin"}),
            ),
            (Refusal::EmptyNote, json!({"refusal": "empty_note"})),
            (
                not_approvable(2, calm_down()),
                json!({
                    "refusal": "template_not_approvable",
                    "id": "rude",
                    "platform": "x",
                    "language": "en",
                    "rule": "calm",
                    "guideline": "house",
                    "revision": 1,
                    "message": "Avoid \"calm down\".",
                    "finding": {"key": "tone_phrase_avoid", "values": ["calm down", {"number": "12.5"}]},
                    "more": 2
                }),
            ),
        ];
        for (refusal, value) in cases {
            assert_eq!(serde_json::to_value(&refusal).unwrap(), value);
            let text = serde_json::to_string(&refusal).unwrap();
            assert_eq!(serde_json::from_str::<Refusal>(&text).unwrap(), refusal);
        }
        for (refusal, _) in every_refusal() {
            let text = serde_json::to_string(&refusal).unwrap();
            assert_eq!(serde_json::from_str::<Refusal>(&text).unwrap(), refusal);
        }
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Carrier {
        message: String,
        #[serde(default, deserialize_with = "lenient")]
        refusal: Option<Refusal>,
    }

    #[test]
    fn a_missing_null_or_unknown_refusal_reads_as_none() {
        let read = |text: &str| serde_json::from_str::<Carrier>(text).unwrap().refusal;
        assert_eq!(read(r#"{"message":"m"}"#), None);
        assert_eq!(read(r#"{"message":"m","refusal":null}"#), None);
        assert_eq!(
            read(r#"{"message":"m","refusal":{"refusal":"from_the_future","x":1}}"#),
            None
        );
        assert_eq!(
            read(
                r#"{"message":"m","refusal":{"refusal":"stale","field":"mood","changed_at":1,"seen":0}}"#
            ),
            None
        );
        assert_eq!(
            read(
                r#"{"message":"m","refusal":{"refusal":"needs_role","action":"a","role":"owner"}}"#
            ),
            None,
            "a role this build does not know"
        );
        assert_eq!(
            read(r#"{"message":"m","refusal":{"refusal":"not_resolved","status":"snoozed"}}"#),
            None,
            "a status this build does not know"
        );
        assert_eq!(
            read(r#"{"message":"m","refusal":{"refusal":"no_note"}}"#),
            None,
            "a value missing"
        );
        assert_eq!(
            read(r#"{"refusal":{"refusal":"empty_note","more":[1]},"message":"m"}"#),
            Some(Refusal::EmptyNote),
            "values it does not know are passed over"
        );
        assert_eq!(
            read(
                r#"{"message":"m","refusal":{"refusal":"assigned_meanwhile","assignee":null,"changed_at":5,"seen":4}}"#
            ),
            Some(Refusal::AssignedMeanwhile {
                assignee: None,
                changed_at: 5,
                seen: 4
            })
        );
        assert_eq!(
            read(r#"{"message":"m","refusal":{"refusal":"too_many_tags","max":"fifty"}}"#),
            None,
            "a value of another type"
        );
        assert_eq!(
            read(r#"{"message":"m","refusal":"stale"}"#),
            None,
            "not an object"
        );
        assert_eq!(
            read(r#"{"message":"m","refusal":[1,{"a":2}],"more":true}"#),
            None
        );
        assert_eq!(
            read(
                r#"{"message":"m","refusal":{"refusal":"too_many_tags","max":50,"why":{"a":[1,2.5,-3,true,null]}}}"#
            ),
            Some(Refusal::TooManyTags { max: 50 }),
            "values it does not know, of any type, are passed over"
        );
        assert!(serde_json::from_str::<Refusal>(r#"{"refusal":"from_the_future"}"#).is_err());
    }

    #[test]
    fn a_pulled_rejection_of_the_approval_rule_reads_with_its_code() {
        let pulled: crate::sync::RejectedMutation = serde_json::from_value(json!({
            "mutation_id": 5, "version": 9, "code": "template_not_approvable",
            "message": not_approvable(0, None).to_string(),
            "refusal": serde_json::to_value(not_approvable(0, None)).unwrap(),
        }))
        .unwrap();
        assert_eq!(pulled.code, RejectCode::TemplateNotApprovable);
        assert_eq!(pulled.refusal, Some(not_approvable(0, None)));
        for field in ScalarField::ALL {
            assert_eq!(field.as_str().parse(), Ok(field));
            assert_eq!(serde_json::to_value(field).unwrap(), field.as_str());
        }
        assert!("mood".parse::<ScalarField>().is_err());
    }

    #[test]
    fn a_pulled_rejection_with_a_code_from_a_newer_store_still_reads() {
        let pulled: crate::sync::RejectedMutation = serde_json::from_value(json!({
            "mutation_id": 6, "version": 10, "code": "quota_exceeded",
            "message": "the team's monthly quota is used up",
            "refusal": {"refusal": "quota_exceeded", "limit": 10},
        }))
        .unwrap();
        assert_eq!(pulled.code, RejectCode::Unknown);
        assert_eq!(pulled.message, "the team's monthly quota is used up");
        assert_eq!(pulled.refusal, None, "its reason is told by the message");
    }

    #[test]
    fn a_finding_that_does_not_read_leaves_the_english_message() {
        let mut value = serde_json::to_value(not_approvable(0, calm_down())).unwrap();
        for finding in [
            json!({"key": "tone_phrase_avoid", "values": [true]}),
            json!({"key": "tone_phrase_avoid", "values": [{"digits": "12"}]}),
            json!({"values": []}),
            json!("tone_phrase_avoid"),
        ] {
            value["finding"] = finding.clone();
            let read: Refusal = serde_json::from_value(value.clone()).unwrap();
            assert_eq!(read, not_approvable(0, None), "{finding}");
        }
        value["platform"] = json!("myspace");
        assert!(
            serde_json::from_value::<Refusal>(value).is_err(),
            "a platform this build does not know"
        );
    }
}
