//! What a search found: tickets, newest first, each one click from the panel.

use super::recent::excerpt;
use super::status_select::status_label;
use super::when::local_time_ms;
use crate::format::number;
use crate::i18n::{t, t_count, t_with};
use socialcare::model::ItemKey;
use socialcare_views::SearchView;
use yew::prelude::*;

/// Properties of [`SearchResults`].
#[derive(Properties, PartialEq, Clone)]
pub struct SearchResultsProps {
    /// The worker's answer to the latest query.
    pub search: SearchView,
    /// Called with a ticket's item when the agent opens it.
    pub on_open: Callback<ItemKey>,
}

/// How many tickets matched (in words, announced politely), then each as a
/// button: customer, handle, platform, status, time, tags and the start of
/// the text, all as text. Nothing for an empty query.
#[function_component(SearchResults)]
pub fn search_results(props: &SearchResultsProps) -> Html {
    let search = &props.search;
    if search.query.trim().is_empty() {
        return Html::default();
    }
    let summary = match (search.total, search.results.len()) {
        (0, _) => t_with("panel_search_none", &[search.query.trim()]),
        (total, shown) if shown < total as usize => t_count(
            "panel_search_found_some",
            f64::from(total),
            &[&number(f64::from(total)), &number(shown as f64)],
        ),
        (total, _) => t_count(
            "panel_search_found",
            f64::from(total),
            &[&number(f64::from(total))],
        ),
    };
    let entries = search.results.iter().map(|result| {
        let who = match (&result.customer_name, &result.handle) {
            (Some(name), Some(handle)) => format!("{name} @{handle}"),
            (Some(name), None) => name.clone(),
            (None, Some(handle)) => format!("@{handle}"),
            (None, None) => t("panel_unknown_customer"),
        };
        let mut facts = vec![
            result.item.platform.name().to_owned(),
            status_label(result.status),
            local_time_ms(result.at),
        ];
        if !result.tags.is_empty() {
            facts.push(result.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" "));
        }
        let (on_open, item) = (props.on_open.clone(), result.item.clone());
        html! {
            <li key={result.item.to_string()}>
                <button type="button" class="search-result" onclick={move |_| on_open.emit(item.clone())}>
                    <span class="search-who" dir="auto">{ who }</span>
                    <span class="search-facts" dir="auto">{ facts.join(" · ") }</span>
                    <span class="search-excerpt" dir="auto">{ excerpt(&result.excerpt) }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="search-results">
            <p class="search-summary" role="status" aria-live="polite">{ summary }</p>
            <ol>{ for entries }</ol>
        </div>
    }
}
