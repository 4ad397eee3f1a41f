//! Unit tests of the client against a small in-memory model of the store's push and
//! pull (the real store is exercised by the store's convergence test).

use super::*;
use crate::model::{Conversation, ItemKey, Role, TicketStatus};
use crate::sync::ops::{TicketAssign, TicketCreate, TicketSetStatus};
use crate::sync::protocol::{
    Change, MutationResult, PullResponse, PushResponse, RejectedMutation, SCHEMA_VERSION,
};
use crate::sync::record::Record;

const NOW: i64 = 1_800_000_000_000;

/// The store's push and pull rules over records in memory.
#[derive(Default)]
struct ModelStore {
    records: Records,
    version: u64,
    last: BTreeMap<String, u64>,
    rejected: Vec<(String, RejectedMutation)>,
}

impl ModelStore {
    fn push(&mut self, request: &PushRequest, agent: &Agent) -> PushResponse {
        let mut results = Vec::new();
        let last = self.last.entry(request.client_id.clone()).or_default();
        for mutation in &request.mutations {
            if mutation.id <= *last {
                results.push(MutationResult {
                    id: mutation.id,
                    outcome: PushOutcome::Duplicate,
                    code: None,
                    message: None,
                    version: None,
                    refusal: None,
                });
                continue;
            }
            assert_eq!(mutation.id, *last + 1, "a gap in the pushed ids");
            self.version += 1;
            let ctx = Context {
                agent_id: &agent.agent_id,
                role: agent.role,
                now_ms: hlc::millis(mutation.hlc),
                version: self.version,
                hlc: mutation.hlc,
            };
            let op = Op::parse(&mutation.name, &mutation.args).unwrap();
            let mut view = View {
                confirmed: &self.records,
                overlay: &EMPTY,
            };
            let Ok(outcome) = mutator::apply(&ctx, &op, &mut view);
            let (outcome, code, message, refusal) = match outcome {
                Ok(applied) => {
                    for entity in applied.writes {
                        let key = RecordKey {
                            kind: entity.kind(),
                            id: entity.id(),
                        };
                        self.records.insert(
                            key,
                            Versioned {
                                entity,
                                version: self.version,
                            },
                        );
                    }
                    (PushOutcome::Applied, None, None, None)
                }
                Err(rejection) => {
                    self.rejected.push((
                        request.client_id.clone(),
                        RejectedMutation {
                            mutation_id: mutation.id,
                            version: self.version,
                            code: rejection.code,
                            message: rejection.message.clone(),
                            refusal: Some(rejection.refusal.clone()),
                        },
                    ));
                    (
                        PushOutcome::Rejected,
                        Some(rejection.code.as_str().to_owned()),
                        Some(rejection.message),
                        Some(rejection.refusal),
                    )
                }
            };
            *last = mutation.id;
            results.push(MutationResult {
                id: mutation.id,
                outcome,
                code,
                message,
                version: Some(self.version),
                refusal,
            });
        }
        PushResponse {
            last_mutation_id: *last,
            version: self.version,
            results,
            expected_id: None,
        }
    }

    fn pull(&self, request: &PullRequest) -> PullResponse {
        let after = request.cookie.map_or(0, |cookie| cookie.version);
        PullResponse {
            cookie: Cookie {
                version: self.version,
                schema: SCHEMA_VERSION,
            },
            reset: false,
            changes: self
                .records
                .iter()
                .filter(|(_, stored)| stored.version > after)
                .map(|(key, stored)| Change {
                    version: stored.version,
                    id: key.id.clone(),
                    entity: stored.entity.clone(),
                })
                .collect(),
            more: false,
            last_mutation_id: self.last.get(&request.client_id).copied().unwrap_or(0),
            rejected: self
                .rejected
                .iter()
                .filter(|(client, rejected)| {
                    *client == request.client_id && rejected.version > after
                })
                .map(|(_, rejected)| rejected.clone())
                .collect(),
        }
    }
}

fn agent(id: &str) -> Agent {
    Agent {
        agent_id: id.into(),
        role: Role::Agent,
    }
}

fn item(n: u32) -> ItemKey {
    format!("x:{n}").parse().unwrap()
}

fn create(n: u32) -> Op {
    Op::TicketCreate(TicketCreate::new(item(n), format!("x:{n}")))
}

fn set_status(n: u32, status: TicketStatus) -> Op {
    Op::TicketSetStatus(TicketSetStatus {
        item: item(n),
        status,
        base_version: 999,
    })
}

/// A client whose every delta is written to a persisted copy, as the worker does.
struct Persisted {
    client: Client,
    disk: PersistedState,
}

impl Persisted {
    fn new(id: &str) -> Persisted {
        Persisted {
            client: Client::new(id).unwrap(),
            disk: PersistedState::new(id),
        }
    }

    fn mutate(&mut self, op: Op, who: &Agent, now: i64) -> Result<u64, Rejection> {
        let mutated = self.client.mutate(op, who, now)?;
        self.disk.apply(&mutated.persist);
        Ok(mutated.mutation_id)
    }

    fn push(&mut self, store: &mut ModelStore, who: &Agent) -> Synced {
        let request = self.client.push_request().expect("something to push");
        let synced = self.client.on_push_response(&store.push(&request, who));
        self.disk.apply(&synced.persist);
        synced
    }

    fn pull(&mut self, store: &ModelStore) -> Synced {
        let synced = self
            .client
            .on_pull_response(store.pull(&self.client.pull_request()))
            .unwrap();
        self.disk.apply(&synced.persist);
        synced
    }

    fn assert_restores(&self) {
        let restored = Client::restore(self.disk.clone()).unwrap();
        assert_eq!(restored.view().tickets(), self.client.view().tickets());
        assert_eq!(restored.push_request(), self.client.push_request());
        assert_eq!(restored.pull_request(), self.client.pull_request());
        assert_eq!(restored.rejections(), self.client.rejections());
        assert_eq!(restored.pending_count(), self.client.pending_count());
    }
}

#[test]
fn mutation_ids_are_gap_free_and_a_locally_rejected_action_is_never_queued() {
    let kim = agent("kim");
    let mut client = Persisted::new("c1");
    assert_eq!(client.mutate(create(1), &kim, NOW), Ok(1));
    let refused = client
        .mutate(set_status(2, TicketStatus::Open), &kim, NOW)
        .unwrap_err();
    assert_eq!(refused.code, RejectCode::NotFound);
    assert_eq!(client.mutate(create(2), &kim, NOW), Ok(2));
    let ids: Vec<u64> = client
        .client
        .push_request()
        .unwrap()
        .mutations
        .iter()
        .map(|mutation| mutation.id)
        .collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(client.client.pending_count(), 2);
    assert_eq!(client.client.view().tickets().len(), 2);
    client.assert_restores();
}

#[test]
fn hlcs_tick_from_the_injected_clock_and_time_the_optimistic_records() {
    let kim = agent("kim");
    let mut client = Persisted::new("c1");
    client.mutate(create(1), &kim, NOW).unwrap();
    client.mutate(create(2), &kim, NOW - 5_000).unwrap();
    let request = client.client.push_request().unwrap();
    assert!(request.mutations[1].hlc > request.mutations[0].hlc);
    assert_eq!(
        client.client.view().ticket(&item(1)).unwrap().created_at,
        NOW
    );
}

#[test]
fn base_version_comes_from_the_confirmed_copy_not_the_optimistic_view() {
    let kim = agent("kim");
    let mut store = ModelStore::default();
    let mut client = Persisted::new("c1");
    client.mutate(create(1), &kim, NOW).unwrap();
    client.push(&mut store, &kim);
    client.pull(&store);
    let confirmed = client.client.confirmed().get::<Ticket>("x:1").map(|_| 1);
    assert_eq!(confirmed, Some(1));
    client
        .mutate(set_status(1, TicketStatus::Open), &kim, NOW + 1)
        .unwrap();
    client
        .mutate(set_status(1, TicketStatus::Pending), &kim, NOW + 2)
        .unwrap();
    let request = client.client.push_request().unwrap();
    let bases: Vec<u64> = request
        .mutations
        .iter()
        .map(|mutation| mutation.args["base_version"].as_u64().unwrap())
        .collect();
    assert_eq!(bases, [1, 1], "both based on the confirmed version 1");
    assert_eq!(
        client.client.view().ticket(&item(1)).unwrap().status,
        TicketStatus::Pending
    );
    assert_eq!(
        client.client.confirmed().ticket(&item(1)).unwrap().status,
        TicketStatus::New
    );
}

#[test]
fn a_pull_rebases_pending_mutations_on_the_teams_changes() {
    let (kim, sam) = (agent("kim"), agent("sam"));
    let mut store = ModelStore::default();
    let mut a = Persisted::new("a");
    let mut b = Persisted::new("b");
    a.mutate(create(1), &kim, NOW).unwrap();
    a.push(&mut store, &kim);
    b.pull(&store);
    a.pull(&store);
    // b's priority change is pending while a's status change reaches the store.
    b.mutate(
        Op::TicketSetPriority(crate::sync::ops::TicketSetPriority {
            item: item(1),
            priority: crate::model::Priority::High,
            base_version: 0,
        }),
        &sam,
        NOW + 1,
    )
    .unwrap();
    a.mutate(set_status(1, TicketStatus::Pending), &kim, NOW + 2)
        .unwrap();
    a.push(&mut store, &kim);
    let synced = b.pull(&store);
    assert_eq!(synced.changed, [RecordKey::of::<Ticket>("x:1")]);
    let ticket = b.client.view().ticket(&item(1)).unwrap();
    assert_eq!(ticket.status, TicketStatus::Pending, "the team's change");
    assert_eq!(
        ticket.priority,
        crate::model::Priority::High,
        "still pending"
    );
    b.assert_restores();
    b.push(&mut store, &sam);
    b.pull(&store);
    assert_eq!(b.client.pending_count(), 0);
    assert_eq!(
        b.client.view().tickets(),
        store
            .records
            .values()
            .filter_map(|stored| Ticket::from_entity(stored.entity.clone()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_rejection_is_surfaced_with_its_reason_and_leaves_the_view() {
    let (kim, sam) = (agent("kim"), agent("sam"));
    let mut store = ModelStore::default();
    let mut a = Persisted::new("a");
    let mut b = Persisted::new("b");
    a.mutate(create(1), &kim, NOW).unwrap();
    a.push(&mut store, &kim);
    a.pull(&store);
    b.pull(&store);
    let claim = |who: &str| {
        Op::TicketAssign(TicketAssign {
            item: item(1),
            assignee: Some(who.into()),
            base_version: 0,
        })
    };
    a.mutate(claim("kim"), &kim, NOW + 1).unwrap();
    b.mutate(claim("sam"), &sam, NOW + 2).unwrap();
    a.push(&mut store, &kim);
    let synced = b.push(&mut store, &sam);
    assert_eq!(synced.rejected.len(), 1);
    assert_eq!(
        synced.rejected[0].item,
        Some(item(1)),
        "the item it acted on"
    );
    // The claim that lost the race is told who won it, and when.
    assert_eq!(synced.rejected[0].code, RejectCode::Conflict);
    assert_eq!(
        synced.rejected[0].refusal,
        Some(Refusal::AssignedMeanwhile {
            assignee: Some("kim".into()),
            changed_at: 2,
            seen: 1,
        })
    );
    assert_eq!(
        synced.rejected[0].message,
        "the ticket was assigned to kim at version 2 after the version 1 you saw"
    );
    assert_eq!(synced.changed, [RecordKey::of::<Ticket>("x:1")]);
    assert_eq!(b.client.view().ticket(&item(1)).unwrap().assignee, None);
    b.pull(&store);
    assert_eq!(
        b.client
            .view()
            .ticket(&item(1))
            .unwrap()
            .assignee
            .as_deref(),
        Some("kim")
    );
    assert_eq!(
        b.client.rejections().len(),
        1,
        "a pull repeats it once only"
    );
    b.assert_restores();
    let dismissed = b.client.dismiss_rejection(2 - 1);
    b.disk.apply(&dismissed);
    assert!(b.client.rejections().is_empty());
    b.assert_restores();
}

#[test]
fn a_reset_replaces_the_confirmed_copy_with_the_snapshot() {
    let kim = agent("kim");
    let mut store = ModelStore::default();
    let mut client = Persisted::new("c1");
    client.mutate(create(1), &kim, NOW).unwrap();
    client.push(&mut store, &kim);
    client.pull(&store);
    // The store was restored from a backup without ticket 1; ticket 9 is new there.
    let mut restored = ModelStore::default();
    let mut other = Persisted::new("c2");
    other.mutate(create(9), &kim, NOW).unwrap();
    other.push(&mut restored, &kim);
    client.mutate(create(5), &kim, NOW + 1).unwrap();
    let mut snapshot = restored.pull(&PullRequest {
        client_id: "c1".into(),
        cookie: None,
        limit: None,
    });
    snapshot.reset = true;
    let synced = client.client.on_pull_response(snapshot).unwrap();
    client.disk.apply(&synced.persist);
    assert!(synced.reset);
    let items: Vec<String> = client
        .client
        .view()
        .tickets()
        .iter()
        .map(|ticket| ticket.item.to_string())
        .collect();
    assert_eq!(items, ["x:5", "x:9"], "snapshot plus the pending create");
    assert_eq!(
        synced.changed,
        [
            RecordKey::of::<Ticket>("x:1"),
            RecordKey::of::<Ticket>("x:9"),
            RecordKey::of::<Conversation>("x:1"),
            RecordKey::of::<Conversation>("x:9"),
        ]
    );
    client.assert_restores();
}

#[test]
fn a_cookie_never_goes_back_without_a_reset() {
    let kim = agent("kim");
    let mut store = ModelStore::default();
    let mut client = Persisted::new("c1");
    client.mutate(create(1), &kim, NOW).unwrap();
    client.push(&mut store, &kim);
    client.pull(&store);
    let stale = ModelStore::default().pull(&client.client.pull_request());
    assert_eq!(
        client.client.on_pull_response(stale),
        Err(SyncError::CookieWentBack { had: 1, got: 0 })
    );
}

#[test]
fn restoring_refuses_an_outbox_with_ids_out_of_order() {
    let kim = agent("kim");
    let mut client = Persisted::new("c1");
    client.mutate(create(1), &kim, NOW).unwrap();
    client.mutate(create(2), &kim, NOW).unwrap();
    let mut disk = client.disk.clone();
    disk.outbox.reverse();
    assert!(matches!(
        Client::restore(disk),
        Err(RestoreError::OutboxOutOfOrder { .. })
    ));
    assert!(matches!(
        Client::new("not a client id"),
        Err(RestoreError::InvalidClientId(_))
    ));
}

#[test]
fn a_rejection_stored_or_sent_before_refusals_were_data_still_reads() {
    let stored: ClientRejection = serde_json::from_str(
        r#"{"mutation_id":4,"name":"ticket.assign","code":"conflict","message":"the ticket was assigned to kim at version 3 after the version 2 you saw"}"#,
    )
    .unwrap();
    assert_eq!(stored.refusal, None);
    assert_eq!(stored.code, RejectCode::Conflict);
    let pulled: RejectedMutation = serde_json::from_str(
        r#"{"mutation_id":4,"version":9,"code":"forbidden","message":"only the author edits a note"}"#,
    )
    .unwrap();
    assert_eq!(pulled.refusal, None);
    let pushed: MutationResult = serde_json::from_str(
        r#"{"id":4,"outcome":"rejected","code":"forbidden","message":"only the author edits a note","version":9}"#,
    )
    .unwrap();
    assert_eq!(pushed.refusal, None);
    // Written back, a rejection without a refusal has no `refusal` field: the
    // wire reads as it did.
    assert!(!serde_json::to_string(&pulled).unwrap().contains("refusal"));
    assert!(!serde_json::to_string(&pushed).unwrap().contains("refusal"));
    assert!(!serde_json::to_string(&stored).unwrap().contains("refusal"));
}

#[test]
fn a_refusal_travels_with_its_rejection_and_round_trips() {
    let refusal = Refusal::Stale {
        field: crate::sync::ScalarField::Status,
        changed_at: 12,
        seen: 10,
    };
    let pulled = RejectedMutation {
        mutation_id: 4,
        version: 13,
        code: RejectCode::Conflict,
        message: refusal.to_string(),
        refusal: Some(refusal.clone()),
    };
    let text = serde_json::to_string(&pulled).unwrap();
    assert!(
        text.contains(
            r#""refusal":{"refusal":"stale","field":"status","changed_at":12,"seen":10}"#
        ),
        "{text}"
    );
    assert_eq!(
        serde_json::from_str::<RejectedMutation>(&text).unwrap(),
        pulled
    );
    // A refusal a newer store knows and this build does not: the rejection
    // still reads, with its message.
    let newer = text.replace(r#""refusal":"stale""#, r#""refusal":"from_the_future""#);
    let read: RejectedMutation = serde_json::from_str(&newer).unwrap();
    assert_eq!(read.refusal, None);
    assert_eq!(read.message, pulled.message);
    let stored = ClientRejection {
        mutation_id: 4,
        name: Some("ticket.set_status".into()),
        item: Some(item(1)),
        code: RejectCode::Conflict,
        message: refusal.to_string(),
        refusal: Some(refusal),
    };
    let text = serde_json::to_string(&stored).unwrap();
    assert_eq!(
        serde_json::from_str::<ClientRejection>(&text).unwrap(),
        stored
    );
    // One stored before the item was kept still reads, without it.
    let older = text.replace(r#""item":"x:1","#, "");
    assert_ne!(older, text);
    assert_eq!(
        serde_json::from_str::<ClientRejection>(&older).unwrap(),
        ClientRejection {
            item: None,
            ..stored
        }
    );
}
