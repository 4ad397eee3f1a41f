//! Scale-out: two store processes on one database; a push to one reaches a live
//! client of the other (NOTIFY on PostgreSQL, the version poll as backstop).

use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn a_change_pushed_to_one_process_reaches_a_live_client_of_the_other() {
    let db = TestDb::new();
    let team = db.team("scale");
    // A long poll interval on PostgreSQL shows NOTIFY does the work; SQLite relies on polling.
    let poll = if db.postgres { "60000" } else { "200" };
    let first = Server::start(&db, &["--poll-interval-ms", poll]);
    let second = Server::start(&db, &["--poll-interval-ms", poll]);
    let (api_one, api_two) = (Api::new(&first), Api::new(&second));
    let (mut watcher, _) = Live::connect(&api_two, &team.agent2).await;
    for round in 1..=3u64 {
        let pushed = api_one
            .push(
                &team.agent,
                "one",
                &[(
                    round,
                    "ticket.create",
                    json!({ "item": format!("x:{round}"), "conversation": "c" }),
                )],
            )
            .await;
        assert_eq!(
            pushed.body["results"][0]["outcome"], "applied",
            "{:?}",
            pushed.body
        );
        let version = pushed.body["version"].as_u64().unwrap();
        watcher
            .until(|m| m["type"] == "poke" && m["version"].as_u64() >= Some(version))
            .await;
        let (records, _) = api_two.pull_all(&team.agent2, "two", json!(null)).await;
        assert!(records.contains_key(&("ticket".to_owned(), format!("x:{round}"))));
    }
    // Both processes write to the same team: versions stay contiguous.
    api_two
        .push(
            &team.agent2,
            "two",
            &[(
                1,
                "note.add",
                json!({ "id": "n", "item": "x:1", "body": "from two" }),
            )],
        )
        .await;
    let entries = api_one.get("/v1/audit", &team.admin).await.body["entries"]
        .as_array()
        .unwrap()
        .clone();
    let versions: Vec<u64> = entries
        .iter()
        .map(|e| e["version"].as_u64().unwrap())
        .collect();
    assert_eq!(versions, (1..=versions.len() as u64).collect::<Vec<_>>());
}

#[tokio::test]
async fn presence_crosses_processes_on_postgres() {
    let db = TestDb::new();
    if !db.postgres {
        // SQLite serves one process; presence stays in the process that received it.
        return;
    }
    let team = db.team("presence");
    let first = Server::start(&db, &[]);
    let second = Server::start(&db, &[]);
    let (mut watcher, _) = Live::connect(&Api::new(&second), &team.agent2).await;
    let (mut typist, _) = Live::connect(&Api::new(&first), &team.agent).await;
    // The other process may start listening just after the first heartbeat: repeat it until seen.
    let deadline = std::time::Instant::now() + PATIENCE;
    let seen = loop {
        assert!(
            std::time::Instant::now() < deadline,
            "presence never reached the other process"
        );
        typist
            .send(json!({ "type": "presence", "item": "x:9", "state": "replying" }))
            .await;
        if let Ok(message) =
            tokio::time::timeout(std::time::Duration::from_millis(500), watcher.next()).await
        {
            if message["type"] == "presence" {
                break message;
            }
        }
    };
    assert_eq!(
        (
            seen["item"].as_str(),
            seen["state"].as_str(),
            seen["initials"].as_str()
        ),
        (Some("x:9"), Some("replying"), Some("KL"))
    );
    drop(typist);
    watcher
        .until(|m| m["type"] == "presence" && m["state"] == "left")
        .await;
}
