//! Assign the ticket to a teammate (leads), as a select labelled **Assign to**.

use super::select_field::{Choice, SelectField};
use crate::i18n::{t, t_with};
use socialcare_views::AgentView;
use yew::prelude::*;

/// The select's value for "nobody".
const UNASSIGNED: &str = "";

/// Properties of [`AssignSelect`].
#[derive(Properties, PartialEq, Clone)]
pub struct AssignSelectProps {
    /// Who has the ticket, if anyone.
    pub assignee: Option<AgentView>,
    /// The teammates it may go to (empty: the control is not shown).
    pub teammates: Vec<AgentView>,
    /// Called with the chosen teammate's agent id, or `None` to unassign.
    pub on_assign: Callback<Option<String>>,
}

/// "Unassigned" and each teammate by name and initials; nothing at all when
/// the worker offers no teammates (not a lead, or no member records yet).
#[function_component(AssignSelect)]
pub fn assign_select(props: &AssignSelectProps) -> Html {
    if props.teammates.is_empty() {
        return Html::default();
    }
    let mut choices = vec![Choice::new(UNASSIGNED, t("panel_unassigned"))];
    choices.extend(props.teammates.iter().map(|agent| {
        Choice::new(
            agent.id.clone(),
            t_with("panel_agent_with_initials", &[&agent.name, &agent.initials]),
        )
    }));
    let value = props
        .assignee
        .as_ref()
        .map_or(AttrValue::from(UNASSIGNED), |agent| agent.id.clone().into());
    let on_change = props
        .on_assign
        .reform(|value: AttrValue| (value.as_str() != UNASSIGNED).then(|| value.to_string()));
    html! {
        <SelectField id="ticket-assign" label={t("panel_assign_to")} {choices} {value} {on_change} />
    }
}
