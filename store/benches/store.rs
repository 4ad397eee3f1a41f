//! Benchmarks of the real store binary over loopback HTTP on a SQLite file:
//! durable pushes per second (1 and 50 clients), push → live poke latency with
//! 200 live clients, the initial sync of a team with 100,000 tickets, and the team report
//! over 90 days of 100,000 tickets.
//!
//! `cargo bench -p socialcare-store --bench store` (or `make bench-store`); prints figures.

#[path = "../tests/suite/harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::*;
use serde_json::{json, Value};
use socialcare::sync::{EntityKind, PullResponse};
use std::time::{Duration, Instant};

const NO_LIMITS: [&str; 4] = ["--rate-limit", "1000000", "--rate-burst", "1000000"];

fn batch(client: usize, start: u64, size: u64) -> Value {
    let mutations: Vec<Value> = (start..start + size)
        .map(|id| json!({ "id": id, "name": "ticket.create", "args": { "item": format!("x:{client}-{id}"), "conversation": format!("c{client}") }, "hlc": 0 }))
        .collect();
    json!({ "client_id": format!("bench{client}"), "mutations": mutations })
}

async fn issue_tokens(api: &Api, admin: &str, count: usize) -> Vec<String> {
    let mut tokens = Vec::new();
    for index in 0..count {
        let reply = api
            .post(
                "/v1/tokens",
                admin,
                json!({ "name": format!("Agent {index}"), "initials": "AG", "role": "agent" }),
            )
            .await;
        tokens.push(reply.body["token"].as_str().expect("token").to_owned());
    }
    tokens
}

async fn push_throughput(clients: usize, batches: u64, batch_size: u64) -> f64 {
    let db = TestDb::new();
    let admin = db.create_team("bench");
    let server = Server::start(&db, &NO_LIMITS);
    let api = Api::new(&server);
    let tokens = issue_tokens(&api, &admin, clients).await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (client, token) in tokens.into_iter().enumerate() {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            for round in 0..batches {
                let reply = api
                    .post(
                        "/v1/push",
                        &token,
                        batch(client, round * batch_size + 1, batch_size),
                    )
                    .await;
                assert_eq!(reply.status, 200, "{:?}", reply.body);
                assert_eq!(
                    reply.body["last_mutation_id"].as_u64(),
                    Some((round + 1) * batch_size)
                );
            }
        }));
    }
    for task in tasks {
        task.await.expect("pusher");
    }
    let elapsed = started.elapsed().as_secs_f64();
    (clients as u64 * batches * batch_size) as f64 / elapsed
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    sorted[((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len()) - 1]
}

async fn live_latency(listeners: usize, pushes: u64) -> (Duration, Duration, Duration) {
    let db = TestDb::new();
    let admin = db.create_team("bench");
    let server = Server::start(&db, &NO_LIMITS);
    let api = Api::new(&server);
    let tokens = issue_tokens(&api, &admin, 2).await;
    let (pusher, watcher_token) = (tokens[0].clone(), tokens[1].clone());
    let (arrivals, mut arrived) = tokio::sync::mpsc::unbounded_channel::<(u64, Instant)>();
    let mut watchers = Vec::new();
    for _ in 0..listeners {
        let (mut live, _) = Live::connect(&api, &watcher_token).await;
        let arrivals = arrivals.clone();
        watchers.push(tokio::spawn(async move {
            loop {
                let message = live.next().await;
                if message["type"] == "poke" {
                    let version = message["version"].as_u64().unwrap();
                    if arrivals.send((version, Instant::now())).is_err() {
                        return;
                    }
                }
            }
        }));
    }
    let mut latencies = Vec::new();
    for id in 1..=pushes {
        let sent = Instant::now();
        let reply = api.post("/v1/push", &pusher, batch(0, id, 1)).await;
        let version = reply.body["version"].as_u64().unwrap();
        let mut seen = 0;
        while seen < listeners {
            let (poked, at) = tokio::time::timeout(PATIENCE, arrived.recv())
                .await
                .expect("pokes in time")
                .expect("open");
            if poked == version {
                latencies.push(at - sent);
                seen += 1;
            }
        }
    }
    for watcher in watchers {
        watcher.abort();
    }
    latencies.sort();
    (
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        *latencies.last().unwrap(),
    )
}

async fn initial_sync(tickets: u64) -> (Duration, usize) {
    let db = TestDb::new();
    let admin = db.create_team("bench");
    let server = Server::start(&db, &NO_LIMITS);
    let api = Api::new(&server);
    let token = issue_tokens(&api, &admin, 1).await.remove(0);
    let batch_size = 500;
    for round in 0..tickets / batch_size {
        let reply = api
            .post(
                "/v1/push",
                &token,
                batch(0, round * batch_size + 1, batch_size),
            )
            .await;
        assert_eq!(reply.status, 200);
    }
    // The client's side too: every page parsed into the shared typed records, as the extension does.
    let http = reqwest::Client::new();
    let started = Instant::now();
    let mut records = std::collections::HashMap::new();
    let mut cookie = None;
    loop {
        let body = json!({ "client_id": "fresh-client", "cookie": cookie });
        let bytes = http
            .post(format!("{}/v1/pull", api.base))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .expect("pull")
            .bytes()
            .await
            .expect("page");
        let page: PullResponse = serde_json::from_slice(&bytes).expect("a pull page");
        for change in page.changes {
            records.insert((change.entity.kind(), change.id), change.entity);
        }
        cookie = Some(page.cookie);
        if !page.more {
            break;
        }
    }
    let elapsed = started.elapsed();
    let synced = records
        .keys()
        .filter(|(kind, _)| *kind == EntityKind::Ticket)
        .count();
    assert_eq!(synced as u64, tickets);
    (elapsed, synced)
}

/// The team report over 90 days for a team of 100,000 tickets (four agents answer 80% and
/// resolve half): the endpoint's time, median and fastest of `runs`.
async fn team_report(tickets: u64, runs: usize) -> (Duration, Duration, u64) {
    let db = TestDb::new();
    let admin = db.create_team("bench");
    let server = Server::start(&db, &NO_LIMITS);
    let api = Api::new(&server);
    let agents = issue_tokens(&api, &admin, 4).await;
    let lead = db.issue("bench", "Lea Lead", "lead");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as u64;
    let day = 86_400_000u64;
    let step = 90 * day / tickets;
    let platforms = ["x", "facebook", "instagram"];
    let sentiments = ["negative", "neutral", "positive"];
    for (agent, token) in agents.iter().enumerate() {
        let mut mutations = Vec::new();
        for number in (agent as u64..tickets).step_by(agents.len()) {
            let item = format!("{}:r{number}", platforms[number as usize % 3]);
            let posted = now - 90 * day + number * step;
            let responded = posted + (number % 7) * 900_000;
            mutations.push(json!({ "name": "ticket.create", "hlc": (posted + 60_000) << 16, "args": { "item": item, "conversation": item, "posted_at": posted, "sentiment": sentiments[number as usize % 3] } }));
            if number % 5 != 0 {
                mutations.push(json!({ "name": "ticket.responded", "hlc": responded << 16, "args": { "item": item } }));
            }
            if number % 2 == 0 {
                mutations.push(json!({ "name": "ticket.set_status", "hlc": (responded + 3_600_000) << 16, "args": { "item": item, "status": "resolved" } }));
            }
        }
        for (index, chunk) in mutations.chunks_mut(500).enumerate() {
            for (offset, mutation) in chunk.iter_mut().enumerate() {
                mutation["id"] = json!(index * 500 + offset + 1);
            }
            let reply = api
                .post(
                    "/v1/push",
                    token,
                    json!({ "client_id": format!("agent{agent}"), "mutations": chunk }),
                )
                .await;
            assert_eq!(reply.status, 200, "{:?}", reply.body);
        }
    }
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let from = today.checked_sub(jiff::Span::new().days(89)).expect("date");
    let path = format!("/v1/reports/team?from={from}&to={today}&tz=UTC");
    let mut times = Vec::new();
    let mut inbound = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let reply = api.get(&path, &lead).await;
        times.push(started.elapsed());
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        inbound = reply.body["inbound"].as_u64().expect("inbound");
    }
    times.sort();
    (times[times.len() / 2], times[0], inbound)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // `cargo bench -- push|live|sync|report` runs one part; no argument runs them all.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let runs = |part: &str| wanted.is_empty() || wanted.iter().any(|arg| arg == part);
    runtime.block_on(async {
        println!("socialcare-store benchmarks (SQLite, synchronous=FULL, loopback HTTP, {} CPUs)", std::thread::available_parallelism().map_or(0, |n| n.get()));
        if runs("push") {
            let one = push_throughput(1, 100, 500).await;
            println!("durable pushes, 1 client, batches of 500:    {one:>9.0} mutations/s");
            let fifty = push_throughput(50, 20, 100).await;
            println!("durable pushes, 50 clients, batches of 100:  {fifty:>9.0} mutations/s");
            let unbatched = push_throughput(50, 40, 1).await;
            println!("durable pushes, 50 clients, one per push:    {unbatched:>9.0} mutations/s");
        }
        if runs("live") {
            let (p50, p99, max) = live_latency(200, 50).await;
            println!("push → live poke, 200 live clients:          p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms", ms(p50), ms(p99), ms(max));
        }
        if runs("sync") {
            let (elapsed, synced) = initial_sync(100_000).await;
            println!("initial sync of {synced} tickets (typed):    {:.2} s", elapsed.as_secs_f64());
        }
        if runs("report") {
            let (median, fastest, inbound) = team_report(100_000, 5).await;
            println!("team report, 90 days, {inbound} tickets:    median {:.0} ms, fastest {:.0} ms", ms(median), ms(fastest));
        }
    });
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}
