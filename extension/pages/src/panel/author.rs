//! Who wrote the item: display name and handle, always as text.

use crate::i18n::t;
use yew::prelude::*;

/// Properties of [`Author`].
#[derive(Properties, PartialEq, Clone)]
pub struct AuthorProps {
    /// The author's display name, when the page showed one.
    pub name: Option<AttrValue>,
    /// The author's handle without `@`, when the page showed one.
    pub handle: Option<AttrValue>,
}

/// The author's display name and `@handle`; "Unknown author" when the page
/// showed neither. Both are customer-controlled and rendered as text only.
#[function_component(Author)]
pub fn author(props: &AuthorProps) -> Html {
    let name = props.name.as_ref().filter(|name| !name.trim().is_empty());
    let handle = props
        .handle
        .as_ref()
        .filter(|handle| !handle.trim().is_empty());
    if name.is_none() && handle.is_none() {
        return html! { <span class="author author-unknown">{ t("panel_unknown_author") }</span> };
    }
    html! {
        <span class="author">
            if let Some(name) = name {
                <span class="author-name" dir="auto">{ name.clone() }</span>
            }
            if name.is_some() && handle.is_some() {
                { " " }
            }
            if let Some(handle) = handle {
                <span class="author-handle" dir="auto">{ format!("@{handle}") }</span>
            }
        </span>
    }
}
