//! A new internal note: a text box labelled **Note** and **Add note**.

use crate::i18n::t;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`NoteForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct NoteFormProps {
    /// Called with the note's text (not blank).
    pub on_add: Callback<String>,
}

/// The text box **Note** (plain text) and the **Add note** button, disabled
/// while the box is blank; Ctrl+Enter (⌘+Enter) adds too. The box is
/// cleared once the note is handed over.
#[function_component(NoteForm)]
pub fn note_form(props: &NoteFormProps) -> Html {
    let draft = use_state(String::new);
    let submit = {
        let (draft, on_add) = (draft.clone(), props.on_add.clone());
        Callback::from(move |()| {
            if !draft.trim().is_empty() {
                on_add.emit((*draft).clone());
                draft.set(String::new());
            }
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlTextAreaElement>().ok())
            {
                draft.set(area.value());
            }
        })
    };
    let onkeydown = {
        let submit = submit.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                submit.emit(());
            }
        })
    };
    let onsubmit = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        submit.emit(());
    });
    html! {
        <form class="note-form" {onsubmit}>
            <label for="ticket-note" class="field-label">{ t("panel_note") }</label>
            <textarea
                id="ticket-note"
                rows="2"
                placeholder={t("panel_note_placeholder")}
                value={(*draft).clone()}
                {oninput}
                {onkeydown}
            />
            <button type="submit" class="note-add" disabled={draft.trim().is_empty()}>{ t("panel_add_note") }</button>
        </form>
    }
}
