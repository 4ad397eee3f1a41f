//! Hostile input: the store answers with a clear error, loses nothing and keeps serving.

use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn bad_bodies_get_stable_codes_and_change_nothing() {
    let db = TestDb::new();
    let team = db.team("hostile");
    let server = Server::start(&db, &["--max-body-bytes", "65536"]);
    let api = Api::new(&server);
    api.push(
        &team.agent,
        "a",
        &[(
            1,
            "ticket.create",
            json!({ "item": "x:1", "conversation": "x:1" }),
        )],
    )
    .await;
    let (before, _) = api.pull_all(&team.admin, "adm", json!(null)).await;

    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("truncated JSON", b"{\"client_id\": \"a\", \"mutations\": [".to_vec(), 400, "malformed_json"),
        ("not JSON", b"hello".to_vec(), 400, "malformed_json"),
        ("empty body", Vec::new(), 400, "malformed_json"),
        ("invalid UTF-8", b"{\"client_id\": \"\xff\xfe\", \"mutations\": []}".to_vec(), 400, "malformed_json"),
        ("wrong types", br#"{"client_id": 5, "mutations": "many"}"#.to_vec(), 400, "invalid_body"),
        ("negative id", br#"{"client_id": "a", "mutations": [{"id": -1, "name": "x", "args": {}}]}"#.to_vec(), 400, "invalid_body"),
        ("unknown field", br#"{"client_id": "a", "mutations": [], "admin": true}"#.to_vec(), 400, "invalid_body"),
        ("unknown mutation field", br#"{"client_id": "a", "mutations": [{"id": 2, "name": "x", "args": {}, "sudo": 1}]}"#.to_vec(), 400, "invalid_body"),
        ("bad client id", br#"{"client_id": "../../etc", "mutations": []}"#.to_vec(), 400, "invalid_client_id"),
        ("the store's own client id", br#"{"client_id": "_admin", "mutations": []}"#.to_vec(), 400, "invalid_client_id"),
        ("id zero", br#"{"client_id": "a", "mutations": [{"id": 0, "name": "x", "args": {}}]}"#.to_vec(), 400, "invalid_body"),
        ("arguments not an object", br#"{"client_id": "a", "mutations": [{"id": 2, "name": "x", "args": "all"}]}"#.to_vec(), 400, "invalid_body"),
        ("oversized body", format!("{{\"client_id\": \"a\", \"mutations\": [], \"pad\": \"{}\"}}", "x".repeat(70_000)).into_bytes(), 413, "body_too_large"),
        ("deeply nested", format!("{{\"client_id\": \"a\", \"mutations\": [{{\"id\": 2, \"name\": \"x\", \"args\": {}{}}}]}}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(), 400, "malformed_json"),
    ];
    for (what, body, status, code) in cases {
        let reply = api
            .raw("POST", "/v1/push", Some(&team.agent), Some(body))
            .await;
        assert_eq!(
            (reply.status, reply.code()),
            (status, code),
            "{what}: {:?}",
            reply.body
        );
        assert!(
            reply.body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what} has a message"
        );
    }
    let huge: Vec<_> = (1..=501)
        .map(|i| json!({ "id": i, "name": "ticket.create", "args": {} }))
        .collect();
    let reply = api
        .post(
            "/v1/push",
            &team.agent,
            json!({ "client_id": "a", "mutations": huge }),
        )
        .await;
    assert_eq!((reply.status, reply.code()), (413, "batch_too_large"));

    // Bad arguments inside a well-formed push reject that mutation only.
    let odd = api
        .push(
            &team.agent,
            "a",
            &[
                (
                    2,
                    "ticket.create",
                    json!({ "item": "myspace:1", "conversation": "c" }),
                ),
                (
                    3,
                    "note.add",
                    json!({ "id": "n", "item": "x:1", "body": "x".repeat(20_001) }),
                ),
                (
                    4,
                    "ticket.set_status",
                    json!({ "item": "x:1", "status": "exploded", "base_version": 0 }),
                ),
                (
                    5,
                    "ticket.tag",
                    json!({ "item": "x:1", "add": [""], "base_version": 0 }),
                ),
                (
                    6,
                    "note.add",
                    json!({ "id": "ok", "item": "x:1", "body": "fine \u{1F600}" }),
                ),
            ],
        )
        .await;
    let codes: Vec<_> = odd.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        codes,
        [
            "invalid_mutation",
            "invalid_args",
            "invalid_mutation",
            "invalid_args",
            ""
        ],
        "{:?}",
        odd.body
    );

    let garbage_tokens = [
        "",
        "Bearer",
        "sct_zz_zz",
        &format!("{}0", team.agent),
        "sct_0000000000000000_0000000000000000000000000000000000000000000000000000000000000000",
    ];
    for token in garbage_tokens {
        let reply = api
            .raw("POST", "/v1/pull", Some(token), Some(b"{}".to_vec()))
            .await;
        assert_eq!(
            (reply.status, reply.code()),
            (401, "unauthorized"),
            "token {token:?}"
        );
    }
    let query = api.get("/v1/audit?after=-1", &team.lead).await;
    assert_eq!((query.status, query.code()), (400, "invalid_query"));
    for path in ["/v1/audit?after=%zz%ff", "/v1/audit?after=%ff"] {
        let reply = api.get(path, &team.lead).await;
        assert_eq!(
            (reply.status, reply.code()),
            (400, "invalid_query"),
            "{path}: {:?}",
            reply.body
        );
    }
    let bad_path = api
        .raw("DELETE", "/v1/tokens/%ff%fe", Some(&team.admin), None)
        .await;
    assert_eq!(
        (bad_path.status, bad_path.code()),
        (400, "invalid_path"),
        "{:?}",
        bad_path.body
    );
    let nowhere = api.get("/v2/anything", &team.agent).await;
    assert_eq!((nowhere.status, nowhere.code()), (404, "not_found"));

    // Everything before is intact; the only new records are the ticket note that was valid.
    let (after, _) = api.pull_all(&team.admin, "adm", json!(null)).await;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(api.raw("GET", "/healthz", None, None).await.status, 200);
}

#[tokio::test]
async fn each_token_is_rate_limited_with_retry_after() {
    let db = TestDb::new();
    let team = db.team("limits");
    let server = Server::start(&db, &["--rate-limit", "1", "--rate-burst", "5"]);
    let api = Api::new(&server);
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(api.get("/v1/me", &team.agent).await);
    }
    let limited = statuses
        .iter()
        .find(|reply| reply.status == 429)
        .expect("a 429 after the burst");
    assert_eq!(limited.code(), "rate_limited");
    assert!(limited.headers.get("retry-after").is_some());
    // Another token has its own bucket.
    assert_eq!(api.get("/v1/me", &team.agent2).await.status, 200);
}
