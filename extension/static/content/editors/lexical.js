// Socialcare composer module for Lexical editors (Facebook comments and
// Messenger, Instagram DMs).
//
// Text goes in by a `beforeinput` event on the editor's root: `insertText`
// with the text in `dataTransfer` (Lexical inserts it raw, newlines as line
// breaks, in one undo step); when that does not take, `insertReplacementText`.
(() => {
  'use strict';
  const editors = (globalThis.__socialcareEditors ??= {});
  const shared = globalThis.__socialcareEditorShared;

  /** Dispatches one `beforeinput` of `inputType` carrying `text` as text/plain. */
  function beforeInput(element, inputType, text) {
    const dataTransfer = new DataTransfer();
    dataTransfer.setData('text/plain', text);
    element.dispatchEvent(new InputEvent('beforeinput', { inputType, data: null, dataTransfer, bubbles: true, cancelable: true, composed: true }));
  }

  editors.lexical = {
    /**
     * Inserts `text` at the editor's selection. Lexical renders its new state
     * after the current task, so the text is read back only then; the second
     * event goes only when the first changed nothing (never twice).
     */
    async insert(element, text) {
      const before = this.read(element);
      beforeInput(element, 'insertText', text);
      await shared.settle();
      if (this.read(element) === before) beforeInput(element, 'insertReplacementText', text);
    },
    /** The editor's text: paragraphs and line breaks as newlines. */
    read(element) {
      return element.innerText.replace(/\n$/, '');
    },
    /** Undoes the last change with the editor's own undo (its key binding). */
    undo(element) {
      shared.pressUndo(element);
    },
  };
})();
