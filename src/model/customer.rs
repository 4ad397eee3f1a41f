//! Customer profiles and their identities on each platform.

use super::Platform;
use serde::{Deserialize, Serialize};

/// One identity of a customer on a platform (a handle or a numeric id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Identity {
    /// The platform.
    pub platform: Platform,
    /// The handle or platform id of the customer there.
    pub handle: String,
    /// The team version that linked it (a concurrent unlink that did not see it loses).
    pub linked_version: u64,
}

/// A customer profile: a display name and explicitly linked identities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// Client-generated id, unique in the team.
    pub id: String,
    /// The name agents see.
    pub display_name: String,
    /// Linked identities, sorted by platform then handle.
    pub identities: Vec<Identity>,
    /// When the profile was created (Unix milliseconds).
    pub created_at: i64,
    /// Identities an agent said are not this customer: never suggested for it again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<RejectedIdentity>,
}

/// An identity an agent rejected as a link suggestion for a customer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RejectedIdentity {
    /// The platform.
    pub platform: Platform,
    /// The handle or platform id.
    pub handle: String,
}

impl Customer {
    /// The id of the customer first met as `handle` on `platform` (`<platform>:<handle>`):
    /// `ticket.create` matches or creates the customer by it.
    pub fn id_for(platform: Platform, handle: &str) -> String {
        format!("{platform}:{handle}")
    }
}

/// The author of an item as the page shows them: who a new ticket's customer is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageAuthor {
    /// The platform (the item's).
    pub platform: Platform,
    /// The handle or platform id.
    pub handle: String,
    /// The name the page shows.
    pub display_name: String,
}
