//! `import`: loads an `export` file into a new team of this database, keeping every
//! record's version, the whole audit log and the team's version, so sync clients and
//! the log read the same after a move (SQLite → PostgreSQL, or between stores).

use crate::engine::{validate_team_name, ADMIN_CLIENT};
use crate::error::StoreError;
use crate::storage::{ClientRow, GuidelineRevisionRow, LogRow, Tx};
use axum::http::StatusCode;
use serde::Deserialize;
use socialcare::model::AuditEntry;
use socialcare::sync::{hlc, Entity, EntityKind};
use std::collections::BTreeMap;
use std::io::BufRead;

/// One line of an export file.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum Line {
    Team {
        name: String,
        version: u64,
    },
    Record {
        kind: EntityKind,
        id: String,
        version: u64,
        body: serde_json::Value,
    },
    Audit {
        entry: Box<AuditEntry>,
    },
    /// A kept revision of a guideline (its history).
    #[serde(rename = "guideline_revision")]
    GuidelineRevision {
        guideline_id: String,
        revision: u32,
        saved_by: String,
        saved_at: i64,
        format: String,
        source: String,
    },
}

/// A checked export: the team's version, its records (version, record) and its log.
#[derive(Debug)]
pub struct Export {
    /// The exported team's name.
    pub name: String,
    version: u64,
    records: Vec<(u64, Entity)>,
    log: Vec<LogRow>,
    revisions: Vec<GuidelineRevisionRow>,
}

fn invalid(line: usize, message: impl std::fmt::Display) -> StoreError {
    StoreError::refused(
        StatusCode::BAD_REQUEST,
        "invalid_export",
        format!("line {line}: {message}"),
    )
}

impl Export {
    /// Reads and checks an export: a team line first, then records whose bodies parse and
    /// whose versions the team has reached, then log entries with rising versions.
    pub fn read(input: impl BufRead) -> Result<Export, StoreError> {
        let mut export: Option<Export> = None;
        for (index, text) in input.lines().enumerate() {
            let number = index + 1;
            let text = text.map_err(|error| invalid(number, error))?;
            if text.trim().is_empty() {
                continue;
            }
            let line: Line = serde_json::from_str(&text).map_err(|error| invalid(number, error))?;
            let Some(export) = export.as_mut() else {
                let Line::Team { name, version } = line else {
                    return Err(invalid(number, "an export starts with its team line"));
                };
                export = Some(Export {
                    name,
                    version,
                    records: Vec::new(),
                    log: Vec::new(),
                    revisions: Vec::new(),
                });
                continue;
            };
            match line {
                Line::Team { .. } => return Err(invalid(number, "a second team line")),
                Line::Record {
                    kind,
                    id,
                    version,
                    body,
                } => {
                    if version == 0 || version > export.version {
                        return Err(invalid(
                            number,
                            format!("record version {version} is outside 1..={}", export.version),
                        ));
                    }
                    let entity = Entity::from_body_json(kind, &body.to_string())
                        .map_err(|error| invalid(number, format!("{kind} {id}: {error}")))?;
                    if entity.id() != id {
                        return Err(invalid(
                            number,
                            format!("{kind} {id} holds the body of {}", entity.id()),
                        ));
                    }
                    export.records.push((version, entity));
                }
                Line::GuidelineRevision {
                    guideline_id,
                    revision,
                    saved_by,
                    saved_at,
                    format,
                    source,
                } => export.revisions.push(GuidelineRevisionRow {
                    guideline_id,
                    revision,
                    saved_by,
                    saved_at,
                    format,
                    source,
                }),
                Line::Audit { entry } => {
                    let previous = export.log.last().map_or(0, |row| row.version);
                    if entry.version <= previous || entry.version > export.version {
                        return Err(invalid(
                            number,
                            format!(
                                "log version {} does not follow {previous} within the team's {}",
                                entry.version, export.version
                            ),
                        ));
                    }
                    export.log.push(LogRow {
                        version: entry.version,
                        client_id: entry.client_id,
                        mutation_id: entry.mutation_id,
                        agent_id: entry.agent_id,
                        name: entry.name,
                        args: entry.args.to_string(),
                        outcome: entry.outcome,
                        code: entry.code,
                        message: entry.message,
                        at: entry.at,
                        action_at: entry.action_at,
                        refusal: entry
                            .refusal
                            .map(|refusal| serde_json::to_string(&refusal))
                            .transpose()
                            .map_err(|error| invalid(number, error))?,
                    });
                }
            }
        }
        export.ok_or_else(|| invalid(0, "the file is empty"))
    }

    /// How many records and log entries it holds.
    pub fn counts(&self) -> (usize, usize) {
        (self.records.len(), self.log.len())
    }
}

/// Creates team `name` (it must not exist) with the export's records, log and version, and
/// each sync client's progress as the log shows it (so replays are recognised as duplicates).
pub fn import(tx: &mut dyn Tx, name: &str, export: &Export, now: i64) -> Result<(), StoreError> {
    validate_team_name(name)?;
    if tx.team_by_name(name)?.is_some() {
        return Err(StoreError::refused(
            StatusCode::CONFLICT,
            "team_exists",
            format!("team {name} already exists here; import only into a new team"),
        ));
    }
    let team_id = tx.insert_team(name, now)?;
    for (version, entity) in &export.records {
        tx.put_entity(team_id, entity, *version)?;
    }
    for revision in &export.revisions {
        tx.insert_guideline_revision(team_id, revision)?;
    }
    let mut clients: BTreeMap<&str, ClientRow> = BTreeMap::new();
    for row in &export.log {
        tx.insert_log(team_id, row)?;
        if row.client_id == ADMIN_CLIENT {
            continue;
        }
        let client = clients.entry(&row.client_id).or_insert_with(|| ClientRow {
            agent_id: row.agent_id.clone(),
            last_mutation_id: 0,
            last_hlc: 0,
        });
        client.last_mutation_id = client.last_mutation_id.max(row.mutation_id);
        let action_hlc = hlc::from_parts(row.action_at.unwrap_or(row.at), 0);
        client.last_hlc = client.last_hlc.max(action_hlc);
    }
    for (client_id, client) in &clients {
        tx.put_client(team_id, client_id, client, now)?;
    }
    tx.set_team_version(team_id, export.version)
}
