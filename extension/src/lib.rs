//! The Socialcare extension's WebAssembly: the service-worker engine and the Yew pages.
//!
//! One module serves every extension context. The MV3 service worker
//! (`background.js`) loads it to run [`engine`]: it hands the content script
//! its site profile and turns the raw strings the content script read off the
//! page into items, sentiment and care signals. The same module exports
//! [`tone_bridge`]: the tone policy check, template rendering and template
//! suggestions of the core. Extension pages (the side panel) load the same
//! module and call their own entry point ([`panel::start_side_panel`]).
//! Content scripts never load WebAssembly: the sites' Content-Security-Policy
//! forbids it (see `docs/extension.md`).

pub mod engine;
pub mod focus;
pub mod panel;
/// The tone policy and reply templates for JavaScript (check, render, suggest).
pub mod tone_bridge;
