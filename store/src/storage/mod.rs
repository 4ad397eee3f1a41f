//! Storage: one interface, two backends (SQLite and PostgreSQL).
//!
//! Writes go through one writer thread per process that batches jobs into a single
//! transaction (group commit) and acknowledges each job only after the commit is
//! durable. Reads run in parallel on a small pool of read connections.

mod postgres;
mod sqlite;
mod writer;

pub use writer::Storage;

use crate::error::StoreError;
use socialcare::model::{AuditOutcome, Role, Ticket};
use socialcare::sync::{Entity, EntityKind};
use std::path::{Path, PathBuf};

/// Where the store keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file (created on first use).
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://…`).
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads `--database-url` / `SOCIALCARE_DATABASE_URL`: `postgres://…`, `postgresql://…` or `sqlite://PATH`.
    pub fn parse(url: &str) -> Result<DatabaseUrl, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
        } else {
            Err(format!(
                "unsupported database URL {url:?}: use postgres://… or sqlite://PATH"
            ))
        }
    }

    /// The backend's name for logs and metrics.
    pub fn backend(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }
}

/// A team as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRow {
    /// Internal id.
    pub team_id: i64,
    /// Unique name.
    pub name: String,
    /// The team's version (the last version taken).
    pub version: u64,
}

/// A token as stored (the secret only as its SHA-256).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    /// Public id, part of the token string.
    pub token_id: String,
    /// The team.
    pub team_id: i64,
    /// The team's name.
    pub team_name: String,
    /// The member it authenticates.
    pub agent_id: String,
    /// The member's name.
    pub name: String,
    /// The member's initials.
    pub initials: String,
    /// The member's role.
    pub role: Role,
    /// SHA-256 of the secret.
    pub secret_hash: Vec<u8>,
    /// When it was issued (Unix milliseconds).
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// A record as stored: kind, id, last version and body JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRow {
    /// The kind.
    pub kind: EntityKind,
    /// The id within the kind.
    pub id: String,
    /// The team version of its last write.
    pub version: u64,
    /// The body, as JSON.
    pub body: String,
}

/// One entry of the log: the mutation (or administrative change) that took a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    /// The version it took.
    pub version: u64,
    /// The sync client (`_admin` for administration).
    pub client_id: String,
    /// The client's mutation id.
    pub mutation_id: u64,
    /// The agent.
    pub agent_id: String,
    /// The mutation name.
    pub name: String,
    /// The arguments JSON as sent.
    pub args: String,
    /// Applied or rejected.
    pub outcome: AuditOutcome,
    /// Rejection code.
    pub code: Option<String>,
    /// Rejection message.
    pub message: Option<String>,
    /// When the store recorded it (Unix milliseconds, the store's clock).
    pub at: i64,
    /// When the agent acted (Unix milliseconds: the client's clamped HLC); none for administration.
    pub action_at: Option<i64>,
    /// A rejection's reason as data: a `socialcare::sync::Refusal` as JSON,
    /// sent with the pull's `rejected`; none for an applied mutation, the
    /// store's own refusals and rejections recorded before refusals were data.
    pub refusal: Option<String>,
}

/// The fields of a ticket record a team report reads, kept in their own narrow table
/// (`report_tickets`) by every write of the record ([`Tx::put_entity`]), so a report
/// reads no JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTicketRow {
    /// The item key (`<platform>:<id>`), also the record's id.
    pub item: String,
    /// The status's wire name.
    pub status: String,
    /// The assignee's agent id.
    pub assignee: Option<String>,
    /// When the ticket was created (Unix milliseconds).
    pub created_at: i64,
    /// When the customer posted (Unix milliseconds).
    pub posted_at: Option<i64>,
    /// The sentiment label's wire name.
    pub sentiment: Option<String>,
    /// When the first response is due (Unix milliseconds).
    pub first_response_due: Option<i64>,
    /// When the team first responded (Unix milliseconds).
    pub first_response_at: Option<i64>,
    /// When the ticket was last resolved (Unix milliseconds).
    pub resolved_at: Option<i64>,
}

impl From<&Ticket> for ReportTicketRow {
    fn from(ticket: &Ticket) -> ReportTicketRow {
        ReportTicketRow {
            item: ticket.item.to_string(),
            status: ticket.status.as_str().to_owned(),
            assignee: ticket.assignee.clone(),
            created_at: ticket.created_at,
            posted_at: ticket.posted_at,
            sentiment: ticket.sentiment.map(|label| label.as_str().to_owned()),
            first_response_due: ticket.first_response_due,
            first_response_at: ticket.first_response_at,
            resolved_at: ticket.resolved_at,
        }
    }
}

/// An applied log entry of one of the mutations a report counts (`ticket.responded`,
/// `ticket.set_status`, `ticket.reopen`, `tone.override`) with the few arguments it
/// reads, kept in its own narrow table (`report_events`) by every write of the entry
/// ([`Tx::insert_log`], from [`ReportEventRow::of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEventRow {
    /// The mutation name.
    pub name: String,
    /// The agent.
    pub agent_id: String,
    /// When the agent acted (the store's time for entries without an action time).
    pub at: i64,
    /// The `item` argument.
    pub item: Option<String>,
    /// The `status` argument.
    pub status: Option<String>,
    /// The `rule` argument.
    pub rule: Option<String>,
    /// The `template_id` argument.
    pub template_id: Option<String>,
}

/// The mutations whose applied log entries a team report counts.
const REPORTED_MUTATIONS: [&str; 4] = [
    "ticket.responded",
    "ticket.set_status",
    "ticket.reopen",
    "tone.override",
];

impl ReportEventRow {
    /// The report's row for a log entry: for an applied entry of a counted mutation, its
    /// name, agent, action time (the store's time for entries without one) and the string
    /// arguments a report reads; none for any other entry. Only these entries' arguments
    /// are parsed, so other pushes pay nothing.
    pub fn of(entry: &LogRow) -> Option<ReportEventRow> {
        if entry.outcome != AuditOutcome::Applied
            || !REPORTED_MUTATIONS.contains(&entry.name.as_str())
        {
            return None;
        }
        let args: serde_json::Value = serde_json::from_str(&entry.args).unwrap_or_default();
        let argument = |name: &str| {
            args.get(name)
                .and_then(|value| value.as_str())
                .map(str::to_owned)
        };
        Some(ReportEventRow {
            name: entry.name.clone(),
            agent_id: entry.agent_id.clone(),
            at: entry.action_at.unwrap_or(entry.at),
            item: argument("item"),
            status: argument("status"),
            rule: argument("rule"),
            template_id: argument("template_id"),
        })
    }
}

/// A sync client's stored progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRow {
    /// The agent that owns the client id.
    pub agent_id: String,
    /// The highest mutation id processed.
    pub last_mutation_id: u64,
    /// The clamped HLC of the last mutation processed (the floor of the next one's).
    pub last_hlc: u64,
}

/// One published revision of a guideline, kept for its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidelineRevisionRow {
    /// The guideline's id.
    pub guideline_id: String,
    /// The revision.
    pub revision: u32,
    /// The agent id of who saved it.
    pub saved_by: String,
    /// When it was saved (Unix milliseconds, the action's time).
    pub saved_at: i64,
    /// The source's format.
    pub format: String,
    /// The source text.
    pub source: String,
}

/// One database transaction. Every query is scoped by team id.
pub trait Tx {
    /// Finds a team by name.
    fn team_by_name(&mut self, name: &str) -> Result<Option<TeamRow>, StoreError>;
    /// Every team.
    fn teams(&mut self) -> Result<Vec<TeamRow>, StoreError>;
    /// Creates a team at version 0 and returns its id.
    fn insert_team(&mut self, name: &str, now: i64) -> Result<i64, StoreError>;
    /// Locks the team's row until commit (PostgreSQL) and returns its version.
    fn lock_team(&mut self, team_id: i64) -> Result<u64, StoreError>;
    /// The team's version, without locking.
    fn team_version(&mut self, team_id: i64) -> Result<u64, StoreError>;
    /// Sets the team's version.
    fn set_team_version(&mut self, team_id: i64, version: u64) -> Result<(), StoreError>;
    /// A record's body and version.
    fn entity(
        &mut self,
        team_id: i64,
        kind: EntityKind,
        id: &str,
    ) -> Result<Option<(String, u64)>, StoreError>;
    /// Writes a record at `version` (its body as serde writes it) and, for a ticket, its
    /// report row, so every path that writes a ticket keeps `report_tickets` exact.
    fn put_entity(&mut self, team_id: i64, entity: &Entity, version: u64)
        -> Result<(), StoreError>;
    /// Records with `version > after`, by version, at most `limit`.
    fn changes(
        &mut self,
        team_id: i64,
        after: u64,
        limit: u32,
    ) -> Result<Vec<EntityRow>, StoreError>;
    /// Every record of one kind, by id.
    fn entities_of(&mut self, team_id: i64, kind: EntityKind)
        -> Result<Vec<EntityRow>, StoreError>;
    /// Keeps a published guideline revision (a revision kept already is left as it is).
    fn insert_guideline_revision(
        &mut self,
        team_id: i64,
        row: &GuidelineRevisionRow,
    ) -> Result<(), StoreError>;
    /// A guideline's kept revisions, newest first.
    fn guideline_revisions(
        &mut self,
        team_id: i64,
        guideline_id: &str,
    ) -> Result<Vec<GuidelineRevisionRow>, StoreError>;
    /// Each agent's latest push (Unix milliseconds, the store's clock), by agent id.
    fn last_pushes(&mut self, team_id: i64) -> Result<Vec<(String, i64)>, StoreError>;
    /// Records whose last write is exactly `version`.
    fn changes_at(&mut self, team_id: i64, version: u64) -> Result<Vec<EntityRow>, StoreError>;
    /// A sync client's progress.
    fn client(&mut self, team_id: i64, client_id: &str) -> Result<Option<ClientRow>, StoreError>;
    /// Stores a sync client's progress.
    fn put_client(
        &mut self,
        team_id: i64,
        client_id: &str,
        client: &ClientRow,
        now: i64,
    ) -> Result<(), StoreError>;
    /// Appends to the log and, for an entry a report counts, its report row
    /// ([`ReportEventRow::of`]), so every path that writes the log keeps `report_events` exact.
    fn insert_log(&mut self, team_id: i64, row: &LogRow) -> Result<(), StoreError>;
    /// Log entries with `version > after`, at most `limit`.
    fn log(&mut self, team_id: i64, after: u64, limit: u32) -> Result<Vec<LogRow>, StoreError>;
    /// The report's view of every ticket of the team, by item.
    fn report_tickets(&mut self, team_id: i64) -> Result<Vec<ReportTicketRow>, StoreError>;
    /// The report's view of the team's applied log entries it counts, by version.
    fn report_events(&mut self, team_id: i64) -> Result<Vec<ReportEventRow>, StoreError>;
    /// One client's rejected mutations with `after < version <= upto`.
    fn rejected(
        &mut self,
        team_id: i64,
        client_id: &str,
        after: u64,
        upto: u64,
    ) -> Result<Vec<LogRow>, StoreError>;
    /// A token by its public id.
    fn token(&mut self, token_id: &str) -> Result<Option<TokenRow>, StoreError>;
    /// The team's tokens.
    fn tokens(&mut self, team_id: i64) -> Result<Vec<TokenRow>, StoreError>;
    /// Stores a new token.
    fn insert_token(&mut self, token: &TokenRow) -> Result<(), StoreError>;
    /// Revokes a token of the team; false when there is none.
    fn revoke_token(&mut self, team_id: i64, token_id: &str, now: i64) -> Result<bool, StoreError>;
    /// Announces a team's new version to other processes at commit (PostgreSQL NOTIFY).
    fn notify(&mut self, team_id: i64, version: u64) -> Result<(), StoreError>;
    /// Opens a savepoint (one per write job).
    fn savepoint(&mut self) -> Result<(), StoreError>;
    /// Releases the savepoint.
    fn release_savepoint(&mut self) -> Result<(), StoreError>;
    /// Undoes everything since the savepoint.
    fn rollback_to_savepoint(&mut self) -> Result<(), StoreError>;
    /// Commits durably.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// One database connection.
pub trait Connection: Send {
    /// Starts a write transaction (SQLite `BEGIN IMMEDIATE`; PostgreSQL read committed + row locks).
    fn begin_write(&mut self) -> Result<Box<dyn Tx + '_>, StoreError>;
    /// Starts a read-only transaction with a consistent snapshot.
    fn begin_read(&mut self) -> Result<Box<dyn Tx + '_>, StoreError>;
    /// Writes a consistent copy of the whole database to `path`.
    fn backup(&mut self, path: &Path) -> Result<(), StoreError>;
}

/// Opens a connection to the database (without migrating).
pub fn connect(url: &DatabaseUrl) -> Result<Box<dyn Connection>, StoreError> {
    match url {
        DatabaseUrl::Sqlite(path) => Ok(Box::new(sqlite::SqliteConnection::open(path)?)),
        DatabaseUrl::Postgres(url) => Ok(Box::new(postgres::PgConnection::open(url)?)),
    }
}

/// Opens the writer's connection (on SQLite with its checkpoint thread) and applies any
/// pending migrations.
pub fn connect_and_migrate(url: &DatabaseUrl) -> Result<Box<dyn Connection>, StoreError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut connection = sqlite::SqliteConnection::open_for_writing(path)?;
            connection.migrate()?;
            Ok(Box::new(connection))
        }
        DatabaseUrl::Postgres(url) => {
            let mut connection = postgres::PgConnection::open(url)?;
            connection.migrate()?;
            Ok(Box::new(connection))
        }
    }
}

/// Parses a stored role name.
fn parse_role(role: &str) -> Result<Role, StoreError> {
    role.parse()
        .map_err(|error| StoreError::Storage(format!("stored token: {error}")))
}

/// Parses a stored kind name.
fn parse_kind(kind: &str) -> Result<EntityKind, StoreError> {
    kind.parse()
        .map_err(|error| StoreError::Storage(format!("stored record: {error}")))
}

/// Parses a stored outcome name.
fn parse_outcome(outcome: &str) -> Result<AuditOutcome, StoreError> {
    match outcome {
        "applied" => Ok(AuditOutcome::Applied),
        "rejected" => Ok(AuditOutcome::Rejected),
        other => Err(StoreError::Storage(format!(
            "stored log entry has outcome {other:?}"
        ))),
    }
}

/// The stored name of an outcome.
fn outcome_name(outcome: AuditOutcome) -> &'static str {
    match outcome {
        AuditOutcome::Applied => "applied",
        AuditOutcome::Rejected => "rejected",
    }
}

pub use postgres::{PgConnection, CHANGES_CHANNEL, PRESENCE_CHANNEL};
