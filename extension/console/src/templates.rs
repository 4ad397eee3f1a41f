//! The reply templates: each with its state and variants, **Approve** and
//! **Retire** for leads (`template.set_state` through the outbox: the store
//! refuses a template that can produce a blocking tone finding, an agent,
//! or a stale revision, and the refusal shows in the console's list).

use super::link::ConsoleLink;
use socialcare::model::{Template, TemplateState};
use socialcare::sync::ops::TemplateSetState;
use socialcare::sync::Op;
use socialcare_pages::panel::when::local_time_ms;
use yew::prelude::*;

/// Properties of [`TemplatesSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct TemplatesSectionProps {
    /// The team's templates, as synced.
    pub templates: Vec<Template>,
    /// Whether the role may approve and retire (lead, admin).
    pub can_edit: bool,
}

/// A list of templates, with their variants and the lead's actions.
#[function_component(TemplatesSection)]
pub fn templates_section(props: &TemplatesSectionProps) -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let refusal = use_state(|| None::<String>);
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
            let platform = variant.platform.map_or_else(|| "every platform".to_owned(), |platform| socialcare_pages::humanize(&platform.to_string()));
            html! {
                <li class="variant">
                    <span class="variant-where">{ format!("{platform}, {}", variant.language) }</span>
                    <pre class="variant-body" dir="auto">{ variant.body.clone() }</pre>
                </li>
            }
        });
        let actions = props.can_edit.then(|| {
            let name = &template.name;
            html! {
                <div class="template-actions">
                    if template.state != TemplateState::Approved {
                        <button type="button" onclick={set_state(template, TemplateState::Approved)}
                            aria-label={format!("Approve {name}")}>{ "Approve" }</button>
                    }
                    if template.state != TemplateState::Retired {
                        <button type="button" onclick={set_state(template, TemplateState::Retired)}
                            aria-label={format!("Retire {name}")}>{ "Retire" }</button>
                    }
                </div>
            }
        });
        html! {
            <li key={template.id.clone()} class="template" data-template={template.id.clone()}>
                <h3 dir="auto">{ template.name.clone() }</h3>
                <p class="template-meta">
                    <span class={format!("state state-{}", state_name(template.state))}>{ state_name(template.state) }</span>
                    { format!(" · revision {} · saved {} by ", template.revision, local_time_ms(template.updated_at)) }
                    <span dir="auto">{ template.updated_by.clone() }</span>
                </p>
                <ul class="variants">{ for variants }</ul>
                { for actions }
            </li>
        }
    });
    html! {
        <section class="templates" aria-labelledby="templates-heading">
            <h2 id="templates-heading">{ "Reply templates" }</h2>
            if props.templates.is_empty() {
                <p class="notice">{ "The team has no templates yet." }</p>
            }
            if let Some(why) = (*refusal).clone() {
                <p class="notice notice-error" role="alert" dir="auto">{ format!("Not changed: {why}") }</p>
            }
            <ul class="template-list">{ for items }</ul>
        </section>
    }
}

/// A state's name.
pub fn state_name(state: TemplateState) -> &'static str {
    match state {
        TemplateState::Draft => "draft",
        TemplateState::Approved => "approved",
        TemplateState::Retired => "retired",
    }
}
