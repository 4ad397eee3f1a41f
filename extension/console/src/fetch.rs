//! [`use_store_call`]: a store endpoint's answer, read into a typed value,
//! fetched through the worker whenever the call (or a refresh count) changes.

use super::link::ConsoleLink;
use serde::de::DeserializeOwned;
use socialcare_pages::i18n::t_with;
use socialcare_views::console::{StoreAnswer, StoreCall};
use std::rc::Rc;
use yew::prelude::*;

/// Where a store call stands.
#[derive(Debug, PartialEq)]
pub enum Fetched<T> {
    /// Asked; no answer yet.
    Loading,
    /// The store's answer.
    Ready(Rc<T>),
    /// The store answered 404 (an older store without this endpoint); its message.
    NotAvailable(String),
    /// Refused or unreachable; why, in words (the store's message and code).
    Failed(String),
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        match self {
            Fetched::Loading => Fetched::Loading,
            Fetched::Ready(value) => Fetched::Ready(value.clone()),
            Fetched::NotAvailable(message) => Fetched::NotAvailable(message.clone()),
            Fetched::Failed(why) => Fetched::Failed(why.clone()),
        }
    }
}

impl<T> Fetched<T> {
    /// The same state without its data, for the sections' notices.
    pub fn status(&self) -> Fetched<()> {
        match self {
            Fetched::Loading => Fetched::Loading,
            Fetched::Ready(_) => Fetched::Ready(Rc::new(())),
            Fetched::NotAvailable(message) => Fetched::NotAvailable(message.clone()),
            Fetched::Failed(why) => Fetched::Failed(why.clone()),
        }
    }

    /// Reads a store answer.
    pub fn from_answer(answer: StoreAnswer) -> Fetched<T>
    where
        T: DeserializeOwned,
    {
        match answer {
            StoreAnswer::Ok { body } => match serde_json::from_value(body) {
                Ok(value) => Fetched::Ready(Rc::new(value)),
                Err(error) => Fetched::Failed(t_with(
                    "console_store_answer_unreadable",
                    &[&error.to_string()],
                )),
            },
            StoreAnswer::Failed {
                status: 404,
                message,
                ..
            } => Fetched::NotAvailable(message),
            StoreAnswer::Failed { code, message, .. } if code.is_empty() => {
                Fetched::Failed(message)
            }
            StoreAnswer::Failed { code, message, .. } => {
                Fetched::Failed(refusal_text(&message, &code))
            }
        }
    }
}

/// Calls `call` through the console link now and whenever `call` or
/// `refresh` changes; `None` asks for nothing.
#[hook]
pub fn use_store_call<T>(call: Option<StoreCall>, refresh: u32) -> Fetched<T>
where
    T: DeserializeOwned + 'static,
{
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let fetched = use_state(|| Fetched::<T>::Loading);
    {
        let setter = fetched.setter();
        use_effect_with((call, refresh), move |(call, _refresh)| {
            if let Some(call) = call.clone() {
                setter.set(Fetched::Loading);
                link.call(
                    call,
                    Callback::from(move |answer| setter.set(Fetched::from_answer(answer))),
                );
            }
        });
    }
    (*fetched).clone()
}

/// A refusal of the store or the worker as the console shows it: its
/// message (the sender's words) and its code.
pub fn refusal_text(message: &str, code: &str) -> String {
    t_with("console_refusal", &[message, code])
}
