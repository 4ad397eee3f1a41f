//! The tone findings of the draft in the native composer the agent writes
//! in: each rule broken, the words of the draft it is about, and one-click
//! fixes — the guideline's replacement phrase, the greeting or signature
//! to add, or the words to remove (an emoji over the limit), applied in the site's composer through the editor's own module,
//! and "Move to DM" for personal data in a public reply.

use crate::format::number;
use crate::i18n::{t, t_count, t_with};
use crate::names::finding_message;
use socialcare::tone::{Finding, Severity};
use socialcare_views::{ComposerView, FromPage};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// Properties of [`ToneFindings`].
#[derive(Properties, PartialEq, Clone)]
pub struct ToneFindingsProps {
    /// The composer's draft and its findings.
    pub composer: ComposerView,
    /// Called with what the agent asks for (a fix).
    pub on_intent: Callback<FromPage>,
}

/// The part of `draft` between two UTF-16 offsets (as the findings count).
pub fn span_text(draft: &str, utf16_start: usize, utf16_end: usize) -> String {
    let units: Vec<u16> = draft.encode_utf16().collect();
    let end = utf16_end.min(units.len());
    String::from_utf16_lossy(&units[utf16_start.min(end)..end])
}

/// The words on a fix's button: what it will do to the draft (`excerpt`:
/// the words of the draft the finding is about).
pub fn fix_label(finding: &Finding, replacement: &str, excerpt: &str) -> String {
    if finding.span.is_empty() {
        t_with("panel_fix_add", &[replacement.trim()])
    } else if replacement.is_empty() {
        t_with("panel_fix_remove", &[excerpt])
    } else {
        t_with("panel_fix_replace", &[replacement])
    }
}

/// The severity as the agent reads it.
fn severity_name(severity: Severity) -> String {
    t(match severity {
        Severity::Info => "panel_severity_info",
        Severity::Warn => "panel_severity_warn",
        Severity::Block => "panel_severity_block",
    })
}

/// The worst severity of a draft's findings (`info`, `warn`, `block`) as
/// the heading says it; any other value as given.
fn tone_name(tone: &str) -> String {
    match tone {
        "info" | "warn" | "block" => t(&format!("common_severity_{tone}")),
        other => other.to_owned(),
    }
}

/// A heading with the worst severity and the count, then one entry per
/// finding: its severity, message, the span of the draft (as text,
/// `dir="auto"`), a fix button when the guideline offers one, and **Move to
/// DM** (the draft to the clipboard) for personal data in a public reply.
#[function_component(ToneFindings)]
pub fn tone_findings(props: &ToneFindingsProps) -> Html {
    let composer = &props.composer;
    let moved = use_state(|| None::<String>);
    let heading = match composer.findings.len() {
        0 => t("panel_tone_ok"),
        n => {
            let count = n as f64;
            t_count(
                "panel_tone_findings",
                count,
                &[&tone_name(&composer.tone), &number(count)],
            )
        }
    };
    let findings = composer.findings.iter().enumerate().map(|(index, finding)| {
        let span = finding.span;
        let excerpt = span_text(&composer.draft, span.utf16_start, span.utf16_end);
        let fix = finding.fix.as_ref().map(|fix| {
            let label = fix_label(finding, &fix.replacement, &excerpt);
            let intent = FromPage::ApplyFix {
                draft: composer.draft.clone(),
                utf16_start: span.utf16_start,
                utf16_end: span.utf16_end,
                replacement: fix.replacement.clone(),
            };
            let onclick = props.on_intent.reform(move |_| intent.clone());
            html! { <button type="button" class="tone-fix" {onclick}>{ label }</button> }
        });
        let move_to_dm = (composer.public && finding.rule_id.starts_with("privacy.")).then(|| {
            let (draft, moved) = (composer.draft.clone(), moved.clone());
            let onclick = Callback::from(move |_| {
                let (draft, moved) = (draft.clone(), moved.clone());
                spawn_local(async move {
                    let clipboard = gloo::utils::window().navigator().clipboard();
                    moved.set(Some(match JsFuture::from(clipboard.write_text(&draft)).await {
                        Ok(_) => t("common_moved_to_dm"),
                        Err(_) => t("panel_move_to_dm_failed"),
                    }));
                });
            });
            html! { <button type="button" class="tone-move-to-dm" {onclick}>{ t("common_move_to_dm") }</button> }
        });
        html! {
            <li key={format!("{index}-{}", finding.rule_id)} class="tone-finding"
                data-severity={finding.severity.to_string()} data-rule={finding.rule_id.clone()}>
                <p class="tone-message">
                    <strong>{ t_with("panel_finding", &[&severity_name(finding.severity)]) }</strong>
                    { " " }
                    { finding_message(finding) }
                </p>
                if !excerpt.trim().is_empty() {
                    <p class="tone-span">{ t("panel_finding_span") }{ " " }<mark dir="auto">{ excerpt }</mark></p>
                }
                { for fix }
                { for move_to_dm }
            </li>
        }
    });
    html! {
        <section class="tone-findings" aria-labelledby="tone-findings-heading" data-tone={composer.tone.clone()}>
            <h2 id="tone-findings-heading">{ heading }</h2>
            <ul>{ for findings }</ul>
            if let Some(message) = (*moved).clone() {
                <p class="tone-moved" role="status">{ message }</p>
            }
        </section>
    }
}
