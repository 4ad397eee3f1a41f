//! The customer behind the focused item: one person across X, Facebook and Instagram.

use super::history::HistoryList;
use super::identities::IdentityList;
use super::link_suggestions::LinkSuggestions;
use crate::i18n::t;
use socialcare_views::{CustomerView, FromPage};
use yew::prelude::*;

/// Properties of [`CustomerSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct CustomerSectionProps {
    /// The customer, their identities, history and link suggestions.
    pub customer: CustomerView,
    /// Called with what the agent asks for.
    pub on_intent: Callback<FromPage>,
}

/// The customer's name, their identities (with Unlink), the identities that
/// may be theirs (Confirm or Reject) and their history on every platform.
#[function_component(CustomerSection)]
pub fn customer_section(props: &CustomerSectionProps) -> Html {
    let customer = &props.customer;
    let on_intent = &props.on_intent;
    html! {
        <section class="customer" aria-labelledby="customer-heading">
            <h2 id="customer-heading">
                <span class="field-label">{ t("panel_customer") }</span>
                { " " }
                <span class="customer-name" dir="auto">{ customer.display_name.clone() }</span>
            </h2>
            <IdentityList
                identities={customer.identities.clone()}
                on_unlink={on_intent.reform(|link| FromPage::UnlinkIdentity { link })}
            />
            <LinkSuggestions
                suggestions={customer.suggestions.clone()}
                on_confirm={on_intent.reform(|link| FromPage::LinkIdentity { link })}
                on_reject={on_intent.reform(|link| FromPage::RejectLink { link })}
            />
            <HistoryList
                entries={customer.history.clone()}
                on_open={on_intent.reform(|item| FromPage::OpenTicket { item })}
            />
        </section>
    }
}
