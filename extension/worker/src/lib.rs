//! The Socialcare service worker's verdict module (Firefox: the event page's).
//!
//! The worker instantiates this module first on every wake, so it carries
//! only what a badge needs: [`engine`] hands the content script its site
//! profile and turns the raw strings read off the page into items, sentiment
//! and care signals. The team's replica (the core's sync client, ticket
//! overlays, the pages' views, the agent's actions) is a second module,
//! `socialcare-replica` (`replica/`), which the worker instantiates beside
//! this one for a signed-in agent only: a cold start's first verdict never
//! waits for it. No UI framework, no TOML, no tone engine (whose `regex` and
//! tables would triple the module; the tone module asks this one for VADER's
//! score, `engine::compound_sentiment`). The pages (side panel, options,
//! console) load their own module (`socialcare-ui`). Content scripts never load
//! WebAssembly: the sites' Content-Security-Policy forbids it (see
//! `docs/extension.md`).

pub mod engine;
