//! The whole panel for a given focus state, independent of where it came from.

use super::empty_state::EmptyState;
use super::item_card::{kind_name, platform_name, ItemCard};
use super::recent::RecentList;
use super::storage::FocusRead;
use socialcare::model::ItemKey;
use socialcare_views::focus::FocusedItem;
use std::rc::Rc;
use yew::prelude::*;

/// What the panel has to show.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum FocusState {
    /// The focus has not been read yet.
    #[default]
    Loading,
    /// No item is focused.
    Empty,
    /// An item is focused.
    Focused(Rc<FocusedItem>),
    /// The focus could not be read; the reason, in words.
    Failed(AttrValue),
}

impl From<FocusRead> for FocusState {
    fn from(read: FocusRead) -> Self {
        match read {
            Ok(Some(focus)) => FocusState::Focused(Rc::new(focus)),
            Ok(None) => FocusState::Empty,
            Err(error) => FocusState::Failed(error.to_string().into()),
        }
    }
}

/// Properties of [`PanelView`].
#[derive(Properties, PartialEq, Clone)]
pub struct PanelViewProps {
    /// What to show.
    pub focus: FocusState,
    /// Earlier items, most recent first.
    #[prop_or_default]
    pub recent: Rc<Vec<Rc<FocusedItem>>>,
    /// Called with a recent entry's item key when the agent picks it.
    #[prop_or_default]
    pub on_reopen: Callback<ItemKey>,
    /// The focus shortcut, when one is assigned, for the empty state.
    #[prop_or_default]
    pub shortcut: Option<AttrValue>,
}

/// The panel: a title, a polite live region announcing what is shown, the
/// empty state, the item card or the reason nothing can be shown, and the
/// recently focused items.
#[function_component(PanelView)]
pub fn panel_view(props: &PanelViewProps) -> Html {
    let body = match &props.focus {
        FocusState::Loading => html! { <p class="loading">{ "Loading…" }</p> },
        FocusState::Empty => html! { <EmptyState shortcut={props.shortcut.clone()} /> },
        FocusState::Focused(focus) => html! { <ItemCard focus={focus.clone()} /> },
        FocusState::Failed(why) => html! {
            <section class="failure" aria-labelledby="failure-heading">
                <h2 id="failure-heading">{ "The focused item cannot be shown" }</h2>
                <p class="failure-reason">{ why.clone() }</p>
                <p>{ "Focus the item again; if this persists, reload the extension." }</p>
            </section>
        },
    };
    html! {
        <main class="panel">
            <h1 class="panel-title">{ "Socialcare" }</h1>
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                { announcement(&props.focus) }
            </p>
            { body }
            <RecentList items={props.recent.clone()} on_reopen={props.on_reopen.clone()} />
        </main>
    }
}

/// The sentence the live region announces for a focus state.
pub fn announcement(focus: &FocusState) -> String {
    match focus {
        FocusState::Loading => String::new(),
        FocusState::Empty => "No item in focus.".to_owned(),
        FocusState::Failed(_) => "The focused item cannot be shown.".to_owned(),
        FocusState::Focused(focus) => {
            let item = &focus.item;
            let who = match (item.author_name.as_deref(), item.author_handle.as_deref()) {
                (Some(name), Some(handle)) => format!("{name} (@{handle})"),
                (Some(name), None) => name.to_owned(),
                (None, Some(handle)) => format!("@{handle}"),
                (None, None) => "an unknown author".to_owned(),
            };
            format!(
                "Now showing the {} {} by {who}.",
                platform_name(item.key.platform),
                kind_name(item.kind)
            )
        }
    }
}
