//! `GET /v1/guidelines/revisions?id=`: every published revision of a guideline, newest first
//! (any member of the team).

use super::contract::{contract, RequestValues};
use super::error::ApiError;
use super::extract::{decoded_query, Auth};
use super::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Serialize;
use socialcare::model::Role;
use std::collections::HashMap;
use std::sync::Arc;

/// One kept revision as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Revision {
    revision: u32,
    saved_by: String,
    saved_at: i64,
    format: String,
    source: String,
}

/// `GET /v1/guidelines/revisions?id=GUIDELINE_ID`: an unknown id has no revisions.
pub async fn revisions(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth.require(Role::Agent)?;
    let query = decoded_query(query)?;
    let values = RequestValues {
        query: Some(&query),
        ..RequestValues::default()
    };
    let parameters = contract().parameters("get", "/v1/guidelines/revisions", &values)?;
    let id = parameters["query"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let team_id = auth.0.team_id;
    let rows = state
        .storage
        .read(move |tx| tx.guideline_revisions(team_id, &id))
        .await?;
    let revisions: Vec<Revision> = rows
        .into_iter()
        .map(|row| Revision {
            revision: row.revision,
            saved_by: row.saved_by,
            saved_at: row.saved_at,
            format: row.format,
            source: row.source,
        })
        .collect();
    Ok(Json(serde_json::json!({ "revisions": revisions })))
}
