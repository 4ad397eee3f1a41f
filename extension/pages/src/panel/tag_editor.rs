//! The ticket's tags: remove one, or add one with the team's tags suggested.

use crate::i18n::{t, t_with};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`TagEditor`].
#[derive(Properties, PartialEq, Clone)]
pub struct TagEditorProps {
    /// The ticket's tags.
    pub tags: Vec<String>,
    /// The team's other tags, offered as suggestions.
    pub suggestions: Vec<String>,
    /// Called with a tag to add (trimmed, not empty).
    pub on_add: Callback<String>,
    /// Called with a tag to remove.
    pub on_remove: Callback<String>,
}

/// Each tag with a **Remove tag TAG** button, then a text box labelled
/// **Tag** (its suggestions a `<datalist>` of the team's tags) and an
/// **Add tag** button; Enter in the box adds too.
#[function_component(TagEditor)]
pub fn tag_editor(props: &TagEditorProps) -> Html {
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            {
                draft.set(input.value());
            }
        })
    };
    let onsubmit = {
        let (draft, on_add) = (draft.clone(), props.on_add.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let tag = draft.trim().to_owned();
            if !tag.is_empty() {
                on_add.emit(tag);
                draft.set(String::new());
            }
        })
    };
    let tags = props.tags.iter().map(|tag| {
        let (on_remove, tag_owned) = (props.on_remove.clone(), tag.clone());
        html! {
            <li class="tag">
                <span dir="auto">{ tag.clone() }</span>
                <button
                    type="button"
                    class="tag-remove"
                    aria-label={t_with("panel_remove_tag", &[tag])}
                    onclick={move |_| on_remove.emit(tag_owned.clone())}
                >{ "×" }</button>
            </li>
        }
    });
    html! {
        <div class="tags">
            <span class="field-label">{ t("panel_tags") }</span>
            { " " }
            if props.tags.is_empty() {
                <span class="tags-none">{ t("panel_tags_none") }</span>
            } else {
                <ul class="tag-list">{ for tags }</ul>
            }
            <form class="tag-form" {onsubmit}>
                <label for="ticket-tag" class="visually-hidden">{ t("panel_tag") }</label>
                <input
                    id="ticket-tag"
                    type="text"
                    list="team-tags"
                    autocomplete="off"
                    placeholder={t("panel_tag_placeholder")}
                    value={(*draft).clone()}
                    {oninput}
                />
                <datalist id="team-tags">
                    { for props.suggestions.iter().map(|tag| html! { <option value={tag.clone()} /> }) }
                </datalist>
                <button type="submit" class="tag-add" disabled={draft.trim().is_empty()}>{ t("panel_add_tag") }</button>
            </form>
        </div>
    }
}
