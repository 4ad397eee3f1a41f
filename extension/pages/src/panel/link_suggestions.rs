//! Identities that may be the customer's, for the agent to confirm or reject.

use super::identities::identity_name;
use super::permalink::safe_href;
use crate::i18n::{t, t_with};
use socialcare::customers::suggest::Clue;
use socialcare_views::{IdentityLink, LinkSuggestionView};
use yew::prelude::*;

/// Properties of [`LinkSuggestions`].
#[derive(Properties, PartialEq, Clone)]
pub struct LinkSuggestionsProps {
    /// The suggestions, strongest clue first.
    pub suggestions: Vec<LinkSuggestionView>,
    /// Called with a suggestion the agent confirms (`customer.link`).
    pub on_confirm: Callback<IdentityLink>,
    /// Called with a suggestion the agent rejects (remembered team-wide).
    pub on_reject: Callback<IdentityLink>,
}

/// Each suggested identity with why (and whose profile holds it), a link to
/// its profile when safe, and **Confirm PLATFORM @handle** and **Reject
/// PLATFORM @handle**. Nothing is linked until the agent confirms. Nothing
/// when there are no suggestions.
#[function_component(LinkSuggestions)]
pub fn link_suggestions(props: &LinkSuggestionsProps) -> Html {
    if props.suggestions.is_empty() {
        return Html::default();
    }
    let entries = props.suggestions.iter().map(|suggestion| {
        let name = identity_name(&suggestion.link);
        let shown = match suggestion.profile_url.as_deref().and_then(safe_href) {
            Some(href) => html! {
                <a href={href} target="_blank" rel="noopener noreferrer" dir="auto">{ name.clone() }</a>
            },
            None => html! { <span class="identity-handle" dir="auto">{ name.clone() }</span> },
        };
        let held_by = suggestion.other_name.as_ref().map(|other| {
            html! { <span class="suggestion-holder" dir="auto">{ " " }{ t_with("panel_suggestion_profile", &[other]) }</span> }
        });
        let (on_confirm, confirm_link) = (props.on_confirm.clone(), suggestion.link.clone());
        let (on_reject, reject_link) = (props.on_reject.clone(), suggestion.link.clone());
        let key = format!("{}:{}", suggestion.link.platform, suggestion.link.handle);
        html! {
            <li {key}>
                { shown }{ for held_by }
                <p class="suggestion-reason" dir="auto">{ clue_words(&suggestion.clue) }</p>
                <button type="button" class="confirm-link" aria-label={t_with("panel_confirm_identity", &[&name])}
                    onclick={move |_| on_confirm.emit(confirm_link.clone())}>{ t("panel_confirm") }</button>
                <button type="button" class="reject-link" aria-label={t_with("panel_reject_identity", &[&name])}
                    onclick={move |_| on_reject.emit(reject_link.clone())}>{ t("panel_reject") }</button>
            </li>
        }
    });
    html! {
        <div class="link-suggestions">
            <h3>{ t("panel_suggestions") }</h3>
            <ul>{ for entries }</ul>
        </div>
    }
}

/// Why an identity is suggested, in the agent's language.
fn clue_words(clue: &Clue) -> String {
    match clue {
        Clue::SameName { name } => t_with("panel_clue_same_name", &[name]),
        Clue::Mentioned { words } => t_with("panel_clue_mentioned", &[words]),
        Clue::SharedDetail { detail } => t_with("panel_clue_shared_detail", &[detail]),
    }
}
