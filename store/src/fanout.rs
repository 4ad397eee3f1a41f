//! Cross-process fan-out on PostgreSQL. Pokes: every process LISTENs for the
//! `team:version` notifications writers send at commit (a hint; the version poll in
//! `serve` is the backstop). Presence: each process relays its live clients'
//! presence with NOTIFY and applies the other processes' (never stored).

use crate::hub::Hub;
use crate::storage::{PgConnection, CHANGES_CHANNEL, PRESENCE_CHANNEL};
use crate::token;
use serde::{Deserialize, Serialize};
use socialcare::sync::PresenceEntry;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How long a lost connection waits before reconnecting.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

/// Presence as it travels between processes.
#[derive(Debug, Serialize, Deserialize)]
struct RelayedPresence {
    origin: String,
    team_id: i64,
    entry: PresenceEntry,
}

/// Starts the LISTEN thread and the presence relay thread; both reconnect after
/// failures until the store stops.
pub fn start(url: String, hub: Arc<Hub>, shutdown: watch::Receiver<bool>) {
    let origin = token::random_hex(8);
    let (relay, outgoing) = mpsc::channel::<(i64, PresenceEntry)>();
    hub.relay_presence_to(relay);
    spawn("socialcare-listen", {
        let (url, hub, origin, shutdown) =
            (url.clone(), hub.clone(), origin.clone(), shutdown.clone());
        move || {
            while !*shutdown.borrow() {
                let result = PgConnection::open(&url).and_then(|connection| {
                    connection
                        .listen(|channel, payload| on_notification(&hub, &origin, channel, payload))
                });
                if let Err(error) = result {
                    tracing::warn!(%error, "LISTEN connection lost; polling covers pokes until it is back");
                }
                std::thread::sleep(RECONNECT_AFTER);
            }
        }
    });
    spawn("socialcare-relay", move || {
        let mut connection = None;
        while let Ok((team_id, entry)) = outgoing.recv() {
            let payload = match serde_json::to_string(&RelayedPresence {
                origin: origin.clone(),
                team_id,
                entry,
            }) {
                Ok(payload) => payload,
                Err(_) => continue,
            };
            if connection.is_none() {
                connection = PgConnection::open(&url)
                    .map_err(|error| tracing::warn!(%error, "presence relay cannot connect"))
                    .ok();
            }
            if let Some(open) = connection.as_mut() {
                if let Err(error) = open.publish(PRESENCE_CHANNEL, &payload) {
                    tracing::warn!(%error, "presence relay lost its connection");
                    connection = None;
                }
            }
        }
    });
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    if let Err(error) = std::thread::Builder::new().name(name.into()).spawn(work) {
        tracing::warn!(%error, thread = name, "cannot start a fan-out thread; other processes are reached by polling only");
    }
}

fn on_notification(hub: &Hub, origin: &str, channel: &str, payload: &str) {
    if channel == CHANGES_CHANNEL {
        if let Some((team_id, version)) = payload
            .split_once(':')
            .and_then(|(team, version)| Some((team.parse().ok()?, version.parse().ok()?)))
        {
            hub.poke(team_id, version);
        }
    } else if channel == PRESENCE_CHANNEL {
        if let Ok(relayed) = serde_json::from_str::<RelayedPresence>(payload) {
            if relayed.origin != origin {
                hub.remote_presence(relayed.team_id, relayed.entry);
            }
        }
    }
}
