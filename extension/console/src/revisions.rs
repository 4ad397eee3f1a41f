//! A guideline's history from `GET /v1/guidelines/revisions`: who saved
//! each revision and when, a diff between any two ([`RevisionDiff`]), and
//! rollback (a new revision with an old text).

use super::fetch::{use_store_call, Fetched};
use super::link::ConsoleLink;
use super::revision_diff::RevisionDiff;
use super::unavailable::FetchNotice;
use serde::Deserialize;
use socialcare::sync::ops::GuidelineSave;
use socialcare::sync::Op;
use socialcare_pages::format::number;
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::panel::when::local_time_ms;
use socialcare_views::console::StoreCall;
use yew::prelude::*;

/// One saved revision.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Revision {
    /// Its number.
    pub revision: u32,
    /// The agent id of who saved it.
    pub saved_by: String,
    /// When (Unix milliseconds).
    pub saved_at: i64,
    /// Its source's format.
    pub format: String,
    /// Its source.
    pub source: String,
}

/// The endpoint's answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Revisions {
    /// Newest first.
    pub revisions: Vec<Revision>,
}

/// Properties of [`RevisionHistory`].
#[derive(Properties, PartialEq, Clone)]
pub struct RevisionHistoryProps {
    /// The guideline's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its current revision (the history is fetched again when it moves).
    pub current: u32,
    /// Whether the outbox is empty: a revision just published reaches the
    /// store then, and the history is fetched again.
    pub in_step: bool,
    /// Whether the role may roll back.
    pub can_edit: bool,
}

/// Every revision, newest first, each with **Restore** (as a new revision).
#[function_component(RevisionHistory)]
pub fn revision_history(props: &RevisionHistoryProps) -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let refusal = use_state(|| None::<String>);
    let fetched = use_store_call::<Revisions>(
        Some(StoreCall::GuidelineRevisions {
            id: props.id.clone(),
        }),
        props.current * 2 + u32::from(props.in_step),
    );
    let Fetched::Ready(history) = &fetched else {
        return html! {
            <section class="history">
                <h3>{ t("console_history") }</h3>
                <FetchNotice what={t("console_history_name")} loading={t("console_history_loading")} state={fetched.status()} />
            </section>
        };
    };
    let rows = history.revisions.iter().map(|revision| {
        let restore = (props.can_edit && revision.revision != props.current).then(|| {
            let link = link.clone();
            let refusal = refusal.setter();
            let save = GuidelineSave {
                id: props.id.clone(),
                name: props.name.clone(),
                format: revision.format.clone(),
                source: revision.source.clone(),
                base_revision: props.current,
            };
            let label = t_with(
                "console_revision_restore",
                &[&number(f64::from(revision.revision))],
            );
            let onclick = Callback::from(move |_| {
                let refusal = refusal.clone();
                link.act(
                    Op::GuidelineSave(save.clone()),
                    Callback::from(move |why| refusal.set(Some(why))),
                );
            });
            html! { <button type="button" {onclick}>{ label }</button> }
        });
        html! {
            <li key={revision.revision.to_string()}>
                <span class="revision-number">{ revision_name(revision.revision) }</span>
                { " · " }
                <span dir="auto">{ revision.saved_by.clone() }</span>
                { " · " }
                <time>{ local_time_ms(revision.saved_at) }</time>
                { for restore }
            </li>
        }
    });
    html! {
        <section class="history" aria-labelledby="history-heading">
            <h3 id="history-heading">{ t("console_history") }</h3>
            <ol class="revisions">{ for rows }</ol>
            if history.revisions.len() > 1 {
                <RevisionDiff revisions={history.revisions.clone()} />
            }
            if let Some(why) = (*refusal).clone() {
                <p class="notice notice-error" role="alert" dir="auto">{ t_with("console_revision_not_restored", &[&why]) }</p>
            }
        </section>
    }
}

/// A revision's name, e.g. `Revision 3`.
pub fn revision_name(revision: u32) -> String {
    t_with("console_revision", &[&number(f64::from(revision))])
}
