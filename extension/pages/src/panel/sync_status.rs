//! Where sync with the team's store stands, in one line, truthfully.

use super::when::moment;
use crate::clock::use_now;
use crate::format::number;
use crate::i18n::{t, t_count, t_with};
use socialcare_views::{SyncState, SyncView};
use yew::prelude::*;

/// How often the line re-reads the clock (an offline spell that began
/// yesterday is given with its date).
const MINUTE_MS: u32 = 60_000;

/// Properties of [`SyncStatus`].
#[derive(Properties, PartialEq, Clone)]
pub struct SyncStatusProps {
    /// The sync state from the worker.
    pub sync: SyncView,
}

/// "Synced", "N waiting to sync" or "Offline since HH:MM" (its date too
/// when not today; with what is waiting), then the last error when there is one. Nothing when signed out.
#[function_component(SyncStatus)]
pub fn sync_status(props: &SyncStatusProps) -> Html {
    let now = use_now(MINUTE_MS);
    let sync = &props.sync;
    let line = match sync.state {
        SyncState::SignedOut => return Html::default(),
        SyncState::Synced => t("panel_synced"),
        SyncState::Waiting => waiting(sync.pending),
        SyncState::Offline => {
            let since = match sync.offline_since {
                Some(since) => {
                    let since = moment(since, now);
                    let key = if since.today {
                        "panel_offline_since"
                    } else {
                        "panel_offline_since_on"
                    };
                    t_with(key, &[&since.text])
                }
                None => t("panel_offline"),
            };
            match sync.pending {
                0 => since,
                pending => t_with("panel_offline_waiting", &[&since, &waiting(pending)]),
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
        <section class={classes!("sync", format!("sync-{state}"))} aria-label={t("panel_sync")}>
            <p class="sync-line">{ line }</p>
            if let Some(error) = sync.last_error.as_ref().filter(|error| !error.is_empty()) {
                <p class="sync-error">{ t_with("panel_last_error", &[error]) }</p>
            }
        </section>
    }
}

/// How many actions wait, in words.
fn waiting(pending: u32) -> String {
    let pending = f64::from(pending);
    t_count("panel_waiting", pending, &[&number(pending)])
}
