//! The console's line to the worker: store calls and lead actions posted on the console port, each answer handed to the callback
//! that asked for it.

use super::fetch::refused_text;
use socialcare::sync::Op;
use socialcare_pages::port::WorkerLink;
use socialcare_views::console::{FromConsole, StoreAnswer, StoreCall, ToConsole};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// What a request waits for.
enum Waiting {
    Answer(Callback<StoreAnswer>),
    Acted(Callback<String>),
}

/// The console's requests to the worker; cheap to clone, equal when shared.
#[derive(Clone, Default)]
pub struct ConsoleLink(Rc<Requests>);

/// The state behind a [`ConsoleLink`].
#[derive(Default)]
struct Requests {
    port: RefCell<Option<WorkerLink<ToConsole>>>,
    next: Cell<u32>,
    waiting: RefCell<HashMap<u32, Waiting>>,
}

impl PartialEq for ConsoleLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ConsoleLink {
    /// Sends through `port` from now on.
    pub fn attach(&self, port: WorkerLink<ToConsole>) {
        self.0.port.replace(Some(port));
    }

    /// Calls a store endpoint; `on_answer` gets the store's answer.
    pub fn call(&self, call: StoreCall, on_answer: Callback<StoreAnswer>) {
        let request = self.wait(Waiting::Answer(on_answer));
        self.post(&FromConsole::Call { request, call });
    }

    /// Runs a lead action through the outbox; `on_refused` gets the reason
    /// when the worker refuses it at once (the store's own refusals come
    /// back in the view's sync rejections).
    pub fn act(&self, op: Op, on_refused: Callback<String>) {
        let request = self.wait(Waiting::Acted(on_refused));
        self.post(&FromConsole::Act { request, op });
    }

    /// Posts an intent that expects no answer.
    pub fn post(&self, intent: &FromConsole) {
        if let Some(port) = self.0.port.borrow().as_ref() {
            port.post(intent);
        }
    }

    /// Hands an answer to whoever asked; other messages are returned.
    pub fn deliver(&self, message: ToConsole) -> Option<ToConsole> {
        let mut waiting = self.0.waiting.borrow_mut();
        match message {
            ToConsole::Answer { request, answer } => {
                if let Some(Waiting::Answer(callback)) = waiting.remove(&request) {
                    drop(waiting);
                    callback.emit(answer);
                }
                None
            }
            ToConsole::Acted { request, refusal } => {
                if let Some(Waiting::Acted(callback)) = waiting.remove(&request) {
                    drop(waiting);
                    if let Some(refused) = refusal {
                        callback.emit(refused_text(&refused));
                    }
                }
                None
            }
            view @ ToConsole::View { .. } => Some(view),
        }
    }

    fn wait(&self, waiting: Waiting) -> u32 {
        let request = self.0.next.get().wrapping_add(1);
        self.0.next.set(request);
        self.0.waiting.borrow_mut().insert(request, waiting);
        request
    }
}
