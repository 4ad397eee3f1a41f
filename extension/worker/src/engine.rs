//! The engine the service worker runs: profiles out, verdicts back.
//!
//! The content script sends batches of [`RawItem`]s (strings it read through
//! a site profile); [`analyse`] reads each one with the core's site rules
//! ([`socialcare::sites::read_item`]) and assesses its text with
//! [`socialcare::care::assess`], answering one [`Verdict`] per container.
//! [`focus`] builds the [`FocusedItem`] the side panel shows, and [`assess`]
//! assesses a ticket's excerpt for the replica module (which carries no care
//! engine). Ticket overlays are the replica module's: the worker merges them
//! into the badges in JavaScript (`static/worker/sync.js`).

use serde::{Deserialize, Serialize};
use socialcare::care::{self, Assessment, CareContext, Intent, UrgencyLevel};
use socialcare::model::{ItemKey, ItemKind, ObservedItem};
use socialcare::sentiment::Label;
use socialcare::sites::{self, RawItem, Reading};
use socialcare_views::brand::{is_brand, BrandAccounts};
use socialcare_views::focus::FocusedItem;
use wasm_bindgen::prelude::*;

/// One container the content script read: its token (which the content script
/// uses to find the node again) and the raw fields.
#[derive(Debug, Clone, Deserialize)]
pub struct BatchEntry {
    /// The content script's handle for the container node.
    pub token: u32,
    /// What it read.
    pub raw: RawItem,
}

/// The engine's answer for one container.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The container's token, echoed.
    pub token: u32,
    /// `item`, `ad`, `pending` or `unreadable`.
    pub status: &'static str,
    /// The badge's contents, for `item`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub badge: Option<Badge>,
    /// Why the container could not be read, for `unreadable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a badge shows and the attributes its host carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Badge {
    /// `data-socialcare-item`: `<platform>:<id>`.
    pub key: String,
    /// `data-socialcare-kind`.
    pub kind: ItemKind,
    /// `data-socialcare-sentiment` (none for the team's own items: they are not classified).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Label>,
    /// Urgency band (`low`, `medium`, `high`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgency: Option<UrgencyLevel>,
    /// What the customer wants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    /// The urgency (0 to 1) in whole tenths, for the badge's accessible name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgency_tenths: Option<u8>,
    /// Whether the customer is angry.
    pub anger: bool,
    /// Posted by one of the team's own brand accounts (`data-socialcare-ours`).
    pub ours: bool,
    /// For the team's own reply: the key of the item it answers, which the
    /// content script shows as answered by the brand
    /// (`data-socialcare-answered="brand"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
}

/// Reads one raw container and, for an item, assesses its text.
fn assess_raw(url: &str, raw: &RawItem) -> Result<(ObservedItem, Assessment), Reading> {
    match sites::read_item(url, raw) {
        Reading::Item { item } => {
            let assessment = care::assess(&item.text, &CareContext::default());
            Ok((*item, assessment))
        }
        other => Err(other),
    }
}

/// The badge for an item and its assessment. The badge shows the care
/// reading of the sentiment (emoji-aware, per sentence), which is what an
/// agent triaging customer text needs; the side panel shows both readings.
/// Its words are the content script's, in the agent's language
/// (docs/extension.md, "Languages").
pub fn badge_for(item: &ObservedItem, assessment: &Assessment) -> Badge {
    Badge {
        key: item.key.to_string(),
        kind: item.kind,
        sentiment: Some(assessment.care_label),
        urgency: Some(assessment.urgency_level),
        intent: Some(assessment.intent),
        // Whole tenths: formatting the float itself would link the standard
        // library's float printing (about 8 KB of the module's gzip).
        urgency_tenths: Some((assessment.urgency.clamp(0.0, 1.0) * 10.0).round() as u8),
        anger: assessment.anger,
        ours: false,
        answers: None,
    }
}

/// The badge of an item posted by the team's own brand account: marked as
/// ours, never as a customer's, and not classified; a reply names the item
/// it answers, so that item shows as answered by the brand.
pub fn our_badge(item: &ObservedItem) -> Badge {
    Badge {
        key: item.key.to_string(),
        kind: item.kind,
        sentiment: None,
        urgency: None,
        intent: None,
        urgency_tenths: None,
        anger: false,
        ours: true,
        answers: item
            .parent_id
            .as_ref()
            .map(|parent| ItemKey::new(item.key.platform, parent.clone()).to_string()),
    }
}

/// Verdicts for a batch, in the batch's order (the pure part of [`analyse`]),
/// where `is_ours` tells the team's own items (which get [`our_badge`] and
/// are not assessed).
pub fn verdicts(
    url: &str,
    batch: &[BatchEntry],
    is_ours: impl Fn(&ObservedItem) -> bool,
) -> Vec<Verdict> {
    batch
        .iter()
        .map(|entry| {
            let reading = match sites::read_item(url, &entry.raw) {
                Reading::Item { item } if is_ours(&item) => Ok(our_badge(&item)),
                Reading::Item { item } => {
                    let assessment = care::assess(&item.text, &CareContext::default());
                    Ok(badge_for(&item, &assessment))
                }
                other => Err(other),
            };
            let (status, badge, reason) = match reading {
                Ok(badge) => ("item", Some(badge), None),
                Err(Reading::Ad) => ("ad", None, None),
                Err(Reading::Pending) => ("pending", None, None),
                Err(Reading::Unreadable { reason }) => ("unreadable", None, Some(reason)),
                Err(Reading::Item { .. }) => unreachable!("items are Ok"),
            };
            Verdict {
                token: entry.token,
                status,
                badge,
                reason,
            }
        })
        .collect()
}

// Everything crosses the boundary as JSON text, in and out: one
// serialisation path (`serde_json`) in the module; `static/worker/wasm.js`
// stringifies and parses.

/// The site profile for a host as JSON, or `null` for other hosts.
#[wasm_bindgen]
pub fn profile_for_host(host: &str) -> Result<String, JsError> {
    Ok(serde_json::to_string(&sites::profile_for_host(host))?)
}

/// Analyses a batch read on the page at `url`: the JSON of an array of
/// `{token, raw: {surface, fields}}` in, of an array of [`Verdict`]s out.
/// `brands` is the JSON of the team's [`BrandAccounts`] (`{}` signed out):
/// their items are marked as ours and not assessed.
#[wasm_bindgen]
pub fn analyse(url: &str, batch: &str, brands: &str) -> Result<String, JsError> {
    let batch: Vec<BatchEntry> = serde_json::from_str(batch)?;
    let brands: BrandAccounts = serde_json::from_str(brands)?;
    let verdicts = verdicts(url, &batch, |item| is_brand(&brands, item));
    Ok(serde_json::to_string(&verdicts)?)
}

/// The [`FocusedItem`] JSON for the JSON of one raw container the agent
/// focused, or `null` when it is not a customer item.
#[wasm_bindgen]
pub fn focus(url: &str, raw: &str) -> Result<String, JsError> {
    let raw: RawItem = serde_json::from_str(raw)?;
    let focused = assess_raw(url, &raw)
        .ok()
        .map(|(item, assessment)| FocusedItem { item, assessment });
    Ok(serde_json::to_string(&focused)?)
}

/// The [`Assessment`] JSON of a text in a known language (ISO 639-1, or
/// none): how the replica module's tickets get their excerpts assessed.
#[wasm_bindgen]
pub fn assess(text: &str, language: Option<String>) -> Result<String, JsError> {
    let assessment = care::assess_with_language(text, &CareContext::default(), language.as_deref());
    Ok(serde_json::to_string(&assessment)?)
}

/// VADER's compound score of a text: the tone module's sentiment rules ask
/// for it here (`globalThis.socialcareSentiment`, the core's
/// `host-sentiment` feature), so VADER's tables ship once.
#[wasm_bindgen]
pub fn compound_sentiment(text: &str) -> f64 {
    socialcare::sentiment::polarity_scores(text).compound
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn tweet(token: u32, id: &str, text: &str) -> BatchEntry {
        let mut raw = RawItem {
            surface: "x.tweet".into(),
            ..RawItem::default()
        };
        raw.fields
            .insert("permalink".into(), format!("https://x.com/a/status/{id}"));
        raw.fields.insert("text".into(), text.into());
        BatchEntry { token, raw }
    }

    #[test]
    fn verdicts_carry_the_core_sentiment() {
        let batch = [
            tweet(
                1,
                "1",
                "This is the worst service ever, I hate it and I'm furious!",
            ),
            tweet(2, "2", "Thank you so much, you are amazing, love it!"),
            tweet(3, "3", "The store opens at nine."),
        ];
        let out = verdicts("https://x.com/home", &batch, |_| false);
        let labels: Vec<_> = out
            .iter()
            .map(|v| v.badge.as_ref().unwrap().sentiment.unwrap())
            .collect();
        assert_eq!(labels, [Label::Negative, Label::Positive, Label::Neutral]);
        assert_eq!(out[0].badge.as_ref().unwrap().key, "x:1");
        assert_eq!(out[1].token, 2);
    }

    #[test]
    fn a_brand_reply_names_the_item_it_answers() {
        let thread = "https://x.com/ana/status/1";
        let batch = [
            tweet(1, "1", "Where is my parcel?"),
            tweet(2, "2", "On its way, Ana!"),
        ];
        let out = verdicts(thread, &batch, |item| item.key.id == "2");
        let badges: Vec<&Badge> = out.iter().map(|v| v.badge.as_ref().unwrap()).collect();
        assert_eq!(
            (badges[0].ours, badges[0].answers.as_deref()),
            (false, None)
        );
        assert_eq!(
            (badges[1].ours, badges[1].answers.as_deref()),
            (true, Some("x:1"))
        );
        // Outside a thread an item of ours answers nothing the page shows.
        let home = verdicts("https://x.com/home", &batch[1..], |_| true);
        assert_eq!(home[0].badge.as_ref().unwrap().answers, None);
    }

    #[test]
    fn ads_and_unreadable_containers_get_no_badge() {
        let mut ad = tweet(1, "1", "Buy now");
        ad.raw.fields.insert("promoted".into(), "1".into());
        let broken = BatchEntry {
            token: 2,
            raw: RawItem {
                surface: "x.tweet".into(),
                ..RawItem::default()
            },
        };
        let out = verdicts("https://x.com/home", &[ad, broken], |_| false);
        assert_eq!((out[0].status, out[1].status), ("ad", "unreadable"));
        assert!(out.iter().all(|v| v.badge.is_none()));
    }

    /// The module's VADER (its word tables unfolded from the compact form)
    /// scores the tweets and Amazon ground truth exactly as PyPI
    /// `vaderSentiment` 3.3.2 printed them, as the native build does
    /// (`tests/parity.rs`).
    #[test]
    fn vader_scores_are_the_references_bit_for_bit() {
        let reference: std::collections::HashMap<(&str, &str), [f64; 4]> =
            include_str!("../../../tests/parity/reference_vader332.tsv")
                .lines()
                .skip(1)
                .map(|line| {
                    let fields: Vec<&str> = line.split('\t').collect();
                    let score = |index: usize| fields[index].parse::<f64>().unwrap();
                    (
                        (fields[0], fields[1]),
                        [score(2), score(3), score(4), score(5)],
                    )
                })
                .collect();
        let corpora = [
            (
                "tweets",
                include_str!("../../../tests/parity/tweets_GroundTruth.txt"),
            ),
            (
                "amazonReviewSnippets",
                include_str!("../../../tests/parity/amazonReviewSnippets_GroundTruth.txt"),
            ),
        ];
        let mut compared = 0;
        for (corpus, text) in corpora {
            for line in text.split('\n').filter(|line| !line.is_empty()) {
                let line = line.strip_suffix('\r').unwrap_or(line);
                let mut fields = line.splitn(3, '\t');
                let (id, text) = (fields.next().unwrap(), fields.nth(1).unwrap());
                let scores = socialcare::sentiment::polarity_scores(text);
                let actual = [scores.neg, scores.neu, scores.pos, scores.compound];
                let expected = reference[&(corpus, id)];
                let same = actual
                    .iter()
                    .zip(expected)
                    .all(|(a, e)| a.to_bits() == e.to_bits() || (*a == 0.0 && e == 0.0));
                assert!(same, "{corpus} {id}: {actual:?} against {expected:?}");
                compared += 1;
            }
        }
        assert_eq!(compared, 4_200 + 3_708);
    }

    /// The module's cue automaton (unfolded from its compact form) finds
    /// the care topics.
    #[test]
    fn care_cues_are_found() {
        let assessment = care::assess(
            "my account was hacked and I want a refund asap",
            &CareContext::default(),
        );
        let reasons: Vec<String> = assessment.reasons.iter().map(ToString::to_string).collect();
        let reasons = reasons.join("; ");
        for reason in [
            "mentions a hacked or compromised account",
            "asks for a refund",
            "asks for urgent help",
        ] {
            assert!(reasons.contains(reason), "{reasons}");
        }
    }
}
