//! The sync protocol shared by the extension and the store: the synced records,
//! the mutations and their mutators, the wire types, and hybrid logical clocks.
//!
//! The store orders every team's changes in one log (a per-team version); clients
//! push mutations from a persistent outbox and pull changed records since a cookie.

pub mod client;
pub mod entity;
pub mod hlc;
pub mod mutator;
pub mod ops;
pub mod protocol;
pub mod record;
pub mod refusal;

pub use entity::{Entity, EntityKind, SETTINGS_ID};
pub use mutator::{apply, Applied, Context, EntityReader, RejectCode, Rejection, Versioned};
pub use ops::Op;
pub use protocol::*;
pub use record::Record;
pub use refusal::{BlockedApproval, ParseScalarFieldError, Refusal, ScalarField};
