//! The store's operations inside a transaction: push, pull, teams and tokens.
//! Backend-neutral: everything goes through [`Tx`].

use crate::approval;
use crate::error::StoreError;
use crate::metrics::PushCounts;
use crate::storage::{ClientRow, EntityRow, GuidelineRevisionRow, LogRow, TokenRow, Tx};
use crate::token;
use axum::http::StatusCode;
use serde::Serialize;
use socialcare::model::{AuditOutcome, Guideline, Member, Role, TeamSettings};
use socialcare::sync::{
    self, hlc, Context, Cookie, Entity, EntityKind, EntityReader, MutationResult, Op, PullRequest,
    PushOutcome, PushRequest, PushResponse, Rejection, Versioned, MAX_PULL_LIMIT, SCHEMA_VERSION,
};

/// The client id of changes the store's administration makes (teams, tokens).
pub const ADMIN_CLIENT: &str = "_admin";

/// Who a request acts as, taken only from its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// Internal team id.
    #[serde(skip)]
    pub team_id: i64,
    /// The team's name.
    pub team: String,
    /// The token's public id.
    pub token_id: String,
    /// The member.
    pub agent_id: String,
    /// The member's name.
    pub name: String,
    /// The member's initials.
    pub initials: String,
    /// The member's role.
    pub role: Role,
}

impl Principal {
    /// The principal a valid, unrevoked token stands for.
    pub fn from_token(row: TokenRow) -> Principal {
        Principal {
            team_id: row.team_id,
            team: row.team_name,
            token_id: row.token_id,
            agent_id: row.agent_id,
            name: row.name,
            initials: row.initials,
            role: row.role,
        }
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or(0)
}

struct TxReader<'a> {
    tx: &'a mut dyn Tx,
    team_id: i64,
}

impl EntityReader for TxReader<'_> {
    type Error = StoreError;

    fn read(&mut self, kind: EntityKind, id: &str) -> Result<Option<Versioned>, StoreError> {
        match self.tx.entity(self.team_id, kind, id)? {
            Some((body, version)) => Ok(Some(Versioned {
                entity: Entity::from_body_json(kind, &body)?,
                version,
            })),
            None => Ok(None),
        }
    }
}

/// Applies a push: duplicates skipped, a gap stops the batch, rejections recorded.
pub fn push(
    tx: &mut dyn Tx,
    principal: &Principal,
    request: &PushRequest,
    now: i64,
) -> Result<(PushResponse, PushCounts), StoreError> {
    let team_id = principal.team_id;
    let mut client = match tx.client(team_id, &request.client_id)? {
        Some(client) if client.agent_id != principal.agent_id => {
            return Err(StoreError::refused(
                StatusCode::FORBIDDEN,
                "client_not_yours",
                format!(
                    "client {} belongs to another agent; use a client id of your own",
                    request.client_id
                ),
            ));
        }
        Some(client) => client,
        None => ClientRow {
            agent_id: principal.agent_id.clone(),
            last_mutation_id: 0,
            last_hlc: 0,
        },
    };
    let mut version = tx.lock_team(team_id)?;
    let mut results = Vec::with_capacity(request.mutations.len());
    let mut counts = PushCounts::default();
    let mut expected_id = None;
    for mutation in &request.mutations {
        if mutation.id <= client.last_mutation_id {
            counts.duplicate += 1;
            results.push(MutationResult {
                id: mutation.id,
                outcome: PushOutcome::Duplicate,
                code: None,
                message: None,
                version: None,
                refusal: None,
            });
            continue;
        }
        if mutation.id != client.last_mutation_id + 1 {
            expected_id = Some(client.last_mutation_id + 1);
            break;
        }
        version += 1;
        let clamped = hlc::clamp(mutation.hlc, now, client.last_hlc);
        let action_at = hlc::millis(clamped);
        let ctx = Context {
            agent_id: &principal.agent_id,
            role: principal.role,
            now_ms: action_at,
            version,
            hlc: clamped,
        };
        let outcome = match Op::parse(&mutation.name, &mutation.args) {
            Ok(op) => match sync::apply(
                &ctx,
                &op,
                &mut TxReader {
                    tx: &mut *tx,
                    team_id,
                },
            )? {
                Ok(applied) => approval::gate(tx, team_id, &op, applied)?,
                Err(rejection) => Err(rejection),
            },
            Err(error) => Err(Rejection::new(sync::Refusal::Unreadable {
                detail: format!("{}: {error}", mutation.name),
            })),
        };
        let (outcome, code, message, refusal) = match outcome {
            Ok(applied) => {
                for entity in &applied.writes {
                    tx.put_entity(team_id, entity, version)?;
                    if let Entity::Guideline(guideline) = entity {
                        tx.insert_guideline_revision(team_id, &revision_row(guideline))?;
                    }
                }
                counts.applied += 1;
                (AuditOutcome::Applied, applied.remark, None, None)
            }
            Err(rejection) => {
                counts.rejected += 1;
                (
                    AuditOutcome::Rejected,
                    Some(rejection.code.as_str().to_owned()),
                    Some(rejection.message),
                    Some(rejection.refusal),
                )
            }
        };
        tx.insert_log(
            team_id,
            &LogRow {
                version,
                client_id: request.client_id.clone(),
                mutation_id: mutation.id,
                agent_id: principal.agent_id.clone(),
                name: truncate(&mutation.name, 100),
                args: mutation.args.to_string(),
                outcome,
                code: code.clone(),
                message: message.clone(),
                at: now,
                action_at: Some(action_at),
                refusal: refusal.as_ref().map(serde_json::to_string).transpose()?,
            },
        )?;
        client.last_mutation_id = mutation.id;
        client.last_hlc = clamped;
        results.push(MutationResult {
            id: mutation.id,
            outcome: match outcome {
                AuditOutcome::Applied => PushOutcome::Applied,
                AuditOutcome::Rejected => PushOutcome::Rejected,
            },
            code,
            message,
            version: Some(version),
            refusal,
        });
    }
    tx.set_team_version(team_id, version)?;
    tx.put_client(team_id, &request.client_id, &client, now)?;
    Ok((
        PushResponse {
            last_mutation_id: client.last_mutation_id,
            version,
            results,
            expected_id,
        },
        counts,
    ))
}

/// The kept revision of a saved guideline.
fn revision_row(guideline: &Guideline) -> GuidelineRevisionRow {
    GuidelineRevisionRow {
        guideline_id: guideline.id.clone(),
        revision: guideline.revision,
        saved_by: guideline.updated_by.clone(),
        saved_at: guideline.updated_at,
        format: guideline.format.clone(),
        source: guideline.source.clone(),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// A rejected mutation of the pulling client.
#[derive(Debug, Serialize)]
pub struct RawRejection {
    /// The mutation id.
    pub mutation_id: u64,
    /// The version it took.
    pub version: u64,
    /// Stable code.
    pub code: String,
    /// Why, in English.
    pub message: String,
    /// Why, as data (`socialcare::sync::Refusal`, passed on as stored), when
    /// the mutators refused it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<serde_json::Value>,
}

/// A pull page; [`PullPage::to_json`] writes it exactly like [`socialcare::sync::PullResponse`].
#[derive(Debug)]
pub struct PullPage {
    /// The next cookie.
    pub cookie: Cookie,
    /// Whether the client must drop its copy first.
    pub reset: bool,
    /// The changed records.
    pub changes: Vec<EntityRow>,
    /// Whether more pages follow.
    pub more: bool,
    /// The client's last processed mutation id.
    pub last_mutation_id: u64,
    /// The client's rejections in this page's versions.
    pub rejected: Vec<RawRejection>,
}

/// Serves a pull page in one snapshot. A cookie from another schema, or from the
/// future (a restored backup), gets `reset` and a snapshot from version 0.
pub fn pull(
    tx: &mut dyn Tx,
    principal: &Principal,
    request: &PullRequest,
) -> Result<PullPage, StoreError> {
    let team_id = principal.team_id;
    let team_version = tx.team_version(team_id)?;
    let limit = request
        .limit
        .unwrap_or(MAX_PULL_LIMIT)
        .clamp(1, MAX_PULL_LIMIT);
    let (after, reset) = match request.cookie {
        None => (0, false),
        Some(cookie) if cookie.schema != SCHEMA_VERSION || cookie.version > team_version => {
            (0, true)
        }
        Some(cookie) => (cookie.version, false),
    };
    let ChangesPage {
        rows: changes,
        upto,
        more,
    } = changes_page(tx, team_id, after, limit, team_version)?;
    let client = tx.client(team_id, &request.client_id)?;
    let last_mutation_id = match &client {
        Some(client) if client.agent_id == principal.agent_id => client.last_mutation_id,
        _ => 0,
    };
    let rejected = if client.is_some_and(|client| client.agent_id == principal.agent_id) {
        tx.rejected(team_id, &request.client_id, after, upto)?
            .into_iter()
            .map(|row| RawRejection {
                mutation_id: row.mutation_id,
                version: row.version,
                code: row.code.unwrap_or_default(),
                message: row.message.unwrap_or_default(),
                refusal: row
                    .refusal
                    .and_then(|refusal| serde_json::from_str(&refusal).ok()),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(PullPage {
        cookie: Cookie {
            version: upto,
            schema: SCHEMA_VERSION,
        },
        reset,
        changes,
        more,
        last_mutation_id,
        rejected,
    })
}

/// Records changed after a version, at most about `limit` of them.
pub struct ChangesPage {
    /// The records, by version.
    pub rows: Vec<EntityRow>,
    /// Every change up to this version is in `rows` or in earlier pages.
    pub upto: u64,
    /// Whether changes after `upto` remain.
    pub more: bool,
}

/// One page of changes after `after`. A page never splits a version, so `upto` can
/// serve as a cookie: it holds `limit` records, or more when a single version wrote more.
pub fn changes_page(
    tx: &mut dyn Tx,
    team_id: i64,
    after: u64,
    limit: u32,
    team_version: u64,
) -> Result<ChangesPage, StoreError> {
    let mut rows = tx.changes(team_id, after, limit + 1)?;
    if rows.len() <= limit as usize {
        return Ok(ChangesPage {
            rows,
            upto: team_version,
            more: false,
        });
    }
    let boundary = rows[limit as usize].version;
    rows.retain(|row| row.version < boundary);
    if rows.is_empty() {
        rows = tx.changes_at(team_id, boundary)?;
        return Ok(ChangesPage {
            rows,
            upto: boundary,
            more: true,
        });
    }
    Ok(ChangesPage {
        rows,
        upto: boundary - 1,
        more: true,
    })
}

impl PullPage {
    /// The response body. Record bodies are copied as stored (the store wrote them with
    /// serde), which spares parsing every body again on the way out.
    pub fn to_json(&self) -> Result<String, StoreError> {
        use std::fmt::Write as _;
        let bodies: usize = self
            .changes
            .iter()
            .map(|row| row.body.len() + row.id.len() + 64)
            .sum();
        let mut out = String::with_capacity(bodies + 256);
        let _ = write!(
            out,
            "{{\"cookie\":{},\"reset\":{},\"more\":{},\"last_mutation_id\":{},\"rejected\":{},\"changes\":[",
            serde_json::to_string(&self.cookie)?,
            self.reset,
            self.more,
            self.last_mutation_id,
            serde_json::to_string(&self.rejected)?
        );
        for (index, row) in self.changes.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{{\"version\":{},\"id\":{},\"kind\":\"{}\",\"body\":{}}}",
                row.version,
                serde_json::to_string(&row.id)?,
                row.kind,
                row.body
            );
        }
        out.push_str("]}");
        Ok(out)
    }
}

/// A token just issued, with the secret shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedToken {
    /// The team.
    pub team: String,
    /// The token's public id.
    pub token_id: String,
    /// The new member's agent id.
    pub agent_id: String,
    /// The member's role.
    pub role: Role,
    /// The bearer token (never shown again).
    pub token: String,
}

/// What a new member is called and may do.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// Full name.
    pub name: String,
    /// Initials.
    pub initials: String,
    /// Role.
    pub role: Role,
}

impl NewMember {
    /// Checks name (1–100 characters) and initials (1–4 letters or digits).
    pub fn validate(&self) -> Result<(), StoreError> {
        let name_len = self.name.trim().chars().count();
        if !(1..=100).contains(&name_len) || self.name.chars().any(char::is_control) {
            return Err(StoreError::refused(
                StatusCode::BAD_REQUEST,
                "invalid_member",
                "name must be 1–100 characters",
            ));
        }
        if !(1..=4).contains(&self.initials.chars().count())
            || !self.initials.chars().all(char::is_alphanumeric)
        {
            return Err(StoreError::refused(
                StatusCode::BAD_REQUEST,
                "invalid_member",
                "initials must be 1–4 letters or digits",
            ));
        }
        Ok(())
    }
}

/// Appends an administrative change to the log at the next version and returns that version.
fn log_admin(
    tx: &mut dyn Tx,
    team_id: i64,
    agent_id: &str,
    name: &str,
    args: serde_json::Value,
    now: i64,
) -> Result<u64, StoreError> {
    let version = tx.lock_team(team_id)? + 1;
    tx.insert_log(
        team_id,
        &LogRow {
            version,
            client_id: ADMIN_CLIENT.into(),
            mutation_id: version,
            agent_id: agent_id.into(),
            name: name.into(),
            args: args.to_string(),
            outcome: AuditOutcome::Applied,
            code: None,
            message: None,
            at: now,
            action_at: None,
            refusal: None,
        },
    )?;
    tx.set_team_version(team_id, version)?;
    Ok(version)
}

/// Checks a team name: 1–64 lowercase letters, digits, `-` or `_`.
pub fn validate_team_name(name: &str) -> Result<(), StoreError> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_'
        });
    if valid {
        Ok(())
    } else {
        Err(StoreError::refused(
            StatusCode::BAD_REQUEST,
            "invalid_team_name",
            "a team name is 1–64 of a-z, 0-9, - and _",
        ))
    }
}

/// Creates a team with default settings and its first admin; returns the admin's token.
pub fn create_team(
    tx: &mut dyn Tx,
    name: &str,
    admin: &NewMember,
    now: i64,
) -> Result<IssuedToken, StoreError> {
    validate_team_name(name)?;
    admin.validate()?;
    if tx.team_by_name(name)?.is_some() {
        return Err(StoreError::refused(
            StatusCode::CONFLICT,
            "team_exists",
            format!("team {name} already exists"),
        ));
    }
    let team_id = tx.insert_team(name, now)?;
    let version = log_admin(
        tx,
        team_id,
        "_store",
        "team.create",
        serde_json::json!({ "name": name }),
        now,
    )?;
    let settings = Entity::Settings(TeamSettings::default());
    tx.put_entity(team_id, &settings, version)?;
    issue_token(tx, team_id, name, "_store", admin, now)
}

/// Issues a token for a new member of the team.
pub fn issue_token(
    tx: &mut dyn Tx,
    team_id: i64,
    team: &str,
    issued_by: &str,
    member: &NewMember,
    now: i64,
) -> Result<IssuedToken, StoreError> {
    member.validate()?;
    let new = token::generate();
    let agent_id = format!("ag_{}", token::random_hex(6));
    let version = log_admin(
        tx,
        team_id,
        issued_by,
        "token.issue",
        serde_json::json!({ "token_id": new.token_id, "agent_id": agent_id, "name": member.name, "role": member.role }),
        now,
    )?;
    tx.insert_token(&TokenRow {
        token_id: new.token_id.clone(),
        team_id,
        team_name: team.into(),
        agent_id: agent_id.clone(),
        name: member.name.trim().into(),
        initials: member.initials.clone(),
        role: member.role,
        secret_hash: new.secret_hash,
        created_at: now,
        revoked_at: None,
    })?;
    let record = Entity::Member(Member {
        agent_id: agent_id.clone(),
        name: member.name.trim().into(),
        initials: member.initials.clone(),
        role: member.role,
        active: true,
    });
    tx.put_entity(team_id, &record, version)?;
    Ok(IssuedToken {
        team: team.into(),
        token_id: new.token_id,
        agent_id,
        role: member.role,
        token: new.bearer,
    })
}

/// Revokes a token of the team and marks its member inactive.
pub fn revoke_token(
    tx: &mut dyn Tx,
    team_id: i64,
    revoked_by: &str,
    token_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    let token = tx.token(token_id)?.filter(|token| token.team_id == team_id);
    let Some(token) = token else {
        return Err(StoreError::not_found(format!(
            "no token {token_id} in this team"
        )));
    };
    if !tx.revoke_token(team_id, token_id, now)? {
        return Err(StoreError::refused(
            StatusCode::CONFLICT,
            "already_revoked",
            format!("token {token_id} is already revoked"),
        ));
    }
    let version = log_admin(
        tx,
        team_id,
        revoked_by,
        "token.revoke",
        serde_json::json!({ "token_id": token_id }),
        now,
    )?;
    let member = Entity::Member(Member {
        agent_id: token.agent_id.clone(),
        name: token.name,
        initials: token.initials,
        role: token.role,
        active: false,
    });
    tx.put_entity(team_id, &member, version)?;
    Ok(())
}

/// A token as listed (never its secret).
#[derive(Debug, Clone, Serialize)]
pub struct ListedToken {
    /// Public id.
    pub token_id: String,
    /// The member.
    pub agent_id: String,
    /// Name.
    pub name: String,
    /// Initials.
    pub initials: String,
    /// Role.
    pub role: Role,
    /// Issued at (Unix milliseconds).
    pub created_at: i64,
    /// Revoked at, if revoked.
    pub revoked_at: Option<i64>,
}

/// The team's tokens, without secrets.
pub fn list_tokens(tx: &mut dyn Tx, team_id: i64) -> Result<Vec<ListedToken>, StoreError> {
    Ok(tx
        .tokens(team_id)?
        .into_iter()
        .map(|row| ListedToken {
            token_id: row.token_id,
            agent_id: row.agent_id,
            name: row.name,
            initials: row.initials,
            role: row.role,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        })
        .collect())
}

/// Looks a team up by name, or refuses with `team_not_found`.
pub fn team_id(tx: &mut dyn Tx, name: &str) -> Result<i64, StoreError> {
    tx.team_by_name(name)?
        .map(|team| team.team_id)
        .ok_or_else(|| StoreError::not_found(format!("no team named {name}")))
}

/// The audit log as the API shows it.
pub fn audit_entries(rows: Vec<LogRow>) -> Vec<socialcare::model::AuditEntry> {
    rows.into_iter()
        .map(|row| socialcare::model::AuditEntry {
            version: row.version,
            agent_id: row.agent_id,
            client_id: row.client_id,
            mutation_id: row.mutation_id,
            name: row.name,
            args: serde_json::from_str(&row.args).unwrap_or(serde_json::Value::Null),
            outcome: row.outcome,
            code: row.code,
            message: row.message,
            refusal: row
                .refusal
                .and_then(|refusal| serde_json::from_str(&refusal).ok()),
            at: row.at,
            action_at: row.action_at,
        })
        .collect()
}
