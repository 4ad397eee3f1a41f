//! The sans-IO sync client: what the extension's worker runs, with no I/O and no
//! clock of its own (the time is passed in), on native and wasm alike.
//!
//! It keeps the outbox (mutation ids 1, 2, 3… per client id, no gaps), the confirmed
//! copy of the team's records with its cookie, and the optimistic view: the confirmed
//! copy with the pending mutations re-applied by the same mutators the store runs
//! (a rebase after every pull). `base_version` always comes from the confirmed copy.
//! Every state-changing call returns a [`Persist`] delta to write to IndexedDB, so
//! the worker can be killed at any moment and [`Client::restore`] what it wrote.
//!
//! The worker's loop: [`Client::mutate`] on each agent action; send
//! [`Client::push_request`] and give the answer to [`Client::on_push_response`];
//! send [`Client::pull_request`] (after a poke or a timer) and give the answer to
//! [`Client::on_pull_response`], again while it says `more`; read [`Client::view`].

mod persist;
mod replica;
#[cfg(test)]
mod tests;

pub use persist::{Agent, ClientRejection, Meta, OutboxEntry, Persist, PersistedState};
pub use replica::{RecordKey, Records, View};

use crate::model::{Customer, Ticket};
use crate::sync::entity::Entity;
use crate::sync::hlc;
use crate::sync::mutator::{self, Context, RejectCode, Rejection, Versioned};
use crate::sync::ops::Op;
use crate::sync::protocol::{
    is_valid_client_id, Change, Cookie, PullRequest, PullResponse, PushOutcome, PushRequest,
    PushResponse, MAX_MUTATIONS_PER_PUSH,
};
use crate::sync::refusal::Refusal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A mutation waiting in the outbox, with its parsed operation.
#[derive(Debug, Clone)]
struct Pending {
    entry: OutboxEntry,
    op: Op,
}

/// The sync client of one browser profile (see the module documentation).
#[derive(Debug, Clone)]
pub struct Client {
    meta: Meta,
    confirmed: Records,
    overlay: Records,
    outbox: Vec<Pending>,
    rejections: BTreeMap<u64, ClientRejection>,
}

/// What [`Client::mutate`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mutated {
    /// The new mutation's id.
    pub mutation_id: u64,
    /// The records the mutation changed in the optimistic view.
    pub changed: Vec<RecordKey>,
    /// What to write.
    pub persist: Persist,
}

/// What a push or pull answer changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Synced {
    /// The records whose optimistic value changed (repaint them).
    pub changed: Vec<RecordKey>,
    /// True when the confirmed copy was replaced by a snapshot.
    pub reset: bool,
    /// Rejections learned from this answer.
    pub rejected: Vec<ClientRejection>,
    /// What to write.
    pub persist: Persist,
}

/// An answer the client cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum SyncError {
    /// A pull answer without `reset` whose cookie is older than the client's.
    #[error("the store's cookie went back from version {had} to {got} without a reset")]
    CookieWentBack {
        /// The client's cookie version.
        had: u64,
        /// The answer's.
        got: u64,
    },
}

/// Persisted state the client cannot rebuild from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RestoreError {
    /// The client id is not 1–64 letters, digits, `-` or `_`.
    #[error("invalid client id {0:?}")]
    InvalidClientId(String),
    /// The outbox ids are not increasing up to the last issued id.
    #[error("the outbox holds mutation {id} out of order (last issued {last_mutation_id})")]
    OutboxOutOfOrder {
        /// The offending id.
        id: u64,
        /// The last id issued according to `meta`.
        last_mutation_id: u64,
    },
    /// An outbox entry's operation does not parse.
    #[error("outbox mutation {id} does not parse: {message}")]
    BadMutation {
        /// The mutation id.
        id: u64,
        /// The parse error.
        message: String,
    },
}

impl Client {
    /// A new client with nothing synced yet.
    pub fn new(client_id: impl Into<String>) -> Result<Client, RestoreError> {
        Client::restore(PersistedState::new(client_id))
    }

    /// Rebuilds a client from what IndexedDB holds (see [`PersistedState`]).
    pub fn restore(state: PersistedState) -> Result<Client, RestoreError> {
        if !is_valid_client_id(&state.meta.client_id) {
            return Err(RestoreError::InvalidClientId(state.meta.client_id));
        }
        let mut previous = 0;
        let mut outbox = Vec::with_capacity(state.outbox.len());
        for entry in state.outbox {
            if entry.id <= previous || entry.id > state.meta.last_mutation_id {
                return Err(RestoreError::OutboxOutOfOrder {
                    id: entry.id,
                    last_mutation_id: state.meta.last_mutation_id,
                });
            }
            previous = entry.id;
            let op =
                Op::parse(&entry.name, &entry.args).map_err(|error| RestoreError::BadMutation {
                    id: entry.id,
                    message: error.to_string(),
                })?;
            outbox.push(Pending { entry, op });
        }
        // The maps are filled by `extend` (one insert each), not `collect`:
        // collecting sorts first, which links a stable sort per map type
        // into the worker's wasm.
        let mut confirmed = Records::new();
        confirmed.extend(state.records.into_iter().map(|change| {
            (
                RecordKey::of_change(&change),
                Versioned {
                    entity: change.entity,
                    version: change.version,
                },
            )
        }));
        let mut rejections = BTreeMap::new();
        rejections.extend(
            state
                .rejections
                .into_iter()
                .map(|rejection| (rejection.mutation_id, rejection)),
        );
        let mut client = Client {
            meta: state.meta,
            confirmed,
            overlay: Records::new(),
            outbox,
            rejections,
        };
        client.rebase();
        Ok(client)
    }

    /// This client's id.
    pub fn client_id(&self) -> &str {
        &self.meta.client_id
    }

    /// The cookie of the confirmed copy (none before the first pull).
    pub fn cookie(&self) -> Option<Cookie> {
        self.meta.cookie
    }

    /// The optimistic records: the confirmed copy with the pending mutations applied.
    pub fn view(&self) -> View<'_> {
        View {
            confirmed: &self.confirmed,
            overlay: &self.overlay,
        }
    }

    /// The confirmed copy alone, as the store last sent it.
    pub fn confirmed(&self) -> View<'_> {
        View {
            confirmed: &self.confirmed,
            overlay: &EMPTY,
        }
    }

    /// How many mutations the store has not acknowledged yet.
    pub fn pending_count(&self) -> usize {
        self.outbox
            .iter()
            .filter(|pending| !pending.entry.acknowledged)
            .count()
    }

    /// The store's rejections of this client's mutations, oldest first, until dismissed.
    pub fn rejections(&self) -> Vec<ClientRejection> {
        self.rejections.values().cloned().collect()
    }

    /// Forgets a rejection once the agent has seen it.
    pub fn dismiss_rejection(&mut self, mutation_id: u64) -> Persist {
        let mut persist = Persist::default();
        if self.rejections.remove(&mutation_id).is_some() {
            persist.rejections_deleted.push(mutation_id);
        }
        persist
    }

    /// Records an agent's action: ticks the HLC from `now_ms`, takes `base_version`
    /// from the confirmed copy, applies the mutator to the optimistic view and queues
    /// the mutation. An action the mutator rejects locally is refused at once and
    /// never queued (nothing changes).
    pub fn mutate(&mut self, mut op: Op, agent: &Agent, now_ms: i64) -> Result<Mutated, Rejection> {
        if let Some((key, base_version)) = base_version_slot(&mut op) {
            *base_version = self.confirmed.get(&key).map_or(0, |stored| stored.version);
        }
        let clock = hlc::tick(self.meta.hlc, now_ms);
        let id = self.meta.last_mutation_id + 1;
        let version = self.optimistic_version(self.outbox.len());
        let ctx = Context {
            agent_id: &agent.agent_id,
            role: agent.role,
            now_ms: hlc::millis(clock),
            version,
            hlc: clock,
        };
        let Ok(outcome) = mutator::apply(&ctx, &op, &mut self.view());
        let applied = outcome?;
        let args = serde_json::to_value(&op)
            .map_err(|error| {
                Rejection::new(Refusal::Unreadable {
                    detail: error.to_string(),
                })
            })?
            .get_mut("args")
            .map(serde_json::Value::take)
            .unwrap_or(serde_json::Value::Null);
        let entry = OutboxEntry {
            id,
            name: op.name().to_owned(),
            args,
            hlc: clock,
            agent: agent.clone(),
            acknowledged: false,
            version: None,
        };
        let changed = write(&mut self.overlay, applied.writes, version);
        self.meta.last_mutation_id = id;
        self.meta.hlc = clock;
        self.outbox.push(Pending {
            entry: entry.clone(),
            op,
        });
        Ok(Mutated {
            mutation_id: id,
            changed,
            persist: Persist {
                outbox_put: vec![entry],
                meta: Some(self.meta.clone()),
                ..Persist::default()
            },
        })
    }

    /// The next batch to push: up to [`MAX_MUTATIONS_PER_PUSH`] unacknowledged mutations, oldest first.
    pub fn push_request(&self) -> Option<PushRequest> {
        let mutations: Vec<_> = self
            .outbox
            .iter()
            .filter(|pending| !pending.entry.acknowledged)
            .take(MAX_MUTATIONS_PER_PUSH)
            .map(|pending| pending.entry.mutation())
            .collect();
        (!mutations.is_empty()).then(|| PushRequest {
            client_id: self.meta.client_id.clone(),
            mutations,
        })
    }

    /// Takes a push answer: acknowledged mutations stop being sent, rejected ones
    /// leave the optimistic view and are surfaced.
    pub fn on_push_response(&mut self, response: &PushResponse) -> Synced {
        let mut sync = Sync::start(self);
        for result in &response.results {
            match result.outcome {
                PushOutcome::Rejected => {
                    let code = result
                        .code
                        .as_deref()
                        .and_then(|code| serde_json::from_value(code.into()).ok())
                        .unwrap_or(RejectCode::InvalidMutation);
                    let message = result.message.clone().unwrap_or_default();
                    sync.reject(self, result.id, code, message, result.refusal.clone());
                }
                PushOutcome::Applied | PushOutcome::Duplicate => {
                    sync.acknowledge(self, result.id, result.version)
                }
            }
        }
        sync.acknowledge_upto(self, response.last_mutation_id);
        sync.finish(self, None)
    }

    /// The next pull: changes since the confirmed copy's cookie.
    pub fn pull_request(&self) -> PullRequest {
        PullRequest {
            client_id: self.meta.client_id.clone(),
            cookie: self.meta.cookie,
            limit: None,
        }
    }

    /// Takes a pull answer: the confirmed copy moves forward (or is replaced on
    /// `reset`), mutations it holds leave the outbox, the pending ones are rebased.
    /// Pull again while `response.more`.
    pub fn on_pull_response(&mut self, response: PullResponse) -> Result<Synced, SyncError> {
        if let Some(had) = self.meta.cookie {
            if !response.reset && response.cookie.version < had.version {
                return Err(SyncError::CookieWentBack {
                    had: had.version,
                    got: response.cookie.version,
                });
            }
        }
        let mut sync = Sync::start(self);
        if response.reset {
            sync.reset(self);
        }
        for change in response.changes {
            sync.confirm(self, change);
        }
        for rejected in response.rejected {
            sync.reject(
                self,
                rejected.mutation_id,
                rejected.code,
                rejected.message,
                rejected.refusal,
            );
        }
        sync.acknowledge_upto(self, response.last_mutation_id);
        self.meta.cookie = Some(response.cookie);
        Ok(sync.finish(self, (!response.more).then_some(response.last_mutation_id)))
    }

    /// The team version a pending mutation at `position` takes in the optimistic view
    /// (a stand-in until the store assigns the real one).
    fn optimistic_version(&self, position: usize) -> u64 {
        self.meta.cookie.map_or(0, |cookie| cookie.version) + position as u64 + 1
    }

    /// Rebuilds the optimistic overlay: every pending mutation re-applied, in order,
    /// on the confirmed copy. Mutations that now fail locally change nothing here;
    /// the store decides them.
    fn rebase(&mut self) {
        let mut overlay = Records::new();
        for (position, pending) in self.outbox.iter().enumerate() {
            let version = pending
                .entry
                .version
                .unwrap_or_else(|| self.optimistic_version(position));
            let ctx = Context {
                agent_id: &pending.entry.agent.agent_id,
                role: pending.entry.agent.role,
                now_ms: hlc::millis(pending.entry.hlc),
                version,
                hlc: pending.entry.hlc,
            };
            let mut view = View {
                confirmed: &self.confirmed,
                overlay: &overlay,
            };
            let Ok(outcome) = mutator::apply(&ctx, &pending.op, &mut view);
            if let Ok(applied) = outcome {
                write(&mut overlay, applied.writes, version);
            }
        }
        self.overlay = overlay;
    }
}

static EMPTY: Records = Records::new();

/// Writes a mutation's records into the overlay at `version`; returns their keys.
fn write(overlay: &mut Records, writes: Vec<Entity>, version: u64) -> Vec<RecordKey> {
    writes
        .into_iter()
        .map(|entity| {
            let key = RecordKey {
                kind: entity.kind(),
                id: entity.id(),
            };
            overlay.insert(key.clone(), Versioned { entity, version });
            key
        })
        .collect()
}

/// The field of an operation that names the confirmed version it was based on.
fn base_version_slot(op: &mut Op) -> Option<(RecordKey, &mut u64)> {
    match op {
        Op::TicketSetStatus(args) => Some((
            RecordKey::of::<Ticket>(args.item.to_string()),
            &mut args.base_version,
        )),
        Op::TicketAssign(args) => Some((
            RecordKey::of::<Ticket>(args.item.to_string()),
            &mut args.base_version,
        )),
        Op::TicketSetPriority(args) => Some((
            RecordKey::of::<Ticket>(args.item.to_string()),
            &mut args.base_version,
        )),
        Op::TicketTag(args) => Some((
            RecordKey::of::<Ticket>(args.item.to_string()),
            &mut args.base_version,
        )),
        Op::TicketRemind(args) => Some((
            RecordKey::of::<Ticket>(args.item.to_string()),
            &mut args.base_version,
        )),
        Op::CustomerUnlink(args) => Some((
            RecordKey::of::<Customer>(args.id.clone()),
            &mut args.base_version,
        )),
        _ => None,
    }
}

/// One push or pull answer being taken: remembers what the optimistic view held
/// before, and collects the delta to persist.
struct Sync {
    before_overlay: Records,
    before_confirmed: BTreeMap<RecordKey, Option<Versioned>>,
    touched_outbox: BTreeSet<u64>,
    reset: bool,
    rejected: Vec<ClientRejection>,
    persist: Persist,
}

impl Sync {
    fn start(client: &Client) -> Sync {
        Sync {
            before_overlay: client.overlay.clone(),
            before_confirmed: BTreeMap::new(),
            touched_outbox: BTreeSet::new(),
            reset: false,
            rejected: Vec::new(),
            persist: Persist::default(),
        }
    }

    /// Drops the whole confirmed copy (a snapshot follows).
    fn reset(&mut self, client: &mut Client) {
        self.reset = true;
        for (key, stored) in std::mem::take(&mut client.confirmed) {
            self.before_confirmed
                .entry(key.clone())
                .or_insert(Some(stored));
            self.persist.records_deleted.push(key);
        }
    }

    /// Puts a record from the store into the confirmed copy.
    fn confirm(&mut self, client: &mut Client, change: Change) {
        let key = RecordKey::of_change(&change);
        let before = client.confirmed.insert(
            key.clone(),
            Versioned {
                entity: change.entity.clone(),
                version: change.version,
            },
        );
        self.before_confirmed.entry(key).or_insert(before);
        self.persist.records_put.push(change);
    }

    fn reject(
        &mut self,
        client: &mut Client,
        mutation_id: u64,
        code: RejectCode,
        message: String,
        refusal: Option<Refusal>,
    ) {
        let position = client
            .outbox
            .iter()
            .position(|pending| pending.entry.id == mutation_id);
        let removed = position.map(|index| client.outbox.remove(index));
        if removed.is_some() {
            self.touched_outbox.insert(mutation_id);
        }
        if client.rejections.contains_key(&mutation_id) {
            return;
        }
        let rejection = ClientRejection {
            mutation_id,
            item: removed
                .as_ref()
                .and_then(|pending| pending.op.item().cloned()),
            name: removed.map(|pending| pending.entry.name),
            code,
            message,
            refusal,
        };
        client.rejections.insert(mutation_id, rejection.clone());
        self.persist.rejections_put.push(rejection.clone());
        self.rejected.push(rejection);
    }

    fn acknowledge(&mut self, client: &mut Client, mutation_id: u64, version: Option<u64>) {
        if let Some(pending) = client
            .outbox
            .iter_mut()
            .find(|pending| pending.entry.id == mutation_id)
        {
            let entry = &mut pending.entry;
            if !entry.acknowledged || (entry.version.is_none() && version.is_some()) {
                entry.acknowledged = true;
                entry.version = entry.version.or(version);
                self.touched_outbox.insert(mutation_id);
            }
        }
    }

    fn acknowledge_upto(&mut self, client: &mut Client, last_mutation_id: u64) {
        for pending in client
            .outbox
            .iter_mut()
            .filter(|pending| pending.entry.id <= last_mutation_id && !pending.entry.acknowledged)
        {
            pending.entry.acknowledged = true;
            self.touched_outbox.insert(pending.entry.id);
        }
        // A store that has more of this client's mutations than the client issued
        // (its local state was lost): new ids continue after the store's.
        client.meta.last_mutation_id = client.meta.last_mutation_id.max(last_mutation_id);
    }

    /// Drops acknowledged mutations the confirmed copy now holds, rebases, and
    /// reports what changed. `complete_upto` is the pulled last mutation id when the
    /// answer was a pull's last page (its snapshot holds every mutation up to it).
    fn finish(mut self, client: &mut Client, complete_upto: Option<u64>) -> Synced {
        let cookie_version = client.meta.cookie.map_or(0, |cookie| cookie.version);
        client.outbox.retain(|pending| {
            let entry = &pending.entry;
            let held = entry.acknowledged
                && (entry
                    .version
                    .is_some_and(|version| version <= cookie_version)
                    || complete_upto.is_some_and(|upto| entry.id <= upto));
            if held {
                self.touched_outbox.insert(entry.id);
            }
            !held
        });
        for id in self.touched_outbox {
            match client.outbox.iter().find(|pending| pending.entry.id == id) {
                Some(pending) => self.persist.outbox_put.push(pending.entry.clone()),
                None => self.persist.outbox_deleted.push(id),
            }
        }
        client.rebase();
        let view = client.view();
        // Filled by `extend`: `collect` would link one more stable sort.
        let mut candidates: BTreeSet<&RecordKey> = BTreeSet::new();
        candidates.extend(
            self.before_overlay
                .keys()
                .chain(client.overlay.keys())
                .chain(self.before_confirmed.keys()),
        );
        let changed = candidates
            .into_iter()
            .filter(|key| {
                let before = self.before_overlay.get(*key).or_else(|| {
                    match self.before_confirmed.get(*key) {
                        Some(before) => before.as_ref(),
                        None => client.confirmed.get(*key),
                    }
                });
                before.map(|stored| &stored.entity) != view.record(key).map(|stored| &stored.entity)
            })
            .cloned()
            .collect();
        self.persist.meta = Some(client.meta.clone());
        Synced {
            changed,
            reset: self.reset,
            rejected: self.rejected,
            persist: self.persist,
        }
    }
}
