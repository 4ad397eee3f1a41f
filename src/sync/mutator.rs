//! The mutators: how each mutation changes the records, with the role checks and
//! conflict rules. Pure functions, so the store (authoritatively) and the extension
//! (optimistically) run the same code.

use super::entity::{Entity, EntityKind, SETTINGS_ID};
use super::ops::*;
use super::record::Record;
use super::refusal::{Refusal, ScalarField};
use crate::model::{
    Conversation, Customer, FieldClock, Guideline, Identity, ItemKey, Note, RejectedIdentity,
    Reminder, Role, TeamSettings, Template, TemplateState, Ticket, TicketClocks, TicketStatus,
};
use serde::{Deserialize, Serialize};

/// Longest id (ticket conversation, note, customer, template, guideline) accepted.
pub const MAX_ID_CHARS: usize = 128;
/// Longest ticket excerpt accepted.
pub const MAX_EXCERPT_CHARS: usize = 1_000;
/// Longest note body or tag list entry accepted.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest template or guideline source accepted.
pub const MAX_SOURCE_CHARS: usize = 200_000;
/// Longest permalink accepted.
pub const MAX_URL_CHARS: usize = 2_048;
/// Most tags on one ticket.
pub const MAX_TAGS: usize = 50;

/// Who applies a mutation, and when.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The authenticated agent.
    pub agent_id: &'a str,
    /// The agent's role.
    pub role: Role,
    /// The action's time (Unix milliseconds): the HLC's milliseconds, clamped by the store.
    pub now_ms: i64,
    /// The team version this mutation takes.
    pub version: u64,
    /// The mutation's hybrid logical clock, already clamped.
    pub hlc: u64,
}

/// A record as stored, with the team version that last wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    /// The record.
    pub entity: Entity,
    /// The team version of its last write.
    pub version: u64,
}

/// Where mutators read the current records from.
pub trait EntityReader {
    /// The reader's own failure (a storage error aborts the batch; it never rejects a mutation).
    type Error;
    /// The record of `kind` with `id`, if any.
    fn read(&mut self, kind: EntityKind, id: &str) -> Result<Option<Versioned>, Self::Error>;

    /// The record of type `T` with `id` and the version that last wrote it, if any.
    fn get<T: Record>(&mut self, id: &str) -> Result<Option<(T, u64)>, Self::Error> {
        Ok(self.read(T::KIND, id)?.and_then(|stored| {
            T::from_entity(stored.entity).map(|record| (record, stored.version))
        }))
    }
}

/// The stable codes of a rejected mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// The mutation's name is unknown or its arguments do not parse.
    InvalidMutation,
    /// The arguments parse but break a rule (length, range…).
    InvalidArgs,
    /// The agent's role does not allow it.
    Forbidden,
    /// A record it needs does not exist.
    NotFound,
    /// The record it creates already exists.
    AlreadyExists,
    /// A concurrent change won (see the conflict rules).
    Conflict,
    /// The ticket status cannot move that way.
    InvalidTransition,
    /// The store's approval rule: the template does not read as one.
    TemplateInvalid,
    /// The store's approval rule: the team's active guideline does not read.
    GuidelineInvalid,
    /// The store's approval rule: the template breaks a `block` rule of the
    /// team's active guideline.
    TemplateNotApprovable,
    /// A code this build does not know (a newer store's): read so that a
    /// pull still reads; the rejection's message says why.
    #[serde(other)]
    Unknown,
}

impl RejectCode {
    /// The snake_case code used on the wire and in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectCode::InvalidMutation => "invalid_mutation",
            RejectCode::InvalidArgs => "invalid_args",
            RejectCode::Forbidden => "forbidden",
            RejectCode::NotFound => "not_found",
            RejectCode::AlreadyExists => "already_exists",
            RejectCode::Conflict => "conflict",
            RejectCode::InvalidTransition => "invalid_transition",
            RejectCode::TemplateInvalid => "template_invalid",
            RejectCode::GuidelineInvalid => "guideline_invalid",
            RejectCode::TemplateNotApprovable => "template_not_approvable",
            RejectCode::Unknown => "unknown",
        }
    }
}

/// Why a mutation was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// Stable code (the refusal's, [`Refusal::code`]).
    pub code: RejectCode,
    /// The refusal in English (its `Display`), for the wire, the audit log
    /// and the CLI.
    pub message: String,
    /// Why, as data, for readers that word it themselves (the side panel).
    pub refusal: Refusal,
}

impl Rejection {
    /// The rejection for `refusal`: its code and its English.
    pub fn new(refusal: Refusal) -> Self {
        Rejection {
            code: refusal.code(),
            message: refusal.to_string(),
            refusal,
        }
    }
}

impl From<Refusal> for Rejection {
    fn from(refusal: Refusal) -> Self {
        Rejection::new(refusal)
    }
}

/// What an applied mutation did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The records it wrote (each takes the mutation's version).
    pub writes: Vec<Entity>,
    /// A remark the client should show (e.g. `kept_as_conflict_copy`).
    pub remark: Option<String>,
}

type Outcome = Result<Applied, Rejection>;

/// The least role allowed to send a mutation.
pub fn required_role(op: &Op) -> Role {
    match op {
        Op::TemplateSave(_) | Op::TemplateSetState(_) | Op::GuidelineSave(_) => Role::Lead,
        Op::SettingsUpdate(_) => Role::Admin,
        _ => Role::Agent,
    }
}

/// Applies one mutation: `Ok(Ok(applied))`, `Ok(Err(rejection))`, or the reader's error.
pub fn apply<R: EntityReader>(ctx: &Context, op: &Op, reader: &mut R) -> Result<Outcome, R::Error> {
    if ctx.role < required_role(op) {
        return Ok(Err(Rejection::new(Refusal::NeedsRole {
            action: op.name().to_owned(),
            role: required_role(op),
        })));
    }
    match op {
        Op::TicketCreate(args) => ticket_create(ctx, args, reader),
        Op::TicketSetStatus(args) => {
            with_ticket(reader, &args.item, |ticket| set_status(ctx, ticket, args))
        }
        Op::TicketReopen(args) => with_ticket(reader, &args.item, |ticket| reopen(ctx, ticket)),
        Op::TicketAssign(args) => {
            with_ticket(reader, &args.item, |ticket| assign(ctx, ticket, args))
        }
        Op::TicketSetPriority(args) => with_ticket(reader, &args.item, |ticket| {
            check_scalar(
                ctx,
                ticket.clocks.priority,
                args.base_version,
                ScalarField::Priority,
            )?;
            ticket.priority = args.priority;
            ticket.clocks.priority = clock(ctx);
            Ok(())
        }),
        Op::TicketTag(args) => with_ticket(reader, &args.item, |ticket| tag(ctx, ticket, args)),
        Op::TicketRemind(args) => {
            with_ticket(reader, &args.item, |ticket| remind(ctx, ticket, args))
        }
        Op::TicketResponded(args) => with_ticket(reader, &args.item, |ticket| {
            if let Some(template_id) = &args.template_id {
                check_id("template_id", template_id)?;
            }
            if ticket.first_response_at.is_none() {
                ticket.first_response_at = Some(ctx.now_ms);
            }
            if ticket.status == TicketStatus::New {
                ticket.status = TicketStatus::Open;
                ticket.clocks.status = clock(ctx);
            }
            Ok(())
        }),
        Op::NoteAdd(args) => note_add(ctx, args, reader),
        Op::NoteEdit(args) => note_edit(ctx, args, reader),
        Op::CustomerUpsert(args) => customer_upsert(ctx, args, reader),
        Op::CustomerLink(args) => customer_link(ctx, args, reader, true),
        Op::CustomerUnlink(args) => customer_link(ctx, args, reader, false),
        Op::CustomerRejectLink(args) => customer_reject_link(args, reader),
        Op::TemplateSave(args) => template_save(ctx, args, reader),
        Op::TemplateSetState(args) => template_set_state(ctx, args, reader),
        Op::GuidelineSave(args) => guideline_save(ctx, args, reader),
        Op::SettingsUpdate(args) => Ok(validate_settings(&args.settings).map(|()| Applied {
            writes: vec![Entity::Settings(args.settings.clone())],
            remark: None,
        })),
        Op::ToneOverride(args) => Ok(check_text("rule", &args.rule, MAX_ID_CHARS)
            .and_then(|()| check_text("reason", &args.reason, MAX_TEXT_CHARS))
            .map(|()| Applied::default())),
    }
}

fn clock(ctx: &Context) -> FieldClock {
    FieldClock {
        version: ctx.version,
        hlc: ctx.hlc,
    }
}

fn check_id(field: &str, id: &str) -> Result<(), Rejection> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(Rejection::new(Refusal::BadId {
            field: field.to_owned(),
            max: MAX_ID_CHARS as u32,
        }));
    }
    Ok(())
}

fn check_text(field: &str, text: &str, max: usize) -> Result<(), Rejection> {
    if text.chars().count() > max {
        return Err(Rejection::new(Refusal::TooLong {
            field: field.to_owned(),
            max: max as u32,
        }));
    }
    Ok(())
}

/// A note's body: some text that is not only white space, within the length limit.
fn check_note_body(body: &str) -> Result<(), Rejection> {
    if body.trim().is_empty() {
        return Err(Rejection::new(Refusal::EmptyNote));
    }
    check_text("body", body, MAX_TEXT_CHARS)
}

/// The scalar-field rule: apply if the field has not changed since the client's base version,
/// or if the client's (clamped) clock is newer than the field's; otherwise a visible conflict.
fn check_scalar(
    ctx: &Context,
    field: FieldClock,
    base_version: u64,
    name: ScalarField,
) -> Result<(), Rejection> {
    if field.version <= base_version || ctx.hlc > field.hlc {
        Ok(())
    } else {
        Err(Rejection::new(Refusal::Stale {
            field: name,
            changed_at: field.version,
            seen: base_version,
        }))
    }
}

fn with_ticket<R: EntityReader>(
    reader: &mut R,
    item: &ItemKey,
    change: impl FnOnce(&mut Ticket) -> Result<(), Rejection>,
) -> Result<Outcome, R::Error> {
    let Some((mut ticket, _)) = reader.get::<Ticket>(&item.to_string())? else {
        return Ok(Err(Rejection::new(Refusal::NoTicket {
            item: item.clone(),
        })));
    };
    Ok(change(&mut ticket).map(|()| Applied {
        writes: vec![Entity::Ticket(ticket)],
        remark: None,
    }))
}

fn check_ticket_create(args: &TicketCreate) -> Result<(), Rejection> {
    check_id("conversation", &args.conversation)?;
    if let Some(customer) = &args.customer {
        check_id("customer", customer)?;
    }
    if let Some(author) = &args.author {
        check_id("author.handle", &author.handle)?;
        check_text("author.display_name", &author.display_name, MAX_ID_CHARS)?;
        if author.platform != args.item.platform {
            return Err(Rejection::new(Refusal::AuthorPlatform));
        }
    }
    if let Some(excerpt) = &args.excerpt {
        check_text("excerpt", excerpt, MAX_EXCERPT_CHARS)?;
    }
    if let Some(language) = &args.language {
        check_id("language", language)?;
        check_text("language", language, 16)?;
    }
    if let Some(permalink) = &args.permalink {
        check_text("permalink", permalink, MAX_URL_CHARS)?;
    }
    Ok(())
}

/// Whether items under `conversation` join its ticket: keys of the documented forms
/// (`<platform>:<root id>`, `<platform>:dm:<id>`) do; other keys only group tickets.
fn joins_tickets(conversation: &str, item: &ItemKey) -> bool {
    conversation
        .strip_prefix(item.platform.as_str())
        .is_some_and(|rest| rest.len() > 1 && rest.starts_with(':'))
}

/// The ticket with its customer filled in, when it had none and one is known now.
fn with_customer(mut ticket: Ticket, customer: &Option<String>) -> Option<Ticket> {
    if ticket.customer.is_none() && customer.is_some() {
        ticket.customer = customer.clone();
        return Some(ticket);
    }
    None
}

/// `ticket.create`: matches or creates the customer by the page's author, then opens
/// the item's ticket, unless the item has one or its conversation has an unresolved
/// ticket, which the item joins (remarks `already_open` and `joined`).
fn ticket_create<R: EntityReader>(
    ctx: &Context,
    args: &TicketCreate,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    if let Err(rejection) = check_ticket_create(args) {
        return Ok(Err(rejection));
    }
    let mut writes = Vec::new();
    let customer = match (&args.customer, &args.author) {
        (Some(customer), _) => Some(customer.clone()),
        (None, Some(author)) => {
            let id = Customer::id_for(author.platform, &author.handle);
            if reader.get::<Customer>(&id)?.is_none() {
                writes.push(Entity::Customer(Customer {
                    id: id.clone(),
                    display_name: author.display_name.clone(),
                    identities: vec![Identity {
                        platform: author.platform,
                        handle: author.handle.clone(),
                        linked_version: ctx.version,
                    }],
                    created_at: ctx.now_ms,
                    rejected: vec![],
                }));
            }
            Some(id)
        }
        (None, None) => None,
    };
    let existing = match reader.get::<Ticket>(&args.item.to_string())? {
        Some((ticket, _)) => Some((ticket, "already_open")),
        None if joins_tickets(&args.conversation, &args.item) => reader
            .get::<Conversation>(&args.conversation)?
            .map(|(conversation, _)| conversation.ticket.to_string())
            .map(|id| reader.get::<Ticket>(&id))
            .transpose()?
            .flatten()
            .filter(|(ticket, _)| ticket.status != TicketStatus::Resolved)
            .map(|(ticket, _)| (ticket, "joined")),
        None => None,
    };
    if let Some((ticket, remark)) = existing {
        writes.extend(with_customer(ticket, &customer).map(Entity::Ticket));
        return Ok(Ok(Applied {
            writes,
            remark: Some(remark.into()),
        }));
    }
    let settings = reader
        .get::<TeamSettings>(SETTINGS_ID)?
        .map(|(settings, _)| settings)
        .unwrap_or_default();
    let posted_at = args.posted_at.map(|posted| posted.min(ctx.now_ms));
    let ticket = Ticket {
        item: args.item.clone(),
        conversation: args.conversation.clone(),
        customer,
        status: TicketStatus::New,
        assignee: None,
        priority: args.priority.unwrap_or_default(),
        tags: Default::default(),
        created_at: ctx.now_ms,
        posted_at,
        excerpt: args.excerpt.clone(),
        sentiment: args.sentiment,
        urgency: args.urgency,
        intent: args.intent,
        language: args.language.clone(),
        permalink: args.permalink.clone(),
        reminder: None,
        first_response_due: Some(first_response_due(
            posted_at.unwrap_or(ctx.now_ms),
            &settings,
        )),
        first_response_at: None,
        resolved_at: None,
        clocks: TicketClocks::default(),
    };
    if joins_tickets(&args.conversation, &args.item) {
        writes.push(Entity::Conversation(Conversation {
            key: args.conversation.clone(),
            ticket: args.item.clone(),
        }));
    }
    writes.push(Entity::Ticket(ticket));
    Ok(Ok(Applied {
        writes,
        remark: None,
    }))
}

fn set_status(ctx: &Context, ticket: &mut Ticket, args: &TicketSetStatus) -> Result<(), Rejection> {
    if !ticket.status.can_move_to(args.status) {
        return Err(Rejection::new(Refusal::CannotBecome {
            from: ticket.status,
            to: args.status,
        }));
    }
    check_scalar(
        ctx,
        ticket.clocks.status,
        args.base_version,
        ScalarField::Status,
    )?;
    if args.status == TicketStatus::Resolved && ticket.status != TicketStatus::Resolved {
        ticket.resolved_at = Some(ctx.now_ms);
    }
    ticket.status = args.status;
    ticket.clocks.status = clock(ctx);
    Ok(())
}

fn reopen(ctx: &Context, ticket: &mut Ticket) -> Result<(), Rejection> {
    if ticket.status != TicketStatus::Resolved {
        return Err(Rejection::new(Refusal::NotResolved {
            status: ticket.status,
        }));
    }
    ticket.status = TicketStatus::Open;
    ticket.clocks.status = clock(ctx);
    Ok(())
}

/// Assignment is exclusive: any change since the client's base version wins (no clock tie-break),
/// and only a lead may take a ticket from someone else or give it to another agent. A claim that
/// lost a race is told who won it (`AssignedMeanwhile`), whoever made it.
fn assign(ctx: &Context, ticket: &mut Ticket, args: &TicketAssign) -> Result<(), Rejection> {
    if let Some(assignee) = &args.assignee {
        check_id("assignee", assignee)?;
    }
    if ticket.clocks.assignee.version > args.base_version {
        return Err(Rejection::new(Refusal::AssignedMeanwhile {
            assignee: ticket.assignee.clone(),
            changed_at: ticket.clocks.assignee.version,
            seen: args.base_version,
        }));
    }
    let touches_someone_else = args
        .assignee
        .as_deref()
        .is_some_and(|to| to != ctx.agent_id)
        || ticket
            .assignee
            .as_deref()
            .is_some_and(|from| from != ctx.agent_id);
    if touches_someone_else && ctx.role < Role::Lead {
        return Err(Rejection::new(Refusal::LeadReassigns));
    }
    ticket.assignee = args.assignee.clone();
    ticket.clocks.assignee = clock(ctx);
    Ok(())
}

fn tag(ctx: &Context, ticket: &mut Ticket, args: &TicketTag) -> Result<(), Rejection> {
    for tag in args.add.iter().chain(&args.remove) {
        check_id("tag", tag)?;
    }
    for tag in &args.remove {
        // Add wins: a tag added after the version the client saw stays.
        if ticket
            .tags
            .get(tag)
            .is_some_and(|&added| added <= args.base_version)
        {
            ticket.tags.remove(tag);
        }
    }
    for tag in &args.add {
        ticket.tags.entry(tag.clone()).or_insert(ctx.version);
    }
    if ticket.tags.len() > MAX_TAGS {
        return Err(Rejection::new(Refusal::TooManyTags {
            max: MAX_TAGS as u32,
        }));
    }
    Ok(())
}

/// A reminder is a scalar field: the same rule as status and priority; setting
/// one records who will be reminded.
fn remind(ctx: &Context, ticket: &mut Ticket, args: &TicketRemind) -> Result<(), Rejection> {
    if args.at.is_some_and(|at| at <= 0) {
        return Err(Rejection::new(Refusal::ReminderTime));
    }
    check_scalar(
        ctx,
        ticket.clocks.reminder,
        args.base_version,
        ScalarField::Reminder,
    )?;
    ticket.reminder = args.at.map(|at| Reminder {
        at,
        by: ctx.agent_id.to_owned(),
    });
    ticket.clocks.reminder = clock(ctx);
    Ok(())
}

fn note_add<R: EntityReader>(
    ctx: &Context,
    args: &NoteAdd,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    if let Err(rejection) = check_id("id", &args.id).and_then(|()| check_note_body(&args.body)) {
        return Ok(Err(rejection));
    }
    if reader.get::<Note>(&args.id)?.is_some() {
        return Ok(Err(Rejection::new(Refusal::NoteExists {
            id: args.id.clone(),
        })));
    }
    if reader.get::<Ticket>(&args.item.to_string())?.is_none() {
        return Ok(Err(Rejection::new(Refusal::NoTicket {
            item: args.item.clone(),
        })));
    }
    let note = Note {
        id: args.id.clone(),
        item: args.item.clone(),
        author: ctx.agent_id.to_owned(),
        body: args.body.clone(),
        created_at: ctx.now_ms,
        edited_at: None,
    };
    Ok(Ok(Applied {
        writes: vec![Entity::Note(note)],
        remark: None,
    }))
}

fn note_edit<R: EntityReader>(
    ctx: &Context,
    args: &NoteEdit,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    if let Err(rejection) = check_note_body(&args.body) {
        return Ok(Err(rejection));
    }
    let Some((mut note, _)) = reader.get::<Note>(&args.id)? else {
        return Ok(Err(Rejection::new(Refusal::NoNote {
            id: args.id.clone(),
        })));
    };
    if note.author != ctx.agent_id {
        return Ok(Err(Rejection::new(Refusal::NotNoteAuthor)));
    }
    note.body = args.body.clone();
    note.edited_at = Some(ctx.now_ms);
    Ok(Ok(Applied {
        writes: vec![Entity::Note(note)],
        remark: None,
    }))
}

fn customer_upsert<R: EntityReader>(
    ctx: &Context,
    args: &CustomerUpsert,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    if let Err(rejection) = check_id("id", &args.id)
        .and_then(|()| check_text("display_name", &args.display_name, MAX_ID_CHARS))
    {
        return Ok(Err(rejection));
    }
    let customer = match reader.get::<Customer>(&args.id)? {
        Some((mut customer, _)) => {
            customer.display_name = args.display_name.clone();
            customer
        }
        None => Customer {
            id: args.id.clone(),
            display_name: args.display_name.clone(),
            identities: vec![],
            created_at: ctx.now_ms,
            rejected: vec![],
        },
    };
    Ok(Ok(Applied {
        writes: vec![Entity::Customer(customer)],
        remark: None,
    }))
}

fn customer_link<R: EntityReader>(
    ctx: &Context,
    args: &CustomerIdentity,
    reader: &mut R,
    link: bool,
) -> Result<Outcome, R::Error> {
    if let Err(rejection) = check_id("handle", &args.handle) {
        return Ok(Err(rejection));
    }
    let Some((mut customer, _)) = reader.get::<Customer>(&args.id)? else {
        return Ok(Err(Rejection::new(Refusal::NoCustomer {
            id: args.id.clone(),
        })));
    };
    let position = customer
        .identities
        .iter()
        .position(|identity| identity.platform == args.platform && identity.handle == args.handle);
    match (link, position) {
        (true, None) => {
            customer.identities.push(Identity {
                platform: args.platform,
                handle: args.handle.clone(),
                linked_version: ctx.version,
            });
            customer.identities.sort_unstable();
        }
        (false, Some(index)) if customer.identities[index].linked_version <= args.base_version => {
            customer.identities.remove(index);
        }
        // Linking twice, unlinking what is not linked, or an unlink that did not see a newer link (add wins).
        _ => {
            return Ok(Ok(Applied {
                writes: vec![],
                remark: Some("unchanged".into()),
            }))
        }
    }
    Ok(Ok(Applied {
        writes: vec![Entity::Customer(customer)],
        remark: None,
    }))
}

/// `customer.reject_link`: remembers, team-wide, that an identity is not this
/// customer, so it is never suggested for it again (links nothing, unlinks nothing).
fn customer_reject_link<R: EntityReader>(
    args: &CustomerIdentity,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    if let Err(rejection) = check_id("handle", &args.handle) {
        return Ok(Err(rejection));
    }
    let Some((mut customer, _)) = reader.get::<Customer>(&args.id)? else {
        return Ok(Err(Rejection::new(Refusal::NoCustomer {
            id: args.id.clone(),
        })));
    };
    let rejected = RejectedIdentity {
        platform: args.platform,
        handle: args.handle.clone(),
    };
    if customer.rejected.contains(&rejected) {
        return Ok(Ok(Applied {
            writes: vec![],
            remark: Some("unchanged".into()),
        }));
    }
    customer.rejected.push(rejected);
    customer.rejected.sort_unstable();
    Ok(Ok(Applied {
        writes: vec![Entity::Customer(customer)],
        remark: None,
    }))
}

/// The id of the draft kept when two leads edit the same document concurrently.
pub fn conflict_copy_id(id: &str, version: u64) -> String {
    format!("{id}~conflict-{version}")
}

/// Where a save of a lead-owned, revisioned document (template or guideline) lands.
struct RevisedSave {
    /// The id written: the document's own, or a conflict copy's.
    id: String,
    /// The revision written.
    revision: u32,
    /// For a conflict copy, the document it copies.
    conflict_of: Option<String>,
    /// The remark shown to the client (`kept_as_conflict_copy`).
    remark: Option<String>,
}

/// Decides a save from `base_revision` given the stored revision, if any: the
/// next revision when the base is current; otherwise both edits are kept, the
/// stale one as a draft copy a lead resolves. Saving from a revision of a
/// document that does not exist is rejected with `missing`'s refusal.
fn revised_save(
    ctx: &Context,
    missing: fn(String) -> Refusal,
    id: &str,
    base_revision: u32,
    current_revision: Option<u32>,
) -> Result<RevisedSave, Rejection> {
    let own = |revision| RevisedSave {
        id: id.to_owned(),
        revision,
        conflict_of: None,
        remark: None,
    };
    match current_revision {
        Some(current) if current != base_revision => Ok(RevisedSave {
            id: conflict_copy_id(id, ctx.version),
            revision: 1,
            conflict_of: Some(id.to_owned()),
            remark: Some("kept_as_conflict_copy".to_owned()),
        }),
        Some(current) => Ok(own(current + 1)),
        None if base_revision != 0 => Err(Rejection::new(missing(id.to_owned()))),
        None => Ok(own(1)),
    }
}

fn template_save<R: EntityReader>(
    ctx: &Context,
    args: &TemplateSave,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    let valid = check_id("id", &args.id)
        .and_then(|()| check_text("name", &args.name, MAX_ID_CHARS))
        .and_then(|()| {
            if args.variants.is_empty() {
                return Err(Rejection::new(Refusal::NoVariants));
            }
            args.variants.iter().try_for_each(|variant| {
                check_id("language", &variant.language)
                    .and_then(|()| check_text("body", &variant.body, MAX_SOURCE_CHARS))
            })
        });
    if let Err(rejection) = valid {
        return Ok(Err(rejection));
    }
    let current = reader.get::<Template>(&args.id)?;
    let save = match revised_save(
        ctx,
        |id| Refusal::NoTemplate { id },
        &args.id,
        args.base_revision,
        current.map(|(current, _)| current.revision),
    ) {
        Ok(save) => save,
        Err(rejection) => return Ok(Err(rejection)),
    };
    let template = Template {
        id: save.id,
        name: args.name.clone(),
        state: TemplateState::Draft,
        variants: args.variants.clone(),
        tags: args.tags.clone(),
        intents: args.intents.clone(),
        prompts: args.prompts.clone(),
        revision: save.revision,
        updated_by: ctx.agent_id.to_owned(),
        updated_at: ctx.now_ms,
        conflict_of: save.conflict_of,
    };
    Ok(Ok(Applied {
        writes: vec![Entity::Template(template)],
        remark: save.remark,
    }))
}

fn template_set_state<R: EntityReader>(
    ctx: &Context,
    args: &TemplateSetState,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    let Some((mut template, _)) = reader.get::<Template>(&args.id)? else {
        return Ok(Err(Rejection::new(Refusal::NoTemplate {
            id: args.id.clone(),
        })));
    };
    if template.revision != args.base_revision {
        return Ok(Err(Rejection::new(Refusal::TemplateRevised {
            id: args.id.clone(),
            revision: template.revision,
            reviewed: args.base_revision,
        })));
    }
    template.state = args.state;
    template.updated_by = ctx.agent_id.to_owned();
    template.updated_at = ctx.now_ms;
    Ok(Ok(Applied {
        writes: vec![Entity::Template(template)],
        remark: None,
    }))
}

fn guideline_save<R: EntityReader>(
    ctx: &Context,
    args: &GuidelineSave,
    reader: &mut R,
) -> Result<Outcome, R::Error> {
    let valid = check_id("id", &args.id)
        .and_then(|()| check_text("name", &args.name, MAX_ID_CHARS))
        .and_then(|()| check_id("format", &args.format))
        .and_then(|()| check_text("source", &args.source, MAX_SOURCE_CHARS));
    if let Err(rejection) = valid {
        return Ok(Err(rejection));
    }
    let current = reader.get::<Guideline>(&args.id)?;
    let save = match revised_save(
        ctx,
        |id| Refusal::NoGuideline { id },
        &args.id,
        args.base_revision,
        current.map(|(current, _)| current.revision),
    ) {
        Ok(save) => save,
        Err(rejection) => return Ok(Err(rejection)),
    };
    let guideline = Guideline {
        id: save.id,
        name: args.name.clone(),
        format: args.format.clone(),
        source: args.source.clone(),
        revision: save.revision,
        updated_by: ctx.agent_id.to_owned(),
        updated_at: ctx.now_ms,
        conflict_of: save.conflict_of,
    };
    Ok(Ok(Applied {
        writes: vec![Entity::Guideline(guideline)],
        remark: save.remark,
    }))
}

fn validate_settings(settings: &TeamSettings) -> Result<(), Rejection> {
    const FIRST_RESPONSE_MINUTES: std::ops::RangeInclusive<u32> = 1..=10_080;
    if !FIRST_RESPONSE_MINUTES.contains(&settings.first_response_minutes) {
        return Err(Rejection::new(Refusal::FirstResponseMinutes {
            min: *FIRST_RESPONSE_MINUTES.start(),
            max: *FIRST_RESPONSE_MINUTES.end(),
        }));
    }
    if let Some(hours) = &settings.business_hours {
        if hours.days.is_empty() || hours.days.iter().any(|day| !(1..=7).contains(day)) {
            return Err(Rejection::new(Refusal::BusinessDays));
        }
        if hours.start_minute >= hours.end_minute
            || hours.end_minute > 1440
            || hours.utc_offset_minutes.abs() > 14 * 60
        {
            return Err(Rejection::new(Refusal::BusinessHours));
        }
    }
    for accounts in settings.brand_accounts.values() {
        for account in accounts {
            check_id("brand account", account)?;
        }
    }
    Ok(())
}

/// When the first response is due for a ticket created at `created_ms`: the SLA target
/// counted in business minutes when the team has business hours, else in plain minutes.
pub fn first_response_due(created_ms: i64, settings: &TeamSettings) -> i64 {
    const MINUTE_MS: i64 = 60_000;
    const DAY_MINUTES: i64 = 1_440;
    let target = i64::from(settings.first_response_minutes);
    let Some(hours) = &settings.business_hours else {
        return created_ms + target * MINUTE_MS;
    };
    let offset_ms = i64::from(hours.utc_offset_minutes) * MINUTE_MS;
    let local_ms = created_ms + offset_ms;
    let first_day = local_ms.div_euclid(DAY_MINUTES * MINUTE_MS);
    let mut minute_of_day = local_ms.rem_euclid(DAY_MINUTES * MINUTE_MS) as f64 / MINUTE_MS as f64;
    let mut remaining = target as f64;
    // At most two weeks of days are scanned: settings always have at least one working day.
    for day in first_day..first_day + 15 {
        // 1970-01-01 was a Thursday (4).
        let weekday = ((day + 3).rem_euclid(7) + 1) as u8;
        if hours.days.contains(&weekday) {
            let start = minute_of_day.max(f64::from(hours.start_minute));
            let available = f64::from(hours.end_minute) - start;
            if available >= remaining {
                let due_local = day as f64 * (DAY_MINUTES * MINUTE_MS) as f64
                    + (start + remaining) * MINUTE_MS as f64;
                return due_local as i64 - offset_ms;
            }
            remaining -= available.max(0.0);
        }
        minute_of_day = 0.0;
    }
    created_ms + target * MINUTE_MS
}

#[cfg(test)]
mod tests;
