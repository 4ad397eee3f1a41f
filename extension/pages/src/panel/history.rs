//! The customer's tickets on every platform, newest first.

use super::recent::excerpt;
use super::status_select::status_label;
use super::when::local_time_ms;
use crate::format::number;
use crate::i18n::{t, t_count, t_with};
use socialcare::model::ItemKey;
use socialcare::sentiment::Label;
use socialcare_views::HistoryEntry;
use yew::prelude::*;

/// Properties of [`HistoryList`].
#[derive(Properties, PartialEq, Clone)]
pub struct HistoryListProps {
    /// The tickets, newest first.
    pub entries: Vec<HistoryEntry>,
    /// Called with a ticket's item when the agent opens it.
    pub on_open: Callback<ItemKey>,
}

/// A sentiment label in words.
pub fn sentiment_name(label: Label) -> String {
    t(&format!("common_sentiment_{}", label.as_str()))
}

/// Each ticket as a button (platform, status, time, sentiment, notes and
/// the start of the customer's text, as text) that opens it in the panel;
/// the focused item's own ticket is marked and not a button.
#[function_component(HistoryList)]
pub fn history_list(props: &HistoryListProps) -> Html {
    let entries = props.entries.iter().map(|entry| {
        let mut facts = vec![
            entry.item.platform.name().to_owned(),
            status_label(entry.status),
            local_time_ms(entry.at),
        ];
        facts.extend(entry.sentiment.map(sentiment_name));
        if entry.notes > 0 {
            let notes = f64::from(entry.notes);
            facts.push(t_count("panel_history_notes", notes, &[&number(notes)]));
        }
        let body = html! {
            <>
                <span class="history-facts">{ facts.join(" · ") }</span>
                <span class="history-excerpt" dir="auto">{ excerpt(&entry.excerpt) }</span>
            </>
        };
        let shown = if entry.current {
            html! { <div class="history-current" aria-current="true">{ body }<span class="field-label">{ " " }{ t("panel_history_this_item") }</span></div> }
        } else {
            let (on_open, item) = (props.on_open.clone(), entry.item.clone());
            html! {
                <button type="button" class="history-item" onclick={move |_| on_open.emit(item.clone())}>{ body }</button>
            }
        };
        html! { <li key={entry.item.to_string()}>{ shown }</li> }
    });
    html! {
        <div class="history">
            <h3>{ t_with("panel_history", &[&number(props.entries.len() as f64)]) }</h3>
            <ol>{ for entries }</ol>
        </div>
    }
}
