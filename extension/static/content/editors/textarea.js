// Socialcare composer module for plain <textarea> composers (Instagram
// comments, XChat).
//
// Text goes in by execCommand('insertText'), which keeps the browser's undo
// history and fires `input` as typing does (so React's value tracker sees
// it); when the browser refuses, the native value setter plus an `input`
// event (no undo) is the fallback. Deleting works the same way
// (execCommand('delete')).
(() => {
  'use strict';
  const editors = (globalThis.__socialcareEditors ??= {});

  const nativeValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;

  editors.textarea = {
    /** Inserts `text` at the textarea's selection. */
    insert(element, text) {
      const { value, selectionStart, selectionEnd } = element;
      if (document.execCommand('insertText', false, text) && element.value !== value) return;
      nativeValue.call(element, value.slice(0, selectionStart) + text + value.slice(selectionEnd));
      element.setSelectionRange(selectionStart + text.length, selectionStart + text.length);
      element.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: text, bubbles: true }));
    },
    /** Deletes the textarea's selection (with the browser's undo history, else by the value setter). */
    remove(element) {
      const { value, selectionStart, selectionEnd } = element;
      if (document.execCommand('delete') && element.value !== value) return;
      nativeValue.call(element, value.slice(0, selectionStart) + value.slice(selectionEnd));
      element.setSelectionRange(selectionStart, selectionStart);
      element.dispatchEvent(new InputEvent('input', { inputType: 'deleteContentBackward', bubbles: true }));
    },
    /** The textarea's value. */
    read(element) {
      return element.value;
    },
    /** Undoes the last change with the browser's undo. */
    undo() {
      document.execCommand('undo');
    },
  };
})();
