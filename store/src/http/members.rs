//! `GET /v1/members`: the team's members, roles and last activity (lead and admin).

use super::error::ApiError;
use super::extract::Auth;
use super::AppState;
use crate::error::StoreError;
use crate::storage::Tx;
use axum::extract::State;
use axum::Json;
use serde::Serialize;
use socialcare::model::{Member, Role};
use socialcare::sync::EntityKind;
use std::collections::HashMap;
use std::sync::Arc;

/// One member as the console lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberActivity {
    /// The agent id.
    pub id: String,
    /// The member's name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Their latest push (Unix milliseconds), if they ever pushed.
    pub last_active_at: Option<i64>,
}

/// The team's active members (those with an unrevoked token), by name.
pub fn members(tx: &mut dyn Tx, team_id: i64) -> Result<Vec<MemberActivity>, StoreError> {
    let last_pushes: HashMap<String, i64> = tx.last_pushes(team_id)?.into_iter().collect();
    let mut members = Vec::new();
    for row in tx.entities_of(team_id, EntityKind::Member)? {
        let member: Member = serde_json::from_str(&row.body)?;
        if member.active {
            members.push(MemberActivity {
                last_active_at: last_pushes.get(&member.agent_id).copied(),
                id: member.agent_id,
                name: member.name,
                role: member.role,
            });
        }
    }
    members.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(members)
}

/// `GET /v1/members` (lead and admin).
pub async fn list(
    State(state): State<Arc<AppState>>,
    auth: Auth,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth.require(Role::Lead)?;
    let team_id = auth.0.team_id;
    let members = state.storage.read(move |tx| members(tx, team_id)).await?;
    Ok(Json(serde_json::json!({ "members": members })))
}
