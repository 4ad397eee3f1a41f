//! Isolation and roles over every endpoint the OpenAPI document lists.

use crate::harness::*;
use serde_json::{json, Value};

fn role_rank(role: &str) -> u8 {
    match role {
        "none" => 0,
        "agent" => 1,
        "lead" => 2,
        "admin" => 3,
        other => panic!("unknown x-min-role {other}"),
    }
}

fn example_body(operation: &Value) -> Option<Vec<u8>> {
    let example = &operation["requestBody"]["content"]["application/json"]["example"];
    (!example.is_null()).then(|| example.to_string().into_bytes())
}

#[tokio::test]
async fn every_endpoint_refuses_missing_tokens_and_too_weak_roles() {
    let db = TestDb::new();
    let team = db.team("roles");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let document = api.raw("GET", "/openapi.json", None, None).await.body;
    let tokens = [
        ("agent", &team.agent),
        ("lead", &team.lead),
        ("admin", &team.admin),
    ];
    let mut checked = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let min_role = role_rank(
                operation["x-min-role"]
                    .as_str()
                    .expect("x-min-role on every operation"),
            );
            if min_role == 0 || path == "/v1/live" {
                continue;
            }
            let path = path.replace("{token_id}", "0000000000000000");
            let method = method.to_uppercase();
            let anonymous = api.raw(&method, &path, None, example_body(operation)).await;
            assert_eq!(
                (anonymous.status, anonymous.code()),
                (401, "unauthorized"),
                "{method} {path} without a token"
            );
            for (role, token) in tokens {
                let reply = api
                    .raw(&method, &path, Some(token), example_body(operation))
                    .await;
                if role_rank(role) < min_role {
                    assert_eq!(
                        (reply.status, reply.code()),
                        (403, "forbidden"),
                        "{method} {path} as {role}"
                    );
                } else {
                    assert_ne!(
                        reply.code(),
                        "forbidden",
                        "{method} {path} as {role}: {:?}",
                        reply.body
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 24, "checked {checked} calls");
    let live = format!("{}/v1/live", api.base.replace("http://", "ws://"));
    assert!(
        tokio_tungstenite::connect_async(live).await.is_err(),
        "the live channel needs a ticket or token"
    );
}

#[tokio::test]
async fn another_teams_token_sees_and_touches_nothing() {
    let db = TestDb::new();
    let ours = db.team("ours");
    let theirs = db.team("theirs");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    // Both teams use the same item keys and client ids: the token alone decides the team.
    let setup = api
        .push(
            &ours.agent,
            "shared-client",
            &[
                (
                    1,
                    "ticket.create",
                    json!({ "item": "x:1", "conversation": "x:1" }),
                ),
                (
                    2,
                    "note.add",
                    json!({ "id": "n1", "item": "x:1", "body": "ours-secret" }),
                ),
            ],
        )
        .await;
    assert_eq!(setup.status, 200, "{:?}", setup.body);
    assert_eq!(
        (
            &setup.body["results"][0]["outcome"],
            &setup.body["results"][1]["outcome"]
        ),
        (&json!("applied"), &json!("applied")),
        "{:?}",
        setup.body
    );
    // Positive controls: our own admin sees the secret, in the pull and in the audit log.
    let (our_records, _) = api.pull_all(&ours.admin, "o", json!(null)).await;
    let our_note = our_records
        .get(&("note".to_owned(), "n1".to_owned()))
        .expect("our admin pulls our note");
    assert_eq!(our_note["body"]["body"], "ours-secret", "{our_note}");
    let our_audit = api.get("/v1/audit", &ours.admin).await;
    assert_eq!(our_audit.status, 200, "{:?}", our_audit.body);
    assert!(
        our_audit.body["entries"]
            .to_string()
            .contains("ours-secret"),
        "our audit shows our note: {:?}",
        our_audit.body
    );
    let (mut their_live, _) = Live::connect(&api, &theirs.agent).await;
    let (mut our_live, _) = Live::connect(&api, &ours.agent2).await;

    let pushed = api
        .push(
            &theirs.agent,
            "shared-client",
            &[(
                1,
                "note.add",
                json!({ "id": "n1", "item": "x:1", "body": "theirs" }),
            )],
        )
        .await;
    assert_eq!(pushed.status, 200, "{:?}", pushed.body);
    assert_eq!(
        pushed.body["results"][0]["code"], "not_found",
        "their push cannot reach our ticket"
    );
    let (records, _) = api.pull_all(&theirs.admin, "t", json!(null)).await;
    assert!(!format!("{records:?}").contains("ours-secret"));
    assert!(records
        .keys()
        .all(|(kind, _)| kind != "ticket" && kind != "note"));
    let audit = api.get("/v1/audit", &theirs.admin).await;
    assert_eq!(audit.status, 200, "{:?}", audit.body);
    // Their log is readable and holds their own (rejected) note, but nothing of ours.
    let their_entries = audit.body["entries"].as_array().expect("entries");
    assert!(
        their_entries
            .iter()
            .any(|e| e["name"] == "note.add" && e["args"]["body"] == "theirs"),
        "their audit shows their own push: {their_entries:?}"
    );
    assert!(!audit.body.to_string().contains("ours-secret"));
    let tokens = api.get("/v1/tokens", &theirs.admin).await;
    assert_eq!(tokens.status, 200, "{:?}", tokens.body);
    assert_eq!(
        tokens.body["tokens"].as_array().map(Vec::len),
        Some(4),
        "their admin lists their own four tokens: {:?}",
        tokens.body
    );
    let our_tokens = api.get("/v1/tokens", &ours.admin).await;
    assert_eq!(our_tokens.status, 200, "{:?}", our_tokens.body);
    let our_ids: Vec<String> = our_tokens.body["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["token_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(our_ids.len(), 4, "our four tokens: {our_ids:?}");
    for id in &our_ids {
        assert!(!tokens.body.to_string().contains(id.as_str()));
        let revoke = api
            .raw(
                "DELETE",
                &format!("/v1/tokens/{id}"),
                Some(&theirs.admin),
                None,
            )
            .await;
        assert_eq!(revoke.status, 404, "their admin cannot revoke our token");
    }
    assert_eq!(api.get("/v1/me", &ours.agent).await.status, 200);

    // Our presence and pokes reach our team only: their socket sees their own poke, never ours.
    let (mut our_typist, _) = Live::connect(&api, &ours.agent).await;
    our_typist
        .send(json!({ "type": "presence", "item": "x:1", "state": "viewing" }))
        .await;
    our_live.until(|m| m["type"] == "presence").await;
    let ours_again = api
        .push(
            &ours.agent,
            "shared-client",
            &[(
                3,
                "note.add",
                json!({ "id": "n2", "item": "x:1", "body": "more" }),
            )],
        )
        .await;
    assert_eq!(ours_again.body["results"][0]["outcome"], "applied");
    our_live
        .until(|m| m["type"] == "poke" && m["version"] == ours_again.body["version"])
        .await;
    let theirs_now = api
        .push(
            &theirs.agent,
            "shared-client",
            &[(
                2,
                "ticket.create",
                json!({ "item": "x:2", "conversation": "x:2" }),
            )],
        )
        .await;
    assert_eq!(theirs_now.body["results"][0]["outcome"], "applied");
    let expected = theirs_now.body["version"].as_u64().unwrap();
    loop {
        let message = their_live.next().await;
        assert_ne!(
            message["type"], "presence",
            "no presence from another team: {message}"
        );
        let version = message["version"].as_u64().unwrap_or(0);
        assert!(
            version <= expected,
            "a poke beyond their own versions: {message}"
        );
        if message["type"] == "poke" && version == expected {
            break;
        }
    }
}
