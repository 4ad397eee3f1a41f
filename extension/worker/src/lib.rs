//! The Socialcare service worker's WebAssembly (Firefox: the event page's).
//!
//! The worker loads this module on every wake, so it carries only what
//! `background.js` calls: [`engine`] hands the content script its site
//! profile and turns the raw strings read off the page into items, sentiment
//! and care signals; [`replica`] is the core's sync client with the badge
//! overlays, the pages' focus view and the agent's actions. No UI framework, no TOML, no tone engine (whose `regex`
//! and tables would triple the module). The pages (side panel, options) load
//! their own module (`socialcare-pages`). Content scripts never load
//! WebAssembly: the sites' Content-Security-Policy forbids it (see
//! `docs/extension.md`).
//!
//! `tone_bridge` (the core's tone check, template rendering and suggestions
//! for JavaScript) is called by no page yet: it is compiled into the module
//! only with the `tone-bridge` feature, and always into the unit tests.

pub mod engine;
/// The replica of the team's records and the agent's actions (the sync client for JavaScript).
pub mod replica;
/// The tone policy and reply templates for JavaScript (check, render, suggest).
#[cfg(any(test, feature = "tone-bridge"))]
pub mod tone_bridge;
/// The side panel's ticket workspace: reminder times, team tags, the agent's queue.
pub mod workspace;
