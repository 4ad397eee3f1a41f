//! The service worker's replica of the team's records: the core's sans-IO
//! sync client ([`socialcare::sync::client::Client`]) for JavaScript, plus
//! what the worker derives from it — ticket overlays for badges, the focused
//! item's view for the pages, teammates' presence — and the agent's actions
//! turned into mutations.
//!
//! It carries no care engine: verdicts are the verdict module's
//! (`socialcare-worker`), and the worker merges this module's [`Overlay`]s
//! into them in JavaScript. A ticket opened from the replica comes out as a
//! [`TicketItem`], which the verdict module assesses.
//!
//! JavaScript does the I/O (`static/worker/`): it persists every returned
//! `delta` to IndexedDB in one transaction, sends the push and pull requests,
//! and hands back the store's answers. Every state-changing call returns
//! `{ok, changed: [item keys], delta}` (or `{ok: false, code, message,
//! refusal}` for an action the rules refuse, which changes nothing: the
//! refusal as data, `socialcare::sync::Refusal`, for the pages to word).

use crate::workspace::{self, QueueIndex};
use serde::Serialize;
use serde_json::{json, Value};
use socialcare::care::UrgencyLevel;
use socialcare::customers::lookups::Lookups;
use socialcare::customers::suggest::suggest_links;
use socialcare::customers::{profile_url, when, Directory, Group};
use socialcare::model::{
    Customer, Guideline, ItemKey, ItemKind, Member, Note, ObservedItem, PageAuthor, Platform,
    Priority, Role, Template, Ticket, TicketStatus,
};
use socialcare::sync::client::View;
use socialcare::sync::client::{Agent, Client, Meta, Persist, PersistedState, RecordKey};
use socialcare::sync::ops::{
    CustomerIdentity, NoteAdd, NoteEdit, Op, TicketAssign, TicketCreate, TicketRemind,
    TicketReopen, TicketResponded, TicketSetPriority, TicketSetStatus, TicketTag, ToneOverride,
};
use socialcare::sync::{
    Entity, EntityKind, PresenceEntry, PresenceState, PullResponse, PushResponse, Refusal,
};
use socialcare::templates::offer::offers;
use socialcare::templates::SuggestQuery;
use socialcare_views::brand::is_brand;
use socialcare_views::focus::FocusedItem;
use socialcare_views::{
    AgentView, CustomerView, FocusView, HistoryEntry, IdentityLink, IdentityView,
    LinkSuggestionView, NoteView, PresenceView, ReminderChoice, ReminderView, ReplyContextView,
    ReplyPromptView, SearchResult, SearchView, SuggestedReplyView, TicketView,
};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The longest excerpt a ticket keeps of the customer's text, in characters.
const EXCERPT_CHARS: usize = 280;
/// The most search results sent to a page.
const SEARCH_LIMIT: usize = 20;
/// The most templates suggested for an item.
const REPLY_SUGGESTIONS: usize = 3;

/// The replica of one signed-in agent's team.
#[wasm_bindgen]
pub struct Replica {
    client: Client,
    agent: Agent,
    /// Teammates' presence by item, from the live channel (memory only, as in the store).
    presence: BTreeMap<ItemKey, Vec<PresenceEntry>>,
    /// The panel's indexes (search, customers, notes, tags): built on the
    /// first panel view or search that needs them (never on a wake, which
    /// only badges may need), then updated per changed record.
    lookups: OnceCell<Lookups>,
    /// The queue's tickets in order: built on the first queue view, then
    /// updated per changed ticket.
    queue: OnceCell<QueueIndex>,
}

/// A ticket of the replica as the item it was created from, for the verdict
/// module to assess ([`Replica::ticket_item`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TicketItem {
    /// The item, its text the ticket's excerpt.
    pub item: ObservedItem,
    /// The language the ticket was created with (ISO 639-1), if known.
    pub language: Option<String>,
}

/// What a badge shows about an item's ticket (the badge DOM contract's
/// `data-socialcare-status`, `-assignee`, `-presence`, `-due`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlay {
    /// `none` (no ticket), `new`, `open`, `pending` or `resolved`.
    pub status: &'static str,
    /// The assignee's initials, or empty.
    pub assignee: String,
    /// Teammates on the item: `INITIALS:viewing` / `INITIALS:replying`, space-separated.
    pub presence: String,
    /// The first-response due time (Unix milliseconds) while unanswered.
    pub due: Option<i64>,
    /// When the SLA clock started (the customer's post time), for the countdown's colour.
    pub since: Option<i64>,
    /// `due` when the ticket's follow-up reminder has fallen due, else empty.
    pub reminder: &'static str,
}

/// A value as the JSON text handed to JavaScript (the module's one
/// serialisation path across the boundary: `static/worker/wasm.js` parses it).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<String, JsError> {
    Ok(serde_json::to_string(value)?)
}

/// A value from the JSON text JavaScript handed in.
fn from_js<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, JsError> {
    Ok(serde_json::from_str(json)?)
}

/// The IndexedDB key of a record: `<kind>/<id>`.
fn record_key(key: &RecordKey) -> String {
    format!("{}/{}", key.kind.as_str(), key.id)
}

/// A value as the JSON text IndexedDB keeps: records, outbox entries and meta
/// carry 64-bit clocks that a JavaScript number would round, so JavaScript
/// only ever holds them as text.
fn text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("sync records serialize")
}

/// A client delta in the shape `static/worker/db.js` writes.
fn delta(persist: &Persist) -> Value {
    let records_put: Vec<Value> = persist
        .records_put
        .iter()
        .map(|change| json!([record_key(&RecordKey::of_change(change)), text(change)]))
        .collect();
    json!({
        "put": {
            "records": records_put,
            "outbox": persist.outbox_put.iter().map(|entry| json!([entry.id, text(entry)])).collect::<Vec<_>>(),
            "rejections": persist.rejections_put.iter().map(|r| json!([r.mutation_id, text(r)])).collect::<Vec<_>>(),
        },
        "delete": {
            "records": persist.records_deleted.iter().map(record_key).collect::<Vec<_>>(),
            "outbox": persist.outbox_deleted,
            "rejections": persist.rejections_deleted,
        },
        "meta": persist.meta.as_ref().map(text),
    })
}

/// The item keys among changed records (tickets are keyed by their item).
fn changed_items(changed: &[RecordKey]) -> Vec<String> {
    changed
        .iter()
        .filter(|key| key.kind == EntityKind::Ticket)
        .map(|key| key.id.clone())
        .collect()
}

/// `{ok: true, changed, settings_changed, delta}` for a step that changed
/// records (`settings_changed`: the team's settings, so its brand accounts,
/// may have changed).
fn step(changed: &[RecordKey], persist: &Persist) -> Value {
    let settings_changed = changed.iter().any(|key| key.kind == EntityKind::Settings);
    json!({ "ok": true, "changed": changed_items(changed), "settings_changed": settings_changed, "delta": delta(persist) })
}

/// Every ticket in a view, without copying (the queue scans them all).
fn tickets<'v>(view: &View<'v>) -> impl Iterator<Item = &'v Ticket> {
    view.of_kind(EntityKind::Ticket)
        .filter_map(|entity| match entity {
            Entity::Ticket(ticket) => Some(ticket),
            _ => None,
        })
}

/// The ticket of an item, borrowed from the view.
fn ticket_in<'v>(view: &View<'v>, item: &ItemKey) -> Option<&'v Ticket> {
    match &view
        .record(&RecordKey::of::<Ticket>(item.to_string()))?
        .entity
    {
        Entity::Ticket(ticket) => Some(ticket),
        _ => None,
    }
}

/// A customer, borrowed from the view.
fn customer_in<'v>(view: &View<'v>, id: &str) -> Option<&'v Customer> {
    match &view.record(&RecordKey::of::<Customer>(id))?.entity {
        Entity::Customer(customer) => Some(customer),
        _ => None,
    }
}

/// A note, borrowed from the view.
fn note_in<'v>(view: &View<'v>, id: &str) -> Option<&'v Note> {
    match &view.record(&RecordKey::of::<Note>(id))?.entity {
        Entity::Note(note) => Some(note),
        _ => None,
    }
}

/// The panel's indexes of every record in a view.
fn lookups_of(view: &View<'_>) -> Lookups {
    let of = |kind| view.of_kind(kind);
    Lookups::build(
        tickets(view),
        of(EntityKind::Customer).filter_map(|entity| match entity {
            Entity::Customer(customer) => Some(customer),
            _ => None,
        }),
        of(EntityKind::Note).filter_map(|entity| match entity {
            Entity::Note(note) => Some(note),
            _ => None,
        }),
    )
}

#[wasm_bindgen]
impl Replica {
    /// A new replica with nothing synced, for a new sign-in.
    pub fn create(client_id: String, agent: &str) -> Result<Replica, JsError> {
        Ok(Replica {
            client: Client::new(client_id)?,
            agent: from_js(agent)?,
            presence: BTreeMap::new(),
            lookups: OnceCell::new(),
            queue: OnceCell::new(),
        })
    }

    /// Rebuilds the replica from what IndexedDB holds (`db.loadReplica()`),
    /// as one JSON document (`{meta, records, outbox, rejections}`, the
    /// stored texts joined, not quoted again: parsed once).
    pub fn restore(state: &str, agent: &str) -> Result<Replica, JsError> {
        Ok(Replica {
            client: Client::restore(from_js::<PersistedState>(state)?)?,
            agent: from_js(agent)?,
            presence: BTreeMap::new(),
            lookups: OnceCell::new(),
            queue: OnceCell::new(),
        })
    }

    /// The delta that persists a new replica's meta (its client id).
    pub fn initial_delta(&self) -> Result<String, JsError> {
        let meta = Meta {
            client_id: self.client.client_id().to_owned(),
            cookie: None,
            last_mutation_id: 0,
            hlc: 0,
        };
        to_js(&delta(&Persist {
            meta: Some(meta),
            ..Persist::default()
        }))
    }

    /// Actions waiting for the store.
    pub fn pending_count(&self) -> u32 {
        self.client.pending_count() as u32
    }

    /// The store's refusals not yet dismissed, newest first (views::RejectionView).
    pub fn rejections(&self) -> Result<String, JsError> {
        let views: Vec<Value> = self
            .client
            .rejections()
            .into_iter()
            .rev()
            .map(|rejection| {
                json!({
                    "mutation_id": rejection.mutation_id,
                    "refusal": {
                        "action": rejection.name.unwrap_or_default(),
                        "item": rejection.item,
                        "code": rejection.code.as_str(),
                        "message": rejection.message,
                        "assignee": self.teammate_named(rejection.refusal.as_ref()),
                        "refusal": rejection.refusal,
                    },
                })
            })
            .collect();
        to_js(&views)
    }

    /// Forgets a rejection; answers the delta.
    pub fn dismiss_rejection(&mut self, mutation_id: f64) -> Result<String, JsError> {
        to_js(&delta(&self.client.dismiss_rejection(mutation_id as u64)))
    }

    /// The next push as its JSON body, or `undefined` when the outbox is empty.
    pub fn push_request(&self) -> Option<String> {
        self.client.push_request().as_ref().map(text)
    }

    /// Takes the store's answer to a push (its JSON text).
    pub fn on_push_response(&mut self, answer: &str) -> Result<String, JsError> {
        let answer: PushResponse = serde_json::from_str(answer)?;
        let synced = self.client.on_push_response(&answer);
        self.reindex(&synced.changed, synced.reset);
        to_js(&step(&synced.changed, &synced.persist))
    }

    /// The next pull as its JSON body.
    pub fn pull_request(&self) -> String {
        text(&self.client.pull_request())
    }

    /// Takes the store's answer to a pull (its JSON text); `more` says to pull again.
    pub fn on_pull_response(&mut self, answer: &str) -> Result<String, JsError> {
        let answer: PullResponse = serde_json::from_str(answer)?;
        let more = answer.more;
        let synced = self.client.on_pull_response(answer)?;
        self.reindex(&synced.changed, synced.reset);
        let mut out = step(&synced.changed, &synced.persist);
        out["more"] = json!(more);
        to_js(&out)
    }

    /// The team's brand accounts (views::brand::BrandAccounts JSON): the
    /// worker hands them to the verdict module, whose items they mark as ours.
    pub fn brand_accounts(&self) -> Result<String, JsError> {
        to_js(&self.client.view().settings().brand_accounts)
    }

    /// Overlays for item keys: `{key: overlay}`.
    pub fn overlays(&self, keys: &str, now_ms: f64) -> Result<String, JsError> {
        let keys: Vec<String> = from_js(keys)?;
        let overlays: BTreeMap<String, Overlay> = keys
            .into_iter()
            .filter_map(|key| {
                let item = key.parse::<ItemKey>().ok()?;
                Some((key, self.overlay(&item, now_ms as i64)))
            })
            .collect();
        to_js(&overlays)
    }

    /// Takes presence entries from the live channel; answers the item keys whose presence changed.
    pub fn presence(&mut self, entries: &str, now_ms: f64) -> Result<String, JsError> {
        let entries: Vec<PresenceEntry> = from_js(entries)?;
        let now = now_ms as i64;
        let mut changed: Vec<String> = Vec::new();
        for entry in entries {
            if entry.agent_id == self.agent.agent_id {
                continue;
            }
            let on_item = self.presence.entry(entry.item.clone()).or_default();
            on_item.retain(|held| held.agent_id != entry.agent_id && held.expires_at > now);
            if entry.state != PresenceState::Left {
                on_item.push(entry.clone());
            }
            changed.push(entry.item.to_string());
        }
        self.presence.retain(|_, entries| !entries.is_empty());
        changed.dedup();
        to_js(&changed)
    }

    /// The focused item with its ticket and presence (views::FocusView).
    pub fn focus_view(&self, focused: &str, now_ms: f64) -> Result<String, JsError> {
        let focused: FocusedItem = from_js(focused)?;
        let view = self.client.view();
        let members = view.members();
        let key = focused.item.key.clone();
        let ours = is_brand(&view.settings().brand_accounts, &focused.item);
        let now = now_ms as i64;
        let ticket = ticket_in(&view, &key).map(|ticket| self.ticket_view(ticket, &members, now));
        let presence = self
            .live_presence(&key, now)
            .map(|entry| PresenceView {
                agent: agent_view(&members, &entry.agent_id, &entry.initials),
                state: entry.state,
            })
            .collect();
        let customer_id = ticket_in(&view, &key)
            .and_then(|ticket| ticket.customer.clone())
            .or_else(|| {
                let handle = focused.item.author_handle.as_deref()?;
                Some(Customer::id_for(key.platform, handle))
            });
        let customer = customer_id
            .filter(|_| !ours)
            .and_then(|id| self.customer_view(&id, &focused.item));
        let replies = if ours {
            Vec::new()
        } else {
            self.replies(&focused, &members)
        };
        to_js(&FocusView {
            focused,
            ticket,
            presence,
            ours,
            customer,
            replies,
        })
    }

    /// Links an identity to a customer, as an agent confirmed (`customer.link`).
    pub fn link_identity(&mut self, link: &str, now_ms: f64) -> Result<String, JsError> {
        let args = identity_args(from_js(link)?);
        self.act(Op::CustomerLink(args), now_ms)
    }

    /// Remembers, team-wide, that an identity is not this customer (`customer.reject_link`).
    pub fn reject_link(&mut self, link: &str, now_ms: f64) -> Result<String, JsError> {
        let args = identity_args(from_js(link)?);
        self.act(Op::CustomerRejectLink(args), now_ms)
    }

    /// Removes a linked identity from a customer (`customer.unlink`).
    pub fn unlink_identity(&mut self, link: &str, now_ms: f64) -> Result<String, JsError> {
        let args = identity_args(from_js(link)?);
        self.act(Op::CustomerUnlink(args), now_ms)
    }

    /// The newest tickets matching a query (views::SearchView).
    pub fn search(&self, query: &str) -> Result<String, JsError> {
        let view = self.client.view();
        let (items, total) = self.lookups().search().search(query, SEARCH_LIMIT);
        let results = items
            .into_iter()
            .filter_map(|item| ticket_in(&view, item))
            .map(|ticket| {
                let customer = ticket
                    .customer
                    .as_deref()
                    .and_then(|id| customer_in(&view, id));
                SearchResult {
                    item: ticket.item.clone(),
                    status: ticket.status,
                    at: when(ticket),
                    excerpt: ticket.excerpt.clone().unwrap_or_default(),
                    customer_name: customer.map(|c| c.display_name.clone()),
                    handle: customer.and_then(|c| c.identities.first().map(|i| i.handle.clone())),
                    tags: ticket.tags.keys().cloned().collect(),
                }
            })
            .collect();
        to_js(&SearchView {
            query: query.to_owned(),
            total: total as u32,
            results,
        })
    }

    /// A ticket of the replica as an item with its language ([`TicketItem`]),
    /// for the verdict module to assess, or `null` when there is no such ticket.
    pub fn ticket_item(&self, item: &str) -> Result<String, JsError> {
        let key: ItemKey = item.parse()?;
        let view = self.client.view();
        let Some(ticket) = view.ticket(&key) else {
            return Ok("null".to_owned());
        };
        let customer = ticket.customer.as_deref().and_then(|id| view.customer(id));
        let handle = customer.as_ref().and_then(|customer| {
            customer
                .identities
                .iter()
                .find(|identity| identity.platform == key.platform)
                .map(|identity| identity.handle.clone())
        });
        let text = ticket.excerpt.clone().unwrap_or_default();
        let kind = if ticket
            .conversation
            .starts_with(&format!("{}:dm:", key.platform))
        {
            ItemKind::Dm
        } else if ticket.conversation == key.to_string() {
            ItemKind::Post
        } else if key.platform == Platform::X {
            ItemKind::Reply
        } else {
            ItemKind::Comment
        };
        to_js(&TicketItem {
            item: ObservedItem {
                key,
                kind,
                parent_id: None,
                thread_id: None,
                author_handle: handle,
                author_name: customer.map(|customer| customer.display_name),
                text,
                permalink: None,
                timestamp: None,
                reposted_by: None,
            },
            language: ticket.language.clone(),
        })
    }

    /// Turns the focused item into a ticket. `posted_at_ms` is the item's
    /// timestamp as the browser parsed it (NaN when the page shows none).
    pub fn create_ticket(
        &mut self,
        focused: &str,
        posted_at_ms: f64,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let focused: FocusedItem = from_js(focused)?;
        let item = focused.item;
        let assessment = focused.assessment;
        let platform = item.key.platform;
        let root = item
            .thread_id
            .clone()
            .unwrap_or_else(|| item.key.id.clone());
        let conversation = match item.kind {
            ItemKind::Dm => format!("{platform}:dm:{root}"),
            _ => format!("{platform}:{root}"),
        };
        let author = item.author_handle.clone().map(|handle| PageAuthor {
            platform,
            display_name: item.author_name.clone().unwrap_or_else(|| handle.clone()),
            handle,
        });
        let priority = match assessment.urgency_level {
            UrgencyLevel::High => Priority::High,
            _ => Priority::Normal,
        };
        let mut create = TicketCreate::new(item.key.clone(), conversation);
        create.author = author;
        create.priority = Some(priority);
        create.posted_at = posted_at_ms.is_finite().then_some(posted_at_ms as i64);
        create.excerpt = Some(item.text.chars().take(EXCERPT_CHARS).collect());
        create.sentiment = Some(assessment.care_label);
        create.urgency = Some(assessment.urgency_level);
        create.intent = Some(assessment.intent);
        create.language = assessment.language;
        create.permalink = item.permalink;
        self.act(Op::TicketCreate(create), now_ms)
    }

    /// Claims the item's ticket for the signed-in agent.
    pub fn claim(&mut self, item: &str, now_ms: f64) -> Result<String, JsError> {
        let item: ItemKey = item.parse()?;
        self.act(
            Op::TicketAssign(TicketAssign {
                item,
                assignee: Some(self.agent.agent_id.clone()),
                base_version: 0,
            }),
            now_ms,
        )
    }

    /// Changes the item's ticket status; leaving `resolved` is a reopen.
    pub fn set_status(&mut self, item: &str, status: &str, now_ms: f64) -> Result<String, JsError> {
        let item: ItemKey = item.parse()?;
        let status: TicketStatus = serde_json::from_value(json!(status))?;
        let current = self.client.view().ticket(&item).map(|ticket| ticket.status);
        let op = if current == Some(TicketStatus::Resolved) && status != TicketStatus::Resolved {
            Op::TicketReopen(TicketReopen { item })
        } else {
            Op::TicketSetStatus(TicketSetStatus {
                item,
                status,
                base_version: 0,
            })
        };
        self.act(op, now_ms)
    }
    /// The team's guidelines, templates and settings as synced, pending
    /// saves included (the console's `views::console::ConsoleView` parts).
    pub fn documents(&self) -> Result<String, JsError> {
        let view = self.client.view();
        to_js(&json!({
            "guidelines": view.all::<Guideline>(),
            "templates": view.all::<Template>(),
            "settings": view.settings(),
        }))
    }

    /// Runs a lead action from the console, `{"name", "args"}`: only
    /// `guideline.save`, `template.save`, `template.set_state` and
    /// `settings.update`; the role is checked here and again by the store.
    pub fn lead_act(&mut self, op: &str, now_ms: f64) -> Result<String, JsError> {
        let op: Op = serde_json::from_str(op)?;
        match op {
            Op::GuidelineSave(_)
            | Op::TemplateSave(_)
            | Op::TemplateSetState(_)
            | Op::SettingsUpdate(_) => self.act(op, now_ms),
            other => Err(JsError::new(&format!(
                "{} is not a console action",
                other.name()
            ))),
        }
    }
}

#[wasm_bindgen]
impl Replica {
    /// Changes the item's ticket priority (`low`, `normal`, `high`, `urgent`).
    pub fn set_priority(
        &mut self,
        item: &str,
        priority: &str,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let op = Op::TicketSetPriority(TicketSetPriority {
            item: item.parse()?,
            priority: serde_json::from_value(json!(priority))?,
            base_version: 0,
        });
        self.act(op, now_ms)
    }

    /// Assigns the item's ticket to a teammate, or releases it (`undefined`).
    pub fn assign(
        &mut self,
        item: &str,
        assignee: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let op = Op::TicketAssign(TicketAssign {
            item: item.parse()?,
            assignee,
            base_version: 0,
        });
        self.act(op, now_ms)
    }

    /// Adds (or, with `add` false, removes) one tag on the item's ticket;
    /// the tag is trimmed and must not be empty.
    pub fn tag(
        &mut self,
        item: &str,
        tag: &str,
        add: bool,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let tag = tag.trim().to_owned();
        if tag.is_empty() {
            return refused(Refusal::EmptyTag);
        }
        let (add, remove) = if add {
            (vec![tag], vec![])
        } else {
            (vec![], vec![tag])
        };
        let op = Op::TicketTag(TicketTag {
            item: item.parse()?,
            add,
            remove,
            base_version: 0,
        });
        self.act(op, now_ms)
    }

    /// Adds a note (plain text; the rules refuse a blank one) with the id `note_id` to the item's ticket.
    pub fn add_note(
        &mut self,
        item: &str,
        note_id: String,
        body: &str,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let op = Op::NoteAdd(NoteAdd {
            id: note_id,
            item: item.parse()?,
            body: body.to_owned(),
        });
        self.act(op, now_ms)
    }

    /// Edits one of the agent's own notes (the rules refuse anyone else's).
    pub fn edit_note(
        &mut self,
        note_id: String,
        body: &str,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let op = Op::NoteEdit(NoteEdit {
            id: note_id,
            body: body.to_owned(),
        });
        self.act(op, now_ms)
    }

    /// Sets or clears the item's follow-up reminder (`when`: a views::ReminderChoice),
    /// the time reckoned with `now_ms` and the team's time zone.
    pub fn remind(&mut self, item: &str, when: &str, now_ms: f64) -> Result<String, JsError> {
        let choice: ReminderChoice = from_js(when)?;
        let at = workspace::reminder_time(choice, now_ms as i64, &self.client.view().settings());
        let op = Op::TicketRemind(TicketRemind {
            item: item.parse()?,
            at,
            base_version: 0,
        });
        self.act(op, now_ms)
    }

    /// The agent's queue at `now_ms` (views::QueueView).
    pub fn queue_view(&self, now_ms: f64) -> Result<String, JsError> {
        let view = self.client.view();
        let queue = self.queue.get_or_init(|| QueueIndex::build(tickets(&view)));
        to_js(&queue.queue(
            |id| ticket_in(&view, &id.parse().ok()?),
            &self.agent.agent_id,
            now_ms as i64,
        ))
    }

    /// The reminders that fell due after `since_ms` and by `now_ms`:
    /// `{due: [{item, at, excerpt}], fell_due: [item], next: at | null}`:
    /// `due` the agent's own (to notify), `fell_due` everyone's (the badges
    /// to repaint), `next` the next reminder of anyone's still to come.
    pub fn reminders_due(&self, since_ms: f64, now_ms: f64) -> Result<String, JsError> {
        let view = self.client.view();
        let reminders = workspace::reminders_between(
            tickets(&view),
            &self.agent.agent_id,
            since_ms as i64,
            now_ms as i64,
        );
        let due: Vec<Value> = reminders
            .mine
            .into_iter()
            .map(|ticket| {
                json!({
                    "item": ticket.item.to_string(),
                    "at": ticket.reminder.as_ref().map(|reminder| reminder.at),
                    "excerpt": ticket.excerpt,
                })
            })
            .collect();
        let fell_due: Vec<String> = reminders
            .fell_due
            .iter()
            .map(|ticket| ticket.item.to_string())
            .collect();
        to_js(&json!({ "due": due, "fell_due": fell_due, "next": reminders.next }))
    }

    /// The permalink the item's ticket was created with, if any.
    pub fn permalink(&self, item: &str) -> Option<String> {
        let item: ItemKey = item.parse().ok()?;
        self.client.view().ticket(&item)?.permalink
    }
}

/// `{ok: false, code, message, refusal}`: an action refused before it
/// reaches the rules.
fn refused(refusal: Refusal) -> Result<String, JsError> {
    to_js(&json!({
        "ok": false,
        "code": refusal.code().as_str(),
        "message": refusal.to_string(),
        "refusal": refusal,
    }))
}

#[wasm_bindgen]
impl Replica {
    /// Records that the agent sent a reply despite a `block` finding of `rule`,
    /// with their reason (`tone.override`, kept in the store's audit log).
    pub fn tone_override(
        &mut self,
        item: &str,
        rule: &str,
        reason: &str,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let op = Op::ToneOverride(ToneOverride {
            item: item.parse()?,
            rule: rule.to_owned(),
            reason: reason.to_owned(),
        });
        self.act(op, now_ms)
    }

    /// The team's current tone guideline, `{id, revision, source}` or `null`:
    /// of the guidelines in TOML that are not conflict copies, the one saved
    /// last (ties: the greater id). The live tone check (`socialcare-tone`)
    /// compiles it once per revision.
    pub fn current_guideline(&self) -> Result<String, JsError> {
        let current = self
            .client
            .view()
            .all::<Guideline>()
            .into_iter()
            .filter(|g| g.conflict_of.is_none() && g.format == "toml")
            .max_by(|a, b| (a.updated_at, &a.id).cmp(&(b.updated_at, &b.id)));
        match current {
            Some(g) => to_js(&json!({ "id": g.id, "revision": g.revision, "source": g.source })),
            None => Ok("null".to_owned()),
        }
    }

    /// Records that the agent's reply to the item went out
    /// (`ticket.responded`), with the template it was built from, if any.
    pub fn responded(
        &mut self,
        item: &str,
        template_id: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let op = Op::TicketResponded(TicketResponded {
            item: item.parse()?,
            template_id: template_id.filter(|id| !id.is_empty()),
        });
        self.act(op, now_ms)
    }
}

impl Replica {
    /// Runs an action through the client: outbox and optimistic view, or refused.
    fn act(&mut self, op: Op, now_ms: f64) -> Result<String, JsError> {
        let action = op.name();
        match self.client.mutate(op, &self.agent, now_ms as i64) {
            Ok(mutated) => {
                self.reindex(&mutated.changed, false);
                to_js(&step(&mutated.changed, &mutated.persist))
            }
            Err(rejection) => to_js(&json!({
                "ok": false,
                "action": action,
                "code": rejection.code.as_str(),
                "message": rejection.message,
                "assignee": self.teammate_named(Some(&rejection.refusal)),
                "refusal": rejection.refusal,
            })),
        }
    }

    /// The teammate a refusal names (the one a ticket went to meanwhile) as
    /// the pages show them, when the team's records know them
    /// (views::RefusedAction::assignee).
    fn teammate_named(&self, refusal: Option<&Refusal>) -> Option<AgentView> {
        let Some(Refusal::AssignedMeanwhile {
            assignee: Some(id), ..
        }) = refusal
        else {
            return None;
        };
        known_agent(&self.client.view().members(), id)
    }

    /// The panel's indexes, built from the whole replica on first use.
    fn lookups(&self) -> &Lookups {
        self.lookups.get_or_init(|| lookups_of(&self.client.view()))
    }

    /// Brings the panel's indexes and the queue's, if built, up to date with
    /// changed records (after a `reset`, when the store sent a snapshot, they
    /// are dropped and built again on next use).
    fn reindex(&mut self, changed: &[RecordKey], reset: bool) {
        if reset {
            self.lookups = OnceCell::new();
            self.queue = OnceCell::new();
        }
        let view = self.client.view();
        if let Some(queue) = self.queue.get_mut() {
            for key in changed.iter().filter(|key| key.kind == EntityKind::Ticket) {
                let ticket = key.id.parse().ok().and_then(|item| ticket_in(&view, &item));
                match ticket {
                    Some(ticket) => queue.upsert(ticket),
                    None => queue.remove(&key.id),
                }
            }
        }
        let Some(lookups) = self.lookups.get_mut() else {
            return;
        };
        for key in changed {
            match key.kind {
                EntityKind::Ticket => {
                    let Ok(item) = key.id.parse::<ItemKey>() else {
                        continue;
                    };
                    match ticket_in(&view, &item) {
                        Some(ticket) => {
                            let customer = ticket.customer.as_deref();
                            let customer = customer.and_then(|id| customer_in(&view, id));
                            lookups.upsert_ticket(ticket, customer);
                        }
                        None => lookups.remove_ticket(&item),
                    }
                }
                EntityKind::Customer => match customer_in(&view, &key.id) {
                    Some(customer) => {
                        lookups.upsert_customer(customer, |item| ticket_in(&view, item))
                    }
                    None => lookups.remove_customer(&key.id, |item| ticket_in(&view, item)),
                },
                EntityKind::Note => match note_in(&view, &key.id) {
                    Some(note) => lookups.upsert_note(note),
                    None => lookups.remove_note(&key.id),
                },
                _ => {}
            }
        }
    }

    /// Teammates' live presence on an item.
    fn live_presence(&self, item: &ItemKey, now: i64) -> impl Iterator<Item = &PresenceEntry> {
        self.presence
            .get(item)
            .into_iter()
            .flatten()
            .filter(move |entry| entry.expires_at > now)
    }

    /// The badge overlay of one item.
    fn overlay(&self, item: &ItemKey, now: i64) -> Overlay {
        let view = self.client.view();
        let presence = self
            .live_presence(item, now)
            .map(|entry| format!("{}:{}", entry.initials, presence_word(entry.state)))
            .collect::<Vec<_>>()
            .join(" ");
        match view.ticket(item) {
            None => Overlay {
                status: "none",
                assignee: String::new(),
                presence,
                due: None,
                since: None,
                reminder: "",
            },
            Some(ticket) => Overlay {
                status: status_word(ticket.status),
                assignee: ticket
                    .assignee
                    .as_deref()
                    .map(|id| agent_view(&view.members(), id, "").initials)
                    .unwrap_or_default(),
                presence,
                due: ticket
                    .first_response_due
                    .filter(|_| ticket.first_response_at.is_none()),
                since: Some(ticket.posted_at.unwrap_or(ticket.created_at)),
                reminder: if workspace::reminder_due(&ticket, now) {
                    "due"
                } else {
                    ""
                },
            },
        }
    }

    /// A ticket as the pages show it, with its notes, reminder, the team's
    /// other tags and (for leads) the teammates it may be assigned to.
    fn ticket_view(&self, ticket: &Ticket, members: &[Member], now: i64) -> TicketView {
        let view = self.client.view();
        let pending_keys = self.client.pending_count() > 0;
        let me = self.agent.agent_id.as_str();
        let mut notes: Vec<NoteView> = self
            .lookups()
            .notes_of(&ticket.item)
            .filter_map(|id| note_in(&view, id))
            .map(|note| NoteView {
                author: agent_view(members, &note.author, ""),
                mine: note.author == me,
                id: note.id.clone(),
                body: note.body.clone(),
                created_at: note.created_at,
                edited_at: note.edited_at,
            })
            .collect();
        notes.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        let assignable = if self.agent.role >= Role::Lead {
            members
                .iter()
                .filter(|member| member.active)
                .map(|member| agent_view(members, &member.agent_id, ""))
                .collect()
        } else {
            Vec::new()
        };
        TicketView {
            item: ticket.item.clone(),
            status: ticket.status,
            assignee: ticket
                .assignee
                .as_deref()
                .map(|id| agent_view(members, id, "")),
            mine: ticket.assignee.as_deref() == Some(self.agent.agent_id.as_str()),
            priority: ticket.priority,
            tags: ticket.tags.keys().cloned().collect(),
            posted_at: ticket.posted_at.or(Some(ticket.created_at)),
            first_response_due: ticket.first_response_due,
            first_response_at: ticket.first_response_at,
            unsynced: pending_keys
                && ticket_in(&self.client.confirmed(), &ticket.item) != Some(ticket),
            notes,
            reminder: ticket.reminder.as_ref().map(|reminder| ReminderView {
                at: reminder.at,
                by: agent_view(members, &reminder.by, ""),
                due: workspace::reminder_due(ticket, now),
            }),
            tag_suggestions: workspace::team_tags(self.lookups().tags(), ticket),
            assignable,
        }
    }
}

impl Replica {
    /// The person behind customer `id`: identities, history and link
    /// suggestions (the focused item's text counts as theirs).
    fn customer_view(&self, id: &str, item: &ObservedItem) -> Option<CustomerView> {
        let view = self.client.view();
        let people = self
            .lookups()
            .directory(|id| customer_in(&view, id), |item| ticket_in(&view, item));
        let group = Group::of(id, &people)?;
        let identities = group
            .identities()
            .into_iter()
            .map(|held| IdentityView {
                link: IdentityLink {
                    customer: held.holder.id.clone(),
                    platform: held.identity.platform,
                    handle: held.identity.handle.clone(),
                },
                profile_url: profile_url(held.identity.platform, &held.identity.handle),
                linked: held.is_link(),
            })
            .collect();
        let history = group
            .history(&people)
            .into_iter()
            .map(|ticket| HistoryEntry {
                item: ticket.item.clone(),
                status: ticket.status,
                at: when(ticket),
                excerpt: ticket.excerpt.clone().unwrap_or_default(),
                sentiment: ticket.sentiment,
                notes: self.lookups().notes_of(&ticket.item).count() as u32,
                current: ticket.item == item.key,
            })
            .collect();
        let suggestions = suggest_links(&group, &people, &[item.text.as_str()])
            .into_iter()
            .map(|suggestion| LinkSuggestionView {
                profile_url: profile_url(suggestion.platform, &suggestion.handle),
                other_name: suggestion
                    .other
                    .as_deref()
                    .and_then(|other| people.customer(other))
                    .map(|customer| customer.display_name.clone()),
                clue: suggestion.clue,
                link: IdentityLink {
                    customer: suggestion.customer,
                    platform: suggestion.platform,
                    handle: suggestion.handle,
                },
            })
            .collect();
        Some(CustomerView {
            id: group.primary.id.clone(),
            display_name: group.primary.display_name.clone(),
            identities,
            history,
            suggestions,
        })
    }
}

impl Replica {
    /// The team's approved templates that fit the item best, with what
    /// their placeholders stand for (the pages render them).
    fn replies(&self, focused: &FocusedItem, members: &[Member]) -> Vec<SuggestedReplyView> {
        let item = &focused.item;
        let templates: Vec<socialcare::model::Template> = self.client.view().all();
        let query = SuggestQuery {
            text: &item.text,
            intent: Some(focused.assessment.intent),
            language: focused.assessment.language.as_deref(),
        };
        let me = agent_view(members, &self.agent.agent_id, "");
        let context = ReplyContextView {
            customer_name: item.author_name.clone(),
            customer_handle: item
                .author_handle
                .as_ref()
                .map(|handle| format!("@{handle}")),
            agent_name: Some(me.name).filter(|name| *name != self.agent.agent_id),
            agent_initials: Some(me.initials),
            ticket_id: Some(item.key.to_string()),
        };
        offers(&templates, item.key.platform, &query, REPLY_SUGGESTIONS)
            .into_iter()
            .map(|offer| SuggestedReplyView {
                template_id: offer.id,
                name: offer.name,
                body: offer.body,
                prompts: offer
                    .prompts
                    .into_iter()
                    .map(|prompt| ReplyPromptView {
                        label: if prompt.label == prompt.id {
                            prompt.id.replace(['_', '-'], " ")
                        } else {
                            prompt.label
                        },
                        id: prompt.id,
                        choices: prompt.choices,
                    })
                    .collect(),
                why: offer.why,
                platform: item.key.platform,
                context: context.clone(),
            })
            .collect()
    }
}

/// The arguments of a link, unlink or rejection (the client fills `base_version`).
fn identity_args(link: IdentityLink) -> CustomerIdentity {
    CustomerIdentity {
        id: link.customer,
        platform: link.platform,
        handle: link.handle,
        base_version: 0,
    }
}

/// A member as the pages show them, if the team's records know them.
fn known_agent(members: &[Member], agent_id: &str) -> Option<AgentView> {
    let member = members.iter().find(|member| member.agent_id == agent_id)?;
    Some(AgentView {
        id: member.agent_id.clone(),
        name: member.name.clone(),
        initials: member.initials.clone(),
    })
}

/// A member as the pages show them (initials from the id when unknown).
fn agent_view(members: &[Member], agent_id: &str, initials: &str) -> AgentView {
    known_agent(members, agent_id).unwrap_or_else(|| AgentView {
        id: agent_id.to_owned(),
        name: agent_id.to_owned(),
        initials: if initials.is_empty() {
            agent_id.chars().take(2).collect::<String>().to_uppercase()
        } else {
            initials.to_owned()
        },
    })
}

fn status_word(status: TicketStatus) -> &'static str {
    match status {
        TicketStatus::New => "new",
        TicketStatus::Open => "open",
        TicketStatus::Pending => "pending",
        TicketStatus::Resolved => "resolved",
    }
}

fn presence_word(state: PresenceState) -> &'static str {
    match state {
        PresenceState::Viewing => "viewing",
        PresenceState::Replying => "replying",
        PresenceState::Left => "left",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use socialcare::care::{assess, CareContext};
    use socialcare::model::{ObservedItem, Platform, Role, TeamSettings};
    use socialcare::sync::ops::SettingsUpdate;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const NOW: f64 = 1_800_000_000_000.0;

    fn replica(agent_id: &str) -> Replica {
        Replica {
            client: Client::new("client-1").unwrap(),
            agent: Agent {
                agent_id: agent_id.to_owned(),
                role: Role::Admin,
            },
            presence: BTreeMap::new(),
            lookups: OnceCell::new(),
            queue: OnceCell::new(),
        }
    }

    fn focused(id: &str, handle: &str, text: &str) -> FocusedItem {
        let item = ObservedItem {
            key: ItemKey::new(Platform::X, id),
            kind: ItemKind::Post,
            parent_id: None,
            thread_id: None,
            author_handle: Some(handle.to_owned()),
            author_name: Some("Dana".to_owned()),
            text: text.to_owned(),
            permalink: None,
            timestamp: None,
            reposted_by: None,
        };
        let assessment = assess(text, &CareContext::default());
        FocusedItem { item, assessment }
    }

    fn value(json: String) -> Value {
        serde_json::from_str(&json).unwrap()
    }

    fn from_json<T: serde::de::DeserializeOwned>(json: String) -> serde_json::Result<T> {
        serde_json::from_str(&json)
    }

    #[test]
    fn a_created_ticket_shows_on_the_badge_at_once_and_is_queued_as_text() {
        let mut replica = replica("ag_kim");
        let item = focused("1", "dana", "My order never arrived, where is it?");
        let step = value(
            replica
                .create_ticket(&to_js(&item).unwrap(), NOW - 60_000.0, NOW)
                .unwrap(),
        );
        assert_eq!(step["ok"], json!(true));
        assert_eq!(step["changed"], json!(["x:1"]));
        let outbox = &step["delta"]["put"]["outbox"][0];
        assert_eq!(outbox[0], json!(1));
        assert!(
            outbox[1].is_string(),
            "outbox entries are JSON text: {outbox}"
        );
        let overlay = replica.overlay(&item.item.key, NOW as i64);
        assert_eq!(overlay.status, "new");
        assert_eq!(overlay.since, Some(NOW as i64 - 60_000));
        assert!(overlay.due.is_some());
        assert_eq!(replica.pending_count(), 1);
        let push: Value = serde_json::from_str(&replica.push_request().unwrap()).unwrap();
        assert_eq!(push["mutations"][0]["name"], json!("ticket.create"));
        assert_eq!(
            push["mutations"][0]["args"]["author"]["handle"],
            json!("dana")
        );
    }

    #[test]
    fn claims_show_the_assignee_and_an_action_the_rules_refuse_is_not_queued() {
        let mut replica = replica("ag_kim");
        let item = focused("2", "dana", "Refund please");
        replica
            .create_ticket(&to_js(&item).unwrap(), f64::NAN, NOW)
            .unwrap();
        let step = value(replica.claim("x:2", NOW + 1.0).unwrap());
        assert_eq!(step["ok"], json!(true));
        assert_eq!(step["settings_changed"], json!(false), "{step}");
        assert_eq!(replica.overlay(&item.item.key, NOW as i64).assignee, "AG");
        let refused = value(replica.set_status("x:999", "pending", NOW + 2.0).unwrap());
        assert_eq!(refused["ok"], json!(false), "{refused}");
        assert_eq!(
            refused["action"],
            json!("ticket.set_status"),
            "the panel names it"
        );
        assert_eq!(
            refused["message"],
            json!("no ticket for x:999"),
            "the English, for the audit and a page that cannot word it"
        );
        assert_eq!(
            refused["refusal"],
            json!({"refusal": "no_ticket", "item": "x:999"}),
            "the reason as data, for the panel to word"
        );
        let blank_tag = value(replica.tag("x:2", "  ", true, NOW + 3.0).unwrap());
        assert_eq!(blank_tag["refusal"], json!({"refusal": "empty_tag"}));
        assert_eq!(blank_tag["code"], json!("invalid_args"));
        assert_eq!(
            blank_tag["message"],
            json!("a tag needs at least one character")
        );
        assert_eq!(
            replica.pending_count(),
            2,
            "a refused action is never queued"
        );
    }

    #[test]
    fn the_stores_rejections_reach_the_pages_with_their_refusal_or_without() {
        // The store's answer to a create, a claim and a status change.
        let answer = json!({
            "last_mutation_id": 3,
            "version": 3,
            "results": [
                {"id": 1, "outcome": "applied", "version": 1},
                // As a store before refusals were data answers.
                {"id": 2, "outcome": "rejected", "code": "conflict", "version": 2,
                 "message": "the ticket was assigned to ag_sam at version 1 after the version 0 you saw"},
                {"id": 3, "outcome": "rejected", "code": "conflict", "version": 3,
                 "message": "status was changed at version 2 after the version 1 you saw, by a newer edit",
                 "refusal": {"refusal": "stale", "field": "status", "changed_at": 2, "seen": 1}},
            ],
        });
        let mut replica = replica("ag_kim");
        let item = to_js(&focused("4", "dana", "Refund please")).unwrap();
        replica.create_ticket(&item, f64::NAN, NOW).unwrap();
        replica.claim("x:4", NOW + 1.0).unwrap();
        replica.set_status("x:4", "pending", NOW + 2.0).unwrap();
        replica.on_push_response(&answer.to_string()).unwrap();
        let views: Vec<socialcare_views::RejectionView> =
            from_json(replica.rejections().unwrap()).unwrap();
        assert_eq!(views.len(), 2);
        assert_eq!(views[0].mutation_id, 3, "newest first");
        assert_eq!(views[0].refusal.action, "ticket.set_status");
        assert_eq!(
            views[0]
                .refusal
                .item
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("x:4"),
            "the item the refused action was about"
        );
        assert_eq!(
            views[0].refusal.refusal,
            Some(Refusal::Stale {
                field: socialcare::sync::ScalarField::Status,
                changed_at: 2,
                seen: 1
            })
        );
        assert_eq!(views[1].refusal.refusal, None);
        assert_eq!(
            views[1].refusal.message,
            "the ticket was assigned to ag_sam at version 1 after the version 0 you saw"
        );
    }

    #[test]
    fn a_refusal_that_names_a_known_teammate_carries_their_name() {
        let mut replica = replica("ag_kim");
        let pulled = json!({
            "cookie": {"version": 1, "schema": socialcare::sync::SCHEMA_VERSION},
            "reset": false, "more": false, "last_mutation_id": 0, "rejected": [],
            "changes": [{"version": 1, "id": "ag_sam", "kind": "member",
                "body": {"agent_id": "ag_sam", "name": "Sam Ortiz", "initials": "SO", "role": "agent", "active": true}}],
        });
        replica.on_pull_response(&pulled.to_string()).unwrap();
        let item = to_js(&focused("4", "dana", "Refund please")).unwrap();
        replica.create_ticket(&item, f64::NAN, NOW).unwrap();
        replica.claim("x:4", NOW + 1.0).unwrap();
        replica.set_status("x:4", "pending", NOW + 2.0).unwrap();
        let meanwhile = |id: u64, assignee: &str| {
            json!({"id": id, "outcome": "rejected", "code": "conflict", "version": id + 1,
                "message": format!("the ticket was assigned to {assignee} at version 2 after the version 1 you saw"),
                "refusal": {"refusal": "assigned_meanwhile", "assignee": assignee, "changed_at": 2, "seen": 1}})
        };
        let answer = json!({
            "last_mutation_id": 3, "version": 4,
            "results": [{"id": 1, "outcome": "applied", "version": 2}, meanwhile(2, "ag_sam"), meanwhile(3, "ag_gone")],
        });
        replica.on_push_response(&answer.to_string()).unwrap();
        let views: Vec<socialcare_views::RejectionView> =
            from_json(replica.rejections().unwrap()).unwrap();
        let assignees: Vec<Option<AgentView>> = views
            .into_iter()
            .map(|view| view.refusal.assignee)
            .collect();
        assert_eq!(
            assignees,
            [
                None,
                Some(AgentView {
                    id: "ag_sam".to_owned(),
                    name: "Sam Ortiz".to_owned(),
                    initials: "SO".to_owned(),
                }),
            ],
            "newest first: a teammate the records do not know has none (the page shows the id)"
        );
    }

    #[test]
    fn teammates_presence_is_kept_until_it_lapses_and_never_our_own() {
        let mut replica = replica("ag_kim");
        let entry =
            |agent: &str, initials: &str, state: PresenceState, expires: f64| PresenceEntry {
                agent_id: agent.to_owned(),
                initials: initials.to_owned(),
                item: "x:3".parse().unwrap(),
                state,
                expires_at: expires as i64,
            };
        let entries = vec![
            entry("ag_ana", "AR", PresenceState::Replying, NOW + 30_000.0),
            entry("ag_kim", "KL", PresenceState::Viewing, NOW + 30_000.0),
        ];
        let changed = value(replica.presence(&to_js(&entries).unwrap(), NOW).unwrap());
        assert_eq!(changed, json!(["x:3"]));
        let key: ItemKey = "x:3".parse().unwrap();
        assert_eq!(replica.overlay(&key, NOW as i64).presence, "AR:replying");
        assert_eq!(replica.overlay(&key, NOW as i64 + 31_000).presence, "");
        let left = vec![entry("ag_ana", "AR", PresenceState::Left, NOW + 30_000.0)];
        replica.presence(&to_js(&left).unwrap(), NOW).unwrap();
        assert_eq!(replica.overlay(&key, NOW as i64).presence, "");
    }

    #[test]
    fn notes_tags_priority_and_reminders_show_at_once_in_the_ticket_view() {
        let mut replica = replica("ag_kim");
        let item = focused("6", "dana", "Where is my parcel?");
        replica
            .create_ticket(&to_js(&item).unwrap(), f64::NAN, NOW)
            .unwrap();
        let ok = |step: String| assert_eq!(value(step)["ok"], json!(true));
        ok(replica.set_priority("x:6", "urgent", NOW).unwrap());
        ok(replica.tag("x:6", " vip ", true, NOW).unwrap());
        ok(replica
            .add_note("x:6", "n1".to_owned(), "<b>call back</b>", NOW)
            .unwrap());
        ok(replica
            .edit_note("n1".to_owned(), "call back at 5", NOW + 1.0)
            .unwrap());
        let when = to_js(&ReminderChoice::InOneHour).unwrap();
        ok(replica.remind("x:6", &when, NOW).unwrap());
        let blank = value(replica.add_note("x:6", "n2".to_owned(), "  ", NOW).unwrap());
        assert_eq!(blank["ok"], json!(false), "an empty note is refused");

        let ticket_at = |now: f64| {
            let focus: FocusView =
                from_json(replica.focus_view(&to_js(&item).unwrap(), now).unwrap()).unwrap();
            focus.ticket.unwrap()
        };
        let ticket = ticket_at(NOW);
        assert_eq!(ticket.priority, Priority::Urgent);
        assert_eq!(ticket.tags, ["vip"]);
        assert_eq!(ticket.notes.len(), 1);
        assert_eq!(ticket.notes[0].body, "call back at 5");
        assert!(ticket.notes[0].mine);
        assert!(ticket.assignable.is_empty(), "no member records yet");
        let reminder = ticket.reminder.unwrap();
        assert_eq!(reminder.at, NOW as i64 + 3_600_000);
        assert!(!reminder.due);
        assert_eq!(replica.overlay(&item.item.key, NOW as i64).reminder, "");
        let later = NOW + 3_600_000.0;
        assert!(ticket_at(later).reminder.unwrap().due);
        assert_eq!(
            replica.overlay(&item.item.key, later as i64).reminder,
            "due"
        );
        let due = value(replica.reminders_due(NOW, later).unwrap());
        assert_eq!(due["due"][0]["item"], json!("x:6"));
        assert_eq!(due["due"][0]["excerpt"], json!("Where is my parcel?"));
        let push: Value = serde_json::from_str(&replica.push_request().unwrap()).unwrap();
        let names: Vec<&str> = push["mutations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|mutation| mutation["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "ticket.create",
                "ticket.set_priority",
                "ticket.tag",
                "note.add",
                "note.edit",
                "ticket.remind"
            ]
        );
    }

    #[test]
    fn brand_accounts_are_ours_whatever_the_case_or_at_sign() {
        let mut replica = replica("ag_admin");
        let mut settings = TeamSettings::default();
        settings
            .brand_accounts
            .insert(Platform::X, vec!["@AcmeCare".to_owned()]);
        let step = value(
            replica
                .act(Op::SettingsUpdate(SettingsUpdate { settings }), NOW)
                .unwrap(),
        );
        assert_eq!(step["ok"], json!(true), "{step}");
        assert_eq!(
            step["settings_changed"],
            json!(true),
            "the worker re-reads the brand accounts"
        );
        let brands: socialcare_views::brand::BrandAccounts =
            from_json(replica.brand_accounts().unwrap()).unwrap();
        assert!(is_brand(&brands, &focused("4", "acmecare", "Sorry!").item));
        assert!(!is_brand(&brands, &focused("5", "dana", "Help").item));
    }

    fn on(platform: Platform, id: &str, handle: &str, name: &str, text: &str) -> FocusedItem {
        let mut item = focused(id, handle, text);
        item.item.key = ItemKey::new(platform, id);
        item.item.author_name = Some(name.to_owned());
        item
    }

    fn customer_of(replica: &Replica, item: &FocusedItem) -> CustomerView {
        let view: FocusView =
            from_json(replica.focus_view(&to_js(item).unwrap(), NOW).unwrap()).unwrap();
        view.customer.expect("the item's customer")
    }

    #[test]
    fn a_confirmed_link_joins_the_histories_and_a_rejection_is_not_suggested_again() {
        let mut replica = replica("ag_kim");
        let on_x = on(
            Platform::X,
            "10",
            "ana",
            "Ana R",
            "Where is my order? my IG is @ana.r",
        );
        let on_instagram = on(Platform::Instagram, "20", "ana.r", "Ana R", "Any news?");
        let bob = on(Platform::Facebook, "30", "bob.s", "Ana R", "Hello");
        for (item, at) in [(&on_x, NOW - 2e3), (&on_instagram, NOW - 1e3), (&bob, NOW)] {
            replica
                .create_ticket(&to_js(item).unwrap(), at, NOW)
                .unwrap();
        }
        let before = customer_of(&replica, &on_x);
        assert_eq!(before.history.len(), 1);
        let suggested: Vec<String> = before
            .suggestions
            .iter()
            .map(|s| format!("{}: {}", s.link.handle, s.clue))
            .collect();
        assert_eq!(
            suggested,
            [
                "ana.r: The customer wrote “IG is @ana.r”",
                "bob.s: Same display name “Ana R”"
            ]
        );
        let link = |handle: &str, platform: Platform| {
            to_js(&IdentityLink {
                customer: "x:ana".into(),
                platform,
                handle: handle.into(),
            })
            .unwrap()
        };
        let linked = value(
            replica
                .link_identity(&link("ana.r", Platform::Instagram), NOW)
                .unwrap(),
        );
        assert_eq!(linked["ok"], json!(true), "{linked}");
        let rejected = value(
            replica
                .reject_link(&link("bob.s", Platform::Facebook), NOW)
                .unwrap(),
        );
        assert_eq!(rejected["ok"], json!(true), "{rejected}");
        for item in [&on_x, &on_instagram] {
            let customer = customer_of(&replica, item);
            let history: Vec<String> = customer
                .history
                .iter()
                .map(|e| e.item.to_string())
                .collect();
            assert_eq!(
                history,
                ["instagram:20", "x:10"],
                "newest first, both platforms"
            );
            assert_eq!(customer.identities.len(), 2);
            assert!(
                customer.suggestions.is_empty(),
                "{:?}",
                customer.suggestions
            );
        }
        let push: Value = serde_json::from_str(&replica.push_request().unwrap()).unwrap();
        let names: Vec<&str> = push["mutations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap())
            .collect();
        assert_eq!(names[3..], ["customer.link", "customer.reject_link"]);
    }

    /// What IndexedDB holds after the deltas (as `static/worker/db.js`
    /// writes them), joined into one document as `static/worker/wasm.js`
    /// hands it to `Replica::restore`.
    fn stored(deltas: &[Value]) -> String {
        let mut meta = Value::Null;
        let mut tables: BTreeMap<&str, BTreeMap<String, Value>> = BTreeMap::new();
        for delta in deltas {
            if let Some(text) = delta["meta"].as_str() {
                meta = serde_json::from_str(text).unwrap();
            }
            for table in ["records", "outbox", "rejections"] {
                let held = tables.entry(table).or_default();
                for put in delta["put"][table].as_array().unwrap() {
                    let stored: Value = serde_json::from_str(put[1].as_str().unwrap()).unwrap();
                    held.insert(put[0].to_string(), stored);
                }
                for key in delta["delete"][table].as_array().unwrap() {
                    held.remove(&key.to_string());
                }
            }
        }
        let values = |table| tables[table].values().cloned().collect::<Vec<_>>();
        json!({
            "meta": meta,
            "records": values("records"),
            "outbox": values("outbox"),
            "rejections": values("rejections"),
        })
        .to_string()
    }

    #[test]
    fn a_restored_replica_paints_badges_without_its_indexes_and_builds_them_for_the_panel() {
        let mut before = replica("ag_kim");
        let first = on(Platform::X, "1", "dana_k", "Dana", "My refund never came");
        let created = value(
            before
                .create_ticket(&to_js(&first).unwrap(), NOW, NOW)
                .unwrap(),
        );
        let deltas = [
            value(before.initial_delta().unwrap()),
            created["delta"].clone(),
        ];
        let agent = to_js(&before.agent).unwrap();
        let mut woken = Replica::restore(&stored(&deltas), &agent).unwrap();

        let overlays = value(woken.overlays(r#"["x:1","x:404"]"#, NOW).unwrap());
        assert_eq!(overlays["x:1"]["status"], json!("new"));
        assert_eq!(overlays["x:404"]["status"], json!("none"));
        woken.claim("x:1", NOW + 1.0).unwrap();
        assert!(
            woken.lookups.get().is_none(),
            "badges and changes need no index"
        );

        let panel = |replica: &Replica| {
            let searches = ["refund", "dana", "vip", "friday"].map(|q| replica.search(q).unwrap());
            let focused = [&first, &second_item()].map(|item| {
                replica
                    .focus_view(&to_js(item).unwrap(), NOW + 9.0)
                    .unwrap()
            });
            (searches, focused)
        };
        let found: SearchView = from_json(woken.search("refund").unwrap()).unwrap();
        assert_eq!(found.total, 1);
        assert!(
            woken.lookups.get().is_some(),
            "the first panel search builds them"
        );

        let second = second_item();
        woken
            .create_ticket(&to_js(&second).unwrap(), NOW + 2.0, NOW + 2.0)
            .unwrap();
        woken
            .add_note(
                "x:1",
                "note-1".to_owned(),
                "Promised the refund by Friday",
                NOW + 3.0,
            )
            .unwrap();
        woken.tag("x:2", "vip", true, NOW + 4.0).unwrap();
        let kept = panel(&woken);
        let found: SearchView = from_json(kept.0[0].clone()).unwrap();
        assert_eq!(
            found.total, 2,
            "the index sees tickets created after it was built"
        );
        woken.lookups = OnceCell::new();
        assert_eq!(
            kept,
            panel(&woken),
            "kept up to date, the indexes answer as a rebuild"
        );
    }

    fn second_item() -> FocusedItem {
        on(
            Platform::X,
            "2",
            "eli",
            "Eli",
            "Refund for order 1234 please",
        )
    }

    #[test]
    fn search_finds_tickets_by_excerpt_and_handle_and_sees_new_ones() {
        let mut replica = replica("ag_kim");
        let first = on(Platform::X, "1", "dana_k", "Dana", "My refund never came");
        replica
            .create_ticket(&to_js(&first).unwrap(), NOW, NOW)
            .unwrap();
        let found: SearchView = from_json(replica.search("refu").unwrap()).unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.results[0].handle.as_deref(), Some("dana_k"));
        let second = on(
            Platform::X,
            "2",
            "eli",
            "Eli",
            "Refund for order 1234 please",
        );
        replica
            .create_ticket(&to_js(&second).unwrap(), NOW + 1.0, NOW)
            .unwrap();
        let found: SearchView = from_json(replica.search("REFUND").unwrap()).unwrap();
        let items: Vec<String> = found.results.iter().map(|r| r.item.to_string()).collect();
        assert_eq!(items, ["x:2", "x:1"]);
        let opened = value(replica.ticket_item("x:2").unwrap());
        assert_eq!(
            opened["item"]["text"],
            json!("Refund for order 1234 please")
        );
        assert_eq!(opened["item"]["author_handle"], json!("eli"));
        assert!(replica.ticket_item("x:404").unwrap() == "null");
    }

    #[test]
    fn approved_templates_are_suggested_with_their_prompts_and_context() {
        use socialcare::model::{TemplateState, TemplateVariant};
        use socialcare::sync::ops::{TemplateSave, TemplateSetState};
        let mut replica = replica("ag_lead");
        for (id, body) in [
            ("refund", "Hi {{customer.first_name|there}}, your refund of {{prompt.amount}} is on its way. {{agent.initials}}"),
            ("hours", "We are open 9 to 5."),
        ] {
            let save = Op::TemplateSave(TemplateSave {
                id: id.into(),
                name: format!("{id} reply"),
                variants: vec![TemplateVariant { platform: None, language: "en".into(), body: body.into() }],
                tags: vec![],
                intents: vec![],
                prompts: vec![],
                base_revision: 0,
            });
            assert_eq!(value(replica.act(save, NOW).unwrap())["ok"], json!(true));
        }
        let approve = Op::TemplateSetState(TemplateSetState {
            id: "refund".into(),
            state: TemplateState::Approved,
            base_revision: 1,
        });
        assert_eq!(value(replica.act(approve, NOW).unwrap())["ok"], json!(true));
        let item = on(Platform::X, "7", "dana_k", "Dana K", "I want my refund now");
        let view: FocusView =
            from_json(replica.focus_view(&to_js(&item).unwrap(), NOW).unwrap()).unwrap();
        let names: Vec<&str> = view.replies.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["refund reply"], "drafts are never offered");
        let reply = &view.replies[0];
        assert_eq!(reply.prompts[0].id, "amount");
        assert_eq!(reply.context.customer_name.as_deref(), Some("Dana K"));
        assert_eq!(reply.context.ticket_id.as_deref(), Some("x:7"));
        assert_eq!(reply.platform, Platform::X);
    }
}
