//! Product ideas: customer posts whose intent is `feature_request` (or that a
//! lead tagged `idea`), grouped by similar wording for the product team.
//!
//! Wording is compared as sets of normalised terms (lower case, light English
//! stemming, stopwords dropped: the same terms template suggestions use); a
//! post joins the group whose first post shares the largest part of its terms
//! (Jaccard similarity at least [`SIMILARITY`]), else starts a group.
//!
//! The store builds the report (`GET /v1/reports/ideas`, `report --ideas`); the
//! lead's console reads the same types back and exports them with [`to_csv`].

mod export;

pub use export::to_csv;

use crate::model::Platform;
use crate::templates::suggest::terms;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The least Jaccard similarity of two posts' terms for them to share a group.
pub const SIMILARITY: f64 = 0.4;
/// Longest group label, in characters.
const LABEL_CHARS: usize = 80;

/// The ideas of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdeasReport {
    /// Groups of posts with similar wording, largest first.
    pub groups: Vec<IdeaGroup>,
}

/// One customer post that reads as a product idea.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdeaPost {
    /// The ticket's id (its item key).
    pub ticket: String,
    /// The original post's address, when the page gave one.
    pub permalink: Option<String>,
    /// The start of the customer's text.
    pub excerpt: String,
    /// Where it was posted.
    pub platform: Platform,
    /// When the customer posted it (Unix milliseconds).
    pub posted_at: i64,
}

/// Posts with similar wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdeaGroup {
    /// The first post's text, shortened: what the group asks for.
    pub label: String,
    /// How many posts.
    pub count: usize,
    /// The platforms they came from, in the order first seen.
    pub platforms: Vec<Platform>,
    /// The earliest post (Unix milliseconds).
    pub first_seen: i64,
    /// The latest post (Unix milliseconds).
    pub last_seen: i64,
    /// The posts, earliest first.
    pub items: Vec<IdeaPost>,
}

/// Jaccard similarity of two term sets (0 when both are empty).
fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// The first `LABEL_CHARS` characters of a post, with an ellipsis when cut.
fn label_of(excerpt: &str) -> String {
    let trimmed = excerpt.trim();
    if trimmed.chars().count() <= LABEL_CHARS {
        return trimmed.to_owned();
    }
    let cut: String = trimmed.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Groups posts by similar wording: largest groups first (ties: latest first).
pub fn group_ideas(mut posts: Vec<IdeaPost>) -> Vec<IdeaGroup> {
    posts.sort_by(|a, b| (a.posted_at, &a.ticket).cmp(&(b.posted_at, &b.ticket)));
    let mut groups: Vec<(BTreeSet<String>, Vec<IdeaPost>)> = Vec::new();
    for post in posts {
        let words: BTreeSet<String> = terms(&post.excerpt).into_iter().collect();
        let best = groups
            .iter()
            .enumerate()
            .map(|(index, (first, _))| (index, similarity(first, &words)))
            .filter(|(_, score)| *score >= SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((index, _)) => groups[index].1.push(post),
            None => groups.push((words, vec![post])),
        }
    }
    let mut groups: Vec<IdeaGroup> = groups
        .into_iter()
        .map(|(_, items)| {
            let mut platforms: Vec<Platform> = Vec::new();
            for item in &items {
                if !platforms.contains(&item.platform) {
                    platforms.push(item.platform);
                }
            }
            IdeaGroup {
                label: label_of(&items[0].excerpt),
                count: items.len(),
                platforms,
                first_seen: items[0].posted_at,
                last_seen: items[items.len() - 1].posted_at,
                items,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.last_seen.cmp(&a.last_seen))
            .then_with(|| a.label.cmp(&b.label))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(ticket: &str, platform: Platform, at: i64, excerpt: &str) -> IdeaPost {
        IdeaPost {
            ticket: ticket.into(),
            permalink: None,
            excerpt: excerpt.into(),
            platform,
            posted_at: at,
        }
    }

    #[test]
    fn similar_wording_shares_a_group_and_other_ideas_do_not() {
        let groups = group_ideas(vec![
            post("x:3", Platform::X, 30, "Dark mode in the app please!!"),
            post("x:1", Platform::X, 10, "Please add a dark mode to the app"),
            post(
                "facebook:2",
                Platform::Facebook,
                20,
                "would love dark mode in your app",
            ),
            post(
                "instagram:4",
                Platform::Instagram,
                40,
                "Can you ship to Canada?",
            ),
        ]);
        assert_eq!(groups.len(), 2, "{groups:#?}");
        let dark = &groups[0];
        assert_eq!(dark.count, 3);
        assert_eq!(dark.label, "Please add a dark mode to the app");
        assert_eq!(dark.platforms, [Platform::X, Platform::Facebook]);
        assert_eq!((dark.first_seen, dark.last_seen), (10, 30));
        let tickets: Vec<&str> = dark.items.iter().map(|item| item.ticket.as_str()).collect();
        assert_eq!(tickets, ["x:1", "facebook:2", "x:3"]);
        assert_eq!(groups[1].count, 1);
        assert_eq!(groups[1].items[0].ticket, "instagram:4");
    }

    #[test]
    fn labels_are_shortened_and_empty_posts_stay_apart() {
        let long = "a".repeat(200);
        let groups = group_ideas(vec![
            post("x:1", Platform::X, 1, &long),
            post("x:2", Platform::X, 2, ""),
            post("x:3", Platform::X, 3, "   "),
        ]);
        assert_eq!(groups.len(), 3);
        let label = &groups
            .iter()
            .find(|g| g.items[0].ticket == "x:1")
            .unwrap()
            .label;
        assert_eq!(label.chars().count(), LABEL_CHARS);
        assert!(label.ends_with('…'));
    }
}
