// Socialcare composer module for Draft.js editors (X's post and legacy DM boxes).
//
// Text goes in by a synthetic paste carrying text/plain (a `textInput` in
// Firefox, which ignores the paste), never by execCommand('insertText'):
// into an empty Draft.js editor that makes React wipe the page, and at the
// end it doubles text (docs/extension.md, composer).
// Draft.js splits pasted text into blocks on newlines and keeps one undo step.
// A selection is deleted by a Backspace key event.
(() => {
  'use strict';
  const editors = (globalThis.__socialcareEditors ??= {});
  const shared = globalThis.__socialcareEditorShared;

  editors.draftjs = {
    /**
     * Pastes `text` at the editor's selection (the paste is built in the
     * page's world). Draft.js ignores a synthetic paste in Firefox; there a
     * `textInput` carries the text instead (Draft.js's own typing path, which
     * Firefox has had since it gained TextEvent) — sent only when the paste
     * changed nothing, never both.
     */
    async insert(element, text) {
      const before = this.read(element);
      shared.dispatchText(element, 'paste', text);
      await shared.settle();
      if (this.read(element) === before) shared.dispatchText(element, 'textInput', text);
    },
    /**
     * Deletes the editor's selection: Backspace, which Draft.js's key
     * bindings turn into its own delete of the selection (the key event is
     * built in the page's world, where Draft.js can read its key code).
     */
    remove(element) {
      shared.dispatchText(element, 'Backspace', '');
    },
    /** The editor's text: one line per Draft.js block. */
    read(element) {
      const blocks = element.querySelectorAll('[data-block="true"]');
      return blocks.length ? [...blocks].map((block) => block.textContent).join('\n') : element.textContent;
    },
    /** Undoes the last change with the editor's own undo (its key binding). */
    undo(element) {
      shared.pressUndo(element);
    },
  };
})();
