//! The Socialcare extension's WebAssembly: the service-worker engine and the Yew pages.
//!
//! One module serves every extension context. The MV3 service worker
//! (`background.js`) loads it to run [`engine`]: it hands the content script
//! its site profile and turns the raw strings the content script read off the
//! page into items, sentiment and care signals. Extension pages (the side
//! panel) load the same module and call their own entry point
//! ([`panel::start_side_panel`]). Content scripts never load WebAssembly: the
//! sites' Content-Security-Policy forbids it (see `docs/extension.md`).

pub mod engine;
pub mod focus;
pub mod panel;
