//! The Socialcare service worker's WebAssembly (Firefox: the event page's).
//!
//! The worker loads this module on every wake. It carries no UI framework:
//! [`engine`] hands the content script its site profile and turns the raw
//! strings read off the page into items, sentiment and care signals;
//! [`tone_bridge`] exports the core's tone check, template rendering and
//! suggestions. The pages (side panel, options) load their own module
//! (`socialcare-pages`). Content scripts never load WebAssembly: the sites'
//! Content-Security-Policy forbids it (see `docs/extension.md`).

pub mod engine;
/// The replica of the team's records and the agent's actions (the sync client for JavaScript).
pub mod replica;
/// The tone policy and reply templates for JavaScript (check, render, suggest).
pub mod tone_bridge;
