//! The behaviour both backends must share: CLI, push, pull, conflicts, live, presence.

use crate::harness::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

#[tokio::test]
async fn team_and_token_commands_show_secrets_once_and_never_list_them() {
    let db = TestDb::new();
    let admin = db.create_team("acme");
    let agent = db.issue("acme", "Kim Lee", "agent");
    let (ok, listing, _) = db.cli(&["token", "list", "--team", "acme"]);
    assert!(ok);
    assert!(listing.contains("Kim Lee") && listing.contains("agent"));
    for secret in [&admin, &agent] {
        let secret_part = secret.rsplit('_').next().unwrap();
        assert!(
            !listing.contains(secret_part),
            "token list printed a secret"
        );
    }
    let (ok, _, stderr) = db.cli(&["team", "create", "acme"]);
    assert!(!ok && stderr.contains("already exists"), "{stderr}");
    let (ok, _, stderr) = db.cli(&["team", "create", "Not A Name"]);
    assert!(!ok && stderr.contains("team name"), "{stderr}");

    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let me = api.get("/v1/me", &agent).await;
    assert_eq!(
        (
            me.status,
            me.body["role"].as_str(),
            me.body["team"].as_str()
        ),
        (200, Some("agent"), Some("acme"))
    );

    let agent_token_id = listing
        .lines()
        .find(|line| line.contains("Kim Lee"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let (ok, _, stderr) = db.cli(&["token", "revoke", "--team", "acme", &agent_token_id]);
    assert!(ok, "{stderr}");
    let refused = api.get("/v1/me", &agent).await;
    assert_eq!((refused.status, refused.code()), (401, "unauthorized"));
    let (records, _) = api.pull_all(&admin, "admin-1", json!(null)).await;
    let member = records
        .values()
        .find(|change| change["kind"] == "member" && change["body"]["name"] == "Kim Lee")
        .unwrap();
    assert_eq!(member["body"]["active"], false);
}

#[tokio::test]
async fn tokens_are_issued_and_revoked_over_http_by_admins() {
    let db = TestDb::new();
    let team = db.team("http-tokens");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let issued = api
        .post(
            "/v1/tokens",
            &team.admin,
            json!({ "name": "New Person", "initials": "NP", "role": "lead" }),
        )
        .await;
    assert_eq!(issued.status, 201, "{:?}", issued.body);
    let token = issued.body["token"].as_str().unwrap().to_owned();
    assert_eq!(api.get("/v1/me", &token).await.body["role"], "lead");
    let listed = api.get("/v1/tokens", &team.admin).await;
    assert!(!listed
        .body
        .to_string()
        .contains(token.rsplit('_').next().unwrap()));
    let token_id = issued.body["token_id"].as_str().unwrap();
    let revoked = api
        .raw(
            "DELETE",
            &format!("/v1/tokens/{token_id}"),
            Some(&team.admin),
            None,
        )
        .await;
    assert_eq!(revoked.status, 204);
    assert_eq!(api.get("/v1/me", &token).await.status, 401);
    let again = api
        .raw(
            "DELETE",
            &format!("/v1/tokens/{token_id}"),
            Some(&team.admin),
            None,
        )
        .await;
    assert_eq!((again.status, again.code()), (409, "already_revoked"));
}

#[tokio::test]
async fn pushes_are_idempotent_stop_at_gaps_and_rejections_do_not_block() {
    let db = TestDb::new();
    let team = db.team("push");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let create = json!({ "item": "x:100", "conversation": "x:100" });
    let first = api
        .push(
            &team.agent,
            "c1",
            &[
                (1, "ticket.create", create.clone()),
                (2, "no.such.mutation", json!({})),
                (
                    3,
                    "note.add",
                    json!({ "id": "n1", "item": "x:100", "body": "hello" }),
                ),
            ],
        )
        .await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    let outcomes: Vec<_> = first.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outcomes, ["applied", "rejected", "applied"]);
    assert_eq!(first.body["results"][1]["code"], "invalid_mutation");
    // The reason as data beside the English: an unreadable mutation carries
    // the parser's text as written.
    let unreadable = &first.body["results"][1];
    assert_eq!(
        unreadable["refusal"],
        json!({ "refusal": "unreadable", "detail": unreadable["message"] })
    );
    assert!(unreadable["message"]
        .as_str()
        .unwrap()
        .starts_with("no.such.mutation: unknown variant"));
    assert!(
        first.body["results"][0].get("refusal").is_none(),
        "an applied mutation has none"
    );
    assert_eq!(first.body["last_mutation_id"], 3);
    let typed: socialcare::sync::PushResponse =
        serde_json::from_value(first.body.clone()).expect("the shared protocol type");
    assert_eq!(
        typed.results[1].outcome,
        socialcare::sync::PushOutcome::Rejected
    );

    // The same batch again: nothing applies twice.
    let again = api
        .push(
            &team.agent,
            "c1",
            &[
                (1, "ticket.create", create.clone()),
                (
                    3,
                    "note.add",
                    json!({ "id": "n1", "item": "x:100", "body": "hello" }),
                ),
            ],
        )
        .await;
    assert!(again.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["outcome"] == "duplicate"));
    assert_eq!(again.body["version"], first.body["version"]);

    // A gap stops the batch and names the id to resend from.
    let gap = api
        .push(
            &team.agent,
            "c1",
            &[(
                5,
                "ticket.create",
                json!({ "item": "x:101", "conversation": "x:101" }),
            )],
        )
        .await;
    assert_eq!(
        (
            gap.body["expected_id"].as_u64(),
            gap.body["results"].as_array().unwrap().len()
        ),
        (Some(4), 0)
    );

    // The rejection is visible to its client on pull, and in the audit log.
    let (records, last) = api.pull_all(&team.agent, "c1", json!(null)).await;
    assert_eq!(last["last_mutation_id"], 3);
    assert_eq!(last["rejected"][0]["mutation_id"], 2);
    assert_eq!(last["rejected"][0]["refusal"], unreadable["refusal"]);
    assert_eq!(last["rejected"][0]["message"], unreadable["message"]);
    assert_eq!(records.values().filter(|c| c["kind"] == "note").count(), 1);
    let audit = api.get("/v1/audit", &team.lead).await;
    let entries = audit.body["entries"].as_array().unwrap();
    let versions: Vec<u64> = entries
        .iter()
        .map(|e| e["version"].as_u64().unwrap())
        .collect();
    assert_eq!(
        versions,
        (1..=versions.len() as u64).collect::<Vec<_>>(),
        "versions are contiguous"
    );
    let logged = entries
        .iter()
        .find(|e| e["name"] == "no.such.mutation" && e["outcome"] == "rejected")
        .expect("the rejection is in the audit log");
    assert_eq!(logged["message"], unreadable["message"]);
    assert_eq!(
        logged["refusal"], unreadable["refusal"],
        "the audit log keeps the reason as data too"
    );

    // Another agent cannot push as this client.
    let stolen = api
        .push(&team.agent2, "c1", &[(4, "ticket.create", create)])
        .await;
    assert_eq!((stolen.status, stolen.code()), (403, "client_not_yours"));
}

#[tokio::test]
async fn conflict_rules_are_decided_by_the_server_and_visible() {
    let db = TestDb::new();
    let team = db.team("conflicts");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let created = api
        .push(
            &team.agent,
            "a",
            &[(
                1,
                "ticket.create",
                json!({ "item": "facebook:7", "conversation": "facebook:7" }),
            )],
        )
        .await;
    let base = created.body["version"].as_u64().unwrap();
    // Two agents change the priority from the same base; the later clock wins only if newer.
    let hlc = |ms: u64| ms << 16;
    let post = |token: &str,
                client: &str,
                id: u64,
                name: &str,
                args: serde_json::Value,
                clock: u64| {
        let body = json!({ "client_id": client, "mutations": [{ "id": id, "name": name, "args": args, "hlc": clock }] });
        let api = api.clone();
        let token = token.to_owned();
        async move { api.post("/v1/push", &token, body).await }
    };
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let first = post(
        &team.agent,
        "a",
        2,
        "ticket.set_priority",
        json!({ "item": "facebook:7", "priority": "high", "base_version": base }),
        hlc(now_ms),
    )
    .await;
    assert_eq!(first.body["results"][0]["outcome"], "applied");
    let stale = post(
        &team.agent2,
        "b",
        1,
        "ticket.set_priority",
        json!({ "item": "facebook:7", "priority": "low", "base_version": base }),
        hlc(now_ms - 7_200_000),
    )
    .await;
    assert_eq!(
        (
            stale.body["results"][0]["outcome"].as_str(),
            stale.body["results"][0]["code"].as_str()
        ),
        (Some("rejected"), Some("conflict"))
    );
    let changed_at = first.body["version"].as_u64().unwrap();
    assert_eq!(
        stale.body["results"][0]["message"],
        format!("priority was changed at version {changed_at} after the version {base} you saw, by a newer edit"),
        "the English as before"
    );
    let stale_refusal =
        json!({ "refusal": "stale", "field": "priority", "changed_at": changed_at, "seen": base });
    assert_eq!(stale.body["results"][0]["refusal"], stale_refusal);
    let (_, pulled) = api.pull_all(&team.agent2, "b", json!(null)).await;
    assert_eq!(pulled["rejected"][0]["refusal"], stale_refusal);
    // A clock an hour ahead is clamped to now + 60 s: still newer than the first write, so it applies.
    let future = post(
        &team.agent2,
        "b",
        2,
        "ticket.set_priority",
        json!({ "item": "facebook:7", "priority": "urgent", "base_version": base }),
        hlc(now_ms + 3_600_000),
    )
    .await;
    assert_eq!(future.body["results"][0]["outcome"], "applied");

    // Status: resolved only reopens explicitly.
    let v = future.body["version"].as_u64().unwrap();
    let resolved = post(
        &team.agent,
        "a",
        3,
        "ticket.set_status",
        json!({ "item": "facebook:7", "status": "resolved", "base_version": v }),
        hlc(now_ms),
    )
    .await;
    assert_eq!(resolved.body["results"][0]["outcome"], "applied");
    let v = resolved.body["version"].as_u64().unwrap();
    let reopen_by_status = post(
        &team.agent,
        "a",
        4,
        "ticket.set_status",
        json!({ "item": "facebook:7", "status": "open", "base_version": v }),
        hlc(now_ms),
    )
    .await;
    assert_eq!(
        reopen_by_status.body["results"][0]["code"],
        "invalid_transition"
    );
    let reopened = post(
        &team.agent,
        "a",
        5,
        "ticket.reopen",
        json!({ "item": "facebook:7" }),
        hlc(now_ms),
    )
    .await;
    assert_eq!(reopened.body["results"][0]["outcome"], "applied");

    // Claims are exclusive: a claim on a stale base fails even with a newer clock.
    let claim = post(
        &team.agent,
        "a",
        6,
        "ticket.assign",
        json!({ "item": "facebook:7", "assignee": null, "base_version": 0 }),
        hlc(now_ms),
    )
    .await;
    assert_eq!(claim.body["results"][0]["outcome"], "applied");
    let me2 = api.get("/v1/me", &team.agent2).await.body["agent_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let late_claim = post(
        &team.agent2,
        "b",
        3,
        "ticket.assign",
        json!({ "item": "facebook:7", "assignee": me2, "base_version": base }),
        hlc(now_ms + 50_000),
    )
    .await;
    assert_eq!(late_claim.body["results"][0]["code"], "conflict");

    // Templates: agents are refused; concurrent lead edits keep both.
    let variants = json!([{ "platform": "x", "language": "en", "body": "Thanks {{name}}!" }]);
    let by_agent = api.push(&team.agent, "a2", &[(1, "template.save", json!({ "id": "thanks", "name": "Thanks", "variants": variants, "base_revision": 0 }))]).await;
    assert_eq!(by_agent.body["results"][0]["code"], "forbidden");
    let saved = api.push(&team.lead, "l", &[(1, "template.save", json!({ "id": "thanks", "name": "Thanks", "variants": variants, "base_revision": 0 }))]).await;
    assert_eq!(saved.body["results"][0]["outcome"], "applied");
    let concurrent = api.push(&team.admin, "ad", &[(1, "template.save", json!({ "id": "thanks", "name": "Thanks!", "variants": variants, "base_revision": 0 }))]).await;
    assert_eq!(
        concurrent.body["results"][0]["code"],
        "kept_as_conflict_copy"
    );
    let (records, _) = api.pull_all(&team.agent, "a3", json!(null)).await;
    let templates: Vec<_> = records
        .values()
        .filter(|c| c["kind"] == "template")
        .collect();
    assert_eq!(templates.len(), 2);
    assert!(templates
        .iter()
        .any(|t| t["body"]["conflict_of"] == "thanks" && t["body"]["state"] == "draft"));
    let ticket = &records[&("ticket".to_owned(), "facebook:7".to_owned())]["body"];
    assert_eq!(
        (ticket["priority"].as_str(), ticket["status"].as_str()),
        (Some("urgent"), Some("open"))
    );
}

#[tokio::test]
async fn tags_and_identity_links_use_set_semantics_with_add_wins() {
    let db = TestDb::new();
    let team = db.team("sets");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let setup = api
        .push(
            &team.agent,
            "a",
            &[
                (
                    1,
                    "ticket.create",
                    json!({ "item": "instagram:9", "conversation": "p1", "customer": "cust-1" }),
                ),
                (
                    2,
                    "customer.upsert",
                    json!({ "id": "cust-1", "display_name": "Ana" }),
                ),
                (
                    3,
                    "customer.link",
                    json!({ "id": "cust-1", "platform": "instagram", "handle": "ana.ig" }),
                ),
            ],
        )
        .await;
    let base = setup.body["version"].as_u64().unwrap();
    api.push(
        &team.agent,
        "a",
        &[
            (
                4,
                "ticket.tag",
                json!({ "item": "instagram:9", "add": ["vip"], "base_version": base }),
            ),
            (
                5,
                "customer.link",
                json!({ "id": "cust-1", "platform": "x", "handle": "ana" }),
            ),
        ],
    )
    .await;
    // Removes made without seeing those adds lose.
    api.push(
        &team.agent2,
        "b",
        &[
            (
                1,
                "ticket.tag",
                json!({ "item": "instagram:9", "remove": ["vip"], "base_version": base }),
            ),
            (
                2,
                "customer.unlink",
                json!({ "id": "cust-1", "platform": "x", "handle": "ana", "base_version": base }),
            ),
        ],
    )
    .await;
    let (records, last) = api.pull_all(&team.agent, "a", json!(null)).await;
    let ticket = &records[&("ticket".into(), "instagram:9".into())]["body"];
    assert!(ticket["tags"].get("vip").is_some(), "add wins: {ticket}");
    let customer = &records[&("customer".into(), "cust-1".into())]["body"];
    assert_eq!(
        customer["identities"].as_array().unwrap().len(),
        2,
        "{customer}"
    );
    // Removes that saw the adds apply.
    let seen = last["cookie"]["version"].as_u64().unwrap();
    api.push(
        &team.agent2,
        "b",
        &[
            (
                3,
                "ticket.tag",
                json!({ "item": "instagram:9", "remove": ["vip"], "base_version": seen }),
            ),
            (
                4,
                "customer.unlink",
                json!({ "id": "cust-1", "platform": "x", "handle": "ana", "base_version": seen }),
            ),
        ],
    )
    .await;
    let (records, _) = api.pull_all(&team.agent, "a", json!(null)).await;
    assert!(
        records[&("ticket".into(), "instagram:9".into())]["body"]["tags"]
            .get("vip")
            .is_none()
    );
    assert_eq!(
        records[&("customer".into(), "cust-1".into())]["body"]["identities"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn pull_pages_never_split_a_version_and_odd_cookies_reset() {
    const LIMIT: usize = 2;
    let db = TestDb::new();
    let team = db.team("paging");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    // Versions of 1, 2 and 3 records: an author writes a customer, a platform-prefixed
    // conversation a conversation record, and every version writes its ticket.
    let mutations: Vec<_> = (1..=12u64)
        .map(|i| {
            let author = json!({ "platform": "x", "handle": format!("fan{i}"), "display_name": format!("Fan {i}") });
            let args = match i % 4 {
                0 => json!({ "item": format!("x:{i}"), "conversation": format!("x:c{i}"), "author": author }),
                1 => json!({ "item": format!("x:{i}"), "conversation": "group" }),
                2 => json!({ "item": format!("x:{i}"), "conversation": format!("x:c{i}") }),
                _ => json!({ "item": format!("x:{i}"), "conversation": "group", "author": author }),
            };
            (i, "ticket.create", args)
        })
        .collect();
    let pushed = api.push(&team.agent, "a", &mutations).await;
    assert_eq!(pushed.status, 200, "{:?}", pushed.body);
    let results = pushed.body["results"].as_array().expect("results");
    assert_eq!(results.len(), 12);
    assert!(
        results.iter().all(|result| result["outcome"] == "applied"),
        "{results:?}"
    );

    // The reference: one unpaged pull.
    let whole = api
        .post(
            "/v1/pull",
            &team.agent,
            json!({ "client_id": "a", "cookie": null }),
        )
        .await;
    assert_eq!(whole.status, 200, "{:?}", whole.body);
    assert_eq!(whole.body["more"], false);
    let triple = |change: &Value| {
        (
            change["kind"].as_str().unwrap().to_owned(),
            change["id"].as_str().unwrap().to_owned(),
            change["version"].as_u64().unwrap(),
        )
    };
    let expected: BTreeSet<_> = whole.body["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(triple)
        .collect();
    let mut per_version = BTreeMap::<u64, usize>::new();
    for (_, _, version) in &expected {
        *per_version.entry(*version).or_default() += 1;
    }
    assert_eq!(
        expected
            .iter()
            .filter(|(kind, _, _)| kind == "ticket")
            .count(),
        12
    );
    assert!(
        per_version.values().any(|&count| count > LIMIT),
        "a version writes more records than a page's limit: {per_version:?}"
    );
    assert!(
        per_version.values().filter(|&&count| count > 1).count() >= 6,
        "versions of several records: {per_version:?}"
    );

    let mut cookie = json!(null);
    let mut paged = BTreeSet::new();
    let mut versions_seen = BTreeSet::new();
    let mut previous = 0;
    let mut pages = 0;
    let mut oversized_pages = 0;
    loop {
        let page = api
            .post(
                "/v1/pull",
                &team.agent,
                json!({ "client_id": "a", "cookie": cookie, "limit": LIMIT }),
            )
            .await;
        assert_eq!(page.status, 200, "{:?}", page.body);
        pages += 1;
        let typed: socialcare::sync::PullResponse = serde_json::from_value(page.body.clone())
            .expect("pages parse into the shared protocol types");
        assert!(typed
            .changes
            .iter()
            .all(|change| change.entity.id() == change.id));
        let changes = page.body["changes"].as_array().unwrap();
        let version = page.body["cookie"]["version"].as_u64().unwrap();
        assert!(version >= previous, "cookies only move forward");
        // Everything up to the previous cookie came in earlier pages; this page holds
        // changes after it, up to its own cookie.
        assert!(
            changes.iter().all(|c| {
                let v = c["version"].as_u64().unwrap();
                previous < v && v <= version
            }),
            "page after {previous} up to {version}: {changes:?}"
        );
        let page_versions: BTreeSet<u64> = changes
            .iter()
            .map(|c| c["version"].as_u64().unwrap())
            .collect();
        // A page holds at most `limit` records, or one whole version that wrote more.
        if changes.len() > LIMIT {
            oversized_pages += 1;
            assert_eq!(
                page_versions.len(),
                1,
                "a page over the limit holds one version: {changes:?}"
            );
        }
        assert!(
            page_versions.is_disjoint(&versions_seen),
            "a version split across pages: {page_versions:?} after {versions_seen:?}"
        );
        versions_seen.extend(page_versions);
        for change in changes {
            assert!(paged.insert(triple(change)), "a change twice: {change}");
        }
        previous = version;
        cookie = page.body["cookie"].clone();
        if page.body["more"] != true {
            break;
        }
    }
    assert_eq!(paged, expected, "the pages together are the unpaged pull");
    assert!(pages > 3, "paged in {pages} pages");
    assert!(
        oversized_pages >= 1,
        "a version larger than the limit came whole"
    );
    let future = api
        .post(
            "/v1/pull",
            &team.agent,
            json!({ "client_id": "a", "cookie": { "version": previous + 1000, "schema": 1 } }),
        )
        .await;
    assert_eq!(future.body["reset"], true);
    let other_schema = api
        .post(
            "/v1/pull",
            &team.agent,
            json!({ "client_id": "a", "cookie": { "version": previous, "schema": 999 } }),
        )
        .await;
    assert_eq!(other_schema.body["reset"], true);
    let current = api
        .post(
            "/v1/pull",
            &team.agent,
            json!({ "client_id": "a", "cookie": cookie }),
        )
        .await;
    assert_eq!(
        (
            current.body["reset"].as_bool(),
            current.body["changes"].as_array().unwrap().len()
        ),
        (Some(false), 0)
    );
}

#[tokio::test]
async fn live_clients_get_pokes_and_presence_but_presence_is_never_stored() {
    let db = TestDb::new();
    let team = db.team("live");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let (mut watcher, hello) = Live::connect(&api, &team.agent2).await;
    let start = hello["version"].as_u64().unwrap();
    let pushed = api
        .push(
            &team.agent,
            "a",
            &[(
                1,
                "ticket.create",
                json!({ "item": "x:5", "conversation": "x:5" }),
            )],
        )
        .await;
    let version = pushed.body["version"].as_u64().unwrap();
    assert!(version > start);
    watcher
        .until(|m| m["type"] == "poke" && m["version"].as_u64() >= Some(version))
        .await;

    let (mut typist, _) = Live::connect(&api, &team.agent).await;
    typist
        .send(json!({ "type": "presence", "item": "x:5", "state": "replying" }))
        .await;
    let seen = watcher
        .until(|m| m["type"] == "presence" && m["state"] == "replying")
        .await;
    assert_eq!(seen["item"], "x:5");
    assert_eq!(seen["initials"], "KL");
    assert!(seen["expires_at"].as_i64().unwrap() > 0);
    typist.send(json!({ "type": "ping" })).await;
    typist.until(|m| m["type"] == "pong").await;
    typist.send_text("{not json").await;
    typist
        .until(|m| m["type"] == "error" && m["code"] == "invalid_message")
        .await;

    // A late joiner sees current presence in its hello.
    let (_late, hello) = Live::connect(&api, &team.lead).await;
    assert!(hello["presence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["item"] == "x:5" && p["state"] == "replying"));
    drop(typist);
    watcher
        .until(|m| m["type"] == "presence" && m["state"] == "left")
        .await;

    // Presence took no version and left no record.
    let (records, last) = api.pull_all(&team.agent, "a", json!(null)).await;
    assert_eq!(last["cookie"]["version"].as_u64(), Some(version));
    assert!(records.values().all(|c| c["kind"] != "presence"));
    // A ticket works once only.
    let ticket = api
        .post("/v1/live/ticket", &team.agent, json!({}))
        .await
        .body["ticket"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!(
        "{}/v1/live?ticket={ticket}",
        api.base.replace("http://", "ws://")
    );
    assert!(tokio_tungstenite::connect_async(url.clone()).await.is_ok());
    assert!(tokio_tungstenite::connect_async(url).await.is_err());
}

#[tokio::test]
async fn settings_drive_the_sla_and_only_admins_change_them() {
    let db = TestDb::new();
    let team = db.team("settings");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let settings = json!({ "settings": { "first_response_minutes": 15, "business_hours": null, "brand_accounts": { "x": ["@acme"] } } });
    let by_lead = api
        .push(&team.lead, "l", &[(1, "settings.update", settings.clone())])
        .await;
    assert_eq!(by_lead.body["results"][0]["code"], "forbidden");
    let by_admin = api
        .push(&team.admin, "ad", &[(1, "settings.update", settings)])
        .await;
    assert_eq!(by_admin.body["results"][0]["outcome"], "applied");
    api.push(
        &team.agent,
        "a",
        &[
            (
                1,
                "ticket.create",
                json!({ "item": "x:1", "conversation": "x:1" }),
            ),
            (2, "ticket.responded", json!({ "item": "x:1" })),
            (
                3,
                "tone.override",
                json!({ "item": "x:1", "rule": "no-blame", "reason": "customer asked directly" }),
            ),
        ],
    )
    .await;
    let (records, _) = api.pull_all(&team.agent, "a", json!(null)).await;
    let ticket = &records[&("ticket".into(), "x:1".into())]["body"];
    assert_eq!(
        ticket["first_response_due"].as_i64().unwrap() - ticket["created_at"].as_i64().unwrap(),
        15 * 60_000
    );
    assert_eq!(ticket["status"], "open");
    assert!(ticket["first_response_at"].as_i64().is_some());
    assert_eq!(
        records[&("settings".into(), "team".into())]["body"]["brand_accounts"]["x"][0],
        "@acme"
    );
    let audit = api.get("/v1/audit", &team.lead).await;
    assert!(audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "tone.override" && e["args"]["rule"] == "no-blame"));
}

#[tokio::test]
async fn backup_and_export_copy_the_data_and_shutdown_is_graceful() {
    let db = TestDb::new();
    let team = db.team("ops");
    let server = Server::start(
        &db,
        &[
            "--allow-origin",
            "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
        ],
    );
    let api = Api::new(&server);
    api.push(
        &team.agent,
        "a",
        &[(
            1,
            "ticket.create",
            json!({ "item": "x:42", "conversation": "x:42" }),
        )],
    )
    .await;
    let health = api.raw("GET", "/healthz", None, None).await;
    assert_eq!(health.body["status"], "ok");
    let metrics = reqwest::get(format!("{}/metrics", server.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("socialcare_mutations_total{outcome=\"applied\"} 1"),
        "{metrics}"
    );

    // CORS answers the pinned extension origin only.
    let client = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, format!("{}/v1/push", server.base))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
    };
    let allowed = preflight("chrome-extension://abcdefghijklmnopabcdefghijklmnop")
        .await
        .unwrap();
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .unwrap(),
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());

    let (ok, export, stderr) = db.cli(&["export", "--team", "ops"]);
    assert!(ok, "{stderr}");
    let lines: Vec<serde_json::Value> = export
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "team");
    assert!(lines
        .iter()
        .any(|l| l["type"] == "record" && l["id"] == "x:42"));
    assert!(lines
        .iter()
        .any(|l| l["type"] == "audit" && l["entry"]["name"] == "ticket.create"));
    assert!(!export.contains(team.agent.rsplit('_').next().unwrap()));

    if !db.postgres {
        let copy = db.dir.join("copy.db");
        let (ok, _, stderr) = db.cli(&["backup", copy.to_str().unwrap()]);
        assert!(ok, "{stderr}");
        let (ok, copied, _) = std::process::Command::new(BINARY)
            .args(["export", "--team", "ops", "--db", copy.to_str().unwrap()])
            .output()
            .map(|o| {
                (
                    o.status.success(),
                    String::from_utf8_lossy(&o.stdout).into_owned(),
                    (),
                )
            })
            .unwrap();
        assert!(ok && copied.contains("x:42"));
    }
    assert!(server.terminate(), "SIGTERM ends the store cleanly");
    // A clean stop leaves a database the store opens again, with the data in it. (That
    // SIGTERM finishes in-flight requests is pinned in durability.rs.)
    let server = Server::start(&db, &[]);
    let (records, _) = Api::new(&server)
        .pull_all(&team.agent, "after-restart", json!(null))
        .await;
    assert!(records.contains_key(&("ticket".to_owned(), "x:42".to_owned())));
}
