//! The SQLite backend: WAL, `synchronous=FULL`, one file.

use super::{
    outcome_name, parse_kind, parse_outcome, parse_role, ClientRow, Connection, EntityRow,
    GuidelineRevisionRow, LogRow, ReportEventRow, ReportTicketRow, TeamRow, TokenRow, Tx,
};
use crate::error::StoreError;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use socialcare::sync::{Entity, EntityKind};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Schema migrations, applied in order; each runs once.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE teams (
    team_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE tokens (
    token_id TEXT PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    initials TEXT NOT NULL,
    role TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX tokens_by_team ON tokens(team_id);
CREATE TABLE clients (
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    client_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    last_mutation_id INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (team_id, client_id)
);
CREATE TABLE log (
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    version INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    mutation_id INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    args TEXT NOT NULL,
    outcome TEXT NOT NULL,
    code TEXT,
    message TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (team_id, version),
    UNIQUE (team_id, client_id, mutation_id)
);
CREATE TABLE entities (
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (team_id, kind, id)
);
CREATE INDEX entities_by_version ON entities(team_id, version);
"#,
    r#"
ALTER TABLE log ADD COLUMN action_at INTEGER;
ALTER TABLE clients ADD COLUMN last_hlc INTEGER NOT NULL DEFAULT 0;
"#,
    r#"
CREATE TABLE guideline_revisions (
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    guideline_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (team_id, guideline_id, revision)
);
INSERT INTO guideline_revisions
    SELECT team_id, id, json_extract(body, '$.revision'), json_extract(body, '$.updated_by'),
           json_extract(body, '$.updated_at'), json_extract(body, '$.format'), json_extract(body, '$.source')
    FROM entities WHERE kind = 'guideline';
"#,
    // The team report's narrow copies of each ticket record and of each applied log entry
    // it counts, kept by triggers in the transaction that writes the record or the entry
    // (the views name the fields once for the triggers and the fill; the log's trigger
    // fires only for the counted mutations, so other pushes pay nothing; not `INSERT OR
    // REPLACE`: the upsert that fires the ticket triggers overrides their conflict clause).
    r#"
CREATE TABLE report_tickets (
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    item TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT,
    created_at INTEGER NOT NULL,
    posted_at INTEGER,
    sentiment TEXT,
    first_response_due INTEGER,
    first_response_at INTEGER,
    resolved_at INTEGER,
    PRIMARY KEY (team_id, item)
) WITHOUT ROWID;
CREATE VIEW report_ticket_fields AS
    SELECT team_id, id AS item, json_extract(body, '$.status') AS status,
           json_extract(body, '$.assignee') AS assignee, json_extract(body, '$.created_at') AS created_at,
           json_extract(body, '$.posted_at') AS posted_at, json_extract(body, '$.sentiment') AS sentiment,
           json_extract(body, '$.first_response_due') AS first_response_due,
           json_extract(body, '$.first_response_at') AS first_response_at,
           json_extract(body, '$.resolved_at') AS resolved_at
    FROM entities WHERE kind = 'ticket';
CREATE TRIGGER report_tickets_on_insert AFTER INSERT ON entities WHEN new.kind = 'ticket' BEGIN
    DELETE FROM report_tickets WHERE team_id = new.team_id AND item = new.id;
    INSERT INTO report_tickets
        SELECT * FROM report_ticket_fields WHERE team_id = new.team_id AND item = new.id;
END;
CREATE TRIGGER report_tickets_on_update AFTER UPDATE ON entities WHEN new.kind = 'ticket' BEGIN
    DELETE FROM report_tickets WHERE team_id = new.team_id AND item = new.id;
    INSERT INTO report_tickets
        SELECT * FROM report_ticket_fields WHERE team_id = new.team_id AND item = new.id;
END;
INSERT INTO report_tickets SELECT * FROM report_ticket_fields;
CREATE TABLE report_events (
    team_id INTEGER NOT NULL REFERENCES teams(team_id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    item TEXT,
    status TEXT,
    rule TEXT,
    template_id TEXT,
    PRIMARY KEY (team_id, version)
) WITHOUT ROWID;
CREATE VIEW report_event_fields AS
    SELECT team_id, version, name, agent_id, COALESCE(action_at, at) AS at,
           json_extract(args, '$.item') AS item, json_extract(args, '$.status') AS status,
           json_extract(args, '$.rule') AS rule, json_extract(args, '$.template_id') AS template_id
    FROM log
    WHERE outcome = 'applied'
      AND name IN ('ticket.responded', 'ticket.set_status', 'ticket.reopen', 'tone.override');
CREATE TRIGGER report_events_on_insert AFTER INSERT ON log
    WHEN new.outcome = 'applied'
     AND new.name IN ('ticket.responded', 'ticket.set_status', 'ticket.reopen', 'tone.override') BEGIN
    INSERT INTO report_events
        SELECT * FROM report_event_fields WHERE team_id = new.team_id AND version = new.version;
END;
INSERT INTO report_events SELECT * FROM report_event_fields;
"#,
    // A rejection's reason as data (`socialcare::sync::Refusal`, JSON), for
    // the pull; none for the store's own refusals and older rejections.
    r#"
ALTER TABLE log ADD COLUMN refusal TEXT;
"#,
    // The ticket rows of `report_tickets` are written by the store with the record
    // (`put_entity`, from the typed ticket), not by triggers reading the body's JSON;
    // the rows the triggers kept are exact, so nothing needs filling.
    r#"
DROP TRIGGER report_tickets_on_insert;
DROP TRIGGER report_tickets_on_update;
DROP VIEW report_ticket_fields;
"#,
    // The rows of `report_events` are written by the store with the log entry
    // (`insert_log`, from `ReportEventRow::of`), not by a trigger: a trigger made every
    // insert into `log` a multi-row statement, which journals each page it touches in the
    // statement journal. The rows the trigger kept are exact, so nothing needs filling.
    r#"
DROP TRIGGER report_events_on_insert;
DROP VIEW report_event_fields;
"#,
];

/// Least time between two of the checkpoint thread's checkpoints (each syncs the file once).
const CHECKPOINT_PAUSE: Duration = Duration::from_millis(100);
/// WAL pages past which the writer checkpoints itself, as SQLite does by default at
/// 1,000: a backstop, since the WAL restarts only after a checkpoint that no commit
/// overlapped, which sustained writes beside the checkpoint thread may put off.
const WRITER_CHECKPOINT_PAGES: i64 = 10_000;

/// A connection to the SQLite file.
pub struct SqliteConnection {
    connection: rusqlite::Connection,
    /// On the writer's connection: the thread that checkpoints the WAL after its commits.
    checkpointer: Option<Checkpointer>,
}

impl SqliteConnection {
    /// Opens (creating) the file with WAL, `synchronous=FULL`, a busy timeout and foreign keys.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = rusqlite::Connection::open(path).map_err(|error| {
            StoreError::Storage(format!("cannot open {}: {error}", path.display()))
        })?;
        connection.busy_timeout(Duration::from_secs(10))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.set_prepared_statement_cache_capacity(64);
        Ok(SqliteConnection {
            connection,
            checkpointer: None,
        })
    }

    /// Opens the connection the writer thread commits through: its WAL checkpoints run on
    /// a thread of their own ([`Checkpointer`]), the writer's own only past
    /// [`WRITER_CHECKPOINT_PAGES`].
    pub fn open_for_writing(path: &Path) -> Result<Self, StoreError> {
        let mut writing = SqliteConnection::open(path)?;
        writing
            .connection
            .pragma_update(None, "wal_autocheckpoint", WRITER_CHECKPOINT_PAGES)?;
        writing.checkpointer = Some(Checkpointer::start(SqliteConnection::open(path)?)?);
        Ok(writing)
    }

    /// Applies the pending migrations in one immediate transaction.
    pub fn migrate(&mut self) -> Result<(), StoreError> {
        let tx = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let applied: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
            tx.execute_batch(migration)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Checkpoints the WAL on a thread of its own, through a connection of its own, after the
/// writer's commits (at most once per [`CHECKPOINT_PAUSE`]): copying the WAL's pages into
/// the database file and syncing it no longer holds up the writer's answers, and a
/// `PASSIVE` checkpoint never blocks the writer. Commits stay durable as they were: each
/// one syncs the WAL before it is answered.
struct Checkpointer {
    state: Arc<(Mutex<CheckpointState>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

/// What the checkpoint thread is asked: a checkpoint (a commit since the last one), or to stop.
#[derive(Default)]
struct CheckpointState {
    committed: bool,
    stopping: bool,
}

impl Checkpointer {
    /// Starts the thread on `connection`.
    fn start(connection: SqliteConnection) -> Result<Checkpointer, StoreError> {
        let state = Arc::new((Mutex::new(CheckpointState::default()), Condvar::new()));
        let shared = state.clone();
        let thread = std::thread::Builder::new()
            .name("socialcare-checkpoint".into())
            .spawn(move || checkpoint_loop(&connection.connection, &shared))
            .map_err(|error| {
                StoreError::Storage(format!("cannot start the checkpoint thread: {error}"))
            })?;
        Ok(Checkpointer {
            state,
            thread: Some(thread),
        })
    }

    /// Tells the thread the writer committed.
    fn committed(&self) {
        let (state, wake) = &*self.state;
        if let Ok(mut state) = state.lock() {
            state.committed = true;
            wake.notify_one();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (state, wake) = &*self.state;
        if let Ok(mut state) = state.lock() {
            state.stopping = true;
            wake.notify_one();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The checkpoint thread: after each commit, a `PASSIVE` checkpoint, then a pause (a commit
/// meanwhile is kept for after it); it stops when asked (or when the writer panicked while
/// holding the lock).
fn checkpoint_loop(connection: &rusqlite::Connection, shared: &(Mutex<CheckpointState>, Condvar)) {
    let (state, wake) = shared;
    loop {
        let Ok(asked) = state.lock() else { return };
        let Ok(mut asked) = wake.wait_while(asked, |asked| !asked.committed && !asked.stopping)
        else {
            return;
        };
        if asked.stopping {
            return;
        }
        asked.committed = false;
        drop(asked);
        if let Err(error) = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(%error, "WAL checkpoint failed");
        }
        let Ok(asked) = state.lock() else { return };
        if wake
            .wait_timeout_while(asked, CHECKPOINT_PAUSE, |asked| !asked.stopping)
            .is_err()
        {
            return;
        }
    }
}

impl Connection for SqliteConnection {
    fn begin_write(&mut self) -> Result<Box<dyn Tx + '_>, StoreError> {
        Ok(Box::new(SqliteTx {
            tx: self
                .connection
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            checkpointer: self.checkpointer.as_ref(),
        }))
    }

    fn begin_read(&mut self) -> Result<Box<dyn Tx + '_>, StoreError> {
        Ok(Box::new(SqliteTx {
            tx: self
                .connection
                .transaction_with_behavior(TransactionBehavior::Deferred)?,
            checkpointer: None,
        }))
    }

    fn backup(&mut self, path: &Path) -> Result<(), StoreError> {
        if path.exists() {
            return Err(StoreError::Storage(format!(
                "{} exists; choose a new file",
                path.display()
            )));
        }
        self.connection
            .execute("VACUUM INTO ?1", params![path.to_string_lossy()])?;
        Ok(())
    }
}

struct SqliteTx<'c> {
    tx: rusqlite::Transaction<'c>,
    checkpointer: Option<&'c Checkpointer>,
}

fn team_row(row: &rusqlite::Row) -> rusqlite::Result<TeamRow> {
    Ok(TeamRow {
        team_id: row.get(0)?,
        name: row.get(1)?,
        version: row.get::<_, i64>(2)? as u64,
    })
}

fn entity_row(row: &rusqlite::Row) -> rusqlite::Result<(String, String, i64, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

fn to_entity(
    (kind, id, version, body): (String, String, i64, String),
) -> Result<EntityRow, StoreError> {
    Ok(EntityRow {
        kind: parse_kind(&kind)?,
        id,
        version: version as u64,
        body,
    })
}

type RawLog = (
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
    Option<String>,
);

fn log_row(row: &rusqlite::Row) -> rusqlite::Result<RawLog> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
    ))
}

fn to_log(raw: RawLog) -> Result<LogRow, StoreError> {
    let (
        version,
        client_id,
        mutation_id,
        agent_id,
        name,
        args,
        outcome,
        code,
        message,
        at,
        action_at,
        refusal,
    ) = raw;
    Ok(LogRow {
        version: version as u64,
        client_id,
        mutation_id: mutation_id as u64,
        agent_id,
        name,
        args,
        outcome: parse_outcome(&outcome)?,
        code,
        message,
        at,
        action_at,
        refusal,
    })
}

type RawToken = (
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    Vec<u8>,
    i64,
    Option<i64>,
);

fn token_row(row: &rusqlite::Row) -> rusqlite::Result<RawToken> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
    ))
}

fn to_token(raw: RawToken) -> Result<TokenRow, StoreError> {
    let (
        token_id,
        team_id,
        team_name,
        agent_id,
        name,
        initials,
        role,
        secret_hash,
        created_at,
        revoked_at,
    ) = raw;
    Ok(TokenRow {
        token_id,
        team_id,
        team_name,
        agent_id,
        name,
        initials,
        role: parse_role(&role)?,
        secret_hash,
        created_at,
        revoked_at,
    })
}

const LOG_COLUMNS: &str =
    "version, client_id, mutation_id, agent_id, name, args, outcome, code, message, at, action_at, refusal";
const TOKEN_SELECT: &str = "SELECT t.token_id, t.team_id, teams.name, t.agent_id, t.name, t.initials, t.role, t.secret_hash, t.created_at, t.revoked_at \
     FROM tokens t JOIN teams ON teams.team_id = t.team_id";

impl Tx for SqliteTx<'_> {
    fn team_by_name(&mut self, name: &str) -> Result<Option<TeamRow>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT team_id, name, version FROM teams WHERE name = ?1")?
            .query_row(params![name], team_row)
            .optional()?)
    }

    fn teams(&mut self) -> Result<Vec<TeamRow>, StoreError> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT team_id, name, version FROM teams ORDER BY team_id")?;
        let rows = statement
            .query_map([], team_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn insert_team(&mut self, name: &str, now: i64) -> Result<i64, StoreError> {
        self.tx
            .prepare_cached("INSERT INTO teams (name, version, created_at) VALUES (?1, 0, ?2)")?
            .execute(params![name, now])?;
        Ok(self.tx.last_insert_rowid())
    }

    fn lock_team(&mut self, team_id: i64) -> Result<u64, StoreError> {
        // BEGIN IMMEDIATE already holds the database's write lock.
        self.team_version(team_id)
    }

    fn team_version(&mut self, team_id: i64) -> Result<u64, StoreError> {
        let version: Option<i64> = self
            .tx
            .prepare_cached("SELECT version FROM teams WHERE team_id = ?1")?
            .query_row(params![team_id], |row| row.get(0))
            .optional()?;
        version
            .map(|version| version as u64)
            .ok_or_else(|| StoreError::not_found(format!("no team {team_id}")))
    }

    fn set_team_version(&mut self, team_id: i64, version: u64) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("UPDATE teams SET version = ?2 WHERE team_id = ?1")?
            .execute(params![team_id, version as i64])?;
        Ok(())
    }

    fn entity(
        &mut self,
        team_id: i64,
        kind: EntityKind,
        id: &str,
    ) -> Result<Option<(String, u64)>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT body, version FROM entities WHERE team_id = ?1 AND kind = ?2 AND id = ?3",
            )?
            .query_row(params![team_id, kind.as_str(), id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64))
            })
            .optional()?)
    }

    fn put_entity(
        &mut self,
        team_id: i64,
        entity: &Entity,
        version: u64,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO entities (team_id, kind, id, version, body) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (team_id, kind, id) DO UPDATE SET version = excluded.version, body = excluded.body",
            )?
            .execute(params![team_id, entity.kind().as_str(), entity.id(), version as i64, entity.body_json()?])?;
        if let Entity::Ticket(ticket) = entity {
            let row = ReportTicketRow::from(ticket);
            self.tx
                .prepare_cached(
                    "INSERT INTO report_tickets (team_id, item, status, assignee, created_at, posted_at, sentiment, \
                     first_response_due, first_response_at, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
                     ON CONFLICT (team_id, item) DO UPDATE SET status = excluded.status, assignee = excluded.assignee, \
                     created_at = excluded.created_at, posted_at = excluded.posted_at, sentiment = excluded.sentiment, \
                     first_response_due = excluded.first_response_due, first_response_at = excluded.first_response_at, \
                     resolved_at = excluded.resolved_at",
                )?
                .execute(params![
                    team_id,
                    row.item,
                    row.status,
                    row.assignee,
                    row.created_at,
                    row.posted_at,
                    row.sentiment,
                    row.first_response_due,
                    row.first_response_at,
                    row.resolved_at
                ])?;
        }
        Ok(())
    }

    fn changes(
        &mut self,
        team_id: i64,
        after: u64,
        limit: u32,
    ) -> Result<Vec<EntityRow>, StoreError> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT kind, id, version, body FROM entities WHERE team_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3")?;
        let raw: Vec<_> = statement
            .query_map(params![team_id, after as i64, limit], entity_row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(to_entity).collect()
    }

    fn entities_of(
        &mut self,
        team_id: i64,
        kind: EntityKind,
    ) -> Result<Vec<EntityRow>, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "SELECT kind, id, version, body FROM entities WHERE team_id = ?1 AND kind = ?2 ORDER BY id",
        )?;
        let raw: Vec<_> = statement
            .query_map(params![team_id, kind.as_str()], entity_row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(to_entity).collect()
    }

    fn insert_guideline_revision(
        &mut self,
        team_id: i64,
        row: &GuidelineRevisionRow,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO guideline_revisions (team_id, guideline_id, revision, saved_by, saved_at, format, source) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                team_id,
                row.guideline_id,
                row.revision,
                row.saved_by,
                row.saved_at,
                row.format,
                row.source
            ])?;
        Ok(())
    }

    fn guideline_revisions(
        &mut self,
        team_id: i64,
        guideline_id: &str,
    ) -> Result<Vec<GuidelineRevisionRow>, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "SELECT guideline_id, revision, saved_by, saved_at, format, source FROM guideline_revisions \
             WHERE team_id = ?1 AND guideline_id = ?2 ORDER BY revision DESC",
        )?;
        let rows = statement
            .query_map(params![team_id, guideline_id], |row| {
                Ok(GuidelineRevisionRow {
                    guideline_id: row.get(0)?,
                    revision: row.get(1)?,
                    saved_by: row.get(2)?,
                    saved_at: row.get(3)?,
                    format: row.get(4)?,
                    source: row.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn last_pushes(&mut self, team_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "SELECT agent_id, MAX(last_seen) FROM clients WHERE team_id = ?1 GROUP BY agent_id",
        )?;
        let rows = statement
            .query_map(params![team_id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn changes_at(&mut self, team_id: i64, version: u64) -> Result<Vec<EntityRow>, StoreError> {
        let mut statement =
            self.tx.prepare_cached("SELECT kind, id, version, body FROM entities WHERE team_id = ?1 AND version = ?2 ORDER BY kind, id")?;
        let raw: Vec<_> = statement
            .query_map(params![team_id, version as i64], entity_row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(to_entity).collect()
    }

    fn client(&mut self, team_id: i64, client_id: &str) -> Result<Option<ClientRow>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT agent_id, last_mutation_id, last_hlc FROM clients WHERE team_id = ?1 AND client_id = ?2")?
            .query_row(params![team_id, client_id], |row| {
                Ok(ClientRow {
                    agent_id: row.get(0)?,
                    last_mutation_id: row.get::<_, i64>(1)? as u64,
                    last_hlc: row.get::<_, i64>(2)? as u64,
                })
            })
            .optional()?)
    }

    fn put_client(
        &mut self,
        team_id: i64,
        client_id: &str,
        client: &ClientRow,
        now: i64,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO clients (team_id, client_id, agent_id, last_mutation_id, last_seen, last_hlc) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (team_id, client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, last_seen = excluded.last_seen, last_hlc = excluded.last_hlc",
            )?
            .execute(params![team_id, client_id, client.agent_id, client.last_mutation_id as i64, now, client.last_hlc as i64])?;
        Ok(())
    }

    fn insert_log(&mut self, team_id: i64, row: &LogRow) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(&format!("INSERT INTO log (team_id, {LOG_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"))?
            .execute(params![
                team_id,
                row.version as i64,
                row.client_id,
                row.mutation_id as i64,
                row.agent_id,
                row.name,
                row.args,
                outcome_name(row.outcome),
                row.code,
                row.message,
                row.at,
                row.action_at,
                row.refusal
            ])?;
        if let Some(event) = ReportEventRow::of(row) {
            self.tx
                .prepare_cached(
                    "INSERT INTO report_events (team_id, version, name, agent_id, at, item, status, rule, template_id) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    team_id,
                    row.version as i64,
                    event.name,
                    event.agent_id,
                    event.at,
                    event.item,
                    event.status,
                    event.rule,
                    event.template_id
                ])?;
        }
        Ok(())
    }

    fn log(&mut self, team_id: i64, after: u64, limit: u32) -> Result<Vec<LogRow>, StoreError> {
        let mut statement =
            self.tx.prepare_cached(&format!("SELECT {LOG_COLUMNS} FROM log WHERE team_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3"))?;
        let raw: Vec<_> = statement
            .query_map(params![team_id, after as i64, limit], log_row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(to_log).collect()
    }

    fn report_tickets(&mut self, team_id: i64) -> Result<Vec<ReportTicketRow>, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "SELECT item, status, assignee, created_at, posted_at, sentiment, first_response_due, \
             first_response_at, resolved_at FROM report_tickets WHERE team_id = ?1 ORDER BY item",
        )?;
        let rows = statement
            .query_map(params![team_id], |row| {
                Ok(ReportTicketRow {
                    item: row.get(0)?,
                    status: row.get(1)?,
                    assignee: row.get(2)?,
                    created_at: row.get(3)?,
                    posted_at: row.get(4)?,
                    sentiment: row.get(5)?,
                    first_response_due: row.get(6)?,
                    first_response_at: row.get(7)?,
                    resolved_at: row.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn report_events(&mut self, team_id: i64) -> Result<Vec<ReportEventRow>, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "SELECT name, agent_id, at, item, status, rule, template_id FROM report_events \
             WHERE team_id = ?1 ORDER BY version",
        )?;
        let rows = statement
            .query_map(params![team_id], |row| {
                Ok(ReportEventRow {
                    name: row.get(0)?,
                    agent_id: row.get(1)?,
                    at: row.get(2)?,
                    item: row.get(3)?,
                    status: row.get(4)?,
                    rule: row.get(5)?,
                    template_id: row.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn rejected(
        &mut self,
        team_id: i64,
        client_id: &str,
        after: u64,
        upto: u64,
    ) -> Result<Vec<LogRow>, StoreError> {
        let mut statement = self.tx.prepare_cached(&format!(
            "SELECT {LOG_COLUMNS} FROM log WHERE team_id = ?1 AND client_id = ?2 AND outcome = 'rejected' \
             AND version > ?3 AND version <= ?4 ORDER BY version"
        ))?;
        let raw: Vec<_> = statement
            .query_map(
                params![team_id, client_id, after as i64, upto as i64],
                log_row,
            )?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(to_log).collect()
    }

    fn token(&mut self, token_id: &str) -> Result<Option<TokenRow>, StoreError> {
        let raw = self
            .tx
            .prepare_cached(&format!("{TOKEN_SELECT} WHERE t.token_id = ?1"))?
            .query_row(params![token_id], token_row)
            .optional()?;
        raw.map(to_token).transpose()
    }

    fn tokens(&mut self, team_id: i64) -> Result<Vec<TokenRow>, StoreError> {
        let mut statement = self.tx.prepare_cached(&format!(
            "{TOKEN_SELECT} WHERE t.team_id = ?1 ORDER BY t.created_at, t.token_id"
        ))?;
        let raw: Vec<_> = statement
            .query_map(params![team_id], token_row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(to_token).collect()
    }

    fn insert_token(&mut self, token: &TokenRow) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO tokens (token_id, team_id, agent_id, name, initials, role, secret_hash, created_at, revoked_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)",
            )?
            .execute(params![
                token.token_id,
                token.team_id,
                token.agent_id,
                token.name,
                token.initials,
                token.role.as_str(),
                token.secret_hash,
                token.created_at
            ])?;
        Ok(())
    }

    fn revoke_token(&mut self, team_id: i64, token_id: &str, now: i64) -> Result<bool, StoreError> {
        let changed = self
            .tx
            .prepare_cached("UPDATE tokens SET revoked_at = ?3 WHERE team_id = ?1 AND token_id = ?2 AND revoked_at IS NULL")?
            .execute(params![team_id, token_id, now])?;
        Ok(changed == 1)
    }

    fn notify(&mut self, _team_id: i64, _version: u64) -> Result<(), StoreError> {
        // Processes sharing a SQLite file see each other's versions through polling.
        Ok(())
    }

    fn savepoint(&mut self) -> Result<(), StoreError> {
        self.tx.prepare_cached("SAVEPOINT job")?.execute([])?;
        Ok(())
    }

    fn release_savepoint(&mut self) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("RELEASE SAVEPOINT job")?
            .execute([])?;
        Ok(())
    }

    fn rollback_to_savepoint(&mut self) -> Result<(), StoreError> {
        self.tx
            .execute_batch("ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job")?;
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit()?;
        if let Some(checkpointer) = self.checkpointer {
            checkpointer.committed();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use socialcare::model::{AuditOutcome, TicketClocks};

    /// An entry of team 1's log.
    fn entry(version: u64, name: &str, args: &str, outcome: AuditOutcome) -> LogRow {
        LogRow {
            version,
            client_id: "c".into(),
            mutation_id: version,
            agent_id: "agent-1".into(),
            name: name.into(),
            args: args.into(),
            outcome,
            code: None,
            message: None,
            at: 50_000 + version as i64,
            action_at: Some(40_000 + version as i64),
            refusal: None,
        }
    }

    /// The rows of `report_events` of team 1.
    fn event_rows(connection: &mut SqliteConnection) -> Vec<ReportEventRow> {
        connection
            .begin_read()
            .and_then(|mut tx| tx.report_events(1))
            .expect("event rows")
    }

    /// The rows of `report_tickets` of team 1.
    fn report_rows(connection: &mut SqliteConnection) -> Vec<ReportTicketRow> {
        connection
            .begin_read()
            .and_then(|mut tx| tx.report_tickets(1))
            .expect("report rows")
    }

    #[test]
    fn the_checkpoint_thread_copies_the_writers_commits_into_the_database_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store.db");
        let mut writing = SqliteConnection::open_for_writing(&path).expect("open");
        writing.migrate().expect("migrate");
        let file_size = || std::fs::metadata(&path).expect("database file").len();
        let before = file_size();
        let mut tx = writing.begin_write().expect("write");
        tx.insert_team("acme", 0).expect("team");
        tx.commit().expect("commit");
        // Far below the writer's own threshold: only the checkpoint thread writes the file.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while file_size() == before {
            assert!(
                std::time::Instant::now() < deadline,
                "no checkpoint after the commit"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(writing);
        let reader = SqliteConnection::open(&path).expect("reopen");
        let teams: i64 = reader
            .connection
            .query_row("SELECT count(*) FROM teams", [], |row| row.get(0))
            .expect("teams");
        assert_eq!(teams, 1);
    }

    #[test]
    fn the_report_tables_are_filled_for_existing_data_and_kept_on_every_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut connection = SqliteConnection::open(&dir.path().join("old.db")).expect("open");
        // A database made before the report table: the migrations before it, and a ticket.
        connection
            .connection
            .execute_batch(&MIGRATIONS[..3].concat())
            .expect("old schema");
        connection
            .connection
            .pragma_update(None, "user_version", 3)
            .expect("user_version");
        let ticket = |status: &str, resolved_at: Option<i64>| {
            json!({ "item": "x:1", "conversation": "c1", "customer": null, "status": status,
                "assignee": "agent-1", "priority": "normal", "tags": { "vip": 3 }, "created_at": 1_000,
                "posted_at": 900, "sentiment": "negative", "first_response_due": 4_600,
                "first_response_at": 2_000, "resolved_at": resolved_at, "clocks": TicketClocks::default() })
            .to_string()
        };
        // The ticket and a customer as that schema stored them.
        connection
            .connection
            .execute_batch("INSERT INTO teams (name, version, created_at) VALUES ('old', 2, 0)")
            .expect("team");
        for (kind, id, version, body) in [
            ("ticket", "x:1", 1, ticket("open", None)),
            ("customer", "x:c", 2, "{}".into()),
        ] {
            connection
                .connection
                .execute(
                    "INSERT INTO entities (team_id, kind, id, version, body) VALUES (1, ?1, ?2, ?3, ?4)",
                    params![kind, id, version, body],
                )
                .expect("record");
        }
        // A log entry written with that schema's columns (no `refusal` yet).
        let responded = r#"{"item": "x:1", "template_id": "move-to-dm"}"#;
        connection
            .connection
            .execute(
                "INSERT INTO log (team_id, version, client_id, mutation_id, agent_id, name, args, outcome, at, action_at) \
                 VALUES (1, 1, 'c', 1, 'agent-1', 'ticket.responded', ?1, 'applied', 50001, 40001)",
                params![responded],
            )
            .expect("entry");
        connection.migrate().expect("migrate");
        let open = ReportTicketRow {
            item: "x:1".into(),
            status: "open".into(),
            assignee: Some("agent-1".into()),
            created_at: 1_000,
            posted_at: Some(900),
            sentiment: Some("negative".into()),
            first_response_due: Some(4_600),
            first_response_at: Some(2_000),
            resolved_at: None,
        };
        assert_eq!(report_rows(&mut connection), vec![open.clone()]);
        let triggers: i64 = connection
            .connection
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'",
                [],
                |row| row.get(0),
            )
            .expect("triggers");
        assert_eq!(
            triggers, 0,
            "the store writes the report rows itself, tickets and events"
        );
        let responded = ReportEventRow {
            name: "ticket.responded".into(),
            agent_id: "agent-1".into(),
            at: 40_001,
            item: Some("x:1".into()),
            status: None,
            rule: None,
            template_id: Some("move-to-dm".into()),
        };
        assert_eq!(event_rows(&mut connection), vec![responded.clone()]);

        // Later writes, an update and a new ticket, keep the table current.
        {
            let record =
                |body: &str| Entity::from_body_json(EntityKind::Ticket, body).expect("ticket");
            let mut tx = connection.begin_write().expect("write");
            tx.put_entity(1, &record(&ticket("resolved", Some(9_000))), 3)
                .expect("update");
            let second = ticket("new", None).replace("\"x:1\"", "\"x:2\"");
            tx.put_entity(1, &record(&second), 4).expect("insert");
            let resolve = r#"{"item": "x:1", "status": "resolved"}"#;
            for row in [
                entry(2, "ticket.set_status", resolve, AuditOutcome::Rejected),
                entry(
                    3,
                    "ticket.create",
                    r#"{"item": "x:2"}"#,
                    AuditOutcome::Applied,
                ),
                entry(4, "ticket.set_status", resolve, AuditOutcome::Applied),
            ] {
                tx.insert_log(1, &row).expect("entry");
            }
            tx.commit().expect("commit");
        }
        let resolved = ReportTicketRow {
            status: "resolved".into(),
            resolved_at: Some(9_000),
            ..open.clone()
        };
        let new = ReportTicketRow {
            item: "x:2".into(),
            status: "new".into(),
            ..open
        };
        assert_eq!(report_rows(&mut connection), vec![resolved, new]);
        let resolve = ReportEventRow {
            name: "ticket.set_status".into(),
            at: 40_004,
            status: Some("resolved".into()),
            template_id: None,
            ..responded.clone()
        };
        assert_eq!(
            event_rows(&mut connection),
            vec![responded, resolve],
            "only applied entries of the counted mutations"
        );
    }
}
