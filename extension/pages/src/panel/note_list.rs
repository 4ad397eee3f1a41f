//! The ticket's internal notes, oldest first, and a new one.

use super::note_entry::NoteEntry;
use super::note_form::NoteForm;
use crate::i18n::t;
use socialcare_views::NoteView;
use yew::prelude::*;

/// Properties of [`NoteList`].
#[derive(Properties, PartialEq, Clone)]
pub struct NoteListProps {
    /// The notes, oldest first.
    pub notes: Vec<NoteView>,
    /// Called with a new note's text.
    pub on_add: Callback<String>,
    /// Called with a note's id and its new text.
    pub on_edit: Callback<(String, String)>,
}

/// A "Notes" heading, each [`NoteEntry`] (or "No notes yet."), then the [`NoteForm`].
#[function_component(NoteList)]
pub fn note_list(props: &NoteListProps) -> Html {
    html! {
        <section class="notes" aria-labelledby="notes-heading">
            <h3 id="notes-heading">{ t("panel_notes") }</h3>
            if props.notes.is_empty() {
                <p class="notes-none">{ t("panel_notes_none") }</p>
            } else {
                <ul class="note-list">
                    { for props.notes.iter().map(|note| html! {
                        <NoteEntry key={note.id.clone()} note={note.clone()} on_edit={props.on_edit.clone()} />
                    }) }
                </ul>
            }
            <NoteForm on_add={props.on_add.clone()} />
        </section>
    }
}
