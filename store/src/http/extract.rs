//! Request extractors: JSON bodies with clear errors, and the bearer token.

use super::contract::{contract, RequestSchema};
use super::error::ApiError;
use super::AppState;
use crate::engine::Principal;
use crate::token;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use socialcare::model::Role;
use std::collections::HashMap;
use std::sync::Arc;

/// A JSON body checked against its schema in the document: 413 `body_too_large` when
/// too large, 400 `malformed_json` when not JSON (or not UTF-8), and the schema's code
/// (by default 400 `invalid_body`) when it breaks the schema.
pub struct JsonBody<T>(pub T);

impl<T: RequestSchema, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "body_too_large",
                        "the request body is larger than the store accepts",
                    )
                } else {
                    ApiError::bad_request("unreadable_body", rejection.body_text())
                }
            })?;
        contract().body(&bytes).map(JsonBody)
    }
}

/// The decoded query string, or 400 `invalid_query` when it does not decode (e.g. not UTF-8).
pub fn decoded_query(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<HashMap<String, String>, ApiError> {
    query
        .map(|Query(query)| query)
        .map_err(|rejection| ApiError::bad_request("invalid_query", rejection.body_text()))
}

/// The authenticated caller, from `Authorization: Bearer sct_…`; rate-limited per token.
pub struct Auth(pub Principal);

impl Auth {
    /// Refuses with 403 unless the caller has at least `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.0.role >= role {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "this needs the {role} role; you are {}",
                self.0.role
            )))
        }
    }
}

/// Checks a bearer token against the store and the rate limit.
pub async fn authenticate(state: &AppState, bearer: &str) -> Result<Principal, ApiError> {
    let Some((token_id, secret)) = token::parse(bearer) else {
        return Err(ApiError::unauthorized(
            "the bearer token is not a Socialcare token",
        ));
    };
    let token_id = token_id.to_owned();
    let presented = token::hash(secret);
    let row = state.storage.read(move |tx| tx.token(&token_id)).await?;
    let principal = match row {
        Some(row)
            if row.revoked_at.is_none() && token::hashes_match(&row.secret_hash, &presented) =>
        {
            Principal::from_token(row)
        }
        _ => return Err(ApiError::unauthorized("unknown or revoked token")),
    };
    state
        .limiter
        .check(&principal.token_id)
        .map_err(|wait| ApiError {
            retry_after: Some(wait),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests for this token; slow down",
            )
        })?;
    Ok(principal)
}

/// The bearer token of a request, if it has one.
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl FromRequestParts<Arc<AppState>> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        let bearer = bearer(parts)
            .ok_or_else(|| ApiError::unauthorized("send Authorization: Bearer <token>"))?;
        authenticate(state, bearer).await.map(Auth)
    }
}
