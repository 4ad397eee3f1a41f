//! The HTTP server: routes, layers (CORS, body limit, tracing), and graceful shutdown.

pub mod contract;
mod error;
mod extract;
mod guidelines;
mod handlers;
mod live;
mod members;
pub mod openapi;
mod reports;

use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::ratelimit::RateLimiter;
use crate::storage::Storage;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::Router;
use error::ErrorCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

/// Everything the handlers share.
pub struct AppState {
    /// The database.
    pub storage: Storage,
    /// Live pokes and presence.
    pub hub: Arc<Hub>,
    /// Per-token rate limits.
    pub limiter: RateLimiter,
    /// Counters.
    pub metrics: Arc<Metrics>,
    /// Live tickets.
    pub tickets: live::Tickets,
    /// Flips to true when the store stops; live connections close.
    pub shutdown: watch::Receiver<bool>,
}

/// Limits and origins of the HTTP server.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Extension origins allowed by CORS (e.g. `chrome-extension://<id>`); none allows no cross-origin caller.
    pub allow_origins: Vec<HeaderValue>,
    /// Largest request body, in bytes (413 beyond).
    pub max_body_bytes: usize,
}

/// Builds the router with every endpoint and layer.
pub fn router(state: Arc<AppState>, config: &HttpConfig) -> Router {
    // Compile the contract now, so a document that does not compile stops the store at start.
    contract::contract();
    let metrics = state.metrics.clone();
    let mut router = Router::new()
        .route("/healthz", get(handlers::healthz))
        .route("/metrics", get(handlers::metrics))
        .route("/openapi.json", get(handlers::openapi))
        .route("/v1/me", get(handlers::me))
        .route("/v1/push", post(handlers::push))
        .route("/v1/pull", post(handlers::pull))
        .route(
            "/v1/tokens",
            get(handlers::list_tokens).post(handlers::issue_token),
        )
        .route("/v1/tokens/{token_id}", delete(handlers::revoke_token))
        .route("/v1/audit", get(handlers::audit))
        .route("/v1/members", get(members::list))
        .route("/v1/guidelines/revisions", get(guidelines::revisions))
        .route("/v1/reports/team", get(reports::team))
        .route("/v1/reports/ideas", get(reports::ideas))
        .route("/v1/live/ticket", post(live::issue_ticket))
        .route("/v1/live", get(live::connect))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::map_response(move |response: Response| {
            let metrics = metrics.clone();
            async move {
                if let Some(ErrorCode(code)) = response.extensions().get::<ErrorCode>() {
                    metrics.error_response(response.status().as_u16(), code);
                }
                response
            }
        }))
        .layer(TraceLayer::new_for_http());
    if !config.allow_origins.is_empty() {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(config.allow_origins.clone()))
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
                .max_age(Duration::from_secs(600)),
        );
    }
    router
}
