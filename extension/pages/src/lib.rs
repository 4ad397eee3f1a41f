//! The Socialcare extension's pages, in Yew: the side panel (Chrome
//! `side_panel`, Firefox `sidebar_action`) and the options page (sign-in).
//!
//! Only the pages load this module; the service worker's module carries no
//! UI framework. Pages talk to the worker over `runtime` ports ([`port`]; the
//! contract is the `socialcare-views` crate) and never to the store.

pub mod clock;
pub mod format;
pub mod i18n;
pub mod lazy_module;
pub mod names;
pub mod options;
pub mod panel;
pub mod port;
mod webext;

use wasm_bindgen::UnwrapThrowExt;

/// The id of the element a page mounts into (`extension/static/*.html`).
pub const ROOT_ID: &str = "app";

/// Mounts the component `C` with default properties into the element with
/// id [`ROOT_ID`] when there is one, else into `<body>` (the console's own
/// module mounts with it too).
pub fn mount<C>()
where
    C: yew::BaseComponent,
    C::Properties: Default,
{
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect_throw("a page has a document");
    i18n::apply_to_document(&document);
    match document.get_element_by_id(ROOT_ID) {
        Some(root) => {
            yew::Renderer::<C>::with_root(root).render();
        }
        None => {
            yew::Renderer::<C>::new().render();
        }
    }
}

/// A wire name made readable: `billing_issue` → `Billing issue`.
pub fn humanize(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
