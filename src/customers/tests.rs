use super::lookups::Lookups;
use super::search::SearchIndex;
use super::suggest::{details, mentions, suggest_links, Clue};
use super::*;
use crate::model::{ItemKey, RejectedIdentity, TicketClocks, TicketStatus};

fn identity(platform: Platform, handle: &str) -> Identity {
    Identity {
        platform,
        handle: handle.to_owned(),
        linked_version: 1,
    }
}

/// A customer first met as `handle` on `platform`, with more identities linked.
pub(crate) fn customer(
    platform: Platform,
    handle: &str,
    name: &str,
    links: &[(Platform, &str)],
) -> Customer {
    let mut identities = vec![identity(platform, handle)];
    identities.extend(
        links
            .iter()
            .map(|&(platform, handle)| identity(platform, handle)),
    );
    identities.sort();
    Customer {
        id: Customer::id_for(platform, handle),
        display_name: name.to_owned(),
        identities,
        created_at: 0,
        rejected: vec![],
    }
}

/// The records as a scanned [`Directory`].
fn scan<'a>(customers: &'a [Customer], tickets: &'a [Ticket]) -> Scan<'a> {
    Scan { customers, tickets }
}

pub(crate) fn ticket(
    item: &str,
    customer: &str,
    posted_at: i64,
    excerpt: &str,
    tags: &[&str],
) -> Ticket {
    Ticket {
        item: item.parse::<ItemKey>().unwrap(),
        conversation: item.to_owned(),
        customer: Some(customer.to_owned()),
        status: TicketStatus::New,
        assignee: None,
        priority: Default::default(),
        tags: tags.iter().map(|tag| (tag.to_string(), 1)).collect(),
        created_at: posted_at,
        posted_at: Some(posted_at),
        excerpt: Some(excerpt.to_owned()),
        sentiment: None,
        urgency: None,
        intent: None,
        language: None,
        first_response_due: None,
        first_response_at: None,
        resolved_at: None,
        permalink: None,
        reminder: None,
        clocks: TicketClocks::default(),
    }
}

fn ids<'a>(group: &'a Group<'a>) -> Vec<&'a str> {
    group
        .members
        .iter()
        .map(|member| member.id.as_str())
        .collect()
}

#[test]
fn a_link_joins_profiles_seen_from_either_side() {
    let customers = vec![
        customer(
            Platform::X,
            "ana",
            "Ana R",
            &[(Platform::Instagram, "Ana.R")],
        ),
        customer(Platform::Instagram, "ana.r", "ana r", &[]),
        customer(Platform::X, "bob", "Bob", &[]),
    ];
    let from_x = Group::of("x:ana", &scan(&customers, &[])).unwrap();
    assert_eq!(ids(&from_x), ["x:ana", "instagram:ana.r"]);
    let from_instagram = Group::of("instagram:ana.r", &scan(&customers, &[])).unwrap();
    assert_eq!(ids(&from_instagram), ["instagram:ana.r", "x:ana"]);
    assert_eq!(
        ids(&Group::of("x:bob", &scan(&customers, &[])).unwrap()),
        ["x:bob"]
    );
    assert!(Group::of("x:nobody", &scan(&customers, &[])).is_none());
    let held = from_instagram.identities();
    let shown: Vec<(Platform, &str, bool)> = held
        .iter()
        .map(|held| {
            (
                held.identity.platform,
                held.identity.handle.as_str(),
                held.is_link(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (Platform::X, "ana", false),
            (Platform::Instagram, "Ana.R", true)
        ],
        "the link that joins the profiles is removable"
    );
    let alone = vec![customer(
        Platform::X,
        "ana",
        "Ana R",
        &[(Platform::Instagram, "ana.r")],
    )];
    let linked = Group::of("x:ana", &scan(&alone, &[])).unwrap().identities();
    assert!(linked[1].is_link() && linked[1].holder.id == "x:ana");
}

#[test]
fn history_spans_platforms_newest_first_and_only_the_person() {
    let customers = vec![
        customer(
            Platform::X,
            "ana",
            "Ana R",
            &[(Platform::Instagram, "ana.r")],
        ),
        customer(Platform::Instagram, "ana.r", "Ana R", &[]),
        customer(Platform::X, "bob", "Bob", &[]),
    ];
    let tickets = vec![
        ticket("x:1", "x:ana", 100, "Where is my parcel", &[]),
        ticket("instagram:2", "instagram:ana.r", 300, "Still waiting", &[]),
        ticket("x:3", "x:bob", 200, "Hello", &[]),
        ticket("x:4", "x:ana", 200, "Any news?", &[]),
    ];
    let group = Group::of("instagram:ana.r", &scan(&customers, &tickets)).unwrap();
    let history: Vec<String> = group
        .history(&scan(&customers, &tickets))
        .iter()
        .map(|t| t.item.to_string())
        .collect();
    assert_eq!(history, ["instagram:2", "x:4", "x:1"]);
}

#[test]
fn profile_links_only_for_plain_handles_on_the_three_sites() {
    assert_eq!(
        profile_url(Platform::X, "@ana_r").as_deref(),
        Some("https://x.com/ana_r")
    );
    assert_eq!(
        profile_url(Platform::Instagram, "ana.r").as_deref(),
        Some("https://www.instagram.com/ana.r/")
    );
    assert_eq!(
        profile_url(Platform::Facebook, "100012345").as_deref(),
        Some("https://www.facebook.com/profile.php?id=100012345")
    );
    for hostile in [
        "",
        "../evil",
        "a/b",
        "javascript:alert(1)",
        "<img src=x>",
        ".hidden",
        "a?b=c",
    ] {
        assert_eq!(profile_url(Platform::X, hostile), None, "{hostile}");
    }
}

#[test]
fn mentions_find_another_platforms_handle_in_the_customers_words() {
    let found =
        mentions("Hi! my IG is @ana.r. Also see facebook.com/ana.ruiz?ref=1 and twitter: @ana_x!");
    let found: Vec<(Platform, &str, &str)> = found
        .iter()
        .map(|m| (m.platform, m.handle.as_str(), m.words.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Platform::Instagram, "ana.r", "IG is @ana.r"),
            (
                Platform::Facebook,
                "ana.ruiz",
                "facebook.com/ana.ruiz?ref=1"
            ),
            (Platform::X, "ana_x", "twitter: @ana_x"),
        ]
    );
    assert!(mentions("email me at ana@example.com").is_empty());
    assert!(mentions("instagram is down again, the whole app, not just for @me").is_empty());
}

#[test]
fn details_are_emails_and_order_numbers() {
    assert_eq!(
        details("Order #A-12345 never came, write to Ana.R@Example.com."),
        ["order A-12345", "ana.r@example.com"]
    );
    assert_eq!(details("my order number is 98765!"), ["order 98765"]);
    assert!(details("order 12 of @ana and order soon").is_empty());
}

#[test]
fn suggestions_come_from_mentions_shared_details_and_same_names() {
    let customers = vec![
        customer(Platform::X, "ana", "Ana  Ruiz", &[]),
        customer(Platform::Facebook, "ana.ruiz.9", "ana ruiz", &[]),
        customer(Platform::Facebook, "other", "Someone", &[]),
        customer(Platform::X, "ana2", "Ana Ruiz", &[]),
    ];
    let tickets = vec![
        ticket(
            "x:1",
            "x:ana",
            100,
            "Order #55512 is late. my IG is @ana.r",
            &[],
        ),
        ticket(
            "facebook:2",
            "facebook:other",
            200,
            "about order 55512, any news?",
            &[],
        ),
    ];
    let group = Group::of("x:ana", &scan(&customers, &tickets)).unwrap();
    let found = suggest_links(&group, &scan(&customers, &tickets), &[]);
    let shown: Vec<(Platform, &str, Option<&str>, String)> = found
        .iter()
        .map(|s| {
            (
                s.platform,
                s.handle.as_str(),
                s.other.as_deref(),
                s.clue.to_string(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                Platform::Instagram,
                "ana.r",
                None,
                "The customer wrote “IG is @ana.r”".to_owned()
            ),
            (
                Platform::Facebook,
                "other",
                Some("facebook:other"),
                "Both gave order 55512".to_owned()
            ),
            (
                Platform::Facebook,
                "ana.ruiz.9",
                Some("facebook:ana.ruiz.9"),
                "Same display name “Ana  Ruiz”".to_owned()
            ),
        ]
    );
    assert!(found.iter().all(|s| s.customer == "x:ana"));
    assert!(matches!(found[0].clue, Clue::Mentioned { .. }));
}

#[test]
fn linked_and_rejected_identities_are_never_suggested_from_either_side() {
    let mut customers = vec![
        customer(Platform::X, "ana", "Ana", &[]),
        customer(Platform::Instagram, "ana.r", "Ana", &[]),
    ];
    let group = Group::of("x:ana", &scan(&customers, &[])).unwrap();
    assert_eq!(suggest_links(&group, &scan(&customers, &[]), &[]).len(), 1);
    let group = Group::of("instagram:ana.r", &scan(&customers, &[])).unwrap();
    assert_eq!(
        suggest_links(&group, &scan(&customers, &[]), &["my twitter is @ana"]).len(),
        1
    );
    customers[0].rejected.push(RejectedIdentity {
        platform: Platform::Instagram,
        handle: "Ana.R".to_owned(),
    });
    for id in ["x:ana", "instagram:ana.r"] {
        let group = Group::of(id, &scan(&customers, &[])).unwrap();
        assert!(
            suggest_links(&group, &scan(&customers, &[]), &["my twitter is @ana"]).is_empty(),
            "{id}"
        );
    }
    customers[0].rejected.clear();
    customers[0]
        .identities
        .push(identity(Platform::Instagram, "ana.r"));
    let group = Group::of("x:ana", &scan(&customers, &[])).unwrap();
    assert!(suggest_links(&group, &scan(&customers, &[]), &["my IG is @ana.r"]).is_empty());
}

#[test]
fn search_finds_by_handle_name_excerpt_and_tag_newest_first() {
    let customers = vec![
        customer(
            Platform::X,
            "dana_k",
            "Dana Kim",
            &[(Platform::Instagram, "dana.ig")],
        ),
        customer(Platform::X, "bob", "Bob Stone", &[]),
    ];
    let tickets = vec![
        ticket(
            "x:1",
            "x:dana_k",
            100,
            "My refund never arrived",
            &["billing"],
        ),
        ticket("x:2", "x:bob", 300, "Refund please", &["vip"]),
        ticket("x:3", "x:dana_k", 200, "Thanks, all good", &[]),
    ];
    let index = SearchIndex::build(&tickets, &customers);
    let found = |query: &str| -> Vec<String> {
        index
            .search(query, 10)
            .0
            .iter()
            .map(|item| item.to_string())
            .collect()
    };
    assert_eq!(found("refu"), ["x:2", "x:1"]);
    assert_eq!(found("REFUND dana"), ["x:1"]);
    assert_eq!(found("@dana.ig"), ["x:3", "x:1"]);
    assert_eq!(found("billing"), ["x:1"]);
    assert_eq!(found("stone"), ["x:2"]);
    assert!(found("").is_empty() && found("  ").is_empty() && found("zebra").is_empty());
    let (first, total) = index.search("refund", 1);
    assert_eq!((first.len(), total), (1, 2));
    assert_eq!(index.len(), 3);
}

#[test]
fn a_rejection_by_one_profile_holds_for_every_profile_of_the_person() {
    let mut customers = vec![
        customer(
            Platform::X,
            "ana",
            "Ana R",
            &[(Platform::Instagram, "ana.r")],
        ),
        customer(Platform::Instagram, "ana.r", "Ana R", &[]),
        customer(Platform::Facebook, "ana.other", "Ana R", &[]),
    ];
    let from_facebook = Group::of("facebook:ana.other", &scan(&customers, &[])).unwrap();
    assert_eq!(
        suggest_links(&from_facebook, &scan(&customers, &[]), &[]).len(),
        2
    );
    customers[0].rejected.push(RejectedIdentity {
        platform: Platform::Facebook,
        handle: "ana.other".to_owned(),
    });
    for id in ["x:ana", "instagram:ana.r", "facebook:ana.other"] {
        let group = Group::of(id, &scan(&customers, &[])).unwrap();
        assert!(
            suggest_links(&group, &scan(&customers, &[]), &[]).is_empty(),
            "{id}"
        );
    }
}

/// A change to a replica, for the index's property test.
#[derive(Debug, Clone)]
enum Change {
    /// A ticket created or changed: number, customer, time, words, tag.
    Ticket(u8, u8, i64, Vec<&'static str>, Option<&'static str>),
    /// A ticket gone.
    Remove(u8),
    /// A customer created or renamed, perhaps with a linked handle.
    Customer(u8, &'static str, Option<&'static str>),
}

const INDEX_WORDS: &[&str] = &["refund", "ref", "order", "late", "parcel", "réfund", "vip"];

fn change() -> impl proptest::strategy::Strategy<Value = Change> {
    use proptest::prelude::*;
    let word = || proptest::sample::select(INDEX_WORDS);
    prop_oneof![
        4 => (0u8..10, 0u8..4, 0i64..4, proptest::collection::vec(word(), 0..4), proptest::option::of(word()))
            .prop_map(|(n, c, at, words, tag)| Change::Ticket(n, c, at, words, tag)),
        1 => (0u8..10).prop_map(Change::Remove),
        2 => (0u8..4, proptest::sample::select(&["Ana R", "Dana", "Ana Lee"][..]), proptest::option::of(proptest::sample::select(&["ana.r", "dana_k"][..])))
            .prop_map(|(c, name, handle)| Change::Customer(c, name, handle)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Updating the index one record at a time finds exactly what a full
    /// rebuild finds, in the same order, after any sequence of changes.
    #[test]
    fn the_index_updated_per_change_finds_what_a_rebuild_finds(changes in proptest::collection::vec(change(), 1..40)) {
        let mut tickets: BTreeMap<String, Ticket> = BTreeMap::new();
        let mut customers: BTreeMap<String, Customer> = BTreeMap::new();
        let mut index = SearchIndex::default();
        for change in changes {
            match change {
                Change::Ticket(n, c, at, words, tag) => {
                    let owner = format!("x:c{c}");
                    let tags: Vec<&str> = tag.into_iter().collect();
                    let ticket = ticket(&format!("x:{n}"), &owner, at, &words.join(" "), &tags);
                    index.upsert(&ticket, customers.get(&owner));
                    tickets.insert(ticket.item.to_string(), ticket);
                }
                Change::Remove(n) => {
                    if let Some(gone) = tickets.remove(&format!("x:{n}")) {
                        index.remove(&gone.item);
                    }
                }
                Change::Customer(c, name, handle) => {
                    let links: Vec<(Platform, &str)> = handle.map(|h| (Platform::Instagram, h)).into_iter().collect();
                    let profile = customer(Platform::X, &format!("c{c}"), name, &links);
                    let items: Vec<ItemKey> = index.tickets_of(&profile.id).into_iter().cloned().collect();
                    for item in items {
                        index.upsert(&tickets[&item.to_string()], Some(&profile));
                    }
                    customers.insert(profile.id.clone(), profile);
                }
            }
        }
        let rebuilt = SearchIndex::build(tickets.values(), customers.values());
        proptest::prop_assert_eq!(index.len(), rebuilt.len());
        for query in ["r", "ref", "refund", "réf", "order late", "vip", "ana", "ana r", "dana_k", "c1", "zzz", "p", "l o"] {
            for limit in [2, 100] {
                proptest::prop_assert_eq!(index.search(query, limit), rebuilt.search(query, limit), "{} (limit {})", query, limit);
            }
        }
        for c in 0..4 {
            let id = format!("x:c{c}");
            proptest::prop_assert_eq!(index.tickets_of(&id), rebuilt.tickets_of(&id));
        }
    }
}

#[test]
fn the_indexed_directory_finds_what_a_scan_finds_and_follows_changes() {
    let mut customers = vec![
        customer(
            Platform::X,
            "ana",
            "Ana  Ruiz",
            &[(Platform::Instagram, "ana.r")],
        ),
        customer(Platform::Instagram, "ana.r", "Ana Ruiz", &[]),
        customer(Platform::Facebook, "ana.ruiz.9", "ana ruiz", &[]),
        customer(Platform::Facebook, "other", "Someone", &[]),
    ];
    let mut tickets = vec![
        ticket(
            "x:1",
            "x:ana",
            100,
            "Order #55512 is late. fb: @ana.fb",
            &["vip"],
        ),
        ticket("instagram:2", "instagram:ana.r", 300, "Still waiting", &[]),
        ticket(
            "facebook:3",
            "facebook:other",
            200,
            "about order 55512?",
            &["late"],
        ),
    ];
    let mut lookups = Lookups::build(&tickets, &customers, []);
    let agree = |lookups: &Lookups, customers: &[Customer], tickets: &[Ticket]| {
        let indexed = lookups.directory(
            |id| customers.iter().find(|c| c.id == id),
            |item| tickets.iter().find(|t| &t.item == item),
        );
        let scanned = scan(customers, tickets);
        for id in [
            "x:ana",
            "instagram:ana.r",
            "facebook:other",
            "facebook:ana.ruiz.9",
        ] {
            let (by_index, by_scan) = (Group::of(id, &indexed), Group::of(id, &scanned));
            assert_eq!(by_index, by_scan, "{id}");
            let group = by_index.unwrap();
            assert_eq!(group.history(&indexed), group.history(&scanned), "{id}");
            assert_eq!(
                suggest_links(&group, &indexed, &["my twitter is @ana_x"]),
                suggest_links(&group, &scanned, &["my twitter is @ana_x"]),
                "{id}"
            );
        }
    };
    agree(&lookups, &customers, &tickets);
    assert_eq!(lookups.tags().collect::<Vec<_>>(), ["late", "vip"]);
    // The other profile no longer gives the order number; Someone is renamed Ana Ruiz
    // and rejects Ana's Instagram identity.
    tickets[2].excerpt = Some("never mind".to_owned());
    tickets[2].tags.clear();
    lookups.upsert_ticket(&tickets[2], Some(&customers[3]));
    customers[3].display_name = "Ana Ruiz".to_owned();
    customers[3].rejected.push(RejectedIdentity {
        platform: Platform::Instagram,
        handle: "ana.r".to_owned(),
    });
    lookups.upsert_customer(&customers[3], |item| {
        tickets.iter().find(|t| &t.item == item)
    });
    agree(&lookups, &customers, &tickets);
    assert_eq!(lookups.tags().collect::<Vec<_>>(), ["vip"]);
    assert_eq!(
        lookups.search().search("ruiz", 5).1,
        3,
        "found by the new name too"
    );
    lookups.remove_ticket(&tickets[0].item);
    let kept = tickets.remove(0);
    agree(&lookups, &customers, &tickets);
    assert_eq!(lookups.search().search("late", 5).1, 0, "{kept:?} is gone");
}
