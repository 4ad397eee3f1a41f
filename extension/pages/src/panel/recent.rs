//! The items focused before the current one, one keypress away.

use super::author::Author;
use crate::i18n::t;
use socialcare::model::ItemKey;
use socialcare_views::focus::FocusedItem;
use yew::prelude::*;

/// How many characters of an item's text a recent entry shows.
pub const EXCERPT_CHARS: usize = 80;

/// Properties of [`RecentList`].
#[derive(Properties, PartialEq, Clone)]
pub struct RecentListProps {
    /// The earlier items, most recent first.
    pub items: Vec<FocusedItem>,
    /// Called with an entry's item key when the agent picks it.
    pub on_reopen: Callback<ItemKey>,
}

/// The earlier items as buttons (author and the start of the text, as
/// text); pressing one asks the worker to show that item again. Nothing
/// when there are none.
#[function_component(RecentList)]
pub fn recent_list(props: &RecentListProps) -> Html {
    if props.items.is_empty() {
        return Html::default();
    }
    let entries = props.items.iter().map(|focus| {
        let item = &focus.item;
        let (on_reopen, key) = (props.on_reopen.clone(), item.key.clone());
        html! {
            <li key={item.key.to_string()}>
                <button type="button" class="recent-item" onclick={move |_| on_reopen.emit(key.clone())}>
                    <Author
                        name={item.author_name.as_deref().map(AttrValue::from)}
                        handle={item.author_handle.as_deref().map(AttrValue::from)}
                    />
                    <span class="recent-excerpt" dir="auto">{ excerpt(&item.text) }</span>
                </button>
            </li>
        }
    });
    html! {
        <nav class="recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">{ t("panel_recent") }</h2>
            <ol>{ for entries }</ol>
        </nav>
    }
}

/// The first [`EXCERPT_CHARS`] characters of `text` on one line, with `…`
/// when cut.
pub fn excerpt(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}
