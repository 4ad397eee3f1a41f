//! The focused item with its ticket and who else is on it.

use super::customer_section::CustomerSection;
use super::item_card::ItemCard;
use super::presence::PresenceList;
use super::suggested_replies::SuggestedReplies;
use super::ticket_section::TicketSection;
use crate::i18n::t;
use socialcare_views::{FocusView, FromPage};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`FocusSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct FocusSectionProps {
    /// The focused item, its ticket and presence.
    pub focus: FocusView,
    /// Whether an agent is signed in (tickets need the store).
    pub signed_in: bool,
    /// Called with what the agent asks for.
    pub on_intent: Callback<FromPage>,
    /// Only the item (presence, ticket, card): the panel's first frame.
    #[prop_or_default]
    pub item_only: bool,
}

/// Teammates on the item, then its ticket (only when signed in; an item of
/// the team's own brand accounts is marked "Our reply" instead and offers
/// no ticket actions), then the item card, then (signed in) the suggested
/// replies and the customer (left out when `item_only`).
#[function_component(FocusSection)]
pub fn focus_section(props: &FocusSectionProps) -> Html {
    let focus = &props.focus;
    html! {
        <div class="focus">
            <PresenceList presence={focus.presence.clone()} />
            if focus.ours {
                <p class="ours">{ t("panel_our_reply") }</p>
            } else if props.signed_in {
                <TicketSection
                    item={focus.focused.item.key.clone()}
                    ticket={focus.ticket.clone()}
                    on_intent={props.on_intent.clone()}
                />
            }
            <ItemCard focus={Rc::new(focus.focused.clone())} />
            if props.signed_in && !focus.ours && !props.item_only {
                <SuggestedReplies
                    item={focus.focused.item.key.clone()}
                    replies={focus.replies.clone()}
                    on_intent={props.on_intent.clone()}
                />
            }
            if let (true, false, Some(customer)) = (props.signed_in, props.item_only, focus.customer.as_ref()) {
                <CustomerSection customer={customer.clone()} on_intent={props.on_intent.clone()} />
            }
        </div>
    }
}
