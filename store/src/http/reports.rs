//! `GET /v1/reports/team` and `GET /v1/reports/ideas`: the team report and the
//! product ideas (lead and admin).

use super::error::ApiError;
use super::extract::Auth;
use super::AppState;
use crate::engine;
use crate::idea_report;
use crate::report::{self, Period};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use socialcare::model::Role;
use std::collections::HashMap;
use std::sync::Arc;

/// `GET /v1/reports/team?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=IANA`: the caller's team's report.
pub async fn team(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let period = lead_period(&auth, query)?;
    let principal = auth.0;
    let now = engine::now_ms();
    let report = state
        .storage
        .read(move |tx| {
            let data = report::load(tx, principal.team_id)?;
            Ok(report::compute(&principal.team, &data, &period, now))
        })
        .await?;
    Ok(Json(report).into_response())
}

/// `GET /v1/reports/ideas?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=IANA`: the caller's team's
/// product ideas of the period, grouped by wording.
pub async fn ideas(
    State(state): State<Arc<AppState>>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let period = lead_period(&auth, query)?;
    let team_id = auth.0.team_id;
    let report = state
        .storage
        .read(move |tx| idea_report::ideas(tx, team_id, &period))
        .await?;
    Ok(Json(report).into_response())
}

/// The period a report asks for (`from`, `to`, `tz`), once the caller is
/// known to be a lead or an admin.
fn lead_period(
    auth: &Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Period, ApiError> {
    auth.require(Role::Lead)?;
    let Query(query) =
        query.map_err(|rejection| ApiError::bad_request("invalid_query", rejection.body_text()))?;
    let param = |name: &str| query.get(name).map(String::as_str);
    Ok(Period::parse(param("from"), param("to"), param("tz"))?)
}
