//! [`use_store_call`]: a store endpoint's answer, read into a typed value,
//! fetched through the worker whenever the call (or a refresh count) changes.

use super::link::ConsoleLink;
use serde::de::DeserializeOwned;
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::names::refusal_words;
use socialcare_views::console::{StoreAnswer, StoreCall};
use socialcare_views::RefusedAction;
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

/// A refusal of the store or the worker as the console shows it, with its
/// code: in the lead's language for a code the console can meet
/// ([`code_words`]), else in the sender's words.
pub fn refusal_text(message: &str, code: &str) -> String {
    let reason = code_words(code).unwrap_or_else(|| message.to_owned());
    t_with("console_refusal", &[&reason, code])
}

/// A lead action the worker refused at once, as the console shows it: its
/// reason worded from its data when it came with some ([`refusal_words`]),
/// else as [`refusal_text`] says it.
pub fn refused_text(refused: &RefusedAction) -> String {
    match &refused.refusal {
        Some(refusal) => t_with(
            "console_refusal",
            &[
                &refusal_words(refusal, refused.assignee.as_ref()),
                &refused.code,
            ],
        ),
        None => refusal_text(&refused.message, &refused.code),
    }
}

/// The sentence for a refusal code of the store's HTTP API or the worker
/// that the console's calls and actions can meet; none for any other.
fn code_words(code: &str) -> Option<String> {
    let key = match code {
        "unauthorized" => "console_refusal_unauthorized",
        "forbidden" => "console_refusal_forbidden",
        "not_found" => "console_refusal_not_found",
        "rate_limited" => "console_refusal_rate_limited",
        "storage_unavailable" => "console_refusal_storage_unavailable",
        "shutting_down" => "console_refusal_shutting_down",
        "invalid_member" => "console_refusal_invalid_member",
        "already_revoked" => "console_refusal_already_revoked",
        "own_token" => "console_refusal_own_token",
        "invalid_period" => "console_refusal_invalid_period",
        "unknown_endpoint" => "console_refusal_unknown_endpoint",
        "network" => "console_refusal_network",
        "bad_response" => "console_refusal_bad_response",
        "signed_out" => "worker_sign_in_first",
        _ => return None,
    };
    Some(t(key))
}
