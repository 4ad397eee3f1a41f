//! A line diff between two revisions of a guideline (the `similar` crate),
//! rendered as text: `-` for lines only in the older, `+` for lines only in
//! the newer, unchanged lines kept for context.

use super::revisions::{revision_name, Revision};
use similar::{ChangeTag, TextDiff};
use socialcare_pages::i18n::t;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// One line of a diff: `-`, `+` or a space, then the line (without its end).
pub fn diff_lines(older: &str, newer: &str) -> Vec<(char, String)> {
    TextDiff::from_lines(older, newer)
        .iter_all_changes()
        .map(|change| {
            let sign = match change.tag() {
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
                ChangeTag::Equal => ' ',
            };
            (
                sign,
                change.value().trim_end_matches(['\n', '\r']).to_owned(),
            )
        })
        .collect()
}

/// One diff line as text, marked as removed, added or kept.
pub fn diff_line((sign, line): (char, String)) -> Html {
    let class = match sign {
        '-' => "diff-line diff-removed",
        '+' => "diff-line diff-added",
        _ => "diff-line",
    };
    html! { <span {class}>{ format!("{sign} {line}\n") }</span> }
}

/// Properties of [`RevisionDiff`].
#[derive(Properties, PartialEq, Clone)]
pub struct RevisionDiffProps {
    /// Every revision, newest first.
    pub revisions: Vec<Revision>,
}

/// Two revision pickers (the second newest and the newest at first) and
/// the diff between them.
#[function_component(RevisionDiff)]
pub fn revision_diff(props: &RevisionDiffProps) -> Html {
    let numbers: Vec<u32> = props
        .revisions
        .iter()
        .map(|revision| revision.revision)
        .collect();
    let older = use_state(|| numbers.get(1).or(numbers.first()).copied().unwrap_or(0));
    let newer = use_state(|| numbers.first().copied().unwrap_or(0));
    let source = |number: u32| {
        props
            .revisions
            .iter()
            .find(|revision| revision.revision == number)
            .map(|revision| revision.source.as_str())
    };
    let picker = |label: String, chosen: &UseStateHandle<u32>| {
        let setter = chosen.setter();
        let onchange = Callback::from(move |event: Event| {
            if let Ok(number) = event
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
            {
                setter.set(number);
            }
        });
        let options = numbers.iter().map(|&number| {
            html! { <option value={number.to_string()} selected={number == **chosen}>{ revision_name(number) }</option> }
        });
        html! { <label>{ label.clone() }<select aria-label={label} {onchange}>{ for options }</select></label> }
    };
    let body = match (source(*older), source(*newer)) {
        (Some(from), Some(to)) if from == to => {
            html! { <p class="diff-none">{ t("console_diff_same") }</p> }
        }
        (Some(from), Some(to)) => {
            let lines = diff_lines(from, to).into_iter().map(diff_line);
            html! { <pre class="diff" dir="auto">{ for lines }</pre> }
        }
        _ => Html::default(),
    };
    html! {
        <section class="revision-diff" aria-labelledby="diff-heading">
            <h4 id="diff-heading">{ t("console_diff_heading") }</h4>
            { picker(t("console_diff_from"), &older) }
            { picker(t("console_diff_to"), &newer) }
            { body }
        </section>
    }
}
