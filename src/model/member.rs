//! Team members (agents, leads and admins) and their roles.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a member may do. Ordered: an admin can do everything a lead can, a lead everything an agent can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Tickets, notes, customers, presence; reads templates and guidelines.
    Agent,
    /// Also templates, tone guidelines and reassignment.
    Lead,
    /// Also members, tokens and team settings.
    Admin,
}

impl Role {
    /// The lowercase name used on the wire and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a role name that is none of `agent`, `lead`, `admin`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: expected agent, lead or admin")]
pub struct ParseRoleError(pub String);

impl FromStr for Role {
    type Err = ParseRoleError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "agent" => Ok(Role::Agent),
            "lead" => Ok(Role::Lead),
            "admin" => Ok(Role::Admin),
            _ => Err(ParseRoleError(name.to_owned())),
        }
    }
}

/// A member of the team as every client sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Stable agent id.
    pub agent_id: String,
    /// Full name, e.g. `Kim Lee`.
    pub name: String,
    /// Initials shown on presence badges, e.g. `KL`.
    pub initials: String,
    /// What the member may do.
    pub role: Role,
    /// False once the member's token is revoked.
    pub active: bool,
}
