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
    /// The group of customer `id` among `customers`, if that customer exists.
    pub fn of(id: &str, customers: &'a [Customer]) -> Option<Group<'a>> {
        let mut by_identity: BTreeMap<(Platform, String), Vec<usize>> = BTreeMap::new();
        for (index, customer) in customers.iter().enumerate() {
            for identity in &customer.identities {
                by_identity
                    .entry(identity_key(identity.platform, &identity.handle))
                    .or_default()
                    .push(index);
            }
        }
        let start = customers.iter().position(|customer| customer.id == id)?;
        let primary = &customers[start];
        let mut seen = BTreeSet::from([start]);
        let mut queue = vec![start];
        while let Some(index) = queue.pop() {
            for identity in &customers[index].identities {
                let key = identity_key(identity.platform, &identity.handle);
                for &other in by_identity.get(&key).into_iter().flatten() {
                    if seen.insert(other) {
                        queue.push(other);
                    }
                }
            }
        }
        let mut members: Vec<&Customer> = seen
            .into_iter()
            .map(|index| &customers[index])
            .filter(|customer| customer.id != primary.id)
            .collect();
        members.sort_by(|a, b| a.id.cmp(&b.id));
        members.insert(0, primary);
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
    pub fn history<'t>(&self, tickets: &'t [Ticket]) -> Vec<&'t Ticket> {
        let mut history: Vec<&Ticket> = tickets
            .iter()
            .filter(|ticket| {
                ticket
                    .customer
                    .as_deref()
                    .is_some_and(|id| self.contains(id))
            })
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
