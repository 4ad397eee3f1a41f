//! Which teammates are on the focused item now.

use crate::format::message_with;
use crate::i18n::t;
use socialcare::sync::PresenceState;
use socialcare_views::PresenceView;
use yew::prelude::*;

/// Properties of [`PresenceList`].
#[derive(Properties, PartialEq, Clone)]
pub struct PresenceListProps {
    /// Teammates on the item (never the signed-in agent).
    pub presence: Vec<PresenceView>,
}

/// One line per teammate ("KL is replying", "KL is viewing"), replying
/// first, with the full name as a tooltip and for screen readers; those who
/// left are not listed. Nothing when nobody else is on the item.
#[function_component(PresenceList)]
pub fn presence_list(props: &PresenceListProps) -> Html {
    let mut present: Vec<&PresenceView> = props
        .presence
        .iter()
        .filter(|presence| presence.state != PresenceState::Left)
        .collect();
    present.sort_by_key(|presence| presence.state != PresenceState::Replying);
    if present.is_empty() {
        return Html::default();
    }
    let entries = present.into_iter().map(|presence| {
        let verb = match presence.state {
            PresenceState::Replying => "replying",
            _ => "viewing",
        };
        let agent = &presence.agent;
        html! {
            <li key={agent.id.clone()} class={classes!("presence-entry", format!("presence-{verb}"))}>
                { message_with(&format!("panel_presence_{verb}"), vec![html! {
                    <>
                        <abbr class="initials" title={agent.name.clone()}>{ agent.initials.clone() }</abbr>
                        <span class="visually-hidden">{ format!(" ({})", agent.name) }</span>
                    </>
                }]) }
            </li>
        }
    });
    html! {
        <ul class="presence" aria-label={t("panel_presence")}>{ for entries }</ul>
    }
}
