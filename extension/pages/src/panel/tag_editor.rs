//! The ticket's tags: remove one, or add one with the team's tags suggested.

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
                    aria-label={format!("Remove tag {tag}")}
                    onclick={move |_| on_remove.emit(tag_owned.clone())}
                >{ "×" }</button>
            </li>
        }
    });
    html! {
        <div class="tags">
            <span class="field-label">{ "Tags " }</span>
            if props.tags.is_empty() {
                <span class="tags-none">{ "None" }</span>
            } else {
                <ul class="tag-list">{ for tags }</ul>
            }
            <form class="tag-form" {onsubmit}>
                <label for="ticket-tag" class="visually-hidden">{ "Tag" }</label>
                <input
                    id="ticket-tag"
                    type="text"
                    list="team-tags"
                    autocomplete="off"
                    placeholder="Add a tag"
                    value={(*draft).clone()}
                    {oninput}
                />
                <datalist id="team-tags">
                    { for props.suggestions.iter().map(|tag| html! { <option value={tag.clone()} /> }) }
                </datalist>
                <button type="submit" class="tag-add" disabled={draft.trim().is_empty()}>{ "Add tag" }</button>
            </form>
        </div>
    }
}
