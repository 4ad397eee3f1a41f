//! Where sync with the team's store stands, in one line, truthfully.

use super::when::clock_time;
use socialcare_views::{SyncState, SyncView};
use yew::prelude::*;

/// Properties of [`SyncStatus`].
#[derive(Properties, PartialEq, Clone)]
pub struct SyncStatusProps {
    /// The sync state from the worker.
    pub sync: SyncView,
}

/// "Synced", "N waiting to sync" or "Offline since HH:MM" (with what is
/// waiting), then the last error when there is one. Nothing when signed out.
#[function_component(SyncStatus)]
pub fn sync_status(props: &SyncStatusProps) -> Html {
    let sync = &props.sync;
    let line = match sync.state {
        SyncState::SignedOut => return Html::default(),
        SyncState::Synced => "Synced".to_owned(),
        SyncState::Waiting => waiting(sync.pending),
        SyncState::Offline => {
            let since = match sync.offline_since {
                Some(since) => format!("Offline since {}", clock_time(since)),
                None => "Offline".to_owned(),
            };
            match sync.pending {
                0 => since,
                pending => format!("{since} · {}", waiting(pending)),
            }
        }
    };
    let state = match sync.state {
        SyncState::SignedOut => "signed-out",
        SyncState::Synced => "synced",
        SyncState::Waiting => "waiting",
        SyncState::Offline => "offline",
    };
    html! {
        <section class={classes!("sync", format!("sync-{state}"))} aria-label="Sync">
            <p class="sync-line">{ line }</p>
            if let Some(error) = sync.last_error.as_ref().filter(|error| !error.is_empty()) {
                <p class="sync-error">{ format!("Last error: {error}") }</p>
            }
        </section>
    }
}

/// How many actions wait, in words.
fn waiting(pending: u32) -> String {
    match pending {
        1 => "1 action waiting to sync".to_owned(),
        n => format!("{n} actions waiting to sync"),
    }
}
