//! The PostgreSQL backend: several store processes may share one database.

use super::{
    outcome_name, parse_kind, parse_outcome, parse_role, ClientRow, Connection, EntityRow,
    GuidelineRevisionRow, LogRow, ReportEventRow, ReportTicketRow, TeamRow, TokenRow, Tx,
};
use crate::error::StoreError;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{IsolationLevel, NoTls, Row};
use socialcare::sync::{Entity, EntityKind};
use std::path::Path;

/// The channel NOTIFY announces new team versions on (payload `team_id:version`).
pub const CHANGES_CHANNEL: &str = "socialcare_changes";
/// The channel live presence travels on between processes (payload JSON).
pub const PRESENCE_CHANNEL: &str = "socialcare_presence";

/// Advisory lock key that serialises migrations across processes.
const MIGRATION_LOCK: i64 = 0x5C_57_0E;

/// Schema migrations, applied in order; each runs once.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE teams (
    team_id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    version BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE tokens (
    token_id TEXT PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    initials TEXT NOT NULL,
    role TEXT NOT NULL,
    secret_hash BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX tokens_by_team ON tokens(team_id);
CREATE TABLE clients (
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    client_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    last_mutation_id BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (team_id, client_id)
);
CREATE TABLE log (
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    version BIGINT NOT NULL,
    client_id TEXT NOT NULL,
    mutation_id BIGINT NOT NULL,
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    args TEXT NOT NULL,
    outcome TEXT NOT NULL,
    code TEXT,
    message TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (team_id, version),
    UNIQUE (team_id, client_id, mutation_id)
);
CREATE TABLE entities (
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (team_id, kind, id)
);
CREATE INDEX entities_by_version ON entities(team_id, version);
"#,
    r#"
ALTER TABLE log ADD COLUMN action_at BIGINT;
ALTER TABLE clients ADD COLUMN last_hlc BIGINT NOT NULL DEFAULT 0;
"#,
    r#"
CREATE TABLE guideline_revisions (
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    guideline_id TEXT NOT NULL,
    revision BIGINT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (team_id, guideline_id, revision)
);
INSERT INTO guideline_revisions
    SELECT team_id, id, (body::jsonb->>'revision')::bigint, body::jsonb->>'updated_by',
           (body::jsonb->>'updated_at')::bigint, body::jsonb->>'format', body::jsonb->>'source'
    FROM entities WHERE kind = 'guideline';
"#,
    // The team report's narrow copies of each ticket record and of each applied log entry it
    // counts, kept by triggers in the transaction that writes the record or the entry; the
    // UPDATE fills the first for existing tickets, the view names the entries' fields once.
    r#"
CREATE TABLE report_tickets (
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    item TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT,
    created_at BIGINT NOT NULL,
    posted_at BIGINT,
    sentiment TEXT,
    first_response_due BIGINT,
    first_response_at BIGINT,
    resolved_at BIGINT,
    PRIMARY KEY (team_id, item)
);
CREATE FUNCTION report_tickets_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    body jsonb := NEW.body::jsonb;
BEGIN
    DELETE FROM report_tickets WHERE team_id = NEW.team_id AND item = NEW.id;
    INSERT INTO report_tickets VALUES (
        NEW.team_id, NEW.id, body->>'status', body->>'assignee', (body->>'created_at')::bigint,
        (body->>'posted_at')::bigint, body->>'sentiment', (body->>'first_response_due')::bigint,
        (body->>'first_response_at')::bigint, (body->>'resolved_at')::bigint);
    RETURN NULL;
END
$$;
CREATE TRIGGER report_tickets_keep AFTER INSERT OR UPDATE ON entities
    FOR EACH ROW WHEN (NEW.kind = 'ticket') EXECUTE FUNCTION report_tickets_keep();
UPDATE entities SET body = body WHERE kind = 'ticket';
CREATE TABLE report_events (
    team_id BIGINT NOT NULL REFERENCES teams(team_id),
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    item TEXT,
    status TEXT,
    rule TEXT,
    template_id TEXT,
    PRIMARY KEY (team_id, version)
);
CREATE VIEW report_event_fields AS
    SELECT team_id, version, name, agent_id, COALESCE(action_at, at) AS at,
           parsed.args->>'item' AS item, parsed.args->>'status' AS status,
           parsed.args->>'rule' AS rule, parsed.args->>'template_id' AS template_id
    FROM log CROSS JOIN LATERAL (SELECT log.args::jsonb AS args) AS parsed
    WHERE outcome = 'applied'
      AND name IN ('ticket.responded', 'ticket.set_status', 'ticket.reopen', 'tone.override');
CREATE FUNCTION report_events_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_events
        SELECT * FROM report_event_fields WHERE team_id = NEW.team_id AND version = NEW.version;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_events_keep AFTER INSERT ON log
    FOR EACH ROW WHEN (NEW.outcome = 'applied'
                       AND NEW.name IN ('ticket.responded', 'ticket.set_status', 'ticket.reopen', 'tone.override'))
    EXECUTE FUNCTION report_events_keep();
INSERT INTO report_events SELECT * FROM report_event_fields;
"#,
    // A rejection's reason as data (`socialcare::sync::Refusal`, JSON), for
    // the pull; none for the store's own refusals and older rejections.
    r#"
ALTER TABLE log ADD COLUMN refusal TEXT;
"#,
    // The ticket rows of `report_tickets` are written by the store with the record
    // (`put_entity`, from the typed ticket), not by a trigger reading the body's JSON;
    // the rows the trigger kept are exact, so nothing needs filling.
    r#"
DROP TRIGGER report_tickets_keep ON entities;
DROP FUNCTION report_tickets_keep();
"#,
    // The rows of `report_events` are written by the store with the log entry
    // (`insert_log`, from `ReportEventRow::of`), not by a trigger parsing the arguments'
    // JSON; the rows the trigger kept are exact, so nothing needs filling.
    r#"
DROP TRIGGER report_events_keep ON log;
DROP FUNCTION report_events_keep();
DROP VIEW report_event_fields;
"#,
];

/// A connection to PostgreSQL.
pub struct PgConnection {
    client: postgres::Client,
}

impl PgConnection {
    /// Connects (plain TCP or a Unix socket, as the URL says).
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let client = postgres::Client::connect(url, NoTls).map_err(|error| {
            StoreError::Storage(format!("cannot connect to PostgreSQL: {error}"))
        })?;
        Ok(PgConnection { client })
    }

    /// Applies the pending migrations under an advisory lock, so concurrent starts are safe.
    pub fn migrate(&mut self) -> Result<(), StoreError> {
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)",
        )?;
        let applied: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )?
            .get(0);
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
            tx.batch_execute(migration)?;
            tx.execute(
                "INSERT INTO schema_migrations (version) VALUES ($1)",
                &[&(index as i64 + 1)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Waits for notifications on [`CHANGES_CHANNEL`] and [`PRESENCE_CHANNEL`] and hands each
    /// `(channel, payload)` to `on_payload`; returns on a connection error.
    pub fn listen(mut self, mut on_payload: impl FnMut(&str, &str)) -> Result<(), StoreError> {
        self.client.batch_execute(&format!(
            "LISTEN {CHANGES_CHANNEL}; LISTEN {PRESENCE_CHANNEL}"
        ))?;
        let mut notifications = self.client.notifications();
        let mut iter = notifications.blocking_iter();
        loop {
            match iter.next() {
                Ok(Some(notification)) => {
                    on_payload(notification.channel(), notification.payload())
                }
                Ok(None) => return Err(StoreError::Storage("the LISTEN connection closed".into())),
                Err(error) => return Err(error.into()),
            }
        }
    }

    /// Publishes one notification now (outside any transaction).
    pub fn publish(&mut self, channel: &str, payload: &str) -> Result<(), StoreError> {
        self.client
            .execute("SELECT pg_notify($1, $2)", &[&channel, &payload])?;
        Ok(())
    }
}

impl Connection for PgConnection {
    fn begin_write(&mut self) -> Result<Box<dyn Tx + '_>, StoreError> {
        Ok(Box::new(PgTx {
            tx: self.client.transaction()?,
        }))
    }

    fn begin_read(&mut self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        Ok(Box::new(PgTx { tx }))
    }

    fn backup(&mut self, _path: &Path) -> Result<(), StoreError> {
        Err(StoreError::refused(
            axum::http::StatusCode::BAD_REQUEST,
            "unsupported",
            "back up PostgreSQL with pg_dump or pg_basebackup; `backup` copies SQLite files",
        ))
    }
}

struct PgTx<'c> {
    tx: postgres::Transaction<'c>,
}

fn team_row(row: &Row) -> TeamRow {
    TeamRow {
        team_id: row.get(0),
        name: row.get(1),
        version: row.get::<_, i64>(2) as u64,
    }
}

fn entity_row(row: &Row) -> Result<EntityRow, StoreError> {
    Ok(EntityRow {
        kind: parse_kind(row.get(0))?,
        id: row.get(1),
        version: row.get::<_, i64>(2) as u64,
        body: row.get(3),
    })
}

fn log_row(row: &Row) -> Result<LogRow, StoreError> {
    Ok(LogRow {
        version: row.get::<_, i64>(0) as u64,
        client_id: row.get(1),
        mutation_id: row.get::<_, i64>(2) as u64,
        agent_id: row.get(3),
        name: row.get(4),
        args: row.get(5),
        outcome: parse_outcome(row.get(6))?,
        code: row.get(7),
        message: row.get(8),
        at: row.get(9),
        action_at: row.get(10),
        refusal: row.get(11),
    })
}

fn token_row(row: &Row) -> Result<TokenRow, StoreError> {
    Ok(TokenRow {
        token_id: row.get(0),
        team_id: row.get(1),
        team_name: row.get(2),
        agent_id: row.get(3),
        name: row.get(4),
        initials: row.get(5),
        role: parse_role(row.get(6))?,
        secret_hash: row.get(7),
        created_at: row.get(8),
        revoked_at: row.get(9),
    })
}

const LOG_COLUMNS: &str =
    "version, client_id, mutation_id, agent_id, name, args, outcome, code, message, at, action_at, refusal";
/// Writes a record: `$1` team, `$2` kind, `$3` id, `$4` version, `$5` body.
const PUT_ENTITY: &str = "INSERT INTO entities (team_id, kind, id, version, body) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (team_id, kind, id) DO UPDATE SET version = excluded.version, body = excluded.body";
/// Writes a ticket's report row, after [`PUT_ENTITY`]'s parameters (the item is the id, `$3`).
const PUT_REPORT_TICKET: &str = "INSERT INTO report_tickets (team_id, item, status, assignee, created_at, posted_at, \
     sentiment, first_response_due, first_response_at, resolved_at) VALUES ($1, $3, $6, $7, $8, $9, $10, $11, $12, $13) \
     ON CONFLICT (team_id, item) DO UPDATE SET status = excluded.status, assignee = excluded.assignee, \
     created_at = excluded.created_at, posted_at = excluded.posted_at, sentiment = excluded.sentiment, \
     first_response_due = excluded.first_response_due, first_response_at = excluded.first_response_at, \
     resolved_at = excluded.resolved_at";
/// Writes an entry's report row, after the log insert's parameters (`$1` team, `$2` version,
/// `$5` agent, `$6` name): `$14` time, `$15` item, `$16` status, `$17` rule, `$18` template.
const INSERT_REPORT_EVENT: &str =
    "INSERT INTO report_events (team_id, version, name, agent_id, at, item, status, \
     rule, template_id) VALUES ($1, $2, $6, $5, $14, $15, $16, $17, $18)";
const TOKEN_SELECT: &str = "SELECT t.token_id, t.team_id, teams.name, t.agent_id, t.name, t.initials, t.role, t.secret_hash, t.created_at, t.revoked_at \
     FROM tokens t JOIN teams ON teams.team_id = t.team_id";

impl Tx for PgTx<'_> {
    fn team_by_name(&mut self, name: &str) -> Result<Option<TeamRow>, StoreError> {
        Ok(self
            .tx
            .query_opt(
                "SELECT team_id, name, version FROM teams WHERE name = $1",
                &[&name],
            )?
            .as_ref()
            .map(team_row))
    }

    fn teams(&mut self) -> Result<Vec<TeamRow>, StoreError> {
        Ok(self
            .tx
            .query(
                "SELECT team_id, name, version FROM teams ORDER BY team_id",
                &[],
            )?
            .iter()
            .map(team_row)
            .collect())
    }

    fn insert_team(&mut self, name: &str, now: i64) -> Result<i64, StoreError> {
        Ok(self.tx.query_one("INSERT INTO teams (name, version, created_at) VALUES ($1, 0, $2) RETURNING team_id", &[&name, &now])?.get(0))
    }

    fn lock_team(&mut self, team_id: i64) -> Result<u64, StoreError> {
        let row = self.tx.query_opt(
            "SELECT version FROM teams WHERE team_id = $1 FOR UPDATE",
            &[&team_id],
        )?;
        row.map(|row| row.get::<_, i64>(0) as u64)
            .ok_or_else(|| StoreError::not_found(format!("no team {team_id}")))
    }

    fn team_version(&mut self, team_id: i64) -> Result<u64, StoreError> {
        let row = self
            .tx
            .query_opt("SELECT version FROM teams WHERE team_id = $1", &[&team_id])?;
        row.map(|row| row.get::<_, i64>(0) as u64)
            .ok_or_else(|| StoreError::not_found(format!("no team {team_id}")))
    }

    fn set_team_version(&mut self, team_id: i64, version: u64) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE teams SET version = $2 WHERE team_id = $1",
            &[&team_id, &(version as i64)],
        )?;
        Ok(())
    }

    fn entity(
        &mut self,
        team_id: i64,
        kind: EntityKind,
        id: &str,
    ) -> Result<Option<(String, u64)>, StoreError> {
        let row = self.tx.query_opt(
            "SELECT body, version FROM entities WHERE team_id = $1 AND kind = $2 AND id = $3",
            &[&team_id, &kind.as_str(), &id],
        )?;
        Ok(row.map(|row| (row.get(0), row.get::<_, i64>(1) as u64)))
    }

    fn put_entity(
        &mut self,
        team_id: i64,
        entity: &Entity,
        version: u64,
    ) -> Result<(), StoreError> {
        let (kind, id, version, body) = (
            entity.kind().as_str(),
            entity.id(),
            version as i64,
            entity.body_json()?,
        );
        match entity {
            // One round trip: the record's upsert runs as a data-modifying CTE.
            Entity::Ticket(ticket) => {
                let row = ReportTicketRow::from(ticket);
                self.tx.execute(
                    &format!("WITH record AS ({PUT_ENTITY}) {PUT_REPORT_TICKET}"),
                    &[
                        &team_id,
                        &kind,
                        &id,
                        &version,
                        &body,
                        &row.status,
                        &row.assignee,
                        &row.created_at,
                        &row.posted_at,
                        &row.sentiment,
                        &row.first_response_due,
                        &row.first_response_at,
                        &row.resolved_at,
                    ],
                )?
            }
            _ => self
                .tx
                .execute(PUT_ENTITY, &[&team_id, &kind, &id, &version, &body])?,
        };
        Ok(())
    }

    fn changes(
        &mut self,
        team_id: i64,
        after: u64,
        limit: u32,
    ) -> Result<Vec<EntityRow>, StoreError> {
        self.tx
            .query(
                "SELECT kind, id, version, body FROM entities WHERE team_id = $1 AND version > $2 ORDER BY version LIMIT $3",
                &[&team_id, &(after as i64), &i64::from(limit)],
            )?
            .iter()
            .map(entity_row)
            .collect()
    }

    fn entities_of(
        &mut self,
        team_id: i64,
        kind: EntityKind,
    ) -> Result<Vec<EntityRow>, StoreError> {
        self.tx
            .query(
                "SELECT kind, id, version, body FROM entities WHERE team_id = $1 AND kind = $2 ORDER BY id",
                &[&team_id, &kind.as_str()],
            )?
            .iter()
            .map(entity_row)
            .collect()
    }

    fn insert_guideline_revision(
        &mut self,
        team_id: i64,
        row: &GuidelineRevisionRow,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO guideline_revisions (team_id, guideline_id, revision, saved_by, saved_at, format, source) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            &[
                &team_id,
                &row.guideline_id,
                &i64::from(row.revision),
                &row.saved_by,
                &row.saved_at,
                &row.format,
                &row.source,
            ],
        )?;
        Ok(())
    }

    fn guideline_revisions(
        &mut self,
        team_id: i64,
        guideline_id: &str,
    ) -> Result<Vec<GuidelineRevisionRow>, StoreError> {
        Ok(self
            .tx
            .query(
                "SELECT guideline_id, revision, saved_by, saved_at, format, source FROM guideline_revisions \
                 WHERE team_id = $1 AND guideline_id = $2 ORDER BY revision DESC",
                &[&team_id, &guideline_id],
            )?
            .iter()
            .map(|row| GuidelineRevisionRow {
                guideline_id: row.get(0),
                revision: row.get::<_, i64>(1) as u32,
                saved_by: row.get(2),
                saved_at: row.get(3),
                format: row.get(4),
                source: row.get(5),
            })
            .collect())
    }

    fn last_pushes(&mut self, team_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(self
            .tx
            .query(
                "SELECT agent_id, MAX(last_seen) FROM clients WHERE team_id = $1 GROUP BY agent_id",
                &[&team_id],
            )?
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect())
    }

    fn changes_at(&mut self, team_id: i64, version: u64) -> Result<Vec<EntityRow>, StoreError> {
        self.tx
            .query(
                "SELECT kind, id, version, body FROM entities WHERE team_id = $1 AND version = $2 ORDER BY kind, id",
                &[&team_id, &(version as i64)],
            )?
            .iter()
            .map(entity_row)
            .collect()
    }

    fn client(&mut self, team_id: i64, client_id: &str) -> Result<Option<ClientRow>, StoreError> {
        let row = self.tx.query_opt(
            "SELECT agent_id, last_mutation_id, last_hlc FROM clients WHERE team_id = $1 AND client_id = $2",
            &[&team_id, &client_id],
        )?;
        Ok(row.map(|row| ClientRow {
            agent_id: row.get(0),
            last_mutation_id: row.get::<_, i64>(1) as u64,
            last_hlc: row.get::<_, i64>(2) as u64,
        }))
    }

    fn put_client(
        &mut self,
        team_id: i64,
        client_id: &str,
        client: &ClientRow,
        now: i64,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO clients (team_id, client_id, agent_id, last_mutation_id, last_seen, last_hlc) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (team_id, client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, last_seen = excluded.last_seen, last_hlc = excluded.last_hlc",
            &[&team_id, &client_id, &client.agent_id, &(client.last_mutation_id as i64), &now, &(client.last_hlc as i64)],
        )?;
        Ok(())
    }

    fn insert_log(&mut self, team_id: i64, row: &LogRow) -> Result<(), StoreError> {
        let (version, mutation_id, outcome) = (
            row.version as i64,
            row.mutation_id as i64,
            outcome_name(row.outcome),
        );
        let event = ReportEventRow::of(row);
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![
            &team_id,
            &version,
            &row.client_id,
            &mutation_id,
            &row.agent_id,
            &row.name,
            &row.args,
            &outcome,
            &row.code,
            &row.message,
            &row.at,
            &row.action_at,
            &row.refusal,
        ];
        let insert = format!("INSERT INTO log (team_id, {LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
        match &event {
            // One round trip: the entry's insert runs as a data-modifying CTE.
            Some(event) => {
                params.extend([
                    &event.at as &(dyn ToSql + Sync),
                    &event.item,
                    &event.status,
                    &event.rule,
                    &event.template_id,
                ]);
                self.tx.execute(
                    &format!("WITH entry AS ({insert}) {INSERT_REPORT_EVENT}"),
                    &params,
                )?
            }
            None => self.tx.execute(&insert, &params)?,
        };
        Ok(())
    }

    fn log(&mut self, team_id: i64, after: u64, limit: u32) -> Result<Vec<LogRow>, StoreError> {
        self.tx
            .query(
                &format!("SELECT {LOG_COLUMNS} FROM log WHERE team_id = $1 AND version > $2 ORDER BY version LIMIT $3"),
                &[&team_id, &(after as i64), &i64::from(limit)],
            )?
            .iter()
            .map(log_row)
            .collect()
    }

    fn report_tickets(&mut self, team_id: i64) -> Result<Vec<ReportTicketRow>, StoreError> {
        Ok(self
            .tx
            .query(
                "SELECT item, status, assignee, created_at, posted_at, sentiment, first_response_due, \
                 first_response_at, resolved_at FROM report_tickets WHERE team_id = $1 ORDER BY item",
                &[&team_id],
            )?
            .iter()
            .map(|row| ReportTicketRow {
                item: row.get(0),
                status: row.get(1),
                assignee: row.get(2),
                created_at: row.get(3),
                posted_at: row.get(4),
                sentiment: row.get(5),
                first_response_due: row.get(6),
                first_response_at: row.get(7),
                resolved_at: row.get(8),
            })
            .collect())
    }

    fn report_events(&mut self, team_id: i64) -> Result<Vec<ReportEventRow>, StoreError> {
        Ok(self
            .tx
            .query(
                "SELECT name, agent_id, at, item, status, rule, template_id FROM report_events \
                 WHERE team_id = $1 ORDER BY version",
                &[&team_id],
            )?
            .iter()
            .map(|row| ReportEventRow {
                name: row.get(0),
                agent_id: row.get(1),
                at: row.get(2),
                item: row.get(3),
                status: row.get(4),
                rule: row.get(5),
                template_id: row.get(6),
            })
            .collect())
    }

    fn rejected(
        &mut self,
        team_id: i64,
        client_id: &str,
        after: u64,
        upto: u64,
    ) -> Result<Vec<LogRow>, StoreError> {
        self.tx
            .query(
                &format!(
                    "SELECT {LOG_COLUMNS} FROM log WHERE team_id = $1 AND client_id = $2 AND outcome = 'rejected' \
                     AND version > $3 AND version <= $4 ORDER BY version"
                ),
                &[&team_id, &client_id, &(after as i64), &(upto as i64)],
            )?
            .iter()
            .map(log_row)
            .collect()
    }

    fn token(&mut self, token_id: &str) -> Result<Option<TokenRow>, StoreError> {
        self.tx
            .query_opt(
                &format!("{TOKEN_SELECT} WHERE t.token_id = $1"),
                &[&token_id],
            )?
            .as_ref()
            .map(token_row)
            .transpose()
    }

    fn tokens(&mut self, team_id: i64) -> Result<Vec<TokenRow>, StoreError> {
        self.tx
            .query(
                &format!("{TOKEN_SELECT} WHERE t.team_id = $1 ORDER BY t.created_at, t.token_id"),
                &[&team_id],
            )?
            .iter()
            .map(token_row)
            .collect()
    }

    fn insert_token(&mut self, token: &TokenRow) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO tokens (token_id, team_id, agent_id, name, initials, role, secret_hash, created_at, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)",
            &[
                &token.token_id,
                &token.team_id,
                &token.agent_id,
                &token.name,
                &token.initials,
                &token.role.as_str(),
                &token.secret_hash,
                &token.created_at,
            ],
        )?;
        Ok(())
    }

    fn revoke_token(&mut self, team_id: i64, token_id: &str, now: i64) -> Result<bool, StoreError> {
        let changed = self.tx.execute(
            "UPDATE tokens SET revoked_at = $3 WHERE team_id = $1 AND token_id = $2 AND revoked_at IS NULL",
            &[&team_id, &token_id, &now],
        )?;
        Ok(changed == 1)
    }

    fn notify(&mut self, team_id: i64, version: u64) -> Result<(), StoreError> {
        self.tx.execute(
            "SELECT pg_notify($1, $2)",
            &[&CHANGES_CHANNEL, &format!("{team_id}:{version}")],
        )?;
        Ok(())
    }

    fn savepoint(&mut self) -> Result<(), StoreError> {
        self.tx.batch_execute("SAVEPOINT job")?;
        Ok(())
    }

    fn release_savepoint(&mut self) -> Result<(), StoreError> {
        self.tx.batch_execute("RELEASE SAVEPOINT job")?;
        Ok(())
    }

    fn rollback_to_savepoint(&mut self) -> Result<(), StoreError> {
        self.tx
            .batch_execute("ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job")?;
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit()?;
        Ok(())
    }
}
