//! Identity-link suggestions: clues that another platform's identity is the
//! same person. Three clues count: the same display name on another
//! platform; a handle of another platform mentioned in the customer's own
//! words (`my IG is @ana.r`, `instagram.com/ana.r`); an email address or
//! order number given in two places. Identities the person already has, and
//! those an agent rejected for any of their profiles, are never suggested.

use super::{identity_key, Directory, Group};
use crate::model::{Customer, Platform};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How many words after a platform's name a handle may come (`my IG is @x`).
const MENTION_REACH: usize = 4;
/// The fewest digits an order number has.
const ORDER_DIGITS: usize = 4;
/// The most suggestions offered at once (the strongest clues first).
pub const MAX_SUGGESTIONS: usize = 5;

/// Why an identity is suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "clue", rename_all = "snake_case")]
pub enum Clue {
    /// Another profile has the same display name.
    SameName {
        /// The name both profiles have.
        name: String,
    },
    /// The customer mentioned the handle.
    Mentioned {
        /// The words that mention it.
        words: String,
    },
    /// Both profiles gave the same email address or order number.
    SharedDetail {
        /// The address or number.
        detail: String,
    },
}

/// The clue in English words (tests and logs; the side panel says it in the
/// agent's language from the clue itself).
impl fmt::Display for Clue {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clue::SameName { name } => write!(out, "Same display name “{name}”"),
            Clue::Mentioned { words } => write!(out, "The customer wrote “{words}”"),
            Clue::SharedDetail { detail } => write!(out, "Both gave {detail}"),
        }
    }
}

/// A suggested link of an identity to the person's primary profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSuggestion {
    /// The profile to link the identity to (`customer.link`'s `id`).
    pub customer: String,
    /// The identity's platform.
    pub platform: Platform,
    /// The identity's handle.
    pub handle: String,
    /// The profile that already holds the identity, if any.
    pub other: Option<String>,
    /// Why.
    pub clue: Clue,
}

/// Suggestions for the person `group`, from the replica's profiles and
/// tickets (`people`) and `extra` texts of theirs that are not tickets yet
/// (the focused item). Mentions first (in their tickets newest first, then
/// `extra`), then shared details, then same names; at most
/// [`MAX_SUGGESTIONS`].
pub fn suggest_links<'a>(
    group: &Group<'a>,
    people: &impl Directory<'a>,
    extra: &[&str],
) -> Vec<LinkSuggestion> {
    let own_texts: Vec<&str> = group
        .history(people)
        .into_iter()
        .filter_map(|ticket| ticket.excerpt.as_deref())
        .chain(extra.iter().copied())
        .collect();
    // The sets here are filled by `extend`: `collect` would link a stable
    // sort per set type into the worker's wasm.
    let mut held: BTreeSet<(Platform, String)> = BTreeSet::new();
    held.extend(
        group
            .identities()
            .iter()
            .map(|held| identity_key(held.identity.platform, &held.identity.handle)),
    );
    let rejecting = rejecting_profiles(&held, people);
    let mut found: Vec<LinkSuggestion> = Vec::new();
    let mut offer = |platform: Platform, handle: &str, other: Option<&Customer>, clue: Clue| {
        let key = identity_key(platform, handle);
        let new = found.len() < MAX_SUGGESTIONS
            && !held.contains(&key)
            && !group.rejected(platform, handle)
            && !other.is_some_and(|other| rejecting.contains(other.id.as_str()))
            && !found
                .iter()
                .any(|seen| identity_key(seen.platform, &seen.handle) == key);
        if new {
            found.push(LinkSuggestion {
                customer: group.primary.id.clone(),
                platform,
                handle: handle.trim_start_matches('@').to_owned(),
                other: other.map(|other| other.id.clone()),
                clue,
            });
        }
    };
    for text in &own_texts {
        for mention in mentions(text) {
            let holder = people
                .holders(mention.platform, &mention.handle)
                .into_iter()
                .next();
            offer(
                mention.platform,
                &mention.handle,
                holder,
                Clue::Mentioned {
                    words: mention.words,
                },
            );
        }
    }
    let mut own_details: BTreeSet<String> = BTreeSet::new();
    own_details.extend(own_texts.iter().flat_map(|text| details(text)));
    // Each other profile with the first detail (in order) it shares.
    let mut sharing: BTreeMap<&str, &str> = BTreeMap::new();
    for detail in &own_details {
        for id in people.giving(detail) {
            if !group.contains(id) {
                sharing.entry(id).or_insert(detail);
            }
        }
    }
    for (id, shared) in sharing {
        let Some(other) = people.customer(id) else {
            continue;
        };
        for identity in &other.identities {
            offer(
                identity.platform,
                &identity.handle,
                Some(other),
                Clue::SharedDetail {
                    detail: shared.to_owned(),
                },
            );
        }
    }
    let name = normal_name(&group.primary.display_name);
    let mut platforms: BTreeSet<Platform> = BTreeSet::new();
    platforms.extend(group.identities().iter().map(|held| held.identity.platform));
    let namesakes = if name.is_empty() {
        Vec::new()
    } else {
        people.named(&name)
    };
    for other in namesakes {
        if group.contains(&other.id) {
            continue;
        }
        for identity in &other.identities {
            if !platforms.contains(&identity.platform) {
                offer(
                    identity.platform,
                    &identity.handle,
                    Some(other),
                    Clue::SameName {
                        name: group.primary.display_name.trim().to_owned(),
                    },
                );
            }
        }
    }
    found
}

/// Every profile of a person for whom an agent rejected one of the `held`
/// identities: none of their identities is suggested back.
fn rejecting_profiles<'a>(
    held: &BTreeSet<(Platform, String)>,
    people: &impl Directory<'a>,
) -> BTreeSet<&'a str> {
    let mut profiles = BTreeSet::new();
    profiles.extend(
        held.iter()
            .flat_map(|(platform, handle)| people.rejecting(*platform, handle))
            .filter_map(|customer| Group::of(&customer.id, people))
            .flat_map(|person| person.members.into_iter().map(|member| member.id.as_str())),
    );
    profiles
}

/// A display name compared: lowercase, words separated by single spaces.
pub fn normal_name(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A handle of a platform named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The platform named.
    pub platform: Platform,
    /// The handle, without `@`.
    pub handle: String,
    /// The words that say it, e.g. `IG is @ana.r`.
    pub words: String,
}

/// The platform a word names (`IG`, `insta`, `Instagram`, `FB`, `Twitter`, `X`…).
fn platform_named(word: &str) -> Option<Platform> {
    match trim_punctuation(word).to_lowercase().as_str() {
        "ig" | "insta" | "instagram" => Some(Platform::Instagram),
        "fb" | "facebook" => Some(Platform::Facebook),
        "x" | "twitter" | "tw" => Some(Platform::X),
        _ => None,
    }
}

/// The platform whose profile URL a word is, with the handle in it.
fn profile_link(word: &str) -> Option<(Platform, String)> {
    let lower = word.to_lowercase();
    let rest = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let (platform, path) = [
        ("instagram.com/", Platform::Instagram),
        ("facebook.com/", Platform::Facebook),
        ("x.com/", Platform::X),
        ("twitter.com/", Platform::X),
    ]
    .into_iter()
    .find_map(|(host, platform)| rest.strip_prefix(host).map(|path| (platform, path)))?;
    let handle = trim_punctuation(path.split(['/', '?', '#']).next().unwrap_or(""));
    is_handle(handle).then(|| (platform, handle.to_owned()))
}

/// Characters that end a sentence or quote around a word.
fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| {
        matches!(
            c,
            '.' | ',' | '!' | '?' | ';' | ':' | '"' | '\'' | '(' | ')' | '“' | '”' | '‘' | '’'
        )
    })
}

/// Whether a string looks like a handle (letters, digits, `.`, `_`).
fn is_handle(handle: &str) -> bool {
    !handle.is_empty()
        && handle.len() <= 64
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '_')
}

/// Every handle of a named platform in `text`: a platform's name followed
/// within a few words by `@handle`, or a profile URL.
pub fn mentions(text: &str) -> Vec<Mention> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    for (index, word) in words.iter().enumerate() {
        if let Some((platform, handle)) = profile_link(word) {
            found.push(Mention {
                platform,
                handle,
                words: trim_punctuation(word).to_owned(),
            });
            continue;
        }
        let Some(platform) = platform_named(word) else {
            continue;
        };
        let reach = words.iter().enumerate().skip(index + 1).take(MENTION_REACH);
        for (at, next) in reach {
            let Some(handle) = next.strip_prefix('@').map(trim_punctuation) else {
                continue;
            };
            if is_handle(handle) {
                found.push(Mention {
                    platform,
                    handle: handle.to_owned(),
                    words: trim_punctuation(&words[index..=at].join(" ")).to_owned(),
                });
            }
            break;
        }
    }
    found
}

/// The email addresses (lowercase) and order numbers (`order #A-12345` →
/// `order A-12345`) a text gives.
pub fn details(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let word = trim_punctuation(word);
        if let Some((user, domain)) = word.split_once('@') {
            if !user.is_empty() && domain.contains('.') && !domain.starts_with('.') {
                found.push(word.to_lowercase());
            }
            continue;
        }
        if word.eq_ignore_ascii_case("order") || word.eq_ignore_ascii_case("order#") {
            let number = words[index + 1..]
                .iter()
                .take(3)
                .map(|next| trim_punctuation(next).trim_start_matches('#'))
                .find(|next| {
                    !matches!(
                        next.to_lowercase().as_str(),
                        "" | "number" | "no" | "is" | "nr"
                    )
                });
            if let Some(number) = number.filter(|number| is_order_number(number)) {
                found.push(format!("order {}", number.to_uppercase()));
            }
        } else if let Some(number) =
            strip_prefix_ignoring_case(word, "order#").filter(|n| is_order_number(n))
        {
            found.push(format!("order {}", number.to_uppercase()));
        }
    }
    found
}

/// `text` without an ASCII `prefix` in any case.
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Whether a word is an order number: letters, digits and `-`, with enough digits.
fn is_order_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && word.chars().filter(char::is_ascii_digit).count() >= ORDER_DIGITS
}
