//! Search as you type over the replica's tickets: by the customer's handle
//! or name, the ticket's excerpt or a tag. Every word of the query must
//! begin a word of the ticket (`ana ref` finds "Ana R … refund"); hits come
//! newest first.
//!
//! [`SearchIndex`] keeps a sorted vocabulary with a posting list per word; a
//! query costs a range of the vocabulary per word plus the postings it
//! matches, independent of the text's length. The index is kept up to date
//! one ticket at a time ([`SearchIndex::upsert`], [`SearchIndex::remove`]):
//! a change costs the changed ticket's words, never a rebuild.

use super::when;
use crate::model::{Customer, ItemKey, Ticket};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

/// At most this many hits are ranked by sorting them; more are found by
/// walking the tickets newest first until the page is full.
const SORT_AT_MOST: usize = 2_048;

/// A ticket's place newest first: its time, then its item key as text.
type Rank = Reverse<(i64, Box<str>)>;

/// One indexed ticket.
#[derive(Debug, Clone)]
struct Document {
    item: ItemKey,
    customer: Option<Box<str>>,
    rank: Rank,
    /// The ids of its words, once each.
    words: Box<[u32]>,
}

/// The index of a replica's tickets.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Documents by number; a removed ticket's number is free for the next one.
    documents: Vec<Option<Document>>,
    free: Vec<u32>,
    numbers: HashMap<ItemKey, u32>,
    /// Every document, newest first.
    newest_first: BTreeSet<(Rank, u32)>,
    /// Every word ever indexed, sorted, with its id (for prefixes).
    vocabulary: BTreeMap<Box<str>, u32>,
    /// The same, hashed (for whole words).
    ids: HashMap<Box<str>, u32>,
    /// The documents of each word id, ascending.
    postings: Vec<Vec<u32>>,
    /// The documents of each customer.
    by_customer: HashMap<Box<str>, BTreeSet<u32>>,
}

/// The words of a text: lowercase runs of letters and digits (copied only
/// when they were not lowercase already).
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            if word.chars().any(char::is_uppercase) {
                Cow::Owned(word.to_lowercase())
            } else {
                Cow::Borrowed(word)
            }
        })
}

/// The texts a ticket is found by: its excerpt, its tags, its customer's
/// name and handles.
fn texts<'t>(ticket: &'t Ticket, customer: Option<&'t Customer>) -> impl Iterator<Item = &'t str> {
    ticket
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
        )
}

impl SearchIndex {
    /// Indexes `tickets` with their customers' names and handles.
    pub fn build<'t>(
        tickets: impl IntoIterator<Item = &'t Ticket>,
        customers: impl IntoIterator<Item = &'t Customer>,
    ) -> SearchIndex {
        let customers: HashMap<&str, &Customer> = customers
            .into_iter()
            .map(|customer| (customer.id.as_str(), customer))
            .collect();
        let mut index = SearchIndex::default();
        for ticket in tickets {
            let customer = ticket
                .customer
                .as_deref()
                .and_then(|id| customers.get(id).copied());
            index.upsert(ticket, customer);
        }
        index
    }

    /// How many tickets are indexed.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Whether no ticket is indexed.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// Indexes a new or changed ticket, with its customer (`None` when the
    /// ticket has none or the replica does not hold it yet).
    pub fn upsert(&mut self, ticket: &Ticket, customer: Option<&Customer>) {
        self.remove(&ticket.item);
        let mut word_ids: Vec<u32> = texts(ticket, customer)
            .flat_map(words)
            .map(|word| self.word_id(&word))
            .collect();
        word_ids.sort_unstable();
        word_ids.dedup();
        let number = self.free.pop().unwrap_or_else(|| {
            self.documents.push(None);
            (self.documents.len() - 1) as u32
        });
        for &word in &word_ids {
            let list = &mut self.postings[word as usize];
            let at = list.partition_point(|&held| held < number);
            list.insert(at, number);
        }
        let rank = Reverse((when(ticket), ticket.item.to_string().into_boxed_str()));
        self.newest_first.insert((rank.clone(), number));
        let customer_id: Option<Box<str>> = ticket.customer.as_deref().map(Box::from);
        if let Some(id) = &customer_id {
            self.by_customer
                .entry(id.clone())
                .or_default()
                .insert(number);
        }
        self.numbers.insert(ticket.item.clone(), number);
        self.documents[number as usize] = Some(Document {
            item: ticket.item.clone(),
            customer: customer_id,
            rank,
            words: word_ids.into_boxed_slice(),
        });
    }

    /// Forgets a ticket (nothing happens when it is not indexed).
    pub fn remove(&mut self, item: &ItemKey) {
        let Some(number) = self.numbers.remove(item) else {
            return;
        };
        let document = self.documents[number as usize]
            .take()
            .expect("an indexed number holds its document");
        for &word in document.words.iter() {
            let list = &mut self.postings[word as usize];
            if let Ok(at) = list.binary_search(&number) {
                list.remove(at);
            }
        }
        self.newest_first.remove(&(document.rank, number));
        if let Some(id) = document.customer {
            if let Some(numbers) = self.by_customer.get_mut(&id) {
                numbers.remove(&number);
                if numbers.is_empty() {
                    self.by_customer.remove(&id);
                }
            }
        }
        self.free.push(number);
    }

    /// The items of the tickets of customer `id`, newest first (to index
    /// again when that customer's name or identities change, or to list
    /// their history).
    pub fn tickets_of(&self, id: &str) -> Vec<&ItemKey> {
        let mut documents: Vec<&Document> = self
            .by_customer
            .get(id)
            .into_iter()
            .flatten()
            .map(|&number| self.document(number))
            .collect();
        documents.sort_by(|a, b| a.rank.cmp(&b.rank));
        documents
            .into_iter()
            .map(|document| &document.item)
            .collect()
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
        let total: usize = matching.iter().map(|bits| bits.count_ones() as usize).sum();
        let numbers: Vec<u32> = if total <= SORT_AT_MOST {
            let mut hits: Vec<u32> = set_bits(&matching).collect();
            hits.sort_by(|&a, &b| self.document(a).rank.cmp(&self.document(b).rank));
            hits.truncate(limit);
            hits
        } else {
            let hit = |number: u32| matching[number as usize / 64] & (1 << (number % 64)) != 0;
            self.newest_first
                .iter()
                .map(|(_, number)| *number)
                .filter(|&number| hit(number))
                .take(limit)
                .collect()
        };
        let items = numbers
            .into_iter()
            .map(|number| &self.document(number).item)
            .collect();
        (items, total)
    }

    /// The document with an indexed number.
    fn document(&self, number: u32) -> &Document {
        self.documents[number as usize]
            .as_ref()
            .expect("an indexed number holds its document")
    }

    /// The id of a word, new words getting the next one.
    fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.postings.push(Vec::new());
        self.vocabulary.insert(Box::from(word), id);
        self.ids.insert(Box::from(word), id);
        id
    }

    /// The documents with a word starting with `prefix`, as a bit set.
    fn prefixed(&self, prefix: &str) -> Vec<u64> {
        let mut bits = vec![0u64; self.documents.len().div_ceil(64)];
        let words = self
            .vocabulary
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(word, _)| word.starts_with(prefix));
        for (_, &id) in words {
            for &number in &self.postings[id as usize] {
                bits[number as usize / 64] |= 1 << (number % 64);
            }
        }
        bits
    }
}

/// The numbers whose bits are set, ascending.
fn set_bits(bits: &[u64]) -> impl Iterator<Item = u32> + '_ {
    bits.iter().enumerate().flat_map(|(block, &word)| {
        (0..64)
            .filter(move |bit| word & (1 << bit) != 0)
            .map(move |bit| (block * 64 + bit) as u32)
    })
}
