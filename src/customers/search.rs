//! Search as you type over the replica's tickets: by the customer's handle
//! or name, the ticket's excerpt or a tag. Every word of the query must
//! begin a word of the ticket (`ana ref` finds "Ana R … refund"); hits come
//! newest first.
//!
//! [`SearchIndex::build`] tokenises every ticket once into a sorted
//! vocabulary with posting lists; a query then costs a binary search per
//! word plus the postings it matches, independent of the text's length.

use super::when;
use crate::model::{Customer, ItemKey, Ticket};
use std::collections::{BTreeMap, HashMap};

/// The index of a replica's tickets.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// The tickets' items, newest first (a document's number is its position).
    items: Vec<ItemKey>,
    /// Every word, sorted, with the documents it occurs in (ascending).
    vocabulary: Vec<(Box<str>, Vec<u32>)>,
}

/// The words of a text: lowercase runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

impl SearchIndex {
    /// Indexes `tickets` with their customers' names and handles.
    pub fn build(tickets: &[Ticket], customers: &[Customer]) -> SearchIndex {
        let customers: HashMap<&str, &Customer> = customers
            .iter()
            .map(|customer| (customer.id.as_str(), customer))
            .collect();
        let mut order: Vec<&Ticket> = tickets.iter().collect();
        order.sort_by_key(|ticket| std::cmp::Reverse((when(ticket), ticket.item.to_string())));
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (number, ticket) in order.iter().enumerate() {
            let number = number as u32;
            let customer = ticket.customer.as_deref().and_then(|id| customers.get(id));
            let texts = ticket
                .excerpt
                .iter()
                .map(String::as_str)
                .chain(ticket.tags.keys().map(String::as_str))
                .chain(customer.map(|customer| customer.display_name.as_str()))
                .chain(
                    customer
                        .into_iter()
                        .flat_map(|customer| &customer.identities)
                        .map(|identity| identity.handle.as_str()),
                );
            for text in texts {
                for word in words(text) {
                    let list = postings.entry(word).or_default();
                    if list.last() != Some(&number) {
                        list.push(number);
                    }
                }
            }
        }
        SearchIndex {
            items: order
                .into_iter()
                .map(|ticket| ticket.item.clone())
                .collect(),
            vocabulary: postings
                .into_iter()
                .map(|(word, list)| (word.into_boxed_str(), list))
                .collect(),
        }
    }

    /// How many tickets are indexed.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no ticket is indexed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items of the newest `limit` tickets matching every word of
    /// `query`, and how many match in all. An empty query matches nothing.
    pub fn search(&self, query: &str, limit: usize) -> (Vec<&ItemKey>, usize) {
        let mut matching: Option<Vec<u64>> = None;
        for word in words(query) {
            let hits = self.prefixed(&word);
            matching = Some(match matching {
                None => hits,
                Some(mut kept) => {
                    kept.iter_mut()
                        .zip(&hits)
                        .for_each(|(kept, hit)| *kept &= hit);
                    kept
                }
            });
        }
        let Some(matching) = matching else {
            return (Vec::new(), 0);
        };
        let total = matching.iter().map(|bits| bits.count_ones() as usize).sum();
        let items = matching
            .iter()
            .enumerate()
            .flat_map(|(block, &bits)| {
                (0..64)
                    .filter(move |bit| bits & (1 << bit) != 0)
                    .map(move |bit| block * 64 + bit)
            })
            .take(limit)
            .map(|number| &self.items[number])
            .collect();
        (items, total)
    }

    /// The documents with a word starting with `prefix`, as a bit set.
    fn prefixed(&self, prefix: &str) -> Vec<u64> {
        let mut bits = vec![0u64; self.items.len().div_ceil(64)];
        let start = self
            .vocabulary
            .partition_point(|(word, _)| word.as_ref() < prefix);
        for (_, documents) in self.vocabulary[start..]
            .iter()
            .take_while(|(word, _)| word.starts_with(prefix))
        {
            for &number in documents {
                bits[number as usize / 64] |= 1 << (number % 64);
            }
        }
        bits
    }
}
