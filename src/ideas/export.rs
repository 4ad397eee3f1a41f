//! The ideas report as CSV for the product team's spreadsheet: one row per
//! post, with its group's label and size; customer text kept as text.

use super::IdeasReport;
use crate::spreadsheet::{text_cell, to_csv as csv_of};

/// The report as CSV, header first, one row per post.
pub fn to_csv(report: &IdeasReport) -> String {
    let rows = report.groups.iter().flat_map(|group| {
        group.items.iter().map(move |item| {
            [
                text_cell(&group.label),
                group.count.to_string(),
                text_cell(&item.ticket),
                item.platform.to_string(),
                item.posted_at.to_string(),
                text_cell(item.permalink.as_deref().unwrap_or_default()),
                text_cell(&item.excerpt),
            ]
        })
    });
    csv_of(
        [
            "group",
            "group_count",
            "ticket",
            "platform",
            "posted_at",
            "permalink",
            "excerpt",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ideas::{IdeaGroup, IdeaPost};
    use crate::model::Platform;

    #[test]
    fn one_row_per_post_with_its_group_and_hostile_text_kept_as_text() {
        let items: Vec<IdeaPost> = ["=HYPERLINK(\"https://evil.example\")", "dark mode, please"]
            .iter()
            .enumerate()
            .map(|(i, excerpt)| IdeaPost {
                ticket: format!("x:{i}"),
                permalink: Some(format!("https://x.com/a/status/{i}")),
                excerpt: (*excerpt).to_owned(),
                platform: Platform::X,
                posted_at: 1_700_000_000_000 + i as i64,
            })
            .collect();
        let report = IdeasReport {
            groups: vec![IdeaGroup {
                label: "@dark mode".to_owned(),
                count: 2,
                platforms: vec![Platform::X],
                first_seen: items[0].posted_at,
                last_seen: items[1].posted_at,
                items,
            }],
        };
        let csv = to_csv(&report);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(
            rows,
            vec![
                vec![
                    "'@dark mode",
                    "2",
                    "x:0",
                    "x",
                    "1700000000000",
                    "https://x.com/a/status/0",
                    "'=HYPERLINK(\"https://evil.example\")",
                ],
                vec![
                    "'@dark mode",
                    "2",
                    "x:1",
                    "x",
                    "1700000000001",
                    "https://x.com/a/status/1",
                    "dark mode, please",
                ],
            ]
        );
    }
}
