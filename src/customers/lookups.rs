//! The replica's indexes for the side panel, kept up to date one record at
//! a time: the search index (with each customer's tickets), who holds or
//! rejected an identity, who has a display name, whose tickets give an
//! email address or order number, each ticket's notes and the tags in use.
//!
//! They hold ids only; [`Lookups::directory`] resolves them to the
//! replica's records through two lookups the caller gives, so the panel's
//! view borrows records instead of copying or scanning them all.

use super::search::SearchIndex;
use super::suggest::{details, normal_name};
use super::{identity_key, Directory};
use crate::model::{Customer, ItemKey, Note, Platform, Ticket};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An identity as compared ([`identity_key`]).
type IdentityKey = (Platform, String);
/// Customer ids, ascending.
type Ids = BTreeSet<Box<str>>;

/// What one customer put in the indexes (to take it out again).
#[derive(Debug, Clone)]
struct Profile {
    identities: Vec<IdentityKey>,
    name: String,
    rejected: Vec<IdentityKey>,
}

/// What one ticket put in the indexes (to take it out again).
#[derive(Debug, Clone)]
struct Filed {
    customer: Option<Box<str>>,
    details: Vec<String>,
    tags: Vec<String>,
}

/// The replica's indexes (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    search: SearchIndex,
    profiles: HashMap<Box<str>, Profile>,
    holders: HashMap<IdentityKey, Ids>,
    named: HashMap<String, Ids>,
    rejecting: HashMap<IdentityKey, Ids>,
    tickets: HashMap<ItemKey, Filed>,
    /// Each detail with the customers whose tickets give it (and how many tickets).
    giving: HashMap<String, BTreeMap<Box<str>, u32>>,
    /// Each tag in use with how many tickets carry it.
    tags: BTreeMap<String, u32>,
    notes: HashMap<ItemKey, BTreeSet<Box<str>>>,
    note_items: HashMap<Box<str>, ItemKey>,
}

/// Adds `id` under `key`.
fn file_under<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Ids>, key: K, id: &str) {
    map.entry(key).or_default().insert(Box::from(id));
}

/// Takes `id` out from under `key`.
fn take_from<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Ids>, key: &K, id: &str) {
    if let Some(ids) = map.get_mut(key) {
        ids.remove(id);
        if ids.is_empty() {
            map.remove(key);
        }
    }
}

impl Lookups {
    /// The indexes of a whole replica.
    pub fn build<'r>(
        tickets: impl IntoIterator<Item = &'r Ticket>,
        customers: impl IntoIterator<Item = &'r Customer>,
        notes: impl IntoIterator<Item = &'r Note>,
    ) -> Lookups {
        let mut lookups = Lookups::default();
        let customers: HashMap<&str, &Customer> = customers
            .into_iter()
            .map(|customer| (customer.id.as_str(), customer))
            .collect();
        for customer in customers.values() {
            lookups.file_customer(customer);
        }
        for ticket in tickets {
            let customer = ticket.customer.as_deref();
            lookups.upsert_ticket(ticket, customer.and_then(|id| customers.get(id).copied()));
        }
        for note in notes {
            lookups.upsert_note(note);
        }
        lookups
    }

    /// The search index.
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    /// Indexes a new or changed ticket with its customer (`None` when it has
    /// none or the replica does not hold it yet).
    pub fn upsert_ticket(&mut self, ticket: &Ticket, customer: Option<&Customer>) {
        self.unfile_ticket(&ticket.item);
        self.search.upsert(ticket, customer);
        let mut found: Vec<String> = ticket.excerpt.as_deref().map(details).unwrap_or_default();
        found.sort();
        found.dedup();
        let customer_id: Option<Box<str>> = ticket.customer.as_deref().map(Box::from);
        if let Some(id) = &customer_id {
            for detail in &found {
                *self
                    .giving
                    .entry(detail.clone())
                    .or_default()
                    .entry(id.clone())
                    .or_default() += 1;
            }
        }
        let tags: Vec<String> = ticket.tags.keys().cloned().collect();
        for tag in &tags {
            *self.tags.entry(tag.clone()).or_default() += 1;
        }
        self.tickets.insert(
            ticket.item.clone(),
            Filed {
                customer: customer_id,
                details: found,
                tags,
            },
        );
    }

    /// Forgets a ticket.
    pub fn remove_ticket(&mut self, item: &ItemKey) {
        self.unfile_ticket(item);
        self.search.remove(item);
    }

    /// Indexes a new or changed customer, and indexes its tickets again
    /// (found by `ticket`) for search by its name and handles.
    pub fn upsert_customer<'r>(
        &mut self,
        customer: &Customer,
        ticket: impl Fn(&ItemKey) -> Option<&'r Ticket>,
    ) {
        self.unfile_customer(&customer.id);
        self.file_customer(customer);
        self.search_again(&customer.id, Some(customer), ticket);
    }

    /// Forgets a customer (its tickets stay, found by their own words only).
    pub fn remove_customer<'r>(
        &mut self,
        id: &str,
        ticket: impl Fn(&ItemKey) -> Option<&'r Ticket>,
    ) {
        self.unfile_customer(id);
        self.search_again(id, None, ticket);
    }

    /// Indexes a new or changed note under its ticket.
    pub fn upsert_note(&mut self, note: &Note) {
        self.remove_note(&note.id);
        self.notes
            .entry(note.item.clone())
            .or_default()
            .insert(Box::from(note.id.as_str()));
        self.note_items
            .insert(Box::from(note.id.as_str()), note.item.clone());
    }

    /// Forgets a note.
    pub fn remove_note(&mut self, id: &str) {
        let Some(item) = self.note_items.remove(id) else {
            return;
        };
        if let Some(ids) = self.notes.get_mut(&item) {
            ids.remove(id);
            if ids.is_empty() {
                self.notes.remove(&item);
            }
        }
    }

    /// The ids of a ticket's notes, ascending.
    pub fn notes_of(&self, item: &ItemKey) -> impl Iterator<Item = &str> {
        self.notes
            .get(item)
            .into_iter()
            .flatten()
            .map(AsRef::as_ref)
    }

    /// Every tag in use on the team's tickets, sorted.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags.keys().map(String::as_str)
    }

    /// The indexes as a [`Directory`], records found by `customer` and `ticket`.
    pub fn directory<'a, C, T>(&'a self, customer: C, ticket: T) -> Indexed<'a, C, T>
    where
        C: Fn(&str) -> Option<&'a Customer>,
        T: Fn(&ItemKey) -> Option<&'a Ticket>,
    {
        Indexed {
            lookups: self,
            customer,
            ticket,
        }
    }

    /// Indexes the tickets of customer `id` again for search, with `customer`.
    fn search_again<'r>(
        &mut self,
        id: &str,
        customer: Option<&Customer>,
        ticket: impl Fn(&ItemKey) -> Option<&'r Ticket>,
    ) {
        let items: Vec<ItemKey> = self.search.tickets_of(id).into_iter().cloned().collect();
        for item in items {
            if let Some(ticket) = ticket(&item) {
                self.search.upsert(ticket, customer);
            }
        }
    }

    /// Puts a customer's identities, name and rejections in the indexes.
    fn file_customer(&mut self, customer: &Customer) {
        let key = |platform, handle: &str| identity_key(platform, handle);
        let profile = Profile {
            identities: customer
                .identities
                .iter()
                .map(|identity| key(identity.platform, &identity.handle))
                .collect(),
            name: normal_name(&customer.display_name),
            rejected: customer
                .rejected
                .iter()
                .map(|rejected| key(rejected.platform, &rejected.handle))
                .collect(),
        };
        let id = customer.id.as_str();
        for identity in &profile.identities {
            file_under(&mut self.holders, identity.clone(), id);
        }
        file_under(&mut self.named, profile.name.clone(), id);
        for rejected in &profile.rejected {
            file_under(&mut self.rejecting, rejected.clone(), id);
        }
        self.profiles.insert(Box::from(id), profile);
    }

    /// Takes a customer's entries out of the indexes.
    fn unfile_customer(&mut self, id: &str) {
        let Some(profile) = self.profiles.remove(id) else {
            return;
        };
        for identity in &profile.identities {
            take_from(&mut self.holders, identity, id);
        }
        take_from(&mut self.named, &profile.name, id);
        for rejected in &profile.rejected {
            take_from(&mut self.rejecting, rejected, id);
        }
    }

    /// Takes a ticket's details and tags out of the indexes.
    fn unfile_ticket(&mut self, item: &ItemKey) {
        let Some(filed) = self.tickets.remove(item) else {
            return;
        };
        if let Some(id) = &filed.customer {
            for detail in &filed.details {
                let Some(givers) = self.giving.get_mut(detail) else {
                    continue;
                };
                if let Some(count) = givers.get_mut(id) {
                    *count -= 1;
                    if *count == 0 {
                        givers.remove(id);
                    }
                }
                if givers.is_empty() {
                    self.giving.remove(detail);
                }
            }
        }
        for tag in &filed.tags {
            if let Some(count) = self.tags.get_mut(tag) {
                *count -= 1;
                if *count == 0 {
                    self.tags.remove(tag);
                }
            }
        }
    }
}

/// [`Lookups`] as a [`Directory`] over the replica's records.
pub struct Indexed<'a, C, T> {
    lookups: &'a Lookups,
    customer: C,
    ticket: T,
}

impl<'a, C, T> Indexed<'a, C, T>
where
    C: Fn(&str) -> Option<&'a Customer>,
{
    /// The customers filed under `key` in `map`, by id.
    fn customers<K: std::hash::Hash + Eq>(
        &self,
        map: &'a HashMap<K, Ids>,
        key: &K,
    ) -> Vec<&'a Customer> {
        map.get(key)
            .into_iter()
            .flatten()
            .filter_map(|id| (self.customer)(id))
            .collect()
    }
}

impl<'a, C, T> Directory<'a> for Indexed<'a, C, T>
where
    C: Fn(&str) -> Option<&'a Customer>,
    T: Fn(&ItemKey) -> Option<&'a Ticket>,
{
    fn customer(&self, id: &str) -> Option<&'a Customer> {
        (self.customer)(id)
    }

    fn holders(&self, platform: Platform, handle: &str) -> Vec<&'a Customer> {
        self.customers(&self.lookups.holders, &identity_key(platform, handle))
    }

    fn tickets_of(&self, id: &str) -> Vec<&'a Ticket> {
        self.lookups
            .search
            .tickets_of(id)
            .into_iter()
            .filter_map(|item| (self.ticket)(item))
            .collect()
    }

    fn named(&self, name: &str) -> Vec<&'a Customer> {
        self.customers(&self.lookups.named, &name.to_owned())
    }

    fn rejecting(&self, platform: Platform, handle: &str) -> Vec<&'a Customer> {
        self.customers(&self.lookups.rejecting, &identity_key(platform, handle))
    }

    fn giving(&self, detail: &str) -> Vec<&'a str> {
        self.lookups
            .giving
            .get(detail)
            .into_iter()
            .flat_map(BTreeMap::keys)
            .map(AsRef::as_ref)
            .collect()
    }
}
