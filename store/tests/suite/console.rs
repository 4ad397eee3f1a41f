//! What the lead's console relies on the store for: the approval rule, guideline
//! history, members with their last activity, and product ideas.

use crate::harness::*;
use serde_json::{json, Value};

const POLICY: &str = include_str!("../../../docs/examples/policy.toml");

fn template(id: &str, body: &str) -> Value {
    json!({ "id": id, "name": id, "base_revision": 0, "tags": ["wait"], "intents": ["complaint"],
            "variants": [{ "platform": null, "language": "en", "body": body }] })
}

fn result(reply: &Reply, index: usize) -> (String, String) {
    let result = &reply.body["results"][index];
    (
        result["code"].as_str().unwrap_or("").to_owned(),
        result["message"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn approval_is_refused_by_the_store_for_block_findings_agents_and_stale_revisions() {
    let db = TestDb::new();
    let team = db.team("approvals");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let good = "Hi {{customer.first_name|there}}, I'm sorry for the wait. *{{agent.initials}}";
    let saved = api
        .push(
            &team.lead,
            "lead",
            &[
                (1, "guideline.save", json!({ "id": "house", "name": "House style", "format": "toml", "source": POLICY, "base_revision": 0 })),
                (2, "template.save", template("good", good)),
                (3, "template.save", template("rude", "Please calm down, {{customer.first_name|there}}. I'm sorry. *{{agent.initials}}")),
                (4, "template.save", template("broken", "Hi {{customer.nick}} *{{agent.initials}}")),
            ],
        )
        .await;
    assert!(
        saved.body["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["outcome"] == "applied"),
        "{:?}",
        saved.body
    );
    let approve =
        |id: &str, base: u32| json!({ "id": id, "state": "approved", "base_revision": base });
    let refused = api
        .push(
            &team.lead,
            "lead",
            &[
                (5, "template.set_state", approve("rude", 1)),
                (6, "template.set_state", approve("broken", 1)),
                (7, "template.set_state", approve("good", 0)),
            ],
        )
        .await;
    let (code, message) = result(&refused, 0);
    assert_eq!(code, "template_not_approvable", "{message}");
    assert!(
        message.contains("block rule") && message.contains("house"),
        "{message}"
    );
    let refusal = &refused.body["results"][0]["refusal"];
    assert_eq!(refusal["refusal"], "template_not_approvable", "as data too");
    assert_eq!(
        (&refusal["id"], &refusal["guideline"], &refusal["revision"]),
        (&json!("rude"), &json!("house"), &json!(1))
    );
    assert!(
        refusal["finding"]["key"]
            .as_str()
            .is_some_and(|key| key.starts_with("tone_")),
        "the finding's wording: {refusal}"
    );
    let read: socialcare::sync::Refusal = serde_json::from_value(refusal.clone()).unwrap();
    assert_eq!(read.to_string(), message, "its English is the message");
    let (code, message) = result(&refused, 1);
    assert_eq!(code, "template_invalid", "{message}");
    assert!(message.contains("customer.nick"), "{message}");
    assert_eq!(
        refused.body["results"][1]["refusal"]["refusal"],
        "template_invalid"
    );
    assert_eq!(result(&refused, 2).0, "conflict", "a stale revision");
    let by_agent = api
        .push(
            &team.agent,
            "agent",
            &[(1, "template.set_state", approve("good", 1))],
        )
        .await;
    assert_eq!(result(&by_agent, 0).0, "forbidden");
    let approved = api
        .push(
            &team.lead,
            "lead",
            &[(8, "template.set_state", approve("good", 1))],
        )
        .await;
    assert_eq!(approved.body["results"][0]["outcome"], "applied");

    // What agents sync: only the good template is approved, and it is the one suggested.
    let (records, _) = api.pull_all(&team.agent, "agent-pull", json!(null)).await;
    let templates: Vec<socialcare::model::Template> = records
        .iter()
        .filter(|((kind, _), _)| kind == "template")
        .map(|(_, change)| serde_json::from_value(change["body"].clone()).unwrap())
        .collect();
    assert_eq!(templates.len(), 3);
    let (library, problems) = socialcare::templates::TemplateLibrary::from_records(templates);
    assert_eq!(problems.len(), 1, "the broken template is set apart");
    let suggested = library.suggest_for_post("I've been waiting for an hour, this is terrible", 5);
    let ids: Vec<&str> = suggested
        .suggestions
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["good"]);

    // The audit log names the refusals with their codes, and keeps them as data.
    let audit = api.get("/v1/audit", &team.lead).await;
    let entries = audit.body["entries"].as_array().unwrap();
    let codes: Vec<&str> = entries
        .iter()
        .filter_map(|entry| entry["code"].as_str())
        .collect();
    assert!(codes.contains(&"template_not_approvable") && codes.contains(&"template_invalid"));
    let kinds: Vec<&str> = entries
        .iter()
        .filter_map(|entry| entry["refusal"]["refusal"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "template_not_approvable",
            "template_invalid",
            "template_revised",
            "needs_role"
        ]
    );
}

#[tokio::test]
async fn every_published_guideline_revision_is_kept_newest_first() {
    let db = TestDb::new();
    let team = db.team("history");
    let other = db.team("elsewhere");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let save = |source: &str, base: u32| json!({ "id": "house", "name": "House", "format": "toml", "source": source, "base_revision": base });
    let first = "[length]\nx = 280\n";
    let second = "[length]\nx = 200\n";
    let pushed = api
        .push(
            &team.lead,
            "lead",
            &[
                (1, "guideline.save", save(first, 0)),
                (2, "guideline.save", save(second, 1)),
                (3, "guideline.save", save("[length]\nx = 100\n", 1)),
            ],
        )
        .await;
    assert_eq!(result(&pushed, 2).0, "kept_as_conflict_copy");
    let lead_id = api.get("/v1/me", &team.lead).await.body["agent_id"].clone();
    let history = api
        .get("/v1/guidelines/revisions?id=house", &team.agent)
        .await;
    assert_eq!(history.status, 200, "{:?}", history.body);
    let revisions = history.body["revisions"].as_array().unwrap();
    let summary: Vec<(u64, &str)> = revisions
        .iter()
        .map(|r| {
            (
                r["revision"].as_u64().unwrap(),
                r["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(2, second), (1, first)]);
    for revision in revisions {
        assert_eq!(revision["saved_by"], lead_id);
        assert_eq!(revision["format"], "toml");
        assert!(revision["saved_at"].as_i64().unwrap() > 1_700_000_000_000);
    }
    assert!(revisions[0]["saved_at"].as_i64() >= revisions[1]["saved_at"].as_i64());

    let theirs = api
        .get("/v1/guidelines/revisions?id=house", &other.lead)
        .await;
    assert_eq!(
        theirs.body,
        json!({ "revisions": [] }),
        "another team sees none"
    );
    let missing = api.get("/v1/guidelines/revisions", &team.agent).await;
    assert_eq!((missing.status, missing.code()), (400, "invalid_query"));
}

#[tokio::test]
async fn leads_see_members_roles_and_last_activity_and_agents_do_not() {
    let db = TestDb::new();
    let team = db.team("members");
    let other = db.team("strangers");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    api.push(
        &team.agent,
        "kim",
        &[(
            1,
            "ticket.create",
            json!({ "item": "x:1", "conversation": "x:1" }),
        )],
    )
    .await;
    let refused = api.get("/v1/members", &team.agent).await;
    assert_eq!((refused.status, refused.code()), (403, "forbidden"));
    let listed = api.get("/v1/members", &team.lead).await;
    assert_eq!(listed.status, 200);
    let members = listed.body["members"].as_array().unwrap();
    let by_name: std::collections::BTreeMap<&str, (&str, bool)> = members
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap(),
                (m["role"].as_str().unwrap(), m["last_active_at"].is_i64()),
            )
        })
        .collect();
    assert_eq!(by_name["Kim Lee"], ("agent", true), "Kim pushed");
    assert_eq!(by_name["Sam Roe"], ("agent", false), "Sam never did");
    assert_eq!(by_name["Lea Lead"], ("lead", false));
    assert_eq!(members.len(), 4, "{members:?}");
    let kim = api.get("/v1/me", &team.agent).await.body["agent_id"].clone();
    assert!(members.iter().any(|m| m["id"] == kim));

    let theirs = api.get("/v1/members", &other.admin).await;
    assert!(!theirs.body.to_string().contains(kim.as_str().unwrap()));
    assert_eq!(theirs.body["members"].as_array().unwrap().len(), 4);
}

/// 2026-11-02 12:00 UTC plus `hours`.
fn november(hours: i64) -> i64 {
    1_793_620_800_000 + hours * 3_600_000
}

#[tokio::test]
async fn product_ideas_are_grouped_by_wording_with_their_links_in_json_and_csv() {
    let db = TestDb::new();
    let team = db.team("ideas");
    let other = db.team("rivals");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let create = |item: &str, intent: &str, at: i64, excerpt: &str| {
        let id = item.split(':').nth(1).unwrap();
        json!({ "item": item, "conversation": item, "intent": intent, "posted_at": at, "excerpt": excerpt,
                "permalink": format!("https://x.com/customer/status/{id}") })
    };
    let pushed = api
        .push(
            &team.agent,
            "kim",
            &[
                (
                    1,
                    "ticket.create",
                    create(
                        "x:101",
                        "feature_request",
                        november(0),
                        "Please add a dark mode to the app",
                    ),
                ),
                (
                    2,
                    "ticket.create",
                    create(
                        "x:102",
                        "feature_request",
                        november(5),
                        "Dark mode in the app please!!",
                    ),
                ),
                (
                    3,
                    "ticket.create",
                    create(
                        "x:103",
                        "complaint",
                        november(6),
                        "would love dark mode in your app, the white burns",
                    ),
                ),
                (4, "ticket.tag", json!({ "item": "x:103", "add": ["idea"] })),
                (
                    5,
                    "ticket.create",
                    create(
                        "x:104",
                        "feature_request",
                        november(7),
                        "Can you ship to Canada?",
                    ),
                ),
                (
                    6,
                    "ticket.create",
                    create("x:105", "complaint", november(8), "My order is late"),
                ),
                (
                    7,
                    "ticket.create",
                    create(
                        "x:106",
                        "feature_request",
                        november(-24 * 40),
                        "Dark mode in the app",
                    ),
                ),
            ],
        )
        .await;
    assert!(
        pushed.body["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["outcome"] == "applied"),
        "{:?}",
        pushed.body
    );
    api.push(
        &other.agent,
        "them",
        &[(
            1,
            "ticket.create",
            create(
                "x:201",
                "feature_request",
                november(1),
                "Dark mode in the app",
            ),
        )],
    )
    .await;

    let path = "/v1/reports/ideas?from=2026-11-01&to=2026-11-30";
    assert_eq!(api.get(path, &team.agent).await.status, 403);
    let reply = api.get(path, &team.lead).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    let groups = reply.body["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{groups:?}");
    let dark = &groups[0];
    assert_eq!(dark["count"], 3, "{dark:#}");
    assert_eq!(dark["label"], "Please add a dark mode to the app");
    assert_eq!(
        (dark["first_seen"].as_i64(), dark["last_seen"].as_i64()),
        (Some(november(0)), Some(november(6)))
    );
    assert_eq!(dark["platforms"], json!(["x"]));
    let tickets: Vec<&str> = dark["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ticket"].as_str().unwrap())
        .collect();
    assert_eq!(
        tickets,
        ["x:101", "x:102", "x:103"],
        "the tagged complaint joins, x:201 is another team's"
    );
    assert_eq!(
        dark["items"][0]["permalink"],
        "https://x.com/customer/status/101"
    );
    assert_eq!(groups[1]["items"][0]["ticket"], "x:104");

    // The command line prints the same groups, and its CSV parses back to the same posts.
    let args = [
        "report",
        "--team",
        "ideas",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--ideas",
    ];
    let (ok, stdout, stderr) = db.cli(&[&args[..], &["--format", "json"]].concat());
    assert!(ok, "{stderr}");
    let printed: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(printed, reply.body);
    let (ok, stdout, stderr) = db.cli(&[&args[..], &["--format", "csv"]].concat());
    assert!(ok, "{stderr}");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let posts: Vec<(&str, &str, &str)> =
        rows.iter().map(|row| (&row[2], &row[5], &row[6])).collect();
    let expected: Vec<(&str, &str, &str)> = groups
        .iter()
        .flat_map(|group| group["items"].as_array().unwrap())
        .map(|item| {
            (
                item["ticket"].as_str().unwrap(),
                item["permalink"].as_str().unwrap(),
                item["excerpt"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(posts, expected);
    assert_eq!(&rows[0][0], "Please add a dark mode to the app");
}
