//! The Socialcare service worker's replica module (Firefox: the event page's).
//!
//! The worker instantiates it beside the verdict module (`socialcare-worker`)
//! for a signed-in agent only, after restoring its state from IndexedDB:
//! [`replica`] is the core's sans-IO sync client with the badges' ticket
//! overlays, the pages' views and the agent's actions; [`workspace`] the side
//! panel's queue and reminders. It carries no care engine and no site
//! profiles: verdicts are the verdict module's, and JavaScript merges the
//! overlays into them (`static/worker/sync.js`). No UI framework.

/// The replica of the team's records and the agent's actions (the sync client for JavaScript).
pub mod replica;
/// The side panel's ticket workspace: reminder times, team tags, the agent's queue.
pub mod workspace;
