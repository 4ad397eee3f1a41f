//! The service worker's replica of the team's records: the core's sans-IO
//! sync client ([`socialcare::sync::client::Client`]) for JavaScript, plus
//! what the worker derives from it — ticket overlays for badges, the focused
//! item's view for the pages, teammates' presence — and the agent's actions
//! turned into mutations.
//!
//! JavaScript does the I/O (`static/worker/`): it persists every returned
//! `delta` to IndexedDB in one transaction, sends the push and pull requests,
//! and hands back the store's answers. Every state-changing call returns
//! `{ok, changed: [item keys], delta}` (or `{ok: false, code, message}` for an
//! action the rules refuse, which changes nothing).

use crate::engine::{self, BatchEntry};
use serde::Serialize;
use serde_json::{json, Value};
use socialcare::care::UrgencyLevel;
use socialcare::model::{
    Guideline, ItemKey, ItemKind, Member, PageAuthor, Priority, TeamSettings, Template, Ticket,
    TicketStatus,
};
use socialcare::sync::client::{Agent, Client, Meta, Persist, PersistedState, RecordKey};
use socialcare::sync::ops::{Op, TicketAssign, TicketCreate, TicketReopen, TicketSetStatus};
use socialcare::sync::{EntityKind, PresenceEntry, PresenceState, PullResponse, PushResponse};
use socialcare_views::focus::FocusedItem;
use socialcare_views::{AgentView, FocusView, PresenceView, TicketView};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The longest excerpt a ticket keeps of the customer's text, in characters.
const EXCERPT_CHARS: usize = 280;

/// The replica of one signed-in agent's team.
#[wasm_bindgen]
pub struct Replica {
    client: Client,
    agent: Agent,
    /// Teammates' presence by item, from the live channel (memory only, as in the store).
    presence: BTreeMap<ItemKey, Vec<PresenceEntry>>,
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
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    Ok(serde_wasm_bindgen::from_value(value)?)
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

/// What `db.loadReplica()` answers: every value as its JSON text.
#[derive(serde::Deserialize)]
struct StoredState {
    meta: String,
    records: Vec<String>,
    outbox: Vec<String>,
    rejections: Vec<String>,
}

impl StoredState {
    /// The client's persisted state, each value parsed.
    fn parse(self) -> serde_json::Result<PersistedState> {
        fn all<T: serde::de::DeserializeOwned>(texts: Vec<String>) -> serde_json::Result<Vec<T>> {
            texts
                .iter()
                .map(|text| serde_json::from_str(text))
                .collect()
        }
        Ok(PersistedState {
            meta: serde_json::from_str(&self.meta)?,
            records: all(self.records)?,
            outbox: all(self.outbox)?,
            rejections: all(self.rejections)?,
        })
    }
}

/// The item keys among changed records (tickets are keyed by their item).
fn changed_items(changed: &[RecordKey]) -> Vec<String> {
    changed
        .iter()
        .filter(|key| key.kind == EntityKind::Ticket)
        .map(|key| key.id.clone())
        .collect()
}

/// `{ok: true, changed, delta}` for a step that changed records.
fn step(changed: &[RecordKey], persist: &Persist) -> Value {
    json!({ "ok": true, "changed": changed_items(changed), "delta": delta(persist) })
}

/// Whether `handle` is one of the team's brand accounts on the item's platform.
fn is_brand(settings: &TeamSettings, item: &socialcare::model::ObservedItem) -> bool {
    let Some(handle) = item.author_handle.as_deref() else {
        return false;
    };
    let handle = handle.trim_start_matches('@');
    settings
        .brand_accounts
        .get(&item.key.platform)
        .is_some_and(|accounts| {
            accounts
                .iter()
                .any(|account| account.trim_start_matches('@').eq_ignore_ascii_case(handle))
        })
}

#[wasm_bindgen]
impl Replica {
    /// A new replica with nothing synced, for a new sign-in.
    pub fn create(client_id: String, agent: JsValue) -> Result<Replica, JsError> {
        Ok(Replica {
            client: Client::new(client_id)?,
            agent: from_js(agent)?,
            presence: BTreeMap::new(),
        })
    }

    /// Rebuilds the replica from what IndexedDB holds (`db.loadReplica()`).
    pub fn restore(state: JsValue, agent: JsValue) -> Result<Replica, JsError> {
        let state = from_js::<StoredState>(state)?.parse()?;
        Ok(Replica {
            client: Client::restore(state)?,
            agent: from_js(agent)?,
            presence: BTreeMap::new(),
        })
    }

    /// The delta that persists a new replica's meta (its client id).
    pub fn initial_delta(&self) -> Result<JsValue, JsError> {
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
    pub fn rejections(&self) -> Result<JsValue, JsError> {
        let views: Vec<Value> = self
            .client
            .rejections()
            .into_iter()
            .rev()
            .map(|rejection| {
                json!({
                    "mutation_id": rejection.mutation_id,
                    "action": rejection.name.unwrap_or_default(),
                    "item": Value::Null,
                    "code": rejection.code.as_str(),
                    "message": rejection.message,
                })
            })
            .collect();
        to_js(&views)
    }

    /// Forgets a rejection; answers the delta.
    pub fn dismiss_rejection(&mut self, mutation_id: f64) -> Result<JsValue, JsError> {
        to_js(&delta(&self.client.dismiss_rejection(mutation_id as u64)))
    }

    /// The next push as its JSON body, or `undefined` when the outbox is empty.
    pub fn push_request(&self) -> Option<String> {
        self.client.push_request().as_ref().map(text)
    }

    /// Takes the store's answer to a push (its JSON text).
    pub fn on_push_response(&mut self, answer: &str) -> Result<JsValue, JsError> {
        let answer: PushResponse = serde_json::from_str(answer)?;
        let synced = self.client.on_push_response(&answer);
        to_js(&step(&synced.changed, &synced.persist))
    }

    /// The next pull as its JSON body.
    pub fn pull_request(&self) -> String {
        text(&self.client.pull_request())
    }

    /// Takes the store's answer to a pull (its JSON text); `more` says to pull again.
    pub fn on_pull_response(&mut self, answer: &str) -> Result<JsValue, JsError> {
        let answer: PullResponse = serde_json::from_str(answer)?;
        let more = answer.more;
        let synced = self.client.on_pull_response(answer)?;
        let mut out = step(&synced.changed, &synced.persist);
        out["more"] = json!(more);
        to_js(&out)
    }

    /// Verdicts for a batch the content script read, with ticket overlays and
    /// the team's own brand accounts' items marked as ours (not classified).
    pub fn analyse(&self, url: &str, batch: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
        let batch: Vec<BatchEntry> = from_js(batch)?;
        let view = self.client.view();
        let settings = view.settings();
        let mut verdicts = engine::verdicts_with(url, &batch, |item| is_brand(&settings, item));
        for verdict in &mut verdicts {
            if let Some(badge) = &mut verdict.badge {
                if let Ok(key) = badge.key.parse::<ItemKey>() {
                    badge.overlay = Some(self.overlay(&key, now_ms as i64));
                }
            }
        }
        to_js(&verdicts)
    }

    /// Overlays for item keys: `{key: overlay}`.
    pub fn overlays(&self, keys: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
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
    pub fn presence(&mut self, entries: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
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
    pub fn focus_view(&self, focused: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
        let focused: FocusedItem = from_js(focused)?;
        let view = self.client.view();
        let members = view.members();
        let key = focused.item.key.clone();
        let ours = is_brand(&view.settings(), &focused.item);
        let ticket = view
            .ticket(&key)
            .map(|ticket| self.ticket_view(&ticket, &members));
        let presence = self
            .live_presence(&key, now_ms as i64)
            .map(|entry| PresenceView {
                agent: agent_view(&members, &entry.agent_id, &entry.initials),
                state: entry.state,
            })
            .collect();
        to_js(&FocusView {
            focused,
            ticket,
            presence,
            ours,
        })
    }

    /// Turns the focused item into a ticket. `posted_at_ms` is the item's
    /// timestamp as the browser parsed it (NaN when the page shows none).
    pub fn create_ticket(
        &mut self,
        focused: JsValue,
        posted_at_ms: f64,
        now_ms: f64,
    ) -> Result<JsValue, JsError> {
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
        self.act(Op::TicketCreate(create), now_ms)
    }

    /// Claims the item's ticket for the signed-in agent.
    pub fn claim(&mut self, item: &str, now_ms: f64) -> Result<JsValue, JsError> {
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
    pub fn set_status(
        &mut self,
        item: &str,
        status: &str,
        now_ms: f64,
    ) -> Result<JsValue, JsError> {
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
    pub fn documents(&self) -> Result<JsValue, JsError> {
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
    pub fn lead_act(&mut self, op: &str, now_ms: f64) -> Result<JsValue, JsError> {
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

impl Replica {
    /// Runs an action through the client: outbox and optimistic view, or refused.
    fn act(&mut self, op: Op, now_ms: f64) -> Result<JsValue, JsError> {
        match self.client.mutate(op, &self.agent, now_ms as i64) {
            Ok(mutated) => to_js(&step(&mutated.changed, &mutated.persist)),
            Err(rejection) => to_js(&json!({
                "ok": false,
                "code": rejection.code.as_str(),
                "message": rejection.message,
            })),
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
            },
        }
    }

    /// A ticket as the pages show it.
    fn ticket_view(&self, ticket: &Ticket, members: &[Member]) -> TicketView {
        let pending_keys = self.client.pending_count() > 0;
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
                && self.client.confirmed().ticket(&ticket.item).as_ref() != Some(ticket),
        }
    }
}

/// A member as the pages show them (initials from the id when unknown).
fn agent_view(members: &[Member], agent_id: &str, initials: &str) -> AgentView {
    match members.iter().find(|member| member.agent_id == agent_id) {
        Some(member) => AgentView {
            id: member.agent_id.clone(),
            name: member.name.clone(),
            initials: member.initials.clone(),
        },
        None => AgentView {
            id: agent_id.to_owned(),
            name: agent_id.to_owned(),
            initials: if initials.is_empty() {
                agent_id.chars().take(2).collect::<String>().to_uppercase()
            } else {
                initials.to_owned()
            },
        },
    }
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
    use socialcare::model::{ObservedItem, Platform, Role};
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

    fn value(js: JsValue) -> Value {
        serde_wasm_bindgen::from_value(js).unwrap()
    }

    #[test]
    fn a_created_ticket_shows_on_the_badge_at_once_and_is_queued_as_text() {
        let mut replica = replica("ag_kim");
        let item = focused("1", "dana", "My order never arrived, where is it?");
        let step = value(
            replica
                .create_ticket(to_js(&item).unwrap(), NOW - 60_000.0, NOW)
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
            .create_ticket(to_js(&item).unwrap(), f64::NAN, NOW)
            .unwrap();
        let step = value(replica.claim("x:2", NOW + 1.0).unwrap());
        assert_eq!(step["ok"], json!(true));
        assert_eq!(replica.overlay(&item.item.key, NOW as i64).assignee, "AG");
        let refused = value(replica.set_status("x:999", "pending", NOW + 2.0).unwrap());
        assert_eq!(refused["ok"], json!(false), "{refused}");
        assert!(refused["message"]
            .as_str()
            .is_some_and(|why| !why.is_empty()));
        assert_eq!(
            replica.pending_count(),
            2,
            "a refused action is never queued"
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
        let changed = value(replica.presence(to_js(&entries).unwrap(), NOW).unwrap());
        assert_eq!(changed, json!(["x:3"]));
        let key: ItemKey = "x:3".parse().unwrap();
        assert_eq!(replica.overlay(&key, NOW as i64).presence, "AR:replying");
        assert_eq!(replica.overlay(&key, NOW as i64 + 31_000).presence, "");
        let left = vec![entry("ag_ana", "AR", PresenceState::Left, NOW + 30_000.0)];
        replica.presence(to_js(&left).unwrap(), NOW).unwrap();
        assert_eq!(replica.overlay(&key, NOW as i64).presence, "");
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
        let view = replica.client.view();
        assert!(is_brand(
            &view.settings(),
            &focused("4", "acmecare", "Sorry!").item
        ));
        assert!(!is_brand(
            &view.settings(),
            &focused("5", "dana", "Help").item
        ));
    }
}
