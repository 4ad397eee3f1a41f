//! Sync convergence under faults, as a property test over random schedules, with the
//! core's sans-IO sync client (`socialcare::sync::client`) as the clients.
//!
//! Each schedule drives three clients (two agents of one team, one of another) against
//! the real store: actions applied optimistically and queued in outboxes, pushes that
//! travel through a lossy network (requests delivered late, reordered, duplicated;
//! replies lost), paged pulls with rebase, client kill -9 restarts (rebuilt from what
//! they persisted; answers not yet written are lost; the records cache sometimes wiped)
//! and kill -9 server restarts. After quiescence it checks: every queued mutation
//! recorded exactly once (so every acknowledged one too), contiguous versions per team,
//! monotonic cookies (the client refuses a step back), every client's view equal to the
//! server's records, a client restored from its persisted state equal to the live one,
//! and nothing of one team in the other.
//!
//! Quick run by default; `SOCIALCARE_SCHEDULES=10000` for the long run
//! (`make store-convergence-long`), on a fresh database every
//! [`SCHEDULES_PER_DATABASE`] schedules.

use crate::harness::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use socialcare::model::{ItemKey, PageAuthor, Platform, Priority, TicketStatus};
use socialcare::sync::client::{Agent, Client, Persist, PersistedState};
use socialcare::sync::ops::*;
use socialcare::sync::{Op, PullResponse, PushResponse};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// How many schedules share one database (and its two teams) before a fresh one.
const SCHEDULES_PER_DATABASE: u64 = 1_000;

#[derive(Debug, Clone)]
enum Step {
    Mutate {
        client: usize,
        op: u8,
        item: u8,
        pick: u8,
    },
    Send {
        client: usize,
    },
    Deliver {
        index: usize,
        lose_reply: bool,
        duplicate: bool,
    },
    Pull {
        client: usize,
    },
    RestartClient {
        client: usize,
        wipe_cache: bool,
    },
    RestartServer,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (0..3usize, 0..7u8, 0..4u8, any::<u8>()).prop_map(|(client, op, item, pick)| Step::Mutate { client, op, item, pick }),
        4 => (0..3usize).prop_map(|client| Step::Send { client }),
        5 => (any::<usize>(), any::<bool>(), prop::bool::weighted(0.2)).prop_map(|(index, lose_reply, duplicate)| Step::Deliver { index, lose_reply, duplicate }),
        3 => (0..3usize).prop_map(|client| Step::Pull { client }),
        1 => (0..3usize, any::<bool>()).prop_map(|(client, wipe_cache)| Step::RestartClient { client, wipe_cache }),
        1 => Just(Step::RestartServer),
    ]
}

const PRIORITIES: [Priority; 4] = [
    Priority::Low,
    Priority::Normal,
    Priority::High,
    Priority::Urgent,
];
const STATUSES: [TicketStatus; 4] = [
    TicketStatus::Open,
    TicketStatus::Pending,
    TicketStatus::Resolved,
    TicketStatus::New,
];

/// One browser profile: the sync client, what it wrote to its IndexedDB, and answers
/// taken but not yet written (lost if it is killed first).
struct Peer {
    token: String,
    team: usize,
    agent: Agent,
    client: Client,
    disk: PersistedState,
    unwritten: Vec<Persist>,
    acknowledged: BTreeSet<u64>,
    notes: u64,
}

struct Env {
    db: TestDb,
    server: Option<Server>,
    teams: [Team; 2],
    agents: [[Agent; 2]; 2],
}

fn fail(message: String) -> TestCaseError {
    TestCaseError::fail(message)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

async fn agent_of(api: &Api, token: &str) -> Agent {
    let me = api.get("/v1/me", token).await;
    assert_eq!(me.status, 200, "me: {:?}", me.body);
    serde_json::from_value(me.body).expect("the principal names the agent and role")
}

impl Env {
    fn start(runtime: &tokio::runtime::Runtime) -> Env {
        let db = TestDb::new();
        let teams = [db.team("conv-a"), db.team("conv-b")];
        let server = Server::start(&db, &["--rate-limit", "100000", "--rate-burst", "100000"]);
        let api = Api::new(&server);
        let agents = runtime.block_on(async {
            let mut agents = Vec::new();
            for team in &teams {
                agents.push([
                    agent_of(&api, &team.agent).await,
                    agent_of(&api, &team.agent2).await,
                ]);
            }
            agents
        });
        Env {
            db,
            server: Some(server),
            agents: [agents[0].clone(), agents[1].clone()],
            teams,
        }
    }

    fn api(&self) -> Api {
        Api::new(self.server.as_ref().unwrap())
    }

    fn restart(&mut self) {
        self.server.take().unwrap().kill9();
        self.server = Some(Server::start(
            &self.db,
            &["--rate-limit", "100000", "--rate-burst", "100000"],
        ));
    }
}

impl Peer {
    fn write_answers(&mut self) {
        for delta in self.unwritten.drain(..) {
            self.disk.apply(&delta);
        }
    }

    fn op(&mut self, schedule: &str, op: u8, item: u8, pick: u8) -> Op {
        // Items 0 and 1 share a thread (their tickets join), 2 and 3 another.
        let item_key: ItemKey = format!("x:{schedule}i{item}").parse().unwrap();
        let base_version = 0; // the client takes it from its confirmed copy
        match op {
            0 => {
                let mut args =
                    TicketCreate::new(item_key, format!("x:{schedule}i{}", item / 2 * 2));
                args.author = Some(PageAuthor {
                    platform: Platform::X,
                    handle: format!("{schedule}u{}", pick % 2),
                    display_name: format!("Customer {}", pick % 2),
                });
                args.posted_at = Some(now_ms() - i64::from(pick) * 60_000);
                args.excerpt = Some(format!("team{}: <b>help</b>", self.team));
                Op::TicketCreate(args)
            }
            1 => {
                self.notes += 1;
                Op::NoteAdd(NoteAdd {
                    id: format!("{}-{}", self.client.client_id(), self.notes),
                    item: item_key,
                    body: format!("team{}:{}", self.team, self.notes),
                })
            }
            2 | 3 => {
                let tag = vec![format!("t{}", pick % 3)];
                let (add, remove) = if op == 2 {
                    (tag, vec![])
                } else {
                    (vec![], tag)
                };
                Op::TicketTag(TicketTag {
                    item: item_key,
                    add,
                    remove,
                    base_version,
                })
            }
            4 => Op::TicketSetPriority(TicketSetPriority {
                item: item_key,
                priority: PRIORITIES[pick as usize % 4],
                base_version,
            }),
            5 => Op::TicketSetStatus(TicketSetStatus {
                item: item_key,
                status: STATUSES[pick as usize % 4],
                base_version,
            }),
            _ => Op::TicketAssign(TicketAssign {
                item: item_key,
                assignee: (pick & 1 == 0).then(|| self.agent.agent_id.clone()),
                base_version,
            }),
        }
    }

    fn mutate(&mut self, schedule: &str, op: u8, item: u8, pick: u8) {
        let op = self.op(schedule, op, item, pick);
        // A locally rejected action is refused at once and never queued.
        if let Ok(mutated) = self.client.mutate(op, &self.agent, now_ms()) {
            // Written before the agent sees success.
            self.disk.apply(&mutated.persist);
        }
    }

    fn push_body(&self) -> Option<Value> {
        self.client
            .push_request()
            .map(|request| serde_json::to_value(request).unwrap())
    }

    fn on_push_reply(&mut self, reply: &Reply) -> Result<(), TestCaseError> {
        if reply.status != 200 {
            return Err(fail(format!(
                "push answered {}: {:?}",
                reply.status, reply.body
            )));
        }
        let response: PushResponse = serde_json::from_value(reply.body.clone())
            .map_err(|error| fail(format!("push answer does not parse: {error}")))?;
        for result in &response.results {
            if result.outcome != socialcare::sync::PushOutcome::Duplicate {
                self.acknowledged.insert(result.id);
            }
        }
        let synced = self.client.on_push_response(&response);
        self.unwritten.push(synced.persist);
        Ok(())
    }

    async fn pull_page(&mut self, api: &Api, limit: Option<u32>) -> Result<bool, TestCaseError> {
        let mut request = self.client.pull_request();
        request.limit = limit;
        let reply = api
            .post(
                "/v1/pull",
                &self.token,
                serde_json::to_value(request).unwrap(),
            )
            .await;
        if reply.status != 200 {
            return Err(fail(format!(
                "pull answered {}: {:?}",
                reply.status, reply.body
            )));
        }
        let response: PullResponse = serde_json::from_value(reply.body)
            .map_err(|error| fail(format!("pull answer does not parse: {error}")))?;
        if response.reset {
            return Err(fail(
                "a reset without a schema change or a lost database".into(),
            ));
        }
        let more = response.more;
        let synced = self
            .client
            .on_pull_response(response)
            .map_err(|error| fail(format!("{}: {error}", self.client.client_id())))?;
        self.unwritten.push(synced.persist);
        Ok(more)
    }

    /// kill -9: memory and unwritten answers are lost; the client is rebuilt from its
    /// IndexedDB. With `wipe_cache`, the records cache was cleared too (outbox kept).
    fn restart(&mut self, wipe_cache: bool) -> Result<(), TestCaseError> {
        self.unwritten.clear();
        if wipe_cache {
            self.disk.records.clear();
            self.disk.meta.cookie = None;
        }
        self.client = Client::restore(self.disk.clone())
            .map_err(|error| fail(format!("restore failed: {error}")))?;
        Ok(())
    }

    /// The optimistic view as (kind, id) → record body JSON.
    fn view(&self) -> BTreeMap<(String, String), Value> {
        self.client
            .view()
            .records()
            .map(|(key, stored)| {
                (
                    (key.kind.as_str().to_owned(), key.id.clone()),
                    serde_json::to_value(&stored.entity).unwrap()["body"].clone(),
                )
            })
            .collect()
    }
}

async fn audit(api: &Api, token: &str) -> Vec<Value> {
    let mut entries = Vec::new();
    let mut after = 0;
    loop {
        let page = api
            .get(&format!("/v1/audit?after={after}&limit=5000"), token)
            .await;
        let rows = page.body["entries"].as_array().unwrap().clone();
        let Some(last) = rows.last() else {
            return entries;
        };
        after = last["version"].as_u64().unwrap();
        entries.extend(rows);
    }
}

async fn run_schedule(
    env: &mut Env,
    schedule_id: &str,
    steps: Vec<Step>,
) -> Result<(), TestCaseError> {
    let mut peers: Vec<Peer> = [
        (0, &env.teams[0].agent, &env.agents[0][0]),
        (0, &env.teams[0].agent2, &env.agents[0][1]),
        (1, &env.teams[1].agent, &env.agents[1][0]),
    ]
    .into_iter()
    .enumerate()
    .map(|(index, (team, token, agent))| {
        let client_id = format!("{schedule_id}c{index}");
        Peer {
            token: token.clone(),
            team,
            agent: agent.clone(),
            client: Client::new(client_id.as_str()).unwrap(),
            disk: PersistedState::new(client_id),
            unwritten: Vec::new(),
            acknowledged: BTreeSet::new(),
            notes: 0,
        }
    })
    .collect();
    let mut network: Vec<(usize, Value)> = Vec::new();
    for step in steps {
        match step {
            Step::Mutate {
                client,
                op,
                item,
                pick,
            } => {
                peers[client].write_answers();
                peers[client].mutate(schedule_id, op, item, pick);
            }
            Step::Send { client } => {
                peers[client].write_answers();
                if let Some(body) = peers[client].push_body() {
                    network.push((client, body));
                }
            }
            Step::Deliver {
                index,
                lose_reply,
                duplicate,
            } => {
                if network.is_empty() {
                    continue;
                }
                let index = index % network.len();
                let (client, body) = if duplicate {
                    network[index].clone()
                } else {
                    network.remove(index)
                };
                let reply = env.api().post("/v1/push", &peers[client].token, body).await;
                if !lose_reply {
                    peers[client].on_push_reply(&reply)?;
                } else if reply.status != 200 {
                    return Err(fail(format!(
                        "push answered {}: {:?}",
                        reply.status, reply.body
                    )));
                }
            }
            Step::Pull { client } => {
                peers[client].write_answers();
                peers[client].pull_page(&env.api(), Some(40)).await?;
            }
            Step::RestartClient { client, wipe_cache } => {
                network.retain(|(owner, _)| *owner != client);
                peers[client].restart(wipe_cache)?;
            }
            Step::RestartServer => env.restart(),
        }
    }

    // Quiescence: in-flight requests arrive (replies lost), outboxes drain, everyone pulls.
    let api = env.api();
    for (client, body) in network.drain(..) {
        let reply = api.post("/v1/push", &peers[client].token, body).await;
        if reply.status != 200 {
            return Err(fail(format!(
                "late push answered {}: {:?}",
                reply.status, reply.body
            )));
        }
    }
    for peer in peers.iter_mut() {
        for _ in 0..1_000 {
            let Some(body) = peer.push_body() else {
                break;
            };
            let reply = api.post("/v1/push", &peer.token, body).await;
            peer.on_push_reply(&reply)?;
        }
        if peer.push_body().is_some() {
            return Err(fail("the outbox never drained".into()));
        }
    }
    for peer in peers.iter_mut() {
        while peer.pull_page(&api, None).await? {}
        peer.write_answers();
        if peer.client.pending_count() != 0 {
            return Err(fail(format!(
                "{}: {} mutations still pending",
                peer.client.client_id(),
                peer.client.pending_count()
            )));
        }
    }

    for (team_index, team) in env.teams.iter().enumerate() {
        let (server_state, last) = api
            .pull_all(
                &team.admin,
                &format!("{schedule_id}obs{team_index}"),
                Value::Null,
            )
            .await;
        let team_version = last["cookie"]["version"].as_u64().unwrap();
        let entries = audit(&api, &team.admin).await;
        let versions: Vec<u64> = entries
            .iter()
            .map(|e| e["version"].as_u64().unwrap())
            .collect();
        if versions != (1..=team_version).collect::<Vec<_>>() {
            return Err(fail(format!(
                "team {team_index}: versions are not 1..={team_version} without gaps"
            )));
        }
        let truth: BTreeMap<_, _> = server_state
            .iter()
            .map(|(key, change)| (key.clone(), change["body"].clone()))
            .collect();
        for peer in peers.iter().filter(|peer| peer.team == team_index) {
            let client_id = peer.client.client_id();
            let recorded: Vec<u64> = entries
                .iter()
                .filter(|e| e["client_id"] == client_id)
                .map(|e| e["mutation_id"].as_u64().unwrap())
                .collect();
            let issued = peer.disk.meta.last_mutation_id;
            if recorded != (1..=issued).collect::<Vec<_>>() {
                return Err(fail(format!(
                    "{client_id}: mutations recorded {recorded:?}, expected each of 1..={issued} exactly once"
                )));
            }
            if let Some(missing) = peer.acknowledged.iter().find(|id| !recorded.contains(id)) {
                return Err(fail(format!(
                    "{client_id}: acknowledged mutation {missing} is missing"
                )));
            }
            if let Some(late) = entries.iter().find(|e| {
                e["client_id"] == client_id
                    && e["action_at"].as_i64().unwrap_or(i64::MAX) > e["at"].as_i64().unwrap()
            }) {
                return Err(fail(format!(
                    "{client_id}: an action timed after the store recorded it: {late}"
                )));
            }
            let applied_notes: BTreeSet<String> = entries
                .iter()
                .filter(|e| {
                    e["client_id"] == client_id
                        && e["name"] == "note.add"
                        && e["outcome"] == "applied"
                })
                .map(|e| e["args"]["id"].as_str().unwrap().to_owned())
                .collect();
            let stored_notes: BTreeSet<String> = server_state
                .keys()
                .filter(|(kind, id)| kind == "note" && id.starts_with(&format!("{client_id}-")))
                .map(|(_, id)| id.clone())
                .collect();
            if applied_notes != stored_notes {
                return Err(fail(format!(
                    "{client_id}: applied notes {applied_notes:?} but stored {stored_notes:?}"
                )));
            }
            let view = peer.view();
            let cookie = peer.client.cookie().map_or(0, |cookie| cookie.version);
            if view != truth || cookie != team_version {
                let differing: Vec<_> = truth
                    .keys()
                    .chain(view.keys())
                    .filter(|key| view.get(*key) != truth.get(*key))
                    .collect();
                return Err(fail(format!(
                    "{client_id} differs from the server after quiescence (cookie {cookie} of {team_version}); differing records: {differing:?}"
                )));
            }
            let restored = Client::restore(peer.disk.clone())
                .map_err(|error| fail(format!("{client_id}: restore failed: {error}")))?;
            if restored.view().records().ne(peer.client.view().records())
                || restored.rejections() != peer.client.rejections()
            {
                return Err(fail(format!(
                    "{client_id}: the client rebuilt from its persisted state differs from the live one"
                )));
            }
        }
        let other = 1 - team_index;
        let leaked = server_state.values().any(|change| {
            let text = |field: &str| change["body"][field].as_str().unwrap_or("").to_owned();
            [text("body"), text("excerpt")]
                .iter()
                .any(|text| text.starts_with(&format!("team{other}:")))
        });
        if leaked {
            return Err(fail(format!(
                "team {team_index} holds a record of team {other}"
            )));
        }
    }
    Ok(())
}

/// The number of schedules to run (`SOCIALCARE_SCHEDULES`, default a quick run).
fn schedules() -> u32 {
    std::env::var("SOCIALCARE_SCHEDULES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(30)
}

#[test]
fn clients_converge_and_nothing_acknowledged_is_lost_under_faults() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let env = RefCell::new(Env::start(&runtime));
    let counter = RefCell::new(0u64);
    let mut runner = TestRunner::new(Config {
        cases: schedules(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&prop::collection::vec(step(), 1..40), |steps| {
        let schedule_id = {
            let mut counter = counter.borrow_mut();
            *counter += 1;
            if counter.rem_euclid(SCHEDULES_PER_DATABASE) == 0 {
                eprintln!(
                    "convergence: {} schedules passed; a fresh database",
                    *counter - 1
                );
                *env.borrow_mut() = Env::start(&runtime);
            }
            format!("s{}", *counter)
        };
        runtime.block_on(run_schedule(&mut env.borrow_mut(), &schedule_id, steps))
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}
