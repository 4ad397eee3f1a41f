//! Counters and gauges, rendered as Prometheus text at `GET /metrics`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

/// The store's metrics.
#[derive(Default)]
pub struct Metrics {
    commit_batches: AtomicU64,
    commit_jobs: AtomicU64,
    mutations_applied: AtomicU64,
    mutations_rejected: AtomicU64,
    mutations_duplicate: AtomicU64,
    pulls: AtomicU64,
    pull_records: AtomicU64,
    live_connections: AtomicI64,
    pokes_sent: AtomicU64,
    responses: Mutex<BTreeMap<(u16, String), u64>>,
}

/// What became of the mutations of one push.
#[derive(Debug, Clone, Copy, Default)]
pub struct PushCounts {
    /// Applied now.
    pub applied: u64,
    /// Rejected now.
    pub rejected: u64,
    /// Seen before.
    pub duplicate: u64,
}

impl Metrics {
    /// One group commit of `jobs` jobs.
    pub fn commit_batch(&self, jobs: usize) {
        self.commit_batches.fetch_add(1, Ordering::Relaxed);
        self.commit_jobs.fetch_add(jobs as u64, Ordering::Relaxed);
    }

    /// One acknowledged push.
    pub fn push(&self, counts: PushCounts) {
        self.mutations_applied
            .fetch_add(counts.applied, Ordering::Relaxed);
        self.mutations_rejected
            .fetch_add(counts.rejected, Ordering::Relaxed);
        self.mutations_duplicate
            .fetch_add(counts.duplicate, Ordering::Relaxed);
    }

    /// One pull page of `records` records.
    pub fn pull(&self, records: usize) {
        self.pulls.fetch_add(1, Ordering::Relaxed);
        self.pull_records
            .fetch_add(records as u64, Ordering::Relaxed);
    }

    /// A live connection opened (+1) or closed (-1).
    pub fn live_connections(&self, delta: i64) {
        self.live_connections.fetch_add(delta, Ordering::Relaxed);
    }

    /// A poke broadcast to a team.
    pub fn poke(&self) {
        self.pokes_sent.fetch_add(1, Ordering::Relaxed);
    }

    /// One HTTP error response with its stable code.
    pub fn error_response(&self, status: u16, code: &str) {
        if let Ok(mut responses) = self.responses.lock() {
            *responses.entry((status, code.to_owned())).or_insert(0) += 1;
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let counter = |out: &mut String, name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        };
        counter(
            &mut out,
            "socialcare_commit_batches_total",
            "Group commits.",
            self.commit_batches.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "socialcare_commit_jobs_total",
            "Write jobs committed (pushes and administration).",
            self.commit_jobs.load(Ordering::Relaxed),
        );
        let _ = writeln!(out, "# HELP socialcare_mutations_total Pushed mutations by outcome.\n# TYPE socialcare_mutations_total counter");
        for (outcome, value) in [
            ("applied", &self.mutations_applied),
            ("rejected", &self.mutations_rejected),
            ("duplicate", &self.mutations_duplicate),
        ] {
            let _ = writeln!(
                out,
                "socialcare_mutations_total{{outcome=\"{outcome}\"}} {}",
                value.load(Ordering::Relaxed)
            );
        }
        counter(
            &mut out,
            "socialcare_pulls_total",
            "Pull pages served.",
            self.pulls.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "socialcare_pull_records_total",
            "Records sent in pulls.",
            self.pull_records.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "socialcare_pokes_total",
            "Pokes broadcast to live clients.",
            self.pokes_sent.load(Ordering::Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP socialcare_live_connections Open live connections.\n# TYPE socialcare_live_connections gauge\nsocialcare_live_connections {}",
            self.live_connections.load(Ordering::Relaxed)
        );
        let _ = writeln!(out, "# HELP socialcare_error_responses_total Error responses by status and code.\n# TYPE socialcare_error_responses_total counter");
        if let Ok(responses) = self.responses.lock() {
            for ((status, code), value) in responses.iter() {
                let _ = writeln!(out, "socialcare_error_responses_total{{status=\"{status}\",code=\"{code}\"}} {value}");
            }
        }
        out
    }
}
