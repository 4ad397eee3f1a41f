//! What the panel shows before any item is focused.

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
            <h2 id="empty-heading">{ "No item in focus" }</h2>
            <p>{ "Open a post, comment or message on X, Facebook or Instagram, then:" }</p>
            <ul>
                <li>{ "click the Socialcare badge next to it, or" }</li>
                <li>
                    { "press " }
                    if let Some(shortcut) = props.shortcut.as_ref() {
                        <kbd class="shortcut">{ shortcut.clone() }</kbd>
                    } else {
                        { "the focus shortcut (assign one in your browser's extension shortcuts settings)" }
                    }
                    { " to show the item that has keyboard focus (or else the first one fully on screen)." }
                </li>
            </ul>
            <p>{ "The item then appears here with its author, sentiment and care signals." }</p>
        </section>
    }
}
