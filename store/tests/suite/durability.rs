//! Durability: kill -9 the store repeatedly while clients push; after each restart,
//! every acknowledged mutation is there.

use crate::harness::*;
use serde_json::json;
use std::sync::{Arc, Mutex};

const KILLS: usize = 8;
const CLIENTS: usize = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_mutation_survives_kill_9() {
    let db = TestDb::new();
    let team = db.team("durable");
    let args = ["--rate-limit", "100000", "--rate-burst", "100000"];
    let mut server = Server::start(&db, &args);
    // Per client: the highest mutation id acknowledged so far.
    let acknowledged = Arc::new(Mutex::new(vec![0u64; CLIENTS]));
    let setup = Api::new(&server)
        .push(
            &team.agent,
            "setup",
            &[(
                1,
                "ticket.create",
                json!({ "item": "x:1", "conversation": "x:1" }),
            )],
        )
        .await;
    assert_eq!(setup.body["results"][0]["outcome"], "applied");
    for round in 0..KILLS {
        let api = Api::new(&server);
        let mut pushers = Vec::new();
        for client in 0..CLIENTS {
            let api = api.clone();
            let token = if client % 2 == 0 {
                team.agent.clone()
            } else {
                team.agent2.clone()
            };
            let acknowledged = acknowledged.clone();
            pushers.push(tokio::spawn(async move {
                let client_id = format!("dur{client}");
                loop {
                    let next = acknowledged.lock().unwrap()[client] + 1;
                    let mutations: Vec<_> = (next..next + 10)
                        .map(|id| json!({ "id": id, "name": "note.add", "args": { "id": format!("{client_id}-{id}"), "item": "x:1", "body": "durable" }, "hlc": 0 }))
                        .collect();
                    let request = reqwest::Client::new()
                        .post(format!("{}/v1/push", api.base))
                        .bearer_auth(&token)
                        .json(&json!({ "client_id": client_id, "mutations": mutations }))
                        .send()
                        .await;
                    // A refused connection or a cut reply means the server is gone: stop.
                    let Ok(response) = request else { return };
                    let Ok(body) = response.json::<serde_json::Value>().await else { return };
                    if let Some(last) = body["last_mutation_id"].as_u64() {
                        let mut acked = acknowledged.lock().unwrap();
                        acked[client] = acked[client].max(last);
                    }
                }
            }));
        }
        // Let some pushes be acknowledged, then kill the store mid-stream.
        let target: u64 = acknowledged.lock().unwrap().iter().sum::<u64>() + 50;
        eventually("pushes acknowledged before the kill", || {
            let sum: u64 = acknowledged.lock().unwrap().iter().sum();
            async move { (sum >= target).then_some(()) }
        })
        .await;
        server.kill9();
        for pusher in pushers {
            let _ = pusher.await;
        }
        server = Server::start(&db, &args);
        let api = Api::new(&server);
        let (records, _) = api
            .pull_all(&team.admin, &format!("check{round}"), json!(null))
            .await;
        let acked = acknowledged.lock().unwrap().clone();
        for (client, last) in acked.iter().enumerate() {
            for id in 1..=*last {
                let note_id = format!("dur{client}-{id}");
                assert!(
                    records.contains_key(&("note".to_owned(), note_id.clone())),
                    "round {round}: acknowledged note {note_id} lost"
                );
            }
        }
    }
    assert!(acknowledged.lock().unwrap().iter().all(|last| *last > 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_in_flight_pushes_before_exiting() {
    let db = TestDb::new();
    let team = db.team("graceful");
    let args = ["--rate-limit", "100000", "--rate-burst", "100000"];
    let server = Server::start(&db, &args);
    let api = Api::new(&server);
    let setup = api
        .push(
            &team.agent,
            "setup",
            &[(
                1,
                "ticket.create",
                json!({ "item": "x:1", "conversation": "x:1" }),
            )],
        )
        .await;
    assert_eq!(setup.body["results"][0]["outcome"], "applied");
    let acknowledged = Arc::new(Mutex::new(vec![0u64; CLIENTS]));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let mut pushers = Vec::new();
    for client in 0..CLIENTS {
        let (base, token, acknowledged, failures) = (
            api.base.clone(),
            team.agent.clone(),
            acknowledged.clone(),
            failures.clone(),
        );
        pushers.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            loop {
                let next = acknowledged.lock().unwrap()[client] + 1;
                let mutations: Vec<_> = (next..next + 10)
                    .map(|id| json!({ "id": id, "name": "note.add", "args": { "id": format!("g{client}-{id}"), "item": "x:1", "body": "b" }, "hlc": 0 }))
                    .collect();
                let sent = http.post(format!("{base}/v1/push")).bearer_auth(&token).json(&json!({ "client_id": format!("g{client}"), "mutations": mutations })).send().await;
                // Once the store stops listening, connections are refused: done.
                let Ok(response) = sent else { return };
                let status = response.status().as_u16();
                match response.json::<serde_json::Value>().await {
                    Ok(body) if status == 200 => {
                        let last = body["last_mutation_id"].as_u64().unwrap();
                        acknowledged.lock().unwrap()[client] = last;
                    }
                    Ok(body) => failures.lock().unwrap().push(format!("{status}: {body}")),
                    // The connection closed as the store stopped, before a reply: not acknowledged.
                    Err(_) => return,
                }
            }
        }));
    }
    let target = 100;
    eventually("pushes acknowledged before SIGTERM", || {
        let sum: u64 = acknowledged.lock().unwrap().iter().sum();
        async move { (sum >= target).then_some(()) }
    })
    .await;
    assert!(server.terminate(), "the store exits cleanly on SIGTERM");
    for pusher in pushers {
        let _ = pusher.await;
    }
    assert_eq!(
        failures.lock().unwrap().clone(),
        Vec::<String>::new(),
        "in-flight pushes were answered with errors"
    );
    let server = Server::start(&db, &args);
    let (records, _) = Api::new(&server)
        .pull_all(&team.admin, "check", json!(null))
        .await;
    for (client, last) in acknowledged.lock().unwrap().iter().enumerate() {
        for id in 1..=*last {
            assert!(
                records.contains_key(&("note".to_owned(), format!("g{client}-{id}"))),
                "acknowledged note g{client}-{id} lost"
            );
        }
    }
}
