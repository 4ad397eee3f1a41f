//! Who has the ticket, and the Claim button.

use crate::i18n::{t, t_with};
use socialcare_views::AgentView;
use yew::prelude::*;

/// Properties of [`Assignee`].
#[derive(Properties, PartialEq, Clone)]
pub struct AssigneeProps {
    /// Who has the ticket, if anyone.
    pub assignee: Option<AgentView>,
    /// Whether the signed-in agent has it.
    pub mine: bool,
    /// Called when the agent claims the ticket.
    pub on_claim: Callback<()>,
}

/// "Unassigned", "You", or "Claimed by NAME (KL)", and a **Claim** button,
/// disabled when the ticket is already the agent's.
#[function_component(Assignee)]
pub fn assignee(props: &AssigneeProps) -> Html {
    let who = match (&props.assignee, props.mine) {
        (_, true) => html! { <span class="assignee-you">{ t("panel_assignee_you") }</span> },
        (None, false) => html! { <span class="assignee-none">{ t("panel_unassigned") }</span> },
        (Some(agent), false) => html! {
            <span class="assignee-other" dir="auto">
                { t_with("panel_claimed_by", &[&agent.name, &agent.initials]) }
            </span>
        },
    };
    let on_claim = props.on_claim.clone();
    html! {
        <div class="assignee">
            <span class="field-label">{ t("panel_assignee") }</span>
            { " " }
            { who }
            { " " }
            <button type="button" class="claim" disabled={props.mine} onclick={move |_| on_claim.emit(())}>
                { t("panel_claim") }
            </button>
        </div>
    }
}
