//! What the panel shows before any item is focused.

use crate::format::message_with;
use crate::i18n::t;
use yew::prelude::*;

/// Properties of [`EmptyState`].
#[derive(Properties, PartialEq, Clone)]
pub struct EmptyStateProps {
    /// The keyboard shortcut that shows the item with keyboard focus, as the
    /// browser reports it (e.g. `Alt+Shift+S`), when one is assigned.
    #[prop_or_default]
    pub shortcut: Option<AttrValue>,
}

/// Explains how to put an item in focus: click a Socialcare badge, or use the
/// focus shortcut.
#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    html! {
        <section class="empty-state" aria-labelledby="empty-heading">
            <h2 id="empty-heading">{ t("panel_empty_heading") }</h2>
            <p>{ t("panel_empty_intro") }</p>
            <ul>
                <li>{ t("panel_empty_click") }</li>
                <li>
                    if let Some(shortcut) = props.shortcut.as_ref() {
                        { message_with("panel_empty_press", vec![html! { <kbd class="shortcut">{ shortcut.clone() }</kbd> }]) }
                    } else {
                        { t("panel_empty_press_unassigned") }
                    }
                </li>
            </ul>
            <p>{ t("panel_empty_then") }</p>
        </section>
    }
}
