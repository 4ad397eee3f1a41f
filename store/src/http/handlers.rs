//! The REST endpoints: push, pull, who-am-I, tokens, audit, health and metrics.

use super::contract::{contract, RequestSchema, RequestValues};
use super::error::ApiError;
use super::extract::{decoded_query, Auth, JsonBody};
use super::AppState;
use crate::engine::{self, NewMember};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use socialcare::model::Role;
use socialcare::sync::{PullRequest, PushRequest};
use std::collections::HashMap;
use std::sync::Arc;

/// `POST /v1/push`: the body is checked against `PushRequest` (client id, at most 500
/// mutations, ids ≥ 1); mutations are processed in the order given.
pub async fn push(
    State(state): State<Arc<AppState>>,
    Auth(principal): Auth,
    JsonBody(request): JsonBody<PushRequest>,
) -> Result<Response, ApiError> {
    let now = engine::now_ms();
    let team_id = principal.team_id;
    let (response, counts) = state
        .storage
        .write(Some(team_id), move |tx| {
            engine::push(tx, &principal, &request, now)
        })
        .await?;
    state.metrics.push(counts);
    Ok(Json(response).into_response())
}

/// `POST /v1/pull`.
pub async fn pull(
    State(state): State<Arc<AppState>>,
    Auth(principal): Auth,
    JsonBody(request): JsonBody<PullRequest>,
) -> Result<Response, ApiError> {
    let page = state
        .storage
        .read(move |tx| engine::pull(tx, &principal, &request))
        .await?;
    state.metrics.pull(page.changes.len());
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        page.to_json()?,
    )
        .into_response())
}

/// `GET /v1/me`.
pub async fn me(Auth(principal): Auth) -> Json<engine::Principal> {
    Json(principal)
}

/// `GET /v1/tokens` (admin).
pub async fn list_tokens(
    State(state): State<Arc<AppState>>,
    auth: Auth,
) -> Result<Response, ApiError> {
    auth.require(Role::Admin)?;
    let team_id = auth.0.team_id;
    let tokens = state
        .storage
        .read(move |tx| engine::list_tokens(tx, team_id))
        .await?;
    Ok(Json(serde_json::json!({ "tokens": tokens })).into_response())
}

/// The body of `POST /v1/tokens`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueTokenRequest {
    name: String,
    initials: String,
    role: Role,
}

impl RequestSchema for IssueTokenRequest {
    const SCHEMA: &'static str = "IssueTokenRequest";
}

/// `POST /v1/tokens` (admin): a new member and their token, shown once.
pub async fn issue_token(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    JsonBody(request): JsonBody<IssueTokenRequest>,
) -> Result<Response, ApiError> {
    auth.require(Role::Admin)?;
    let principal = auth.0;
    let member = NewMember {
        name: request.name,
        initials: request.initials,
        role: request.role,
    };
    member.validate()?;
    let now = engine::now_ms();
    let team_id = principal.team_id;
    let issued = state
        .storage
        .write(Some(team_id), move |tx| {
            engine::issue_token(
                tx,
                team_id,
                &principal.team,
                &principal.agent_id,
                &member,
                now,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, Json(issued)).into_response())
}

/// `DELETE /v1/tokens/{token_id}` (admin): revokes another token of the team.
pub async fn revoke_token(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    path: Result<Path<HashMap<String, String>>, PathRejection>,
) -> Result<Response, ApiError> {
    auth.require(Role::Admin)?;
    let Path(path) = path.map_err(|_| {
        ApiError::bad_request("invalid_path", "the token id in the path is not valid text")
    })?;
    let values = RequestValues {
        path: Some(&path),
        ..RequestValues::default()
    };
    let parameters = contract().parameters("delete", "/v1/tokens/{token_id}", &values)?;
    let token_id = parameters["path"]["token_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let principal = auth.0;
    if token_id == principal.token_id {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "own_token",
            "this is the token making the request; revoke it with another admin's token or `socialcare-store token revoke`",
        ));
    }
    let now = engine::now_ms();
    let team_id = principal.team_id;
    state
        .storage
        .write(Some(team_id), move |tx| {
            engine::revoke_token(tx, team_id, &principal.agent_id, &token_id, now)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The query of `GET /v1/audit`, once checked against the document.
#[derive(Debug, Deserialize)]
struct AuditQuery {
    #[serde(default)]
    after: u64,
    #[serde(default = "default_audit_limit")]
    limit: u32,
}

fn default_audit_limit() -> u32 {
    1_000
}

/// `GET /v1/audit?after=&limit=` (lead): the log of who changed what.
pub async fn audit(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    auth.require(Role::Lead)?;
    let query = decoded_query(query)?;
    let values = RequestValues {
        query: Some(&query),
        ..RequestValues::default()
    };
    let parameters = contract().parameters("get", "/v1/audit", &values)?;
    let AuditQuery { after, limit } = serde_json::from_value(parameters["query"].clone())
        .map_err(|error| ApiError::bad_request("invalid_query", error.to_string()))?;
    let team_id = auth.0.team_id;
    let rows = state
        .storage
        .read(move |tx| tx.log(team_id, after, limit))
        .await?;
    Ok(Json(serde_json::json!({ "entries": engine::audit_entries(rows) })).into_response())
}

/// `GET /healthz`: the store answers and its database too.
pub async fn healthz(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    state
        .storage
        .read(|tx| tx.teams().map(|teams| teams.len()))
        .await?;
    Ok(
        Json(serde_json::json!({ "status": "ok", "backend": state.storage.url().backend() }))
            .into_response(),
    )
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

/// `GET /openapi.json`.
pub async fn openapi() -> Json<serde_json::Value> {
    Json(super::openapi::document())
}

/// Any other path: 404 with a JSON body.
pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; see /openapi.json",
    )
}

/// A known path with another method: 405 with a JSON body.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method; see /openapi.json",
    )
}
