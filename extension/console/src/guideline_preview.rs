//! The guideline's preview: the lead's own sample drafts (one per
//! paragraph) run through the rules being edited, for a platform and a
//! customer who is calm or upset, each with its findings marked.

use super::marked_findings::MarkedFindings;
use super::tone_engine::use_engine_state;
use socialcare::model::Platform;
use socialcare::tone::{Agent, Customer, ReplyContext, Ticket};
use socialcare_pages::humanize;
use socialcare_pages::i18n::{t, t_with};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The sample customer's name, as the hints name them.
pub const CUSTOMER_NAME: &str = "Maximiliana Okonkwo-Smith";
/// The sample agent's name.
pub const AGENT_NAME: &str = "Kim Lee";
/// The sample agent's initials.
pub const AGENT_INITIALS: &str = "KL";

/// What an upset customer wrote, for the rules that depend on the mood (in
/// English in every language: the engine's sentiment reads English).
const UPSET_MESSAGE: &str = "This is terrible. My order is late again and nobody helps.";
/// What a calm customer wrote.
const CALM_MESSAGE: &str = "Hello, I have a question about my order.";

/// The conversation the samples answer: a named customer, the agent Kim
/// Lee (initials KL).
pub fn sample_context(upset: bool) -> ReplyContext {
    ReplyContext {
        customer: Customer {
            name: Some(CUSTOMER_NAME.into()),
            first_name: Some("Maximiliana".into()),
            handle: Some("@maximiliana_os".into()),
            message: Some(if upset { UPSET_MESSAGE } else { CALM_MESSAGE }.into()),
        },
        agent: Agent {
            name: Some(AGENT_NAME.into()),
            initials: Some(AGENT_INITIALS.into()),
        },
        ticket: Ticket {
            id: Some("T-00012345".into()),
        },
        ..ReplyContext::default()
    }
}

/// The samples of a text: its paragraphs (separated by blank lines), trimmed.
pub fn samples(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|sample| !sample.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Properties of [`GuidelinePreview`].
#[derive(Properties, PartialEq, Clone)]
pub struct GuidelinePreviewProps {
    /// The rules as edited (TOML), when they compile.
    pub source: Option<AttrValue>,
}

/// Sample drafts, a platform and the customer's mood; each sample's findings.
#[function_component(GuidelinePreview)]
pub fn guideline_preview(props: &GuidelinePreviewProps) -> Html {
    let text = use_state(String::new);
    let platform = use_state(|| Platform::X);
    let upset = use_state(|| false);
    let on_text = {
        let text = text.setter();
        Callback::from(move |event: InputEvent| {
            text.set(
                event
                    .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_platform = {
        let platform = platform.setter();
        Callback::from(move |event: Event| {
            if let Ok(chosen) = event
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
            {
                platform.set(chosen);
            }
        })
    };
    let on_upset = {
        let upset = upset.clone();
        Callback::from(move |_: Event| upset.set(!*upset))
    };
    let platforms = Platform::ALL.map(|choice| {
        html! { <option value={choice.as_str()} selected={choice == *platform}>{ humanize(choice.as_str()) }</option> }
    });
    let engine = use_engine_state();
    let results = match (engine.engine(), &props.source) {
        (None, _) => engine.notice(),
        (Some(_), None) => html! { <p class="check">{ t("console_preview_fix_guideline") }</p> },
        (Some(engine), Some(source)) => {
            let context = sample_context(*upset);
            samples(&text)
                .into_iter()
                .map(|sample| match engine.check_draft(source, &sample, *platform, &context) {
                    Ok(findings) => html! { <li class="sample"><MarkedFindings text={sample} {findings} /></li> },
                    Err(why) => html! { <li class="sample"><p class="check check-error" dir="auto">{ why }</p></li> },
                })
                .collect::<Html>()
        }
    };
    html! {
        <section class="guideline-preview" aria-labelledby="guideline-preview-heading">
            <h3 id="guideline-preview-heading">{ t("console_preview_heading") }</h3>
            <p class="hint">{ t_with("console_preview_hint", &[CUSTOMER_NAME, AGENT_NAME, AGENT_INITIALS]) }</p>
            <textarea aria-label={t("console_preview_samples")} rows="5" dir="auto" value={(*text).clone()} oninput={on_text} />
            <label>{ t("console_platform") }{ " " }<select aria-label={t("console_preview_platform")} onchange={on_platform}>{ for platforms }</select></label>
            <label><input type="checkbox" aria-label={t("console_preview_upset")} checked={*upset} onchange={on_upset} />{ " " }{ t("console_preview_upset") }</label>
            <ol class="samples" role="status" aria-live="polite">{ results }</ol>
        </section>
    }
}
