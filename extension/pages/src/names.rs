//! The model's values by name in the agent's language, for the pages and
//! the console: the same `common_…` message wherever a role or an intent
//! is shown.

use crate::i18n::t;
use socialcare::care::Intent;
use socialcare::model::Role;

/// A member's role (`agent`, `lead`, `admin` in English).
pub fn role_name(role: Role) -> String {
    t(&format!("common_role_{}", role.as_str()))
}

/// What the customer wants (`Complaint`, `Feature request` in English).
pub fn intent_name(intent: Intent) -> String {
    t(&format!("common_intent_{}", intent.as_str()))
}
