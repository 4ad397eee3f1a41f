//! The live channel: a WebSocket carrying pokes and presence.
//!
//! Browsers cannot set headers on a WebSocket, so a client first trades its bearer
//! token for a single-use ticket (`POST /v1/live/ticket`, valid 30 s) and connects
//! with `GET /v1/live?ticket=…`. Other clients may send the bearer header instead.

use super::contract::{contract, RequestValues};
use super::error::ApiError;
use super::extract::{authenticate, bearer, decoded_query, Auth};
use super::AppState;
use crate::engine::{now_ms, Principal};
use crate::token;
use axum::extract::rejection::QueryRejection;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use socialcare::sync::{LiveClientMessage, LiveServerMessage, PresenceEntry, PRESENCE_TTL_MS};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast::error::RecvError;

/// How long a live ticket stays valid.
const TICKET_TTL: Duration = Duration::from_secs(30);
/// Largest message a live client may send.
const MAX_CLIENT_MESSAGE_BYTES: usize = 16 * 1024;

/// Messages a live client may send per second (presence heartbeats need a few a minute).
const MESSAGES_PER_SECOND: u32 = 20;

/// Counts a connection's messages in one-second windows.
struct MessageBudget {
    window: Instant,
    used: u32,
}

impl Default for MessageBudget {
    fn default() -> Self {
        MessageBudget {
            window: Instant::now(),
            used: 0,
        }
    }
}

impl MessageBudget {
    /// Takes one message from this second's budget; false when it is spent.
    fn take(&mut self) -> bool {
        if self.window.elapsed() >= Duration::from_secs(1) {
            *self = MessageBudget::default();
        }
        self.used += 1;
        self.used <= MESSAGES_PER_SECOND
    }
}

/// Single-use live tickets of this process.
#[derive(Default)]
pub struct Tickets(std::sync::Mutex<HashMap<String, (Principal, Instant)>>);

impl Tickets {
    fn issue(&self, principal: Principal) -> String {
        let ticket = token::random_hex(24);
        let mut tickets = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        tickets.retain(|_, (_, issued)| now.duration_since(*issued) < TICKET_TTL);
        tickets.insert(ticket.clone(), (principal, now));
        ticket
    }

    fn redeem(&self, ticket: &str) -> Option<Principal> {
        let mut tickets = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (principal, issued) = tickets.remove(ticket)?;
        (issued.elapsed() < TICKET_TTL).then_some(principal)
    }
}

/// `POST /v1/live/ticket`.
pub async fn issue_ticket(
    State(state): State<Arc<AppState>>,
    Auth(principal): Auth,
) -> Json<serde_json::Value> {
    let ticket = state.tickets.issue(principal);
    Json(serde_json::json!({ "ticket": ticket, "expires_in_seconds": TICKET_TTL.as_secs() }))
}

/// `GET /v1/live`: upgrades to the live WebSocket. 426 without an `Upgrade` header; 400
/// when an upgrade header breaks its schema in the document; 401 without valid credentials.
pub async fn connect(
    State(state): State<Arc<AppState>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let (mut parts, _body) = request.into_parts();
    if !parts.headers.contains_key(header::UPGRADE) {
        let mut response = ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            "upgrade_required",
            "this is the live WebSocket: connect with a WebSocket client (Upgrade: websocket)",
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        return Ok(response);
    }
    let query = decoded_query(query)?;
    let values = RequestValues {
        query: Some(&query),
        path: None,
        headers: Some(&parts.headers),
    };
    contract().parameters("get", "/v1/live", &values)?;
    let principal = match (query.get("ticket"), bearer(&parts)) {
        (Some(ticket), _) => state
            .tickets
            .redeem(ticket)
            .ok_or_else(|| ApiError::unauthorized("unknown, used or expired live ticket"))?,
        (None, Some(bearer)) => authenticate(&state, bearer).await?,
        (None, None) => {
            return Err(ApiError::unauthorized(
                "connect with ?ticket= from POST /v1/live/ticket, or a bearer token",
            ))
        }
    };
    let upgrade = WebSocketUpgrade::from_request_parts(&mut parts, &state)
        .await
        .map_err(|rejection| ApiError::bad_request("invalid_header", rejection.body_text()))?;
    Ok(upgrade
        .max_message_size(MAX_CLIENT_MESSAGE_BYTES)
        .on_upgrade(move |socket| serve_socket(state, principal, socket))
        .into_response())
}

async fn send(socket: &mut WebSocket, message: &LiveServerMessage) -> bool {
    let text = serde_json::to_string(message).unwrap_or_default();
    socket
        .send(Message::Text(Utf8Bytes::from(text)))
        .await
        .is_ok()
}

async fn serve_socket(state: Arc<AppState>, principal: Principal, mut socket: WebSocket) {
    state.metrics.live_connections(1);
    let team_id = principal.team_id;
    let (mut events, presence) = state.hub.subscribe(team_id, now_ms());
    let mut shutdown = state.shutdown.clone();
    let mut budget = MessageBudget::default();
    let version = state.storage.read(move |tx| tx.team_version(team_id)).await;
    let hello = match version {
        Ok(version) => LiveServerMessage::Hello { version, presence },
        Err(error) => LiveServerMessage::Error {
            code: "storage_unavailable".into(),
            message: error.to_string(),
        },
    };
    if send(&mut socket, &hello).await {
        loop {
            tokio::select! {
                event = events.recv() => match event {
                    Ok(text) => {
                        if socket.send(Message::Text(Utf8Bytes::from(&*text))).await.is_err() {
                            break;
                        }
                    }
                    Err(RecvError::Lagged(_)) => {
                        // Fell behind: a fresh poke makes the client pull everything it missed.
                        let version = state.storage.read(move |tx| tx.team_version(team_id)).await.unwrap_or(0);
                        if !send(&mut socket, &LiveServerMessage::Poke { version }).await {
                            break;
                        }
                    }
                    Err(RecvError::Closed) => break,
                },
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        let reply = if budget.take() {
                            handle_client_message(&state, &principal, text.as_str())
                        } else {
                            Some(LiveServerMessage::Error { code: "rate_limited".into(), message: format!("at most {MESSAGES_PER_SECOND} messages a second") })
                        };
                        if let Some(reply) = reply {
                            if !send(&mut socket, &reply).await {
                                break;
                            }
                        }
                    }
                    Some(Ok(Message::Binary(_))) => {
                        let error = LiveServerMessage::Error { code: "invalid_message".into(), message: "send JSON text frames".into() };
                        if !send(&mut socket, &error).await {
                            break;
                        }
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
                _ = shutdown.changed() => {
                    let _ = socket.send(Message::Close(None)).await;
                    break;
                }
            }
        }
    }
    state
        .hub
        .forget_agent(team_id, &principal.agent_id, now_ms());
    state.metrics.live_connections(-1);
}

fn handle_client_message(
    state: &AppState,
    principal: &Principal,
    text: &str,
) -> Option<LiveServerMessage> {
    match serde_json::from_str::<LiveClientMessage>(text) {
        Ok(LiveClientMessage::Ping) => Some(LiveServerMessage::Pong),
        Ok(LiveClientMessage::Presence {
            item,
            state: presence,
        }) => {
            let entry = PresenceEntry {
                agent_id: principal.agent_id.clone(),
                initials: principal.initials.clone(),
                item,
                state: presence,
                expires_at: now_ms() + PRESENCE_TTL_MS,
            };
            state.hub.presence(principal.team_id, entry);
            None
        }
        Err(error) => Some(LiveServerMessage::Error {
            code: "invalid_message".into(),
            message: error.to_string(),
        }),
    }
}
