//! The REST endpoints: push, pull, who-am-I, tokens, audit, health and metrics.

use super::error::ApiError;
use super::extract::{Auth, JsonBody};
use super::AppState;
use crate::engine::{self, NewMember};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use socialcare::model::Role;
use socialcare::sync::{is_valid_client_id, PullRequest, PushRequest, MAX_MUTATIONS_PER_PUSH};
use std::collections::HashMap;
use std::sync::Arc;

fn check_client_id(client_id: &str) -> Result<(), ApiError> {
    if is_valid_client_id(client_id) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "invalid_client_id",
            "client_id must be 1–64 of A-Z, a-z, 0-9, - and _, starting with a letter or digit",
        ))
    }
}

/// `POST /v1/push`.
pub async fn push(
    State(state): State<Arc<AppState>>,
    Auth(principal): Auth,
    JsonBody(request): JsonBody<PushRequest>,
) -> Result<Response, ApiError> {
    check_client_id(&request.client_id)?;
    if request.mutations.len() > MAX_MUTATIONS_PER_PUSH {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            format!("a push carries at most {MAX_MUTATIONS_PER_PUSH} mutations; split the batch"),
        ));
    }
    if request
        .mutations
        .windows(2)
        .any(|pair| pair[1].id <= pair[0].id)
    {
        return Err(ApiError::bad_request(
            "invalid_body",
            "mutation ids must strictly increase within a push",
        ));
    }
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
    check_client_id(&request.client_id)?;
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

/// `DELETE /v1/tokens/{token_id}` (admin).
pub async fn revoke_token(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    token_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    auth.require(Role::Admin)?;
    let Path(token_id) = token_id.map_err(|_| {
        ApiError::bad_request("invalid_path", "the token id in the path is not valid text")
    })?;
    let principal = auth.0;
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

fn query_number(
    query: &HashMap<String, String>,
    name: &str,
    default: u64,
) -> Result<u64, ApiError> {
    match query.get(name) {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| {
            ApiError::bad_request(
                "invalid_query",
                format!("{name} must be a non-negative integer"),
            )
        }),
    }
}

/// `GET /v1/audit?after=&limit=` (lead): the log of who changed what.
pub async fn audit(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    auth.require(Role::Lead)?;
    let Query(query) =
        query.map_err(|rejection| ApiError::bad_request("invalid_query", rejection.body_text()))?;
    let after = query_number(&query, "after", 0)?;
    let limit = query_number(&query, "limit", 1_000)?.clamp(1, 5_000) as u32;
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
