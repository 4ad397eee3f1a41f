// Socialcare composer module for Lexical editors (Facebook comments and
// Messenger, Instagram DMs).
//
// Text goes in by a `beforeinput` event on the editor's root: `insertText`
// with the text in `dataTransfer` (Lexical inserts it raw, newlines as line
// breaks, in one undo step); when that does not take, `insertReplacementText`.
// Both are built in the page's world (content/page-world.js). A selection
// is deleted by a `beforeinput` deleteContentBackward.
(() => {
  'use strict';
  const editors = (globalThis.__socialcareEditors ??= {});
  const shared = globalThis.__socialcareEditorShared;

  editors.lexical = {
    /**
     * Inserts `text` at the editor's selection. Lexical renders its new state
     * after the current task, so the text is read back only then; the second
     * event goes only when the first changed nothing (never twice).
     */
    async insert(element, text) {
      const before = this.read(element);
      shared.dispatchText(element, 'insertText', text);
      await shared.settle();
      if (this.read(element) === before) shared.dispatchText(element, 'insertReplacementText', text);
    },
    /** Deletes the editor's selection: a `beforeinput` deleteContentBackward, which Lexical applies to its selection. */
    remove(element) {
      shared.dispatchText(element, 'deleteContentBackward', '');
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
