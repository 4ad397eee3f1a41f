//! The tone guideline: an editor with live validation (the first problem at
//! line and column, as `socialcare check` reports it: the same tone engine,
//! in the tone module the console loads, [`use_engine_state`]), a form view
//! of the common rules that writes the same text, a preview of the lead's
//! sample drafts against the rules as edited, **Publish** as a new revision
//! through the outbox, and the revision history.

use super::guideline_preview::GuidelinePreview;
use super::link::ConsoleLink;
use super::revision_diff::{diff_line, diff_lines};
use super::revisions::RevisionHistory;
use super::rules_form::RulesForm;
use super::tone_engine::use_engine_state;
use socialcare::model::Guideline;
use socialcare::sync::ops::GuidelineSave;
use socialcare::sync::Op;
use socialcare_pages::format::number;
use socialcare_pages::i18n::{t, t_with};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// The id of a team's first guideline (its name is the message
/// `console_tone_guideline`, in the language of the lead who starts it).
pub const FIRST_GUIDELINE_ID: &str = "tone";

/// Properties of [`GuidelinesSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct GuidelinesSectionProps {
    /// The team's guidelines, as synced.
    pub guidelines: Vec<Guideline>,
    /// Whether the role may publish (lead, admin).
    pub can_edit: bool,
    /// Whether the outbox is empty (the store has every save).
    #[prop_or(true)]
    pub in_step: bool,
}

/// The team's guideline (the first one that is not a conflict copy, or a
/// new one), with its editor and history; conflict copies are listed, each
/// with its diff from the published text and **Load into the editor** to
/// resolve it (the lead merges and publishes on the current revision).
#[function_component(GuidelinesSection)]
pub fn guidelines_section(props: &GuidelinesSectionProps) -> Html {
    let loaded = use_state(|| None::<(String, u32)>);
    let main = props
        .guidelines
        .iter()
        .find(|guideline| guideline.conflict_of.is_none());
    let (id, name, source, revision) = match main {
        Some(guideline) => (
            guideline.id.clone(),
            guideline.name.clone(),
            guideline.source.clone(),
            guideline.revision,
        ),
        None => (
            FIRST_GUIDELINE_ID.to_owned(),
            t("console_tone_guideline"),
            String::new(),
            0,
        ),
    };
    let copies: Vec<&Guideline> = props
        .guidelines
        .iter()
        .filter(|guideline| guideline.conflict_of.is_some())
        .collect();
    let loaded_copy = (*loaded).as_ref().and_then(|(copy_id, copy_revision)| {
        copies
            .iter()
            .find(|copy| &copy.id == copy_id && copy.revision == *copy_revision)
    });
    let conflicts: Html = copies.iter().map(|copy| {
        let load = props.can_edit.then(|| {
            let loaded = loaded.setter();
            let key = (copy.id.clone(), copy.revision);
            html! {
                <button type="button" aria-label={t_with("console_conflict_load_named", &[&named_revision(&copy.name, copy.revision)])}
                    onclick={move |_| loaded.set(Some(key.clone()))}>{ t("console_conflict_load") }</button>
            }
        });
        let lines = diff_lines(&source, &copy.source).into_iter().map(diff_line);
        html! {
            <li class="conflict" dir="auto">
                { t_with("console_conflict_copy", &[&named_revision(&copy.name, copy.revision),
                    &copy.conflict_of.clone().unwrap_or_default()]) }
                <details>
                    <summary>{ t("console_conflict_differences") }</summary>
                    <pre class="diff">{ for lines }</pre>
                </details>
                { for load }
            </li>
        }
    }).collect();
    let start = loaded_copy.map_or_else(|| source.clone(), |copy| copy.source.clone());
    let editor_key = format!(
        "{id}@{revision}/{}",
        loaded_copy.map_or_else(String::new, |copy| format!("{}@{}", copy.id, copy.revision))
    );
    html! {
        <section class="guidelines" aria-labelledby="guidelines-heading">
            <h2 id="guidelines-heading">{ t("console_tone_guideline") }</h2>
            if main.is_none() {
                <p class="notice">{ t("console_guideline_none") }</p>
            }
            if let Some(copy) = loaded_copy {
                <p class="notice" role="status" dir="auto">{ t_with("console_conflict_loaded", &[&named_revision(&copy.name, copy.revision),
                    &number(f64::from(revision + 1))]) }</p>
            }
            <GuidelineEditor key={editor_key} id={id.clone()} name={name.clone()} {source} {start} {revision} can_edit={props.can_edit} />
            if !copies.is_empty() {
                <h3>{ t("console_conflicts_heading") }</h3>
                <p class="hint">{ t("console_conflicts_hint") }</p>
                <ul class="conflicts">{ conflicts }</ul>
            }
            if revision > 0 {
                <RevisionHistory {id} {name} current={revision} can_edit={props.can_edit} in_step={props.in_step} />
            }
        </section>
    }
}

/// Properties of [`GuidelineEditor`].
#[derive(Properties, PartialEq, Clone)]
pub struct GuidelineEditorProps {
    /// The guideline's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The published source.
    pub source: String,
    /// The text the editor starts from (the published source, or a conflict
    /// copy the lead loaded).
    pub start: String,
    /// The published revision (0 for a new guideline).
    pub revision: u32,
    /// Whether the role may publish.
    pub can_edit: bool,
}

/// The TOML editor: every change is checked by the tone engine and
/// **Publish** saves it as a new revision.
#[function_component(GuidelineEditor)]
pub fn guideline_editor(props: &GuidelineEditorProps) -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let text = use_state(|| props.start.clone());
    let engine = use_engine_state();
    // `None` until the engine is loaded, then the first problem, if any
    // (`line 3, column 7: …`, as the CLI writes it).
    let problem = use_memo(((*text).clone(), engine.clone()), |(text, engine)| {
        engine.engine().map(|engine| engine.guideline_problem(text))
    });
    let compiles = *problem == Some(None);
    let refusal = use_state(|| None::<String>);
    let on_input = {
        let text = text.setter();
        Callback::from(move |event: InputEvent| {
            text.set(event.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_publish = {
        let props = props.clone();
        let text = text.clone();
        let refusal = refusal.setter();
        Callback::from(move |_| {
            refusal.set(None);
            let refusal = refusal.clone();
            link.act(
                Op::GuidelineSave(GuidelineSave {
                    id: props.id.clone(),
                    name: props.name.clone(),
                    format: "toml".to_owned(),
                    source: (*text).clone(),
                    base_revision: props.revision,
                }),
                Callback::from(move |why| refusal.set(Some(why))),
            );
        })
    };
    let show_form = use_state(|| false);
    let on_form_change = {
        let text = text.setter();
        Callback::from(move |source: String| text.set(source))
    };
    let on_toggle_form = {
        let show_form = show_form.clone();
        Callback::from(move |_| show_form.set(!*show_form))
    };
    let changed = *text != props.source;
    let publishable = props.can_edit && changed && compiles;
    let status = match &*problem {
        None => engine.notice(),
        Some(None) => {
            html! { <p class="check check-ok">{ t("console_guideline_ok") }</p> }
        }
        Some(Some(problem)) => {
            html! { <p class="check check-error" dir="auto">{ problem.clone() }</p> }
        }
    };
    html! {
        <div class="guideline-editor">
            <label for="guideline-source">
                { if props.revision > 0 { named_revision(&props.name, props.revision) } else { props.name.clone() } }
            </label>
            <textarea id="guideline-source" class="source" rows="18" spellcheck="false"
                readonly={!props.can_edit} value={(*text).clone()} oninput={on_input} />
            <div role="status" aria-live="polite" class="check-status">{ status }</div>
            <button type="button" aria-pressed={show_form.to_string()} onclick={on_toggle_form}>{ t("console_guideline_form_view") }</button>
            if *show_form {
                <RulesForm source={(*text).clone()} can_edit={props.can_edit} on_change={on_form_change} />
            }
            if props.can_edit {
                <button type="button" disabled={!publishable} onclick={on_publish}>{ t("console_guideline_publish") }</button>
            }
            if let Some(why) = (*refusal).clone() {
                <p class="notice notice-error" role="alert" dir="auto">{ t_with("console_guideline_not_published", &[&why]) }</p>
            }
            <GuidelinePreview source={compiles.then(|| AttrValue::from((*text).clone()))} />
        </div>
    }
}

/// A guideline's or template's name with its revision, e.g.
/// `Tone guideline (revision 3)`.
pub fn named_revision(name: &str, revision: u32) -> String {
    t_with(
        "console_named_revision",
        &[name, &number(f64::from(revision))],
    )
}
