//! The template editor: name, tags, intents, fill-in prompts and variants
//! per platform and language (the one template model, `model::Template`).
//! As the lead types, the template engine reads the record, every variant
//! is rendered for each platform it serves (length as the platform counts
//! it) and checked against the active guideline, with the findings marked
//! in the text; the approval rule says whether the store would approve it.
//! **Save draft** hands a `template.save` to the section, which sends it
//! through the worker's outbox.

use super::approval_problems::ApprovalProblems;
use super::event_value::event_value;
use super::guideline_preview::{AGENT_NAME, CUSTOMER_NAME};
use super::guidelines::named_revision;
use super::marked_findings::MarkedFindings;
use super::template_check::{check_template, PlatformPreview, TemplateCheck};
use super::tone_engine::use_engine_state;
use socialcare::care::Intent;
use socialcare::model::{Platform, Prompt, PromptKind, Template, TemplateVariant};
use socialcare::sync::ops::TemplateSave;
use socialcare_pages::format::number;
use socialcare_pages::humanize;
use socialcare_pages::i18n::{t, t_count, t_with};
use socialcare_pages::names::intent_name;
use yew::prelude::*;

/// Properties of [`TemplateEditor`].
#[derive(Properties, PartialEq, Clone)]
pub struct TemplateEditorProps {
    /// The template as synced (revision 0 for a new one).
    pub template: Template,
    /// The active guideline's source, when the team has one.
    #[prop_or_default]
    pub guideline: Option<AttrValue>,
    /// The ids already taken (a new template may not reuse one).
    #[prop_or_default]
    pub taken_ids: Vec<String>,
    /// Saves: the `template.save` arguments.
    pub on_save: Callback<TemplateSave>,
    /// Closes the editor without saving.
    pub on_close: Callback<()>,
}

/// A new, empty template: one English variant for every platform.
pub fn new_template() -> Template {
    Template {
        id: String::new(),
        name: String::new(),
        state: socialcare::model::TemplateState::Draft,
        variants: vec![blank_variant()],
        tags: vec![],
        intents: vec![],
        prompts: vec![],
        revision: 0,
        updated_by: String::new(),
        updated_at: 0,
        conflict_of: None,
    }
}

fn blank_variant() -> TemplateVariant {
    TemplateVariant {
        platform: None,
        language: "en".to_owned(),
        body: String::new(),
    }
}

/// A template id made of a name: lowercase letters and digits, words joined
/// by dashes (`Shipping delay, EU` → `shipping-delay-eu`).
pub fn id_from_name(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// A comma-separated list, trimmed, without empty entries.
fn comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The editor, with its live check and Save.
#[function_component(TemplateEditor)]
pub fn template_editor(props: &TemplateEditorProps) -> Html {
    let draft = use_state(|| props.template.clone());
    let engine = use_engine_state();
    // `None` until the engine is loaded; a guideline that does not compile
    // checks nothing.
    let check = use_memo(
        ((*draft).clone(), props.guideline.clone(), engine.clone()),
        |(draft, guideline, engine)| {
            let engine = engine.engine()?;
            let guideline = guideline
                .as_deref()
                .filter(|source| engine.guideline_problem(source).is_none());
            Some(check_template(engine, draft, guideline))
        },
    );
    let is_new = props.template.revision == 0;
    let id = if is_new {
        id_from_name(&draft.name)
    } else {
        draft.id.clone()
    };
    let blocker = if draft.name.trim().is_empty() {
        Some(t("console_template_name_missing"))
    } else if id.is_empty() {
        Some(t("console_template_name_no_id"))
    } else if is_new && props.taken_ids.contains(&id) {
        Some(t_with("console_template_id_taken", &[&id]))
    } else {
        check
            .as_ref()
            .as_ref()
            .and_then(|check| check.as_ref().err().cloned())
    };
    let waiting = check.is_none();
    let changed = *draft != props.template;

    // One callback per edit: a change applied to a copy of the draft.
    let edit = |change: fn(&mut Template, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            change(&mut next, event_value(&event));
            draft.set(next);
        })
    };
    let edit_at = |index: usize, change: fn(&mut Template, usize, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            change(&mut next, index, event_value(&event));
            draft.set(next);
        })
    };
    let click = |change: fn(&mut Template)| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            change(&mut next);
            draft.set(next);
        })
    };
    let remove_at = |index: usize, change: fn(&mut Template, usize)| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            change(&mut next, index);
            draft.set(next);
        })
    };

    let intents = Intent::ALL.iter().map(|&intent| {
        let checked = draft.intents.contains(&intent);
        let draft = draft.clone();
        let on_toggle = Callback::from(move |_: Event| {
            let mut next = (*draft).clone();
            if checked {
                next.intents.retain(|other| *other != intent);
            } else {
                next.intents.push(intent);
            }
            draft.set(next);
        });
        html! {
            <label class="intent">
                <input type="checkbox" aria-label={intent_name(intent)} {checked} onchange={on_toggle} />
                { intent_name(intent) }
            </label>
        }
    });

    let prompts = draft.prompts.iter().enumerate().map(|(index, prompt)| {
        let n = number((index + 1) as f64);
        let n = n.as_str();
        let kinds = [PromptKind::Text, PromptKind::Choice, PromptKind::Date].map(|kind| {
            html! { <option value={kind_name(kind)} selected={prompt.kind == kind}>{ kind_label(kind) }</option> }
        });
        let on_required = {
            let draft = draft.clone();
            Callback::from(move |_: Event| {
                let mut next = (*draft).clone();
                next.prompts[index].required = !next.prompts[index].required;
                draft.set(next);
            })
        };
        html! {
            <fieldset class="prompt">
                <legend>{ t_with("console_prompt", &[n]) }</legend>
                <label>{ t("console_prompt_id") }{ " " }<input type="text" aria-label={t_with("console_prompt_id_of", &[n])} value={prompt.id.clone()}
                    onchange={edit_at(index, |t, i, value| t.prompts[i].id = value.trim().to_owned())} /></label>
                <label>{ t("console_prompt_question") }{ " " }<input type="text" aria-label={t_with("console_prompt_question_of", &[n])} value={prompt.label.clone()}
                    onchange={edit_at(index, |t, i, value| t.prompts[i].label = value)} /></label>
                <label>{ t("console_prompt_kind") }{ " " }<select aria-label={t_with("console_prompt_kind_of", &[n])}
                    onchange={edit_at(index, |t, i, value| t.prompts[i].kind = kind_named(&value))}>{ for kinds }</select></label>
                if prompt.kind == PromptKind::Choice {
                    <label>{ t("console_prompt_choices") }{ " " }<input type="text" aria-label={t_with("console_prompt_choices_of", &[n])} value={prompt.choices.join(", ")}
                        onchange={edit_at(index, |t, i, value| t.prompts[i].choices = comma_list(&value))} /></label>
                }
                <label><input type="checkbox" aria-label={t_with("console_prompt_required_of", &[n])} checked={prompt.required} onchange={on_required} />{ " " }{ t("console_prompt_required") }</label>
                <button type="button" aria-label={t_with("console_prompt_remove", &[n])}
                    onclick={remove_at(index, |t, i| { t.prompts.remove(i); })}>{ t("console_remove") }</button>
            </fieldset>
        }
    });

    let checked = check
        .as_ref()
        .as_ref()
        .and_then(|check| check.as_ref().ok());
    let variants = draft.variants.iter().enumerate().map(|(index, variant)| {
        let n = number((index + 1) as f64);
        let n = n.as_str();
        let platforms = std::iter::once(None).chain(Platform::ALL.map(Some)).map(|platform| {
            let (value, name) = platform.map_or(("", t("console_variant_platform_every")), |platform: Platform| (platform.as_str(), humanize(platform.as_str())));
            html! { <option {value} selected={variant.platform == platform}>{ name }</option> }
        });
        let previews = checked.and_then(|check| check.variants.get(index)).map(|variant_check| {
            variant_check.previews.iter().map(platform_preview).collect::<Html>()
        });
        html! {
            <fieldset class="variant-editor" data-variant={index.to_string()}>
                <legend>{ t_with("console_variant", &[n]) }</legend>
                <label>{ t("console_platform") }{ " " }<select aria-label={t_with("console_variant_platform_of", &[n])}
                    onchange={edit_at(index, |t, i, value| t.variants[i].platform = value.parse().ok())}>{ for platforms }</select></label>
                <label>{ t("console_variant_language") }{ " " }<input type="text" aria-label={t_with("console_variant_language_of", &[n])} value={variant.language.clone()}
                    onchange={edit_at(index, |t, i, value| t.variants[i].language = value.trim().to_owned())} /></label>
                <textarea class="variant-source" aria-label={t_with("console_variant_body_of", &[n])} rows="4" dir="auto"
                    value={variant.body.clone()} oninput={edit_at(index, |t, i, value| t.variants[i].body = value).reform(|event: InputEvent| Event::from(event))} />
                if draft.variants.len() > 1 {
                    <button type="button" aria-label={t_with("console_variant_remove", &[n])}
                        onclick={remove_at(index, |t, i| { t.variants.remove(i); })}>{ t("console_remove") }</button>
                }
                <div class="previews" role="status" aria-live="polite">{ for previews }</div>
            </fieldset>
        }
    });

    let on_save = {
        let draft = draft.clone();
        let base_revision = props.template.revision;
        let on_save = props.on_save.clone();
        let id = id.clone();
        Callback::from(move |_| {
            let template = (*draft).clone();
            on_save.emit(TemplateSave {
                id: id.clone(),
                name: template.name.trim().to_owned(),
                variants: template.variants,
                tags: template.tags,
                intents: template.intents,
                prompts: template.prompts,
                base_revision,
            });
        })
    };

    html! {
        <section class="template-editor" aria-labelledby="template-editor-heading">
            <h3 id="template-editor-heading">
                { if is_new { t("console_template_new") } else {
                    t_with("console_template_edit_named", &[&named_revision(&props.template.name, props.template.revision)]) } }
            </h3>
            <label>{ t("console_name") }{ " " }<input type="text" aria-label={t("console_template_name")} value={draft.name.clone()}
                oninput={edit(|t, value| t.name = value).reform(|event: InputEvent| Event::from(event))} /></label>
            if is_new && !id.is_empty() {
                <p class="template-id">{ t_with("console_template_id", &[&id]) }</p>
            }
            <label>{ t("console_template_tags") }{ " " }<input type="text" aria-label={t("console_template_tags_hint")} value={draft.tags.join(", ")}
                onchange={edit(|t, value| t.tags = comma_list(&value))} /></label>
            <fieldset class="intents"><legend>{ t("console_template_intents") }</legend>{ for intents }</fieldset>
            <h4>{ t("console_prompts_heading") }</h4>
            <p class="hint">{ t("console_prompts_hint") }</p>
            { for prompts }
            <button type="button" onclick={click(|t| t.prompts.push(Prompt { id: format!("prompt{}", t.prompts.len() + 1), label: String::new(), kind: PromptKind::Text, required: true, choices: vec![] }))}>
                { t("console_prompt_add") }</button>
            <h4>{ t("console_variants_heading") }</h4>
            <p class="hint">{ t_with("console_variants_hint", &[CUSTOMER_NAME, AGENT_NAME]) }</p>
            { for variants }
            <button type="button" onclick={click(|t| t.variants.push(blank_variant()))}>{ t("console_variant_add") }</button>
            <div class="template-verdict" role="status" aria-live="polite">
                if waiting { { engine.notice() } }
                { verdict(blocker.as_deref(), checked, props.guideline.is_some()) }
            </div>
            <div class="editor-actions">
                <button type="button" disabled={blocker.is_some() || waiting || !changed} onclick={on_save}>{ t("console_template_save") }</button>
                <button type="button" onclick={props.on_close.reform(|_| ())}>{ t("console_template_close") }</button>
            </div>
        </section>
    }
}

/// What stands between the draft and a save, or whether the store would
/// approve it.
fn verdict(blocker: Option<&str>, check: Option<&TemplateCheck>, has_guideline: bool) -> Html {
    match (blocker, check) {
        (Some(blocker), _) => {
            html! { <p class="check check-error" dir="auto">{ blocker.to_owned() }</p> }
        }
        (None, Some(_)) if !has_guideline => {
            html! { <p class="check">{ t("console_template_no_guideline") }</p> }
        }
        (None, Some(check)) if check.approval.is_empty() => {
            html! { <p class="check check-ok">{ t("console_template_approvable") }</p> }
        }
        (None, Some(check)) => {
            html! { <ApprovalProblems problems={check.approval.clone()} /> }
        }
        (None, None) => Html::default(),
    }
}

/// One rendering of a variant: the text with its findings and its length.
fn platform_preview(preview: &PlatformPreview) -> Html {
    let platform = humanize(preview.platform.as_str());
    match &preview.outcome {
        Ok(rendered) => html! {
            <div class="preview" data-platform={preview.platform.as_str()}>
                <h5>{ platform }
                    <span class={classes!("length", (!rendered.fits).then_some("length-over"))}>
                        { " · " }{ t_count("console_preview_length", rendered.limit as f64,
                            &[&number(rendered.length as f64), &number(rendered.limit as f64)]) }
                    </span>
                </h5>
                <MarkedFindings text={rendered.text.clone()} findings={rendered.findings.clone()} />
            </div>
        },
        Err(why) => html! {
            <div class="preview" data-platform={preview.platform.as_str()}>
                <h5>{ platform }</h5>
                <p class="check check-error" dir="auto">{ t_with("console_preview_unrenderable", &[why]) }</p>
            </div>
        },
    }
}

/// A prompt kind's name, in the browser's UI language.
fn kind_label(kind: PromptKind) -> String {
    t(match kind {
        PromptKind::Text => "console_prompt_kind_text",
        PromptKind::Choice => "console_prompt_kind_choice",
        PromptKind::Date => "console_prompt_kind_date",
    })
}

/// A prompt kind's identifier in the template record.
fn kind_name(kind: PromptKind) -> &'static str {
    match kind {
        PromptKind::Text => "text",
        PromptKind::Choice => "choice",
        PromptKind::Date => "date",
    }
}

fn kind_named(name: &str) -> PromptKind {
    match name {
        "choice" => PromptKind::Choice,
        "date" => PromptKind::Date,
        _ => PromptKind::Text,
    }
}
