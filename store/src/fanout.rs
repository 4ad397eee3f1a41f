//! Cross-process pokes on PostgreSQL: LISTEN on a dedicated connection (a hint;
//! the version poll in `serve` is the backstop).

use crate::hub::Hub;
use crate::storage::listen_postgres;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Starts a thread that turns `NOTIFY socialcare_changes 'team:version'` into local pokes,
/// reconnecting after failures until the store stops.
pub fn listen_for_changes(url: String, hub: Arc<Hub>, shutdown: watch::Receiver<bool>) {
    let spawned = std::thread::Builder::new().name("socialcare-listen".into()).spawn(move || {
        while !*shutdown.borrow() {
            let result = listen_postgres(&url, |payload| {
                if let Some((team_id, version)) = parse_payload(payload) {
                    hub.poke(team_id, version);
                }
            });
            if let Err(error) = result {
                tracing::warn!(%error, "LISTEN connection lost; polling covers the gap until it is back");
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    if let Err(error) = spawned {
        tracing::warn!(%error, "cannot start the LISTEN thread; cross-process pokes rely on polling");
    }
}

fn parse_payload(payload: &str) -> Option<(i64, u64)> {
    let (team_id, version) = payload.split_once(':')?;
    Some((team_id.parse().ok()?, version.parse().ok()?))
}
