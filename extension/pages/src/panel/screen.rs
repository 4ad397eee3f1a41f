//! The whole panel for a given view, independent of where it came from.

use super::empty_state::EmptyState;
use super::first_paint::use_first_view_painted;
use super::focus_section::FocusSection;
use super::item_card::kind_key;
use super::queue::QueueSection;
use super::recent::RecentList;
use super::rejections::Rejections;
use super::search_box::SearchBox;
use super::search_results::SearchResults;
use super::sign_in_notice::SignInNotice;
use super::sync_status::SyncStatus;
use super::tone_findings::ToneFindings;
use crate::i18n::{t, t_with};
use socialcare_views::{FromPage, PanelView, RefusedAction, SearchView};
use std::rc::Rc;
use yew::prelude::*;

/// What the panel has to show.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum ScreenState {
    /// The worker has not sent a view yet.
    #[default]
    Loading,
    /// The worker's latest view.
    Ready(Rc<PanelView>),
    /// Nothing can be shown; the reason, in words.
    Failed(AttrValue),
}

/// Properties of [`Screen`].
#[derive(Properties, PartialEq, Clone)]
pub struct ScreenProps {
    /// What to show.
    pub state: ScreenState,
    /// Called with what the agent asks for.
    #[prop_or_default]
    pub on_intent: Callback<FromPage>,
    /// The focus shortcut, when one is assigned, for the empty state.
    #[prop_or_default]
    pub shortcut: Option<AttrValue>,
    /// The worker's answer to the latest search.
    #[prop_or_default]
    pub search: Option<Rc<SearchView>>,
    /// The agent's actions the worker refused, newest first.
    #[prop_or_default]
    pub refused: Vec<RefusedAction>,
    /// Called with a refused action's index when the agent dismisses it.
    #[prop_or_default]
    pub on_dismiss_refused: Callback<usize>,
}

/// The panel: a title, a polite live region announcing what is shown, the
/// sign-in notice or the sync state, refused actions and the ticket search
/// with its results, the focused item (or the empty state, or why nothing
/// can be shown), the agent's queue (signed in, once the worker sent it),
/// and the recently focused items. The first view's first frame shows the item alone (with the
/// search box and the sync state); its replies, customer, queue and recent
/// items follow in the next ([`use_first_view_painted`]).
#[function_component(Screen)]
pub fn screen(props: &ScreenProps) -> Html {
    let on_intent = props.on_intent.clone();
    let on_sign_in = use_reformed(&on_intent, |()| FromPage::OpenOptions);
    let on_dismiss = use_reformed(&on_intent, |mutation_id| FromPage::DismissRejection {
        mutation_id,
    });
    let on_reopen = use_reformed(&on_intent, |item| FromPage::Refocus { item });
    let on_open = use_reformed(&on_intent, |item| FromPage::OpenItem { item });
    let on_search = use_reformed(&on_intent, |query| FromPage::Search { query });
    let on_open_ticket = use_reformed(&on_intent, |item| FromPage::OpenTicket { item });
    let complete = use_first_view_painted(matches!(props.state, ScreenState::Ready(_)));
    let body = match &props.state {
        ScreenState::Loading => html! { <p class="loading">{ t("panel_loading") }</p> },
        ScreenState::Failed(why) => html! {
            <section class="failure" aria-labelledby="failure-heading">
                <h2 id="failure-heading">{ t("panel_failure_heading") }</h2>
                <p class="failure-reason">{ why.clone() }</p>
                <p>{ t("panel_failure_advice") }</p>
            </section>
        },
        ScreenState::Ready(view) => {
            let signed_in = view.session.is_some();
            html! {
                <>
                    if signed_in {
                        <SyncStatus sync={view.sync.clone()} />
                        <p><a class="console-link" href="console.html" target="_blank">{ t("common_team_console") }</a></p>
                        <Rejections
                            rejections={view.sync.rejections.clone()}
                            {on_dismiss}
                            refused={props.refused.clone()}
                            on_dismiss_refused={props.on_dismiss_refused.clone()}
                        />
                        <SearchBox {on_search} />
                        if let Some(search) = props.search.as_ref() {
                            <SearchResults
                                search={(**search).clone()}
                                on_open={on_open_ticket}
                            />
                        }
                    } else {
                        <SignInNotice {on_sign_in} />
                    }
                    if let (true, Some(composer)) = (signed_in, view.composer.as_ref()) {
                        <ToneFindings composer={composer.clone()} on_intent={on_intent.clone()} />
                    }
                    if let Some(focus) = view.focus.as_ref() {
                        <FocusSection focus={focus.clone()} {signed_in} on_intent={on_intent.clone()} item_only={!complete} />
                    } else {
                        <EmptyState shortcut={props.shortcut.clone()} />
                    }
                    if let (true, true, Some(queue)) = (signed_in, complete, view.queue.as_ref()) {
                        <QueueSection queue={queue.clone()} {on_open} />
                    }
                    if complete {
                        <RecentList items={view.recent.clone()} {on_reopen} />
                    }
                </>
            }
        }
    };
    html! {
        <main class="panel">
            // The product's name, the same in every language.
            <h1 class="panel-title">{ "Socialcare" }</h1>
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                { announcement(&props.state) }
            </p>
            { body }
        </main>
    }
}

/// `on_intent` with each value made into an intent by `intent`: the same
/// callback for as long as `on_intent` is the same, so the components given
/// it are not rendered again when nothing of theirs changed.
#[hook]
fn use_reformed<T: 'static>(
    on_intent: &Callback<FromPage>,
    intent: fn(T) -> FromPage,
) -> Callback<T> {
    use_callback(on_intent.clone(), move |value: T, on_intent| {
        on_intent.emit(intent(value))
    })
}

/// The sentence the live region announces for a state.
pub fn announcement(state: &ScreenState) -> String {
    match state {
        ScreenState::Loading => String::new(),
        ScreenState::Failed(_) => t("panel_announce_failure"),
        ScreenState::Ready(view) => match view.focus.as_ref() {
            None => t("panel_announce_empty"),
            Some(focus) => {
                let item = &focus.focused.item;
                let who = match (item.author_name.as_deref(), item.author_handle.as_deref()) {
                    (Some(name), Some(handle)) => {
                        t_with("panel_author_name_handle", &[name, handle])
                    }
                    (Some(name), None) => name.to_owned(),
                    (None, Some(handle)) => format!("@{handle}"),
                    (None, None) => t("panel_announce_unknown_author"),
                };
                t_with(
                    &format!("panel_announce_{}", kind_key(item.kind)),
                    &[item.key.platform.name(), &who],
                )
            }
        },
    }
}
