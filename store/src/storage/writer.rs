//! The storage handle: a writer thread with group commit and a pool of readers.

use super::{connect, connect_and_migrate, Connection, DatabaseUrl, Tx};
use crate::error::StoreError;
use crate::metrics::Metrics;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::{mpsc, oneshot};

/// Most jobs committed in one transaction.
const MAX_JOBS_PER_COMMIT: usize = 256;
/// Jobs that may wait for the writer before senders wait too (back-pressure).
const QUEUE_DEPTH: usize = 4_096;
/// Idle read connections kept open.
const IDLE_READERS: usize = 8;

/// Called after a commit for each team whose version moved: `(team_id, version)`.
pub type CommitListener = Arc<dyn Fn(i64, u64) + Send + Sync>;

type Completion = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
type JobRun = Box<dyn FnOnce(Result<&mut dyn Tx, StoreError>) -> Completion + Send>;

struct Job {
    team_id: Option<i64>,
    run: JobRun,
}

/// The handle every part of the store uses to read and write.
#[derive(Clone)]
pub struct Storage {
    jobs: mpsc::Sender<Job>,
    readers: Arc<ReadPool>,
    writer: Arc<Mutex<Option<JoinHandle<()>>>>,
    url: DatabaseUrl,
}

struct ReadPool {
    url: DatabaseUrl,
    idle: Mutex<Vec<Box<dyn Connection>>>,
}

impl Storage {
    /// Opens the database (creating and migrating it) and starts the writer thread.
    pub fn open(
        url: &DatabaseUrl,
        metrics: Arc<Metrics>,
        on_commit: CommitListener,
    ) -> Result<Storage, StoreError> {
        let (jobs, queue) = mpsc::channel(QUEUE_DEPTH);
        let (opened, outcome) = std::sync::mpsc::channel();
        let writer_url = url.clone();
        // The writer thread owns the write connection from the start: database drivers
        // that block (PostgreSQL's) must never run on the async threads.
        let writer = std::thread::Builder::new()
            .name("socialcare-writer".into())
            .spawn(move || match connect_and_migrate(&writer_url) {
                Ok(connection) => {
                    let _ = opened.send(Ok(()));
                    write_loop(connection, queue, &metrics, &on_commit);
                }
                Err(error) => {
                    let _ = opened.send(Err(error));
                }
            })
            .map_err(|error| {
                StoreError::Storage(format!("cannot start the writer thread: {error}"))
            })?;
        outcome.recv().map_err(|_| {
            StoreError::Storage("the writer thread died while opening the database".into())
        })??;
        Ok(Storage {
            jobs,
            readers: Arc::new(ReadPool {
                url: url.clone(),
                idle: Mutex::new(Vec::new()),
            }),
            writer: Arc::new(Mutex::new(Some(writer))),
            url: url.clone(),
        })
    }

    /// Which database this is.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Runs `work` in the next group commit (locking `team_id` first, if given) and
    /// returns its result only once the commit is durable. An error from `work` undoes
    /// its own writes and nothing else.
    pub async fn write<T: Send + 'static>(
        &self,
        team_id: Option<i64>,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        let run: JobRun = Box::new(move |tx: Result<&mut dyn Tx, StoreError>| {
            let result = tx.and_then(|tx| run_in_savepoint(tx, work));
            Box::new(move |committed: Result<(), StoreError>| {
                let _ = reply.send(committed.and(result));
            })
        });
        self.jobs
            .send(Job { team_id, run })
            .await
            .map_err(|_| StoreError::ShuttingDown)?;
        answer.await.map_err(|_| StoreError::ShuttingDown)?
    }

    /// Runs `work` in a read-only snapshot on a pooled connection, off the async threads.
    pub async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || readers.run(work))
            .await
            .map_err(|error| StoreError::Storage(format!("reader task failed: {error}")))?
    }

    /// Writes a consistent copy of the database to `path` (SQLite).
    pub async fn backup(&self, path: std::path::PathBuf) -> Result<(), StoreError> {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let mut connection = readers.take()?;
            let result = connection.backup(&path);
            readers.give_back(connection);
            result
        })
        .await
        .map_err(|error| StoreError::Storage(format!("backup task failed: {error}")))?
    }

    /// Stops taking writes, lets the writer commit what it holds, and waits for it.
    pub fn close(self) {
        let Storage { jobs, writer, .. } = self;
        drop(jobs);
        let handle = writer.lock().ok().and_then(|mut slot| slot.take());
        if let Some(handle) = handle {
            // Other clones of the sender may still exist (e.g. in tasks being torn down);
            // the writer ends once every one is gone.
            let _ = handle.join();
        }
    }
}

impl ReadPool {
    fn take(&self) -> Result<Box<dyn Connection>, StoreError> {
        let pooled = self
            .idle
            .lock()
            .map_err(|_| StoreError::Storage("reader pool poisoned".into()))?
            .pop();
        match pooled {
            Some(connection) => Ok(connection),
            None => connect(&self.url),
        }
    }

    fn give_back(&self, connection: Box<dyn Connection>) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE_READERS {
                idle.push(connection);
            }
        }
    }

    fn run<T>(
        &self,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut connection = self.take()?;
        let result = (|| {
            let mut tx = connection.begin_read()?;
            let value = work(tx.as_mut())?;
            tx.commit()?;
            Ok(value)
        })();
        // A connection that failed may be broken: only healthy ones go back.
        if !matches!(result, Err(StoreError::Storage(_))) {
            self.give_back(connection);
        }
        result
    }
}

fn run_in_savepoint<T>(
    tx: &mut dyn Tx,
    work: impl FnOnce(&mut dyn Tx) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    tx.savepoint()?;
    match work(tx) {
        Ok(value) => {
            tx.release_savepoint()?;
            Ok(value)
        }
        Err(error) => {
            tx.rollback_to_savepoint()?;
            Err(error)
        }
    }
}

fn write_loop(
    mut connection: Box<dyn Connection>,
    mut queue: mpsc::Receiver<Job>,
    metrics: &Metrics,
    on_commit: &CommitListener,
) {
    while let Some(first) = queue.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_JOBS_PER_COMMIT {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        metrics.commit_batch(batch.len());
        let moved = commit_batch(connection.as_mut(), batch);
        for (team_id, version) in moved {
            on_commit(team_id, version);
        }
    }
}

/// Runs one batch in one transaction; returns the teams whose version moved.
fn commit_batch(connection: &mut dyn Connection, batch: Vec<Job>) -> Vec<(i64, u64)> {
    let mut tx = match connection.begin_write() {
        Ok(tx) => tx,
        Err(error) => {
            tracing::error!(%error, "cannot start a write transaction");
            for job in batch {
                (job.run)(Err(error.clone()))(Err(error.clone()));
            }
            return Vec::new();
        }
    };
    // Lock every team of the batch in id order, so processes sharing a database never deadlock.
    let mut versions_before = BTreeMap::new();
    for team_id in batch.iter().filter_map(|job| job.team_id) {
        versions_before.entry(team_id).or_insert(0);
    }
    let mut lock_error = None;
    for (team_id, before) in versions_before.iter_mut() {
        match tx.lock_team(*team_id) {
            Ok(version) => *before = version,
            Err(error) => lock_error = Some(error),
        }
    }
    let completions: Vec<Completion> = batch
        .into_iter()
        .map(|job| match (&lock_error, job.team_id) {
            (Some(error), Some(_)) => (job.run)(Err(error.clone())),
            _ => (job.run)(Ok(tx.as_mut())),
        })
        .collect();
    let mut moved = Vec::new();
    let mut notify_error = None;
    for (team_id, before) in versions_before {
        match tx.team_version(team_id) {
            Ok(after) if after > before => {
                if let Err(error) = tx.notify(team_id, after) {
                    notify_error = Some(error);
                }
                moved.push((team_id, after));
            }
            Ok(_) => {}
            Err(error) => notify_error = Some(error),
        }
    }
    let committed = match notify_error {
        Some(error) => Err(error),
        None => tx.commit(),
    };
    if let Err(error) = &committed {
        tracing::error!(%error, "commit failed; the batch is not acknowledged");
        moved.clear();
    }
    for completion in completions {
        completion(committed.clone());
    }
    moved
}
