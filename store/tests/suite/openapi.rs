//! `/openapi.json` stays true: every documented operation answers with a documented
//! status and the documented required fields, undocumented methods are refused, and the
//! store refuses what the document forbids and accepts what it allows (the property-based
//! run against the document is `make test-store-schemathesis`).

use crate::harness::*;
use serde_json::{json, Value};

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap();
            &document["components"]["schemas"][name]
        }
        None => schema,
    }
}

#[tokio::test]
async fn every_documented_operation_behaves_as_documented() {
    let db = TestDb::new();
    let team = db.team("openapi");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let document = api.raw("GET", "/openapi.json", None, None).await.body;
    assert_eq!(
        document["openapi"].as_str().map(|v| v.starts_with("3.")),
        Some(true)
    );
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let concrete = path.replace("{token_id}", "0000000000000000");
            let body = operation["requestBody"]["content"]["application/json"]["example"].clone();
            let body = (!body.is_null()).then(|| body.to_string().into_bytes());
            let reply = api
                .raw(&method.to_uppercase(), &concrete, Some(&team.admin), body)
                .await;
            let documented = &operation["responses"][reply.status.to_string()];
            assert!(
                documented.is_object(),
                "{method} {path} answered {} which is not documented: {:?}",
                reply.status,
                reply.body
            );
            let schema = &documented["content"]["application/json"]["schema"];
            if schema.is_object() {
                let schema = resolve(&document, schema);
                for field in schema["required"].as_array().into_iter().flatten() {
                    let field = field.as_str().unwrap();
                    assert!(
                        reply.body.get(field).is_some(),
                        "{method} {path}: {field} missing from {:?}",
                        reply.body
                    );
                }
            }
            // Methods the document does not list for this path are refused with 405.
            for other in ["get", "post", "delete", "put", "patch"] {
                if item.get(other).is_none() {
                    let refused = api
                        .raw(&other.to_uppercase(), &concrete, Some(&team.admin), None)
                        .await;
                    assert_eq!(
                        refused.status, 405,
                        "{other} {path} is undocumented but answered {}",
                        refused.status
                    );
                }
            }
        }
    }
    assert!(operations >= 12, "{operations} operations documented");
}

/// The requests Schemathesis found the store and its document disagreeing on, each now
/// answered as the document states (the full property-based run is `make test-store-schemathesis`).
#[tokio::test]
async fn the_store_enforces_exactly_what_the_document_states() {
    let db = TestDb::new();
    let team = db.team("contract");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let status_and_code = |reply: Reply| (reply.status, reply.code().to_owned());

    // GET /v1/audit: limit is 1..=5000 and after 0..=2^63-1; outside, 400 invalid_query.
    for query in [
        "limit=0",
        "limit=5001",
        "limit=2.5",
        "after=-1",
        "after=9223372036854775808",
    ] {
        let reply = api.get(&format!("/v1/audit?{query}"), &team.lead).await;
        assert_eq!(
            status_and_code(reply),
            (400, "invalid_query".into()),
            "{query}"
        );
    }
    for query in [
        "limit=1",
        "limit=5000",
        "limit=3.0&after=0",
        "after=9223372036854775807",
    ] {
        assert_eq!(
            api.get(&format!("/v1/audit?{query}"), &team.lead)
                .await
                .status,
            200,
            "{query}"
        );
    }

    // POST /v1/push: ids are ≥ 1 and processed in the order given (no ordering rule the
    // document cannot state); integral numbers are integers.
    let bad = api
        .post(
            "/v1/push",
            &team.agent,
            json!({ "client_id": "c", "mutations": [{ "id": 0, "name": "x", "args": {} }] }),
        )
        .await;
    assert_eq!(status_and_code(bad), (400, "invalid_body".into()));
    let create = |id: f64| json!({ "id": id, "name": "ticket.create", "args": { "item": "x:7", "conversation": "x:7" } });
    let pushed = api
        .post(
            "/v1/push",
            &team.agent,
            json!({ "client_id": "c", "mutations": [create(1.0), create(1.0), create(3.0)] }),
        )
        .await;
    assert_eq!(pushed.status, 200, "{:?}", pushed.body);
    let outcomes: Vec<_> = pushed.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].clone())
        .collect();
    assert_eq!(outcomes, [json!("applied"), json!("duplicate")]);
    assert_eq!(pushed.body["expected_id"], 2);
    let args = api
        .post(
            "/v1/push",
            &team.agent,
            json!({ "client_id": "c", "mutations": [{ "id": 2, "name": "x", "args": [] }] }),
        )
        .await;
    assert_eq!(
        status_and_code(args),
        (400, "invalid_body".into()),
        "args is an object"
    );

    // POST /v1/pull: limit null or 1..=5000; the cookie takes no other fields.
    let pull = |body: Value| api.post("/v1/pull", &team.agent, body);
    assert_eq!(
        pull(json!({ "client_id": "c", "cookie": null, "limit": null }))
            .await
            .status,
        200
    );
    assert_eq!(
        pull(json!({ "client_id": "c", "limit": 5000.0 }))
            .await
            .status,
        200
    );
    for body in [
        json!({ "client_id": "c", "limit": 0 }),
        json!({ "client_id": "c", "limit": 5001 }),
        json!({ "client_id": "c", "cookie": { "version": 1, "schema": 1, "extra": 1 } }),
    ] {
        assert_eq!(
            status_and_code(pull(body.clone()).await),
            (400, "invalid_body".into()),
            "{body}"
        );
    }

    // POST /v1/tokens: name 1–100 characters, not blank, no control characters.
    for (name, initials) in [
        ("", "KL"),
        ("   ", "KL"),
        ("Kim\u{7}", "KL"),
        (&*"x".repeat(101), "KL"),
        ("Kim", ""),
        ("Kim", "K.L"),
    ] {
        let reply = api
            .post(
                "/v1/tokens",
                &team.admin,
                json!({ "name": name, "initials": initials, "role": "agent" }),
            )
            .await;
        assert_eq!(
            status_and_code(reply),
            (400, "invalid_body".into()),
            "{name:?} {initials:?}"
        );
    }
    for (name, initials) in [(" Kim Lee ", "KL"), ("李", "李"), ("Zoë", "ZÖ")] {
        let reply = api
            .post(
                "/v1/tokens",
                &team.admin,
                json!({ "name": name, "initials": initials, "role": "agent" }),
            )
            .await;
        assert_eq!(reply.status, 201, "{name:?} {initials:?}: {:?}", reply.body);
    }

    // DELETE /v1/tokens/{token_id}: 16 lowercase hex digits; never the caller's own token.
    let bad_id = api
        .raw("DELETE", "/v1/tokens/nothex", Some(&team.admin), None)
        .await;
    assert_eq!(status_and_code(bad_id), (400, "invalid_path".into()));
    let me = api.get("/v1/me", &team.admin).await;
    let own = api
        .raw(
            "DELETE",
            &format!("/v1/tokens/{}", me.body["token_id"].as_str().unwrap()),
            Some(&team.admin),
            None,
        )
        .await;
    assert_eq!(status_and_code(own), (409, "own_token".into()));
    assert_eq!(api.get("/v1/me", &team.admin).await.status, 200);

    // GET /v1/live: 426 (with Upgrade: websocket) without an upgrade; 400 when an upgrade
    // header breaks its schema; 401 without credentials.
    let http = reqwest::Client::new();
    let live = |headers: &[(&str, &str)]| {
        let mut request = http
            .get(format!("{}/v1/live", api.base))
            .bearer_auth(&team.agent);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    let plain = live(&[]).await.unwrap();
    assert_eq!(plain.status(), 426);
    assert_eq!(plain.headers()["upgrade"], "websocket");
    let upgrade = [
        ("connection", "Upgrade"),
        ("upgrade", "websocket"),
        ("sec-websocket-version", "13"),
        ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];
    for (broken, value) in [
        ("sec-websocket-key", "short"),
        ("sec-websocket-version", "8"),
        ("connection", "keep-alive"),
        ("upgrade", "h2c"),
    ] {
        let headers: Vec<_> = upgrade
            .iter()
            .map(|&(name, v)| (name, if name == broken { value } else { v }))
            .collect();
        let reply = live(&headers).await.unwrap();
        assert_eq!(reply.status(), 400, "{broken}: {value}");
        let body: Value = reply.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_header", "{broken}");
    }
    let anonymous = http
        .get(format!("{}/v1/live", api.base))
        .headers(
            upgrade
                .iter()
                .map(|&(name, value)| {
                    (
                        reqwest::header::HeaderName::from_static(name),
                        value.parse().unwrap(),
                    )
                })
                .collect(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
