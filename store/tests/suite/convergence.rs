//! Sync convergence under faults, as a property test over random schedules.
//!
//! Each schedule drives three clients (two in one team, one in another) against the
//! real store: mutations into persistent outboxes, pushes that travel through a lossy
//! network (requests delivered late, reordered, duplicated; replies lost), pulls,
//! client restarts (outbox kept, cache sometimes wiped) and kill -9 server restarts.
//! After quiescence it checks: every mutation recorded exactly once (so every
//! acknowledged one too), contiguous versions per team, monotonic cookies, every
//! client equal to the server, and nothing of one team in the other.
//!
//! Quick run by default; `SOCIALCARE_SCHEDULES=10000` for the long run (`make store-convergence-long`).

use crate::harness::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

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
        8 => (0..3usize, 0..6u8, 0..4u8, any::<u8>()).prop_map(|(client, op, item, pick)| Step::Mutate { client, op, item, pick }),
        4 => (0..3usize).prop_map(|client| Step::Send { client }),
        5 => (any::<usize>(), any::<bool>(), prop::bool::weighted(0.2)).prop_map(|(index, lose_reply, duplicate)| Step::Deliver { index, lose_reply, duplicate }),
        3 => (0..3usize).prop_map(|client| Step::Pull { client }),
        1 => (0..3usize, any::<bool>()).prop_map(|(client, wipe_cache)| Step::RestartClient { client, wipe_cache }),
        1 => Just(Step::RestartServer),
    ]
}

const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];
const STATUSES: [&str; 4] = ["open", "pending", "resolved", "new"];

type Records = BTreeMap<(String, String), (u64, Value)>;

struct Client {
    token: String,
    team: usize,
    client_id: String,
    next_id: u64,
    hlc: u64,
    outbox: Vec<Value>,
    base: Records,
    cookie: Value,
    cookie_version: u64,
    acknowledged: BTreeSet<u64>,
}

struct Env {
    db: TestDb,
    server: RefCell<Option<Server>>,
    teams: [Team; 2],
}

impl Env {
    fn api(&self) -> Api {
        Api::new(self.server.borrow().as_ref().unwrap())
    }

    fn restart(&self) {
        let old = self.server.borrow_mut().take().unwrap();
        old.kill9();
        *self.server.borrow_mut() = Some(Server::start(
            &self.db,
            &["--rate-limit", "100000", "--rate-burst", "100000"],
        ));
    }
}

fn fail(message: String) -> TestCaseError {
    TestCaseError::fail(message)
}

impl Client {
    fn known_version(&self, item: &str) -> u64 {
        self.base
            .get(&("ticket".to_owned(), item.to_owned()))
            .map_or(0, |(version, _)| *version)
    }

    fn mutate(&mut self, schedule: &str, op: u8, item: u8, pick: u8) {
        let item_key = format!("x:{schedule}{item}");
        let base = self.known_version(&item_key);
        let (name, args) = match op {
            0 => (
                "ticket.create",
                json!({ "item": item_key, "conversation": schedule }),
            ),
            1 => (
                "note.add",
                json!({ "id": format!("{}-{}", self.client_id, self.next_id), "item": item_key, "body": format!("team{}:{}", self.team, self.next_id) }),
            ),
            2 => (
                "ticket.tag",
                json!({ "item": item_key, "add": [format!("t{}", pick % 3)], "base_version": base }),
            ),
            3 => (
                "ticket.tag",
                json!({ "item": item_key, "remove": [format!("t{}", pick % 3)], "base_version": base }),
            ),
            4 => (
                "ticket.set_priority",
                json!({ "item": item_key, "priority": PRIORITIES[pick as usize % 4], "base_version": base }),
            ),
            _ => (
                "ticket.set_status",
                json!({ "item": item_key, "status": STATUSES[pick as usize % 4], "base_version": base }),
            ),
        };
        self.hlc = socialcare::sync::hlc::tick(self.hlc, now_ms());
        self.outbox
            .push(json!({ "id": self.next_id, "name": name, "args": args, "hlc": self.hlc }));
        self.next_id += 1;
    }

    fn push_body(&self) -> Value {
        json!({ "client_id": self.client_id, "mutations": self.outbox.iter().take(50).cloned().collect::<Vec<_>>() })
    }

    fn forget_acknowledged(&mut self, last: u64) {
        self.outbox
            .retain(|mutation| mutation["id"].as_u64().unwrap() > last);
    }

    fn on_push_reply(&mut self, reply: &Reply) -> Result<(), TestCaseError> {
        if reply.status != 200 {
            return Err(fail(format!(
                "push answered {}: {:?}",
                reply.status, reply.body
            )));
        }
        for result in reply.body["results"].as_array().unwrap() {
            if result["outcome"] != "duplicate" {
                self.acknowledged.insert(result["id"].as_u64().unwrap());
            }
        }
        self.forget_acknowledged(reply.body["last_mutation_id"].as_u64().unwrap());
        Ok(())
    }

    async fn pull_page(&mut self, api: &Api) -> Result<bool, TestCaseError> {
        let reply = api
            .post(
                "/v1/pull",
                &self.token,
                json!({ "client_id": self.client_id, "cookie": self.cookie, "limit": 40 }),
            )
            .await;
        if reply.status != 200 {
            return Err(fail(format!(
                "pull answered {}: {:?}",
                reply.status, reply.body
            )));
        }
        let version = reply.body["cookie"]["version"].as_u64().unwrap();
        if reply.body["reset"] == true {
            return Err(fail(
                "a reset without a schema change or a lost database".into(),
            ));
        }
        if version < self.cookie_version {
            return Err(fail(format!(
                "cookie went back from {} to {version}",
                self.cookie_version
            )));
        }
        for change in reply.body["changes"].as_array().unwrap() {
            let key = (
                change["kind"].as_str().unwrap().to_owned(),
                change["id"].as_str().unwrap().to_owned(),
            );
            self.base.insert(
                key,
                (change["version"].as_u64().unwrap(), change["body"].clone()),
            );
        }
        self.cookie = reply.body["cookie"].clone();
        self.cookie_version = version;
        self.forget_acknowledged(reply.body["last_mutation_id"].as_u64().unwrap());
        Ok(reply.body["more"] == true)
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
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

async fn run_schedule(env: &Env, schedule_id: &str, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut clients: Vec<Client> = [
        (0, &env.teams[0].agent),
        (0, &env.teams[0].agent2),
        (1, &env.teams[1].agent),
    ]
    .into_iter()
    .enumerate()
    .map(|(index, (team, token))| Client {
        token: token.clone(),
        team,
        client_id: format!("{schedule_id}c{index}"),
        next_id: 1,
        hlc: 0,
        outbox: Vec::new(),
        base: Records::new(),
        cookie: Value::Null,
        cookie_version: 0,
        acknowledged: BTreeSet::new(),
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
            } => clients[client].mutate(schedule_id, op, item, pick),
            Step::Send { client } => {
                if !clients[client].outbox.is_empty() {
                    network.push((client, clients[client].push_body()));
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
                let reply = env
                    .api()
                    .post("/v1/push", &clients[client].token, body)
                    .await;
                if !lose_reply {
                    clients[client].on_push_reply(&reply)?;
                } else if reply.status != 200 {
                    return Err(fail(format!(
                        "push answered {}: {:?}",
                        reply.status, reply.body
                    )));
                }
            }
            Step::Pull { client } => {
                clients[client].pull_page(&env.api()).await?;
            }
            Step::RestartClient { client, wipe_cache } => {
                network.retain(|(owner, _)| *owner != client);
                let state = &mut clients[client];
                if wipe_cache {
                    state.base.clear();
                    state.cookie = Value::Null;
                    state.cookie_version = 0;
                }
            }
            Step::RestartServer => env.restart(),
        }
    }

    // Quiescence: in-flight requests arrive (replies lost), outboxes drain, everyone pulls.
    let api = env.api();
    for (client, body) in network.drain(..) {
        let reply = api.post("/v1/push", &clients[client].token, body).await;
        if reply.status != 200 {
            return Err(fail(format!(
                "late push answered {}: {:?}",
                reply.status, reply.body
            )));
        }
    }
    for client in clients.iter_mut() {
        for _ in 0..1_000 {
            if client.outbox.is_empty() {
                break;
            }
            let reply = api
                .post("/v1/push", &client.token, client.push_body())
                .await;
            client.on_push_reply(&reply)?;
        }
        if !client.outbox.is_empty() {
            return Err(fail("the outbox never drained".into()));
        }
    }
    for client in clients.iter_mut() {
        while client.pull_page(&api).await? {}
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
        for client in clients.iter().filter(|client| client.team == team_index) {
            let recorded: Vec<u64> = entries
                .iter()
                .filter(|e| e["client_id"] == client.client_id.as_str())
                .map(|e| e["mutation_id"].as_u64().unwrap())
                .collect();
            if recorded != (1..client.next_id).collect::<Vec<_>>() {
                return Err(fail(format!(
                    "{}: mutations recorded {recorded:?}, expected each of 1..{} exactly once",
                    client.client_id, client.next_id
                )));
            }
            if let Some(missing) = client.acknowledged.iter().find(|id| !recorded.contains(id)) {
                return Err(fail(format!(
                    "{}: acknowledged mutation {missing} is missing",
                    client.client_id
                )));
            }
            let applied_notes: BTreeSet<String> = entries
                .iter()
                .filter(|e| {
                    e["client_id"] == client.client_id.as_str()
                        && e["name"] == "note.add"
                        && e["outcome"] == "applied"
                })
                .map(|e| e["args"]["id"].as_str().unwrap().to_owned())
                .collect();
            let stored_notes: BTreeSet<String> = server_state
                .keys()
                .filter(|(kind, id)| {
                    kind == "note" && id.starts_with(&format!("{}-", client.client_id))
                })
                .map(|(_, id)| id.clone())
                .collect();
            if applied_notes != stored_notes {
                return Err(fail(format!(
                    "{}: applied notes {applied_notes:?} but stored {stored_notes:?}",
                    client.client_id
                )));
            }
            let view: BTreeMap<_, _> = client
                .base
                .iter()
                .map(|(key, (_, body))| (key.clone(), body.clone()))
                .collect();
            let truth: BTreeMap<_, _> = server_state
                .iter()
                .map(|(key, change)| (key.clone(), change["body"].clone()))
                .collect();
            if view != truth || client.cookie_version != team_version {
                let differing: Vec<_> = truth
                    .keys()
                    .chain(view.keys())
                    .filter(|key| view.get(*key) != truth.get(*key))
                    .collect();
                return Err(fail(format!(
                    "{} differs from the server after quiescence (cookie {} of {team_version}); differing records: {differing:?}",
                    client.client_id, client.cookie_version
                )));
            }
        }
        let other = 1 - team_index;
        let leaked = server_state.values().any(|change| {
            change["kind"] == "note"
                && change["body"]["body"]
                    .as_str()
                    .is_some_and(|body| body.starts_with(&format!("team{other}:")))
        });
        if leaked {
            return Err(fail(format!(
                "team {team_index} holds a note of team {other}"
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
    let db = TestDb::new();
    let teams = [db.team("conv-a"), db.team("conv-b")];
    let server = Server::start(&db, &["--rate-limit", "100000", "--rate-burst", "100000"]);
    let env = Env {
        db,
        server: RefCell::new(Some(server)),
        teams,
    };
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
            format!("s{}", *counter)
        };
        runtime.block_on(run_schedule(&env, &schedule_id, steps))
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}
