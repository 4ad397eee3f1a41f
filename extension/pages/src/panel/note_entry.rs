//! One internal note: its author, time and text, and the author's Edit.

use super::when::local_time_ms;
use crate::i18n::t;
use socialcare_views::NoteView;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`NoteEntry`].
#[derive(Properties, PartialEq, Clone)]
pub struct NoteEntryProps {
    /// The note.
    pub note: NoteView,
    /// Called with the note's id and its new text.
    pub on_edit: Callback<(String, String)>,
}

/// "NAME · TIME (edited)" and the text, as text (line breaks kept). The
/// agent's own notes have **Edit note**, which swaps the text for a box
/// labelled **Edited note** with **Save note** and **Cancel** (Escape
/// cancels too).
#[function_component(NoteEntry)]
pub fn note_entry(props: &NoteEntryProps) -> Html {
    let note = &props.note;
    let editing = use_state(|| None::<String>);
    let when = local_time_ms(note.edited_at.unwrap_or(note.created_at));
    let header = html! {
        <p class="note-meta">
            <span class="note-author" dir="auto">{ note.author.name.clone() }</span>
            { " · " }
            <time datetime={iso(note.created_at)}>{ when }</time>
            if note.edited_at.is_some() { { " " }{ t("panel_note_edited") } }
        </p>
    };
    let Some(draft) = (*editing).clone() else {
        let start = {
            let (editing, body) = (editing.clone(), note.body.clone());
            Callback::from(move |_| editing.set(Some(body.clone())))
        };
        return html! {
            <li class="note">
                { header }
                <p class="note-body" dir="auto">{ note.body.clone() }</p>
                if note.mine {
                    <button type="button" class="note-edit" onclick={start}>{ t("panel_edit_note") }</button>
                }
            </li>
        };
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    let oninput = {
        let editing = editing.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlTextAreaElement>().ok())
            {
                editing.set(Some(area.value()));
            }
        })
    };
    let onkeydown = {
        let cancel = cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                cancel.emit(());
            }
        })
    };
    let onsubmit = {
        let (on_edit, id, draft, cancel) = (
            props.on_edit.clone(),
            note.id.clone(),
            draft.clone(),
            cancel.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !draft.trim().is_empty() {
                on_edit.emit((id.clone(), draft.clone()));
                cancel.emit(());
            }
        })
    };
    let field = format!("note-edit-{}", note.id);
    html! {
        <li class="note">
            { header }
            <form class="note-edit-form" {onsubmit}>
                <label for={field.clone()} class="field-label">{ t("panel_edited_note") }</label>
                <textarea id={field} rows="2" value={draft.clone()} {oninput} {onkeydown} />
                <button type="submit" disabled={draft.trim().is_empty()}>{ t("panel_save_note") }</button>
                <button type="button" onclick={cancel.reform(|_| ())}>{ t("common_cancel") }</button>
            </form>
        </li>
    }
}

/// A Unix time in milliseconds as ISO 8601, for `<time datetime>`.
fn iso(unix_ms: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64))
        .to_iso_string()
        .into()
}
