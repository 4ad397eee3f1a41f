//! The ticket's priority, as a select labelled **Priority**.

use super::select_field::{Choice, SelectField};
use crate::i18n::t;
use socialcare::model::Priority;
use yew::prelude::*;

/// The priorities, lowest first.
pub const PRIORITIES: [Priority; 4] = [
    Priority::Low,
    Priority::Normal,
    Priority::High,
    Priority::Urgent,
];

/// A priority's wire name (`urgent`).
pub fn priority_name(priority: Priority) -> &'static str {
    match priority {
        Priority::Low => "low",
        Priority::Normal => "normal",
        Priority::High => "high",
        Priority::Urgent => "urgent",
    }
}

/// A priority in words (`Urgent`), in the agent's language.
pub fn priority_label(priority: Priority) -> String {
    t(&format!("common_priority_{}", priority_name(priority)))
}

/// Properties of [`PrioritySelect`].
#[derive(Properties, PartialEq, Clone)]
pub struct PrioritySelectProps {
    /// The ticket's priority as the worker has it.
    pub priority: Priority,
    /// Called with the priority the agent picked.
    pub on_change: Callback<Priority>,
}

/// Low, Normal, High, Urgent.
#[function_component(PrioritySelect)]
pub fn priority_select(props: &PrioritySelectProps) -> Html {
    let choices: Vec<Choice> = PRIORITIES
        .into_iter()
        .map(|priority| Choice::new(priority_name(priority), priority_label(priority)))
        .collect();
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |value: AttrValue| {
            let picked = PRIORITIES
                .into_iter()
                .find(|priority| priority_name(*priority) == value.as_str());
            if let Some(priority) = picked {
                on_change.emit(priority);
            }
        })
    };
    html! {
        <SelectField
            id="ticket-priority"
            label={t("panel_priority")}
            {choices}
            value={priority_name(props.priority)}
            {on_change}
        />
    }
}
