//! The product-ideas report (`GET /v1/reports/ideas`, `socialcare-store report --ideas`):
//! the team's idea posts of a period, read from its tickets and the permalinks its
//! `ticket.create` mutations recorded, grouped by [`socialcare::ideas`].

use crate::error::StoreError;
use crate::report::Period;
use crate::storage::Tx;
use socialcare::care::Intent;
use socialcare::ideas::{group_ideas, IdeaPost, IdeasReport};
use socialcare::model::{AuditOutcome, Ticket};
use socialcare::sync::{EntityKind, MAX_PULL_LIMIT};
use std::collections::HashMap;

/// The tag a lead puts on a ticket to hand it to the product team.
pub const IDEA_TAG: &str = "idea";

fn is_idea(ticket: &Ticket) -> bool {
    ticket.intent == Some(Intent::FeatureRequest) || ticket.tags.contains_key(IDEA_TAG)
}

/// The `https://` permalinks `ticket.create` recorded, by item.
fn permalinks(tx: &mut dyn Tx, team_id: i64) -> Result<HashMap<String, String>, StoreError> {
    let mut links = HashMap::new();
    let mut after = 0;
    loop {
        let rows = tx.log(team_id, after, MAX_PULL_LIMIT)?;
        let Some(last) = rows.last() else { break };
        after = last.version;
        for row in rows {
            if row.outcome != AuditOutcome::Applied || row.name != "ticket.create" {
                continue;
            }
            let args: serde_json::Value = serde_json::from_str(&row.args)?;
            let (Some(item), Some(link)) = (args["item"].as_str(), args["permalink"].as_str())
            else {
                continue;
            };
            if link.starts_with("https://") {
                links
                    .entry(item.to_owned())
                    .or_insert_with(|| link.to_owned());
            }
        }
    }
    Ok(links)
}

/// The team's idea posts whose customer post time falls in `period`, grouped.
pub fn ideas(tx: &mut dyn Tx, team_id: i64, period: &Period) -> Result<IdeasReport, StoreError> {
    let mut posts = Vec::new();
    for row in tx.entities_of(team_id, EntityKind::Ticket)? {
        let ticket: Ticket = serde_json::from_str(&row.body)?;
        let posted_at = ticket.posted_at.unwrap_or(ticket.created_at);
        if is_idea(&ticket) && (period.start_ms()..period.end_ms()).contains(&posted_at) {
            posts.push(IdeaPost {
                ticket: ticket.item.to_string(),
                permalink: None,
                excerpt: ticket.excerpt.clone().unwrap_or_default(),
                platform: ticket.item.platform,
                posted_at,
            });
        }
    }
    if !posts.is_empty() {
        let links = permalinks(tx, team_id)?;
        for post in &mut posts {
            post.permalink = links.get(&post.ticket).cloned();
        }
    }
    Ok(IdeasReport {
        groups: group_ideas(posts),
    })
}
