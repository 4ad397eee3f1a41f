//! The reply templates: each with its state, variants, usage (from the
//! team report: uses in the last 90 days and the last use) and, for drafts,
//! how long they have waited for review; **New template** and **Edit** open
//! the [`TemplateEditor`]; **Approve** and **Retire** for leads
//! (`template.set_state` through the outbox: the store refuses a template
//! that can produce a blocking tone finding, an agent, or a stale revision,
//! and the refusal shows in the console's list).

use super::fetch::{use_store_call, Fetched};
use super::link::ConsoleLink;
use super::reports::{utc_date, DAY_MS};
use super::template_editor::{new_template, TemplateEditor};
use serde::Deserialize;
use socialcare::model::{Guideline, Template, TemplateState};
use socialcare::sync::ops::{TemplateSave, TemplateSetState};
use socialcare::sync::Op;
use socialcare_pages::clock::use_clock;
use socialcare_pages::format::message_with;
use socialcare_pages::format::number;
use socialcare_pages::i18n::{t, t_count, t_with};
use socialcare_pages::panel::when::{duration, local_time_ms};
use socialcare_views::console::StoreCall;
use yew::prelude::*;

/// The period usage is counted over, in days.
pub const USAGE_DAYS: i64 = 90;

/// One template's uses in the team report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TemplateUse {
    /// The template's id.
    pub template_id: String,
    /// Replies that used it in the period.
    pub uses: u64,
    /// The latest of them (Unix milliseconds).
    pub last_used_at: i64,
}

/// The part of the team report the templates section reads.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TemplateUsage {
    /// Uses per template, most used first.
    pub templates: Vec<TemplateUse>,
}

/// Which template the editor is open on.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    /// A new template.
    New,
    /// The template with this id.
    Existing(String),
}

/// Properties of [`TemplatesSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct TemplatesSectionProps {
    /// The team's templates, as synced.
    pub templates: Vec<Template>,
    /// The team's guidelines (the active one lints the editor's variants).
    #[prop_or_default]
    pub guidelines: Vec<Guideline>,
    /// Whether the role may edit, approve and retire (lead, admin).
    pub can_edit: bool,
    /// The IANA time zone of the usage period.
    pub tz: AttrValue,
}

/// A list of templates, with their variants and the lead's actions.
#[function_component(TemplatesSection)]
pub fn templates_section(props: &TemplatesSectionProps) -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let clock = use_clock();
    let now = clock.now();
    let refusal = use_state(|| None::<String>);
    let editing = use_state(|| None::<Editing>);
    let saved = use_state(|| None::<String>);
    let usage_call = props.can_edit.then(|| StoreCall::TeamReport {
        from: utc_date(now - (USAGE_DAYS - 1) * DAY_MS),
        to: utc_date(now),
        tz: props.tz.to_string(),
    });
    let usage = use_store_call::<TemplateUsage>(usage_call, 0);
    let on_save = {
        let link = link.clone();
        let refusal = refusal.setter();
        let editing = editing.setter();
        let saved = saved.setter();
        Callback::from(move |save: TemplateSave| {
            refusal.set(None);
            saved.set(Some(t_with("console_template_saved", &[&save.name])));
            editing.set(None);
            let refusal = refusal.clone();
            link.act(
                Op::TemplateSave(save),
                Callback::from(move |why| refusal.set(Some(why))),
            );
        })
    };
    let on_close = {
        let editing = editing.setter();
        Callback::from(move |()| editing.set(None))
    };
    let open = |target: Editing| {
        let editing = editing.setter();
        let saved = saved.setter();
        Callback::from(move |_: MouseEvent| {
            saved.set(None);
            editing.set(Some(target.clone()))
        })
    };
    if let Some(target) = (*editing).clone() {
        let template = match &target {
            Editing::New => Some(new_template()),
            Editing::Existing(id) => props
                .templates
                .iter()
                .find(|template| &template.id == id)
                .cloned(),
        };
        if let Some(template) = template {
            let guideline = props
                .guidelines
                .iter()
                .find(|guideline| guideline.conflict_of.is_none())
                .map(|guideline| AttrValue::from(guideline.source.clone()));
            let taken_ids = props
                .templates
                .iter()
                .map(|template| template.id.clone())
                .collect::<Vec<_>>();
            return html! {
                <section class="templates" aria-labelledby="templates-heading">
                    <h2 id="templates-heading">{ t("console_templates_heading") }</h2>
                    <TemplateEditor {template} {guideline} {taken_ids} {on_save} {on_close} />
                </section>
            };
        }
    }
    let set_state = |template: &Template, state: TemplateState| {
        let link = link.clone();
        let refusal = refusal.setter();
        let args = TemplateSetState {
            id: template.id.clone(),
            state,
            base_revision: template.revision,
        };
        Callback::from(move |_| {
            let refusal = refusal.clone();
            link.act(
                Op::TemplateSetState(args.clone()),
                Callback::from(move |why| refusal.set(Some(why))),
            );
        })
    };
    let items = props.templates.iter().map(|template| {
        let variants = template.variants.iter().map(|variant| {
            let platform = variant.platform.map_or_else(|| t("console_variant_every_platform"), |platform| socialcare_pages::humanize(&platform.to_string()));
            html! {
                <li class="variant">
                    <span class="variant-where">{ t_with("console_variant_where", &[&platform, &variant.language]) }</span>
                    <pre class="variant-body" dir="auto">{ variant.body.clone() }</pre>
                </li>
            }
        });
        let actions = props.can_edit.then(|| {
            let name = &template.name;
            html! {
                <div class="template-actions">
                    <button type="button" onclick={open(Editing::Existing(template.id.clone()))}
                        aria-label={t_with("console_template_edit_named", &[name])}>{ t("console_template_edit") }</button>
                    if template.state != TemplateState::Approved {
                        <button type="button" onclick={set_state(template, TemplateState::Approved)}
                            aria-label={t_with("console_template_approve_named", &[name])}>{ t("console_template_approve") }</button>
                    }
                    if template.state != TemplateState::Retired {
                        <button type="button" onclick={set_state(template, TemplateState::Retired)}
                            aria-label={t_with("console_template_retire_named", &[name])}>{ t("console_template_retire") }</button>
                    }
                </div>
            }
        });
        html! {
            <li key={template.id.clone()} class="template" data-template={template.id.clone()}>
                <h3 dir="auto">{ template.name.clone() }</h3>
                <p class="template-meta">{ message_with("console_template_meta", vec![
                    html! { <span class={format!("state state-{}", state_name(template.state))}>{ state_label(template.state) }</span> },
                    html! { number(f64::from(template.revision)) },
                    html! { local_time_ms(template.updated_at) },
                    html! { <span dir="auto">{ template.updated_by.clone() }</span> },
                ]) }</p>
                if template.state == TemplateState::Draft {
                    <p class="template-waiting">{ t_with("console_template_waiting", &[&duration(now - template.updated_at)]) }</p>
                }
                { usage_line(&usage, &template.id) }
                <ul class="variants">{ for variants }</ul>
                { for actions }
            </li>
        }
    });
    html! {
        <section class="templates" aria-labelledby="templates-heading">
            <h2 id="templates-heading">{ t("console_templates_heading") }</h2>
            if props.can_edit {
                <button type="button" onclick={open(Editing::New)}>{ t("console_template_new") }</button>
            }
            if let Some(saved) = (*saved).clone() {
                <p class="notice" role="status" dir="auto">{ saved }</p>
            }
            if props.templates.is_empty() {
                <p class="notice">{ t("console_templates_none") }</p>
            }
            if let Some(why) = (*refusal).clone() {
                <p class="notice notice-error" role="alert" dir="auto">{ t_with("console_template_not_changed", &[&why]) }</p>
            }
            <ul class="template-list">{ for items }</ul>
        </section>
    }
}

/// How often a template was used in the usage period, and when last (only
/// once the report has answered).
fn usage_line(usage: &Fetched<TemplateUsage>, id: &str) -> Html {
    let Fetched::Ready(usage) = usage else {
        return Html::default();
    };
    let line = match usage.templates.iter().find(|used| used.template_id == id) {
        Some(used) => t_count(
            "console_template_used",
            used.uses as f64,
            &[
                &number(used.uses as f64),
                &number(USAGE_DAYS as f64),
                &local_time_ms(used.last_used_at),
            ],
        ),
        None => t_with("console_template_unused", &[&number(USAGE_DAYS as f64)]),
    };
    html! { <p class="template-usage">{ line }</p> }
}

/// A state's name, in the browser's UI language.
pub fn state_label(state: TemplateState) -> String {
    t(match state {
        TemplateState::Draft => "console_template_state_draft",
        TemplateState::Approved => "console_template_state_approved",
        TemplateState::Retired => "console_template_state_retired",
    })
}

/// A state's identifier, as its CSS class names it.
pub fn state_name(state: TemplateState) -> &'static str {
    match state {
        TemplateState::Draft => "draft",
        TemplateState::Approved => "approved",
        TemplateState::Retired => "retired",
    }
}
