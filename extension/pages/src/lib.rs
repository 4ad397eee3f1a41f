//! The Socialcare extension's pages, in Yew: the side panel (Chrome
//! `side_panel`, Firefox `sidebar_action`) and, later, the options page.
//!
//! Only the pages load this module; the service worker's module carries no
//! UI framework. Pages talk to the worker over `runtime` ports (the contract
//! is the `socialcare-views` crate) and never to the store.

pub mod panel;
