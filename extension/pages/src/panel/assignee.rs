//! Who has the ticket, and the Claim button.

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
        (_, true) => html! { <span class="assignee-you">{ "You" }</span> },
        (None, false) => html! { <span class="assignee-none">{ "Unassigned" }</span> },
        (Some(agent), false) => html! {
            <span class="assignee-other" dir="auto">
                { format!("Claimed by {} ({})", agent.name, agent.initials) }
            </span>
        },
    };
    let on_claim = props.on_claim.clone();
    html! {
        <div class="assignee">
            <span class="field-label">{ "Assignee " }</span>
            { who }
            { " " }
            <button type="button" class="claim" disabled={props.mine} onclick={move |_| on_claim.emit(())}>
                { "Claim" }
            </button>
        </div>
    }
}
