//! A text checked by the tone engine, with every finding's span marked in
//! it and the findings listed (severity, rule, message, where): used by the
//! template editor's previews and the guideline's sample-draft preview.

use socialcare::tone::Finding;
use socialcare_pages::format::number;
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::names::finding_message;
use yew::prelude::*;

/// Properties of [`MarkedFindings`].
#[derive(Properties, PartialEq, Clone)]
pub struct MarkedFindingsProps {
    /// The checked text.
    pub text: AttrValue,
    /// What the check found in it.
    pub findings: Vec<Finding>,
}

/// The text, split where findings start and end: `(text, marked)` pieces in
/// order. Spans are in chars; a span that overlaps an earlier one is marked
/// from where the earlier one ends.
pub fn marked_pieces(text: &str, findings: &[Finding]) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize)> = findings
        .iter()
        .map(|finding| {
            (
                finding.span.char_start,
                finding.span.char_end.min(chars.len()),
            )
        })
        .filter(|(start, end)| start < end)
        .collect();
    spans.sort_unstable();
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        let start = start.max(at);
        if start >= end {
            continue;
        }
        if start > at {
            pieces.push((chars[at..start].iter().collect(), false));
        }
        pieces.push((chars[start..end].iter().collect(), true));
        at = end;
    }
    if at < chars.len() {
        pieces.push((chars[at..].iter().collect(), false));
    }
    pieces
}

/// The text with its findings marked, and the list of findings (or "No
/// findings").
#[function_component(MarkedFindings)]
pub fn marked_findings(props: &MarkedFindingsProps) -> Html {
    let chars: Vec<char> = props.text.chars().collect();
    let pieces = marked_pieces(&props.text, &props.findings)
        .into_iter()
        .map(|(piece, marked)| {
            if marked {
                html! { <mark>{ piece }</mark> }
            } else {
                html! { { piece } }
            }
        });
    let findings = props.findings.iter().map(|finding| {
        let end = finding.span.char_end.min(chars.len());
        let start = finding.span.char_start.min(end);
        let place = if start == end {
            t_with("console_finding_at", &[&number((start + 1) as f64)])
        } else {
            let excerpt: String = chars[start..end].iter().collect();
            t_with("console_finding_span", &[&number((start + 1) as f64), &number(end as f64), &excerpt])
        };
        html! {
            <li class={format!("finding finding-{}", finding.severity)} dir="auto">
                { t_with("console_finding", &[&finding.severity.to_string(), &finding.rule_id, &finding_message(finding), &place]) }
            </li>
        }
    });
    html! {
        <div class="marked-findings">
            <p class="checked-text" dir="auto">{ for pieces }</p>
            if props.findings.is_empty() {
                <p class="findings-none">{ t("console_findings_none") }</p>
            } else {
                <ul class="findings">{ for findings }</ul>
            }
        </div>
    }
}
