//! Import: a team moves from a SQLite store to another database (the suite's backend:
//! SQLite, or PostgreSQL under with-postgres.sh) with two commands, nothing lost.

use crate::harness::*;
use crate::reports::{seed, week_report, LASTING_FIGURES};
use serde_json::Value;
use std::collections::BTreeMap;

fn export(db: &TestDb, team: &str) -> String {
    let (ok, stdout, stderr) = db.cli(&["export", "--team", team]);
    assert!(ok, "export failed: {stderr}");
    stdout
}

#[tokio::test]
async fn a_team_moves_to_another_database_with_its_versions_records_and_log() {
    let seeded = seed(TestDb::sqlite(), 80).await;
    // Two published revisions of a guideline: its history moves too.
    let source_api = Api::new(&seeded.server);
    let saves = [(1, 0, "[length]\nx = 280\n"), (2, 1, "[length]\nx = 200\n")].map(
        |(id, base, source)| {
            (id, "guideline.save", serde_json::json!({ "id": "house", "name": "House", "format": "toml", "source": source, "base_revision": base }))
        },
    );
    source_api
        .push(&seeded.lead, "lead-guideline", &saves)
        .await;
    // A refused mutation: the log keeps its reason as data, and so does the export.
    let approve_missing =
        serde_json::json!({ "id": "missing", "state": "approved", "base_revision": 1 });
    source_api
        .push(
            &seeded.lead,
            "lead-guideline",
            &[(3, "template.set_state", approve_missing)],
        )
        .await;
    let history_before = source_api
        .get("/v1/guidelines/revisions?id=house", &seeded.lead)
        .await
        .body;
    assert_eq!(history_before["revisions"].as_array().unwrap().len(), 2);
    let exported = export(&seeded.db, &seeded.team);
    let refused = exported
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("JSON line"))
        .find(|line| line["type"] == "audit" && line["entry"]["outcome"] == "rejected")
        .expect("the refused approval in the export");
    assert_eq!(
        refused["entry"]["refusal"],
        serde_json::json!({ "refusal": "no_template", "id": "missing" })
    );
    let file = seeded.db.dir.join("team.jsonl");
    std::fs::write(&file, &exported).expect("write the export");
    let file = file.to_string_lossy().into_owned();

    let target = TestDb::new();
    let (ok, stdout, stderr) = target.cli(&["import", &file]);
    assert!(ok, "import failed: {stderr}");
    assert!(
        stdout.contains(&format!("team {} imported", seeded.team)),
        "{stdout}"
    );
    // The report's tables are written for the imported tickets and entries too.
    let report = |db: &TestDb| -> Value {
        serde_json::from_str(&week_report(db, &seeded.team, "json")).expect("JSON report")
    };
    let (before, after) = (report(&seeded.db), report(&target));
    assert_eq!(after["inbound"], 80);
    for field in LASTING_FIGURES {
        assert_eq!(after[field], before[field], "{field} after the move");
    }
    assert_eq!(
        export(&target, &seeded.team),
        exported,
        "the team's export is the same after the move"
    );

    let (ok, _, stderr) = target.cli(&["import", &file]);
    assert!(
        !ok && stderr.contains("already exists"),
        "a second import is refused: {stderr}"
    );

    // An export from before refusals were data imports, its English kept.
    let older: String = exported
        .lines()
        .map(|line| {
            let mut line: Value = serde_json::from_str(line).expect("JSON line");
            if let Some(entry) = line.get_mut("entry").and_then(Value::as_object_mut) {
                entry.remove("refusal");
            }
            format!("{line}\n")
        })
        .collect();
    assert!(!older.contains("\"refusal\""));
    let older_file = seeded.db.dir.join("older.jsonl");
    std::fs::write(&older_file, &older).expect("write the older export");
    let (ok, _, stderr) = target.cli(&["import", "--team", "older", &older_file.to_string_lossy()]);
    assert!(ok, "an older export imports: {stderr}");
    let older_export = export(&target, "older");
    assert!(older_export.contains("no template missing") && !older_export.contains("\"refusal\""));

    // The moved team serves: a new lead pulls every record at the version it had.
    let lead = target.issue(&seeded.team, "New Lead", "lead");
    let server = Server::start(&target, &[]);
    let target_api = Api::new(&server);
    let (records, _) = target_api.pull_all(&lead, "after-move", Value::Null).await;
    assert_eq!(
        target_api
            .get("/v1/guidelines/revisions?id=house", &lead)
            .await
            .body,
        history_before,
        "the guideline's history is the same after the move"
    );
    let exported_versions: BTreeMap<(String, String), Value> = exported
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("JSON line"))
        .filter(|line| line["type"] == "record")
        .map(|line| {
            (
                (
                    line["kind"].as_str().unwrap().to_owned(),
                    line["id"].as_str().unwrap().to_owned(),
                ),
                line["version"].clone(),
            )
        })
        .collect();
    for (key, version) in &exported_versions {
        assert_eq!(&records[key]["version"], version, "{key:?}");
    }
    assert_eq!(
        records.len(),
        exported_versions.len() + 1,
        "the records and the new lead"
    );
}

#[tokio::test]
async fn a_damaged_export_is_refused_with_its_line_and_creates_nothing() {
    let seeded = seed(TestDb::sqlite(), 5).await;
    let exported = export(&seeded.db, &seeded.team);
    let target = TestDb::new();
    let mut lines: Vec<&str> = exported.lines().collect();
    let cut = &lines[3][..lines[3].len() / 2];
    lines[3] = cut;
    let file = target.dir.join("damaged.jsonl");
    std::fs::write(&file, lines.join("\n")).expect("write");
    let (ok, _, stderr) = target.cli(&["import", "--team", "moved", &file.to_string_lossy()]);
    assert!(!ok && stderr.contains("line 4"), "{stderr}");
    let (ok, stdout, _) = target.cli(&["team", "list"]);
    assert!(
        ok && !stdout.contains("moved"),
        "nothing was created: {stdout}"
    );
}
