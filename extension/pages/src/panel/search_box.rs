//! The search field: tickets by handle, name, excerpt or tag, as the agent types.

use crate::i18n::t;
use yew::prelude::*;

/// Properties of [`SearchBox`].
#[derive(Properties, PartialEq, Clone)]
pub struct SearchBoxProps {
    /// Called with the query after every keystroke.
    pub on_search: Callback<String>,
}

/// A search field labelled **Search tickets**; every change asks the worker
/// again (the worker's index answers within a keystroke).
#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let on_search = props.on_search.clone();
    let oninput = Callback::from(move |event: InputEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        on_search.emit(input.value());
    });
    html! {
        <div class="search" role="search">
            <label for="search-query">{ t("panel_search") }</label>
            <input id="search-query" type="search" autocomplete="off"
                placeholder={t("panel_search_placeholder")} {oninput} />
        </div>
    }
}
