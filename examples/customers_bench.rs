//! Benchmark of the side panel's customer part over a large replica,
//! natively: builds a 100,000-ticket replica (synthetic text, 30,000
//! customers), then prints the search index's build time, the time per
//! keystroke of search-as-you-type (the index's query plus the newest 20
//! tickets looked up, as the worker answers), and the time to build the
//! focused customer's view (group, history, link suggestions).
//! `BENCH_TICKETS` changes the size. Run by `make bench-customers`.

use socialcare::customers::search::SearchIndex;
use socialcare::customers::suggest::suggest_links;
use socialcare::customers::Group;
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
                clocks: TicketClocks::default(),
            }
        })
        .collect();
    (customers, tickets)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let count: usize = std::env::var("BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let (customers, tickets) = replica(count);
    let by_item: HashMap<&ItemKey, &Ticket> = tickets
        .iter()
        .map(|ticket| (&ticket.item, ticket))
        .collect();

    let start = Instant::now();
    let index = SearchIndex::build(&tickets, &customers);
    let build = start.elapsed();

    let mut keystrokes: Vec<Duration> = Vec::new();
    let mut found = 0;
    for phrase in TYPED {
        for end in 1..=phrase.len() {
            let start = Instant::now();
            let (items, total) = index.search(&phrase[..end], 20);
            let shown: Vec<&Ticket> = items
                .into_iter()
                .filter_map(|item| by_item.get(item).copied())
                .collect();
            keystrokes.push(start.elapsed());
            found += total + shown.len();
        }
    }
    keystrokes.sort();
    let median = keystrokes[keystrokes.len() / 2];
    let worst = *keystrokes.last().unwrap_or(&Duration::ZERO);

    let focused = &customers[0];
    let start = Instant::now();
    let group = Group::of(&focused.id, &customers).expect("the customer exists");
    let history = group.history(&tickets).len();
    let suggestions = suggest_links(&group, &customers, &tickets, &["my IG is @ana.r"]).len();
    let customer_view = start.elapsed();

    println!(
        "customers bench: {count} tickets, {} customers (native, release)",
        customers.len()
    );
    println!("  search index build: {:.1} ms", millis(build));
    println!(
        "  search as you type: {} keystrokes, median {:.3} ms, worst {:.3} ms per keystroke (target ≤ 16 ms; {found} hits)",
        keystrokes.len(),
        millis(median),
        millis(worst)
    );
    println!(
        "  focused customer's view (group, history of {history}, {suggestions} suggestions): {:.1} ms",
        millis(customer_view)
    );
}
