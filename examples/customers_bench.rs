//! Benchmark of the side panel's customer part over a large replica,
//! natively: builds a 100,000-ticket replica (synthetic text, 33,334
//! customers), then prints the indexes' build time, the cost of updating
//! them per changed ticket and per renamed customer, the time per
//! keystroke of search-as-you-type (the index's query plus the newest 20
//! tickets looked up, as the worker answers), and the time to build the
//! focused customer's view (group, history, link suggestions) with the
//! indexes and by scanning every record.
//! `BENCH_TICKETS` changes the size. Run by `make bench-customers`.

use socialcare::customers::lookups::Lookups;
use socialcare::customers::suggest::suggest_links;
use socialcare::customers::{Group, Scan};
use socialcare::model::{
    Customer, Identity, ItemKey, Platform, Priority, Ticket, TicketClocks, TicketStatus,
};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What the agent types, one keystroke at a time.
const TYPED: &[&str] = &["refund never arrived", "@ana", "vip", "dana k"];
const WORDS: &[&str] = &[
    "order",
    "refund",
    "never",
    "arrived",
    "parcel",
    "late",
    "delivery",
    "broken",
    "screen",
    "charged",
    "twice",
    "account",
    "locked",
    "password",
    "help",
    "please",
    "waiting",
    "days",
    "store",
    "size",
    "exchange",
    "colour",
    "tracking",
    "number",
    "support",
    "answer",
    "again",
    "cancel",
    "subscription",
    "invoice",
    "address",
    "wrong",
    "missing",
    "item",
    "box",
    "damaged",
];
const TAGS: &[&str] = &[
    "vip", "billing", "shipping", "returns", "bug", "praise", "press",
];
const NAMES: &[&str] = &[
    "Ana", "Dana", "Eli", "Kim", "Lee", "Noor", "Sam", "Yuki", "Omar", "Ines",
];

/// A small deterministic generator (xorshift64*), so every run sees the same replica.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn replica(tickets: usize) -> (Vec<Customer>, Vec<Ticket>) {
    let mut random = Random(0x5eed);
    let customers: Vec<Customer> = (0..tickets.div_ceil(3).max(1))
        .map(|n| {
            let platform = Platform::ALL[n % 3];
            let name = format!(
                "{} {}",
                NAMES[random.below(NAMES.len())],
                (b'A' + (n % 26) as u8) as char
            );
            let handle = format!(
                "{}_{n}",
                name.split(' ').next().unwrap_or("c").to_lowercase()
            );
            Customer {
                id: Customer::id_for(platform, &handle),
                display_name: name,
                identities: vec![Identity {
                    platform,
                    handle,
                    linked_version: 1,
                }],
                created_at: 0,
                rejected: vec![],
            }
        })
        .collect();
    let tickets = (0..tickets)
        .map(|n| {
            let customer = &customers[random.below(customers.len())];
            let platform = customer.identities[0].platform;
            let words: Vec<&str> = (0..12 + random.below(30))
                .map(|_| WORDS[random.below(WORDS.len())])
                .collect();
            let posted = 1_790_000_000_000 + n as i64 * 60_000;
            Ticket {
                item: ItemKey::new(platform, format!("{n}")),
                conversation: format!("{platform}:{n}"),
                customer: Some(customer.id.clone()),
                status: TicketStatus::Open,
                assignee: None,
                priority: Priority::Normal,
                tags: [(TAGS[random.below(TAGS.len())].to_owned(), 1)].into(),
                created_at: posted,
                posted_at: Some(posted),
                excerpt: Some(words.join(" ")),
                sentiment: None,
                urgency: None,
                intent: None,
                language: Some("en".into()),
                first_response_due: None,
                first_response_at: None,
                resolved_at: None,
                permalink: None,
                reminder: None,
                clocks: TicketClocks::default(),
            }
        })
        .collect();
    (customers, tickets)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The median and the worst of some timings.
fn median_and_worst(mut timings: Vec<Duration>) -> (f64, f64) {
    timings.sort();
    let median = timings[timings.len() / 2];
    let worst = *timings.last().unwrap_or(&Duration::ZERO);
    (millis(median), millis(worst))
}

fn main() {
    let count: usize = std::env::var("BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let (mut customers, mut tickets) = replica(count);
    let by_item: HashMap<&ItemKey, &Ticket> = tickets
        .iter()
        .map(|ticket| (&ticket.item, ticket))
        .collect();

    let start = Instant::now();
    let mut lookups = Lookups::build(&tickets, &customers, []);
    let build = start.elapsed();

    let mut keystrokes: Vec<Duration> = Vec::new();
    let mut found = 0;
    for phrase in TYPED {
        for end in 1..=phrase.len() {
            let start = Instant::now();
            let (items, total) = lookups.search().search(&phrase[..end], 20);
            let shown: Vec<&Ticket> = items
                .into_iter()
                .filter_map(|item| by_item.get(item).copied())
                .collect();
            keystrokes.push(start.elapsed());
            found += total + shown.len();
        }
    }
    let keystroke_count = keystrokes.len();
    let (keystroke_median, keystroke_worst) = median_and_worst(keystrokes);

    let focused = customers[0].id.clone();
    let customer_view = |lookups: &Lookups, customers: &[Customer], tickets: &[Ticket]| {
        let customer_by_id: HashMap<&str, &Customer> =
            customers.iter().map(|c| (c.id.as_str(), c)).collect();
        let ticket_by_item: HashMap<&ItemKey, &Ticket> =
            tickets.iter().map(|t| (&t.item, t)).collect();
        let start = Instant::now();
        let people = lookups.directory(
            |id| customer_by_id.get(id).copied(),
            |item| ticket_by_item.get(item).copied(),
        );
        let group = Group::of(&focused, &people).expect("the customer exists");
        let history = group.history(&people).len();
        let suggestions = suggest_links(&group, &people, &["my IG is @ana.r"]).len();
        (start.elapsed(), history, suggestions)
    };
    let (indexed_view, history, suggestions) = customer_view(&lookups, &customers, &tickets);
    let scanned_start = Instant::now();
    let scan = Scan {
        customers: &customers,
        tickets: &tickets,
    };
    let group = Group::of(&focused, &scan).expect("the customer exists");
    let scanned_history = group.history(&scan).len();
    let scanned_suggestions = suggest_links(&group, &scan, &["my IG is @ana.r"]).len();
    let scanned_view = scanned_start.elapsed();
    assert_eq!(
        (history, suggestions),
        (scanned_history, scanned_suggestions)
    );

    // Changes, one record at a time: a ticket's text and tag edited, then a
    // customer renamed (their tickets indexed again by the new name).
    let mut ticket_updates: Vec<Duration> = Vec::new();
    let mut random = Random(0xc4a9);
    for round in 0..200 {
        let ticket = &mut tickets[random.below(count)];
        ticket.excerpt = Some(format!("edited refund note {round}"));
        ticket.tags = [(TAGS[round % TAGS.len()].to_owned(), 2)].into();
        let customer = customers
            .iter()
            .find(|c| Some(&c.id) == ticket.customer.as_ref());
        let start = Instant::now();
        lookups.upsert_ticket(ticket, customer);
        ticket_updates.push(start.elapsed());
    }
    let (ticket_median, ticket_worst) = median_and_worst(ticket_updates);
    let mut customer_updates: Vec<Duration> = Vec::new();
    for round in 0..50 {
        let at = random.below(customers.len());
        customers[at].display_name = format!("Renamed {round}");
        let by_item: HashMap<&ItemKey, &Ticket> = tickets.iter().map(|t| (&t.item, t)).collect();
        let start = Instant::now();
        lookups.upsert_customer(&customers[at], |item| by_item.get(item).copied());
        customer_updates.push(start.elapsed());
    }
    let (customer_median, customer_worst) = median_and_worst(customer_updates);
    let start = Instant::now();
    let rebuilt = Lookups::build(&tickets, &customers, []);
    let rebuild = start.elapsed();
    for query in ["renamed", "edited refund", "vip"] {
        assert_eq!(
            lookups.search().search(query, 20),
            rebuilt.search().search(query, 20),
            "the updated index finds what a rebuild finds"
        );
    }

    println!(
        "customers bench: {count} tickets, {} customers (native, release)",
        customers.len()
    );
    println!(
        "  indexes build (search, customers, details, tags; once per worker start): {:.1} ms (a rebuild after the changes below: {:.1} ms)",
        millis(build),
        millis(rebuild)
    );
    println!(
        "  index update per changed ticket: median {:.3} ms, worst {:.3} ms (200 edits)",
        ticket_median, ticket_worst
    );
    println!(
        "  index update per renamed customer (their tickets indexed again): median {:.3} ms, worst {:.3} ms (50 renames)",
        customer_median, customer_worst
    );
    println!(
        "  search as you type: {keystroke_count} keystrokes, median {:.3} ms, worst {:.3} ms per keystroke (target ≤ 16 ms; {found} hits)",
        keystroke_median, keystroke_worst
    );
    println!(
        "  focused customer's view (group, history of {history}, {suggestions} suggestions): {:.2} ms with the indexes, {:.1} ms scanning every record",
        millis(indexed_view),
        millis(scanned_view)
    );
}
