//! Customers across platforms: who is linked to whom, their history, the
//! identity links worth suggesting to an agent, and search over tickets.
//!
//! A customer profile is created for the first identity a ticket meets
//! (`<platform>:<handle>`) and grows by explicit links (`customer.link`).
//! Two profiles that hold the same identity are the same person: a
//! [`Group`] is every profile reachable through shared identities. Nothing
//! here links anything: [`suggest`] only proposes, an agent confirms.
//! Pure functions over the replica's records, shared by the extension's
//! worker and the tests.

pub mod lookups;
pub mod search;
pub mod suggest;

use crate::model::{Customer, Identity, Platform, Ticket};
use std::collections::{BTreeMap, BTreeSet};

/// An identity compared the way the platforms compare handles: without a
/// leading `@` and ignoring case.
pub fn identity_key(platform: Platform, handle: &str) -> (Platform, String) {
    (platform, handle.trim_start_matches('@').to_lowercase())
}

/// The profiles of one person: the customer asked for and every profile that
/// shares an identity with it, directly or through others.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    /// The customer asked for (always first in `members`).
    pub primary: &'a Customer,
    /// Every profile of the person, the primary first, then by id.
    pub members: Vec<&'a Customer>,
}

impl<'a> Group<'a> {
    /// The group of customer `id`, if that customer exists.
    pub fn of(id: &str, people: &impl Directory<'a>) -> Option<Group<'a>> {
        let primary = people.customer(id)?;
        // Inserted, not `BTreeMap::from([..])`, which links a stable sort.
        let mut seen: BTreeMap<&str, &'a Customer> = BTreeMap::new();
        seen.insert(id, primary);
        let mut queue = vec![primary];
        while let Some(member) = queue.pop() {
            for identity in &member.identities {
                for other in people.holders(identity.platform, &identity.handle) {
                    if !seen.contains_key(other.id.as_str()) {
                        seen.insert(other.id.as_str(), other);
                        queue.push(other);
                    }
                }
            }
        }
        seen.remove(id);
        let mut members: Vec<&Customer> = vec![primary];
        members.extend(seen.into_values());
        Some(Group { primary, members })
    }

    /// Whether `customer_id` is one of the person's profiles.
    pub fn contains(&self, customer_id: &str) -> bool {
        self.members.iter().any(|member| member.id == customer_id)
    }

    /// Whether the person already has this identity.
    pub fn has_identity(&self, platform: Platform, handle: &str) -> bool {
        let wanted = identity_key(platform, handle);
        self.identities()
            .iter()
            .any(|held| identity_key(held.identity.platform, &held.identity.handle) == wanted)
    }

    /// Every identity of the person once, by platform then handle, each with
    /// the profile that holds it (one that linked it, if any).
    pub fn identities(&self) -> Vec<HeldIdentity<'a>> {
        let mut held: BTreeMap<(Platform, String), HeldIdentity<'a>> = BTreeMap::new();
        for member in &self.members {
            for identity in &member.identities {
                let key = identity_key(identity.platform, &identity.handle);
                let candidate = HeldIdentity {
                    identity,
                    holder: member,
                };
                // Shown as a link (removable) when a profile holds it as one: unlinking
                // that link is what parts the profiles again.
                let replaces = held
                    .get(&key)
                    .is_none_or(|existing| candidate.is_link() && !existing.is_link());
                if replaces {
                    held.insert(key, candidate);
                }
            }
        }
        held.into_values().collect()
    }

    /// The person's tickets on every platform, newest first.
    pub fn history(&self, people: &impl Directory<'a>) -> Vec<&'a Ticket> {
        let mut history: Vec<&Ticket> = self
            .members
            .iter()
            .flat_map(|member| people.tickets_of(&member.id))
            .collect();
        history.sort_by_key(|ticket| std::cmp::Reverse((when(ticket), ticket.item.to_string())));
        history
    }

    /// Whether an agent rejected `identity` for one of the person's profiles.
    pub fn rejected(&self, platform: Platform, handle: &str) -> bool {
        let wanted = identity_key(platform, handle);
        self.members.iter().any(|member| {
            member
                .rejected
                .iter()
                .any(|rejected| identity_key(rejected.platform, &rejected.handle) == wanted)
        })
    }
}

/// What the customer functions read of a replica, looked up rather than
/// scanned: [`Scan`] over slices, or [`lookups::Lookups`]' indexes kept
/// up to date per change (the extension's worker).
pub trait Directory<'a> {
    /// The customer `id`, if any.
    fn customer(&self, id: &str) -> Option<&'a Customer>;
    /// The customers holding an identity (compared as [`identity_key`]), by id.
    fn holders(&self, platform: Platform, handle: &str) -> Vec<&'a Customer>;
    /// The tickets of customer `id`.
    fn tickets_of(&self, id: &str) -> Vec<&'a Ticket>;
    /// The customers whose display name is `name` once [`suggest::normal_name`]d, by id.
    fn named(&self, name: &str) -> Vec<&'a Customer>;
    /// The customers for whom an agent rejected an identity, by id.
    fn rejecting(&self, platform: Platform, handle: &str) -> Vec<&'a Customer>;
    /// The ids of the customers whose tickets give `detail` (see
    /// [`suggest::details`]), ascending.
    fn giving(&self, detail: &str) -> Vec<&'a str>;
}

/// A [`Directory`] that scans slices of records (tests, one-off tools).
#[derive(Debug, Clone, Copy)]
pub struct Scan<'a> {
    /// Every customer.
    pub customers: &'a [Customer],
    /// Every ticket.
    pub tickets: &'a [Ticket],
}

impl<'a> Scan<'a> {
    /// The customers that `keep`, by id.
    fn customers_where(&self, keep: impl Fn(&Customer) -> bool) -> Vec<&'a Customer> {
        let mut found: Vec<&Customer> = self.customers.iter().filter(|c| keep(c)).collect();
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found
    }
}

impl<'a> Directory<'a> for Scan<'a> {
    fn customer(&self, id: &str) -> Option<&'a Customer> {
        self.customers.iter().find(|customer| customer.id == id)
    }

    fn holders(&self, platform: Platform, handle: &str) -> Vec<&'a Customer> {
        let wanted = identity_key(platform, handle);
        self.customers_where(|customer| {
            customer
                .identities
                .iter()
                .any(|held| identity_key(held.platform, &held.handle) == wanted)
        })
    }

    fn tickets_of(&self, id: &str) -> Vec<&'a Ticket> {
        self.tickets
            .iter()
            .filter(|ticket| ticket.customer.as_deref() == Some(id))
            .collect()
    }

    fn named(&self, name: &str) -> Vec<&'a Customer> {
        self.customers_where(|customer| suggest::normal_name(&customer.display_name) == name)
    }

    fn rejecting(&self, platform: Platform, handle: &str) -> Vec<&'a Customer> {
        let wanted = identity_key(platform, handle);
        self.customers_where(|customer| {
            customer
                .rejected
                .iter()
                .any(|rejected| identity_key(rejected.platform, &rejected.handle) == wanted)
        })
    }

    fn giving(&self, detail: &str) -> Vec<&'a str> {
        let ids: BTreeSet<&str> =
            self.tickets
                .iter()
                .filter(|ticket| {
                    ticket.excerpt.as_deref().is_some_and(|excerpt| {
                        suggest::details(excerpt).iter().any(|d| d == detail)
                    })
                })
                .filter_map(|ticket| ticket.customer.as_deref())
                .collect();
        ids.into_iter().collect()
    }
}

/// An identity with the profile that holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeldIdentity<'a> {
    /// The identity.
    pub identity: &'a Identity,
    /// The profile whose record holds it.
    pub holder: &'a Customer,
}

impl HeldIdentity<'_> {
    /// Whether it was linked by an agent (and may be unlinked), rather than
    /// being the identity its profile was first met as.
    pub fn is_link(&self) -> bool {
        self.holder.id != Customer::id_for(self.identity.platform, &self.identity.handle)
    }
}

/// When a ticket's item was posted (its creation when the page showed no time).
pub fn when(ticket: &Ticket) -> i64 {
    ticket.posted_at.unwrap_or(ticket.created_at)
}

/// The profile page of an identity on its native site, when the handle is a
/// plain handle (letters, digits, `.` and `_`; Facebook numeric ids too).
pub fn profile_url(platform: Platform, handle: &str) -> Option<String> {
    let handle = handle.trim_start_matches('@');
    let plain = !handle.is_empty()
        && handle.len() <= 64
        && handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if !plain || handle.starts_with('.') {
        return None;
    }
    Some(match platform {
        Platform::X => format!("https://x.com/{handle}"),
        Platform::Instagram => format!("https://www.instagram.com/{handle}/"),
        Platform::Facebook if handle.chars().all(|c| c.is_ascii_digit()) => {
            format!("https://www.facebook.com/profile.php?id={handle}")
        }
        Platform::Facebook => format!("https://www.facebook.com/{handle}"),
    })
}

#[cfg(test)]
pub(crate) mod tests;
