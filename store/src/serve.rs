//! `serve`: the HTTP server, the live fan-out across processes, and graceful shutdown.

use crate::cli::ServeArgs;
use crate::http::{router, AppState, HttpConfig};
use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::ratelimit::RateLimiter;
use crate::storage::{DatabaseUrl, Storage};
use anyhow::{bail, Context as _};
use axum::http::HeaderValue;
use axum::serve::ListenerExt;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Runs the store until SIGTERM or Ctrl-C, then finishes in-flight requests and commits.
pub async fn serve(url: DatabaseUrl, args: ServeArgs) -> anyhow::Result<()> {
    let allow_origins = parse_origins(&args.allow_origins)?;
    let metrics = Arc::new(Metrics::default());
    let hub = Arc::new(Hub::new(metrics.clone()));
    let poke_hub = hub.clone();
    let storage = Storage::open(
        &url,
        metrics.clone(),
        Arc::new(move |team_id, version| poke_hub.poke(team_id, version)),
    )
    .with_context(|| format!("opening the {} database", url.backend()))?;
    let (stop, shutdown) = watch::channel(false);
    let state = Arc::new(AppState {
        storage: storage.clone(),
        hub: hub.clone(),
        limiter: RateLimiter::new(args.rate_limit, args.rate_burst),
        metrics,
        tickets: Default::default(),
        shutdown: shutdown.clone(),
    });
    let app = router(
        state,
        &HttpConfig {
            allow_origins,
            max_body_bytes: args.max_body_bytes,
        },
    );

    let poller = tokio::spawn(poll_versions(
        storage.clone(),
        hub.clone(),
        Duration::from_millis(args.poll_interval_ms.max(10)),
    ));
    if let DatabaseUrl::Postgres(pg_url) = &url {
        crate::fanout::start(pg_url.clone(), hub.clone(), shutdown.clone());
    }

    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("listening on {}", args.listen))?;
    let address = listener.local_addr()?;
    // The first line on stdout is the address: scripts and tests read it.
    println!(
        "socialcare-store listening on http://{address} ({} database)",
        url.backend()
    );
    tracing::info!(%address, backend = url.backend(), "serving");
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            tracing::info!("stopping: finishing in-flight requests");
            let _ = stop.send(true);
        })
        .await?;
    poller.abort();
    let _ = poller.await;
    tokio::task::spawn_blocking(move || storage.close()).await?;
    tracing::info!("stopped");
    Ok(())
}

fn parse_origins(origins: &[String]) -> anyhow::Result<Vec<HeaderValue>> {
    origins
        .iter()
        .map(|origin| origin.trim())
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            let scheme_ok = ["chrome-extension://", "moz-extension://", "https://", "http://"].iter().any(|scheme| origin.starts_with(scheme));
            if !scheme_ok || origin.ends_with('/') {
                bail!("--allow-origin {origin:?}: expected e.g. chrome-extension://<extension id>, without a trailing slash");
            }
            HeaderValue::from_str(origin).with_context(|| format!("--allow-origin {origin:?}"))
        })
        .collect()
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// The backstop of cross-process pokes: reads the versions of watched teams now and then.
async fn poll_versions(storage: Storage, hub: Arc<Hub>, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let watched = hub.watched_teams();
        if watched.is_empty() {
            continue;
        }
        let teams: Vec<i64> = watched.iter().map(|(team_id, _)| *team_id).collect();
        let versions = storage
            .read(move |tx| {
                teams
                    .into_iter()
                    .map(|team_id| Ok((team_id, tx.team_version(team_id)?)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await;
        match versions {
            Ok(versions) => versions
                .into_iter()
                .for_each(|(team_id, version)| hub.poke(team_id, version)),
            Err(error) => tracing::warn!(%error, "version poll failed"),
        }
    }
}
