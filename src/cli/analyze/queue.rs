//! The runs of lines of the block `socialcare analyze` is analysing: every
//! thread takes the next run not yet taken, and the thread that reads and
//! writes waits until the block's runs are all done.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// A run of lines to analyse.
pub(super) struct Job {
    /// The block the run is in.
    pub(super) block: Arc<Vec<u8>>,
    /// The run's bytes in the block.
    pub(super) run: std::ops::Range<usize>,
    /// The number of its first line.
    pub(super) first_line: usize,
    /// A buffer for its output.
    pub(super) output: Vec<u8>,
    /// Its place among the block's runs.
    pub(super) index: usize,
}

/// A run analysed.
pub(super) struct Done {
    /// Its place among the block's runs.
    pub(super) index: usize,
    /// Its output lines.
    pub(super) output: Vec<u8>,
    /// Whether some line could not be analysed.
    pub(super) failed: bool,
}

/// The runs of the block being analysed, which every thread takes from, and
/// the runs done.
#[derive(Default)]
pub(super) struct Queue {
    /// The runs not taken yet, those done, and whether the input is done.
    state: Mutex<State>,
    /// Signalled when runs are added or the input is done.
    added: Condvar,
    /// Signalled when the block's last run is done.
    finished: Condvar,
}

/// What [`Queue`] guards.
#[derive(Default)]
struct State {
    jobs: VecDeque<Job>,
    done: Vec<Done>,
    /// How many runs the block has.
    runs: usize,
    closed: bool,
}

impl Queue {
    /// The queue's state, locked.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("no thread panics holding it")
    }

    /// Adds a block's runs (once the last block's are all done).
    pub(super) fn add(&self, jobs: impl ExactSizeIterator<Item = Job>) {
        let mut state = self.lock();
        state.runs = jobs.len();
        state.jobs.extend(jobs);
        drop(state);
        self.added.notify_all();
    }

    /// The next run not taken yet; if there is none, waits for one when
    /// `wait` (none once the queue is closed).
    pub(super) fn take(&self, wait: bool) -> Option<Job> {
        let mut state = self.lock();
        loop {
            if let Some(job) = state.jobs.pop_front() {
                return Some(job);
            }
            if state.closed || !wait {
                return None;
            }
            state = self.added.wait(state).expect("no thread panics holding it");
        }
    }

    /// Records a run as done; the block's last wakes the thread waiting for
    /// them (one wake per block, not a system call per run).
    pub(super) fn finish(&self, done: Done) {
        let mut state = self.lock();
        state.done.push(done);
        let last = state.done.len() == state.runs;
        drop(state);
        if last {
            self.finished.notify_one();
        }
    }

    /// Waits until the block's runs are all done, and takes them.
    pub(super) fn wait(&self) -> Vec<Done> {
        let mut state = self.lock();
        while state.done.len() < state.runs {
            state = self
                .finished
                .wait(state)
                .expect("no thread panics holding it");
        }
        std::mem::take(&mut state.done)
    }

    /// Tells the waiting threads that no more runs will come.
    pub(super) fn close(&self) {
        self.lock().closed = true;
        self.added.notify_all();
    }
}
