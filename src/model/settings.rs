//! Team settings: SLA targets, business hours and brand accounts.

use super::Platform;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The hours the team answers, in a fixed UTC offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    /// The team's offset from UTC in minutes (e.g. 60 for UTC+1).
    pub utc_offset_minutes: i32,
    /// Working days, 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// Start of the working day, minutes after local midnight.
    pub start_minute: u16,
    /// End of the working day, minutes after local midnight.
    pub end_minute: u16,
}

/// The team's settings, one record per team; only admins change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSettings {
    /// First-response SLA target in minutes.
    pub first_response_minutes: u32,
    /// Business hours; `None` means around the clock.
    pub business_hours: Option<BusinessHours>,
    /// The team's own (brand) accounts on each platform.
    pub brand_accounts: BTreeMap<Platform, Vec<String>>,
}

impl Default for TeamSettings {
    fn default() -> Self {
        TeamSettings {
            first_response_minutes: 60,
            business_hours: None,
            brand_accounts: BTreeMap::new(),
        }
    }
}
