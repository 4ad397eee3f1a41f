// Helpers the Socialcare editor modules share (loaded before them).
(() => {
  'use strict';
  if (globalThis.__socialcareEditorShared) return;

  globalThis.__socialcareEditorShared = {
    /** Text with every run of whitespace as one space, trimmed: how insertions are compared. */
    flatten(text) {
      return String(text ?? '').replace(/\s+/g, ' ').trim();
    },
    /** Resolves after the page has handled pending events and rendered (editors commit after the current task). */
    settle() {
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
    /**
     * The DOM position {node, offset} of a UTF-16 offset into `text`, an
     * editor's text as its module reads it: the editor's text nodes are
     * found in `text` in order, so what lies between them (the newlines
     * between blocks) is skipped. An offset between two nodes is the end of
     * the first, one inside what lies between them the start of the next.
     */
    positionAt(element, text, offset) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let cursor = 0;
      let last = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data ? text.indexOf(node.data, cursor) : -1;
        if (at < 0) continue;
        if (offset <= at + node.data.length) return { node, offset: Math.max(0, offset - at) };
        cursor = at + node.data.length;
        last = node;
      }
      return last ? { node: last, offset: last.data.length } : { node: element, offset: 0 };
    },
    /** The site's light or dark theme, from each site's own signal (docs/extension.md, composers). */
    siteTheme() {
      const html = document.documentElement;
      if (html.classList.contains('__fb-dark-mode')) return 'dark';
      if (getComputedStyle(html).getPropertyValue('--ig-primary-background').trim() === '0, 0, 0') return 'dark';
      return document.body.style.backgroundColor === 'rgb(0, 0, 0)' ? 'dark' : 'light';
    },
    /**
     * Dispatches on an editor a `paste` (`how` = 'paste'), a `textInput`, a
     * key press (`Backspace`, `Undo`) or a `beforeinput` of inputType `how`,
     * carrying `text` as text/plain: built in the page's own world by
     * content/page-world.js, where the page can read the DataTransfer
     * (Firefox empties one built in the isolated world) and the key codes.
     */
    dispatchText(element, how, text) {
      element.dispatchEvent(new CustomEvent('socialcare-insert', { detail: JSON.stringify({ how, text }) }));
    },
    /**
     * Presses the platform's undo keys on an editor (Ctrl+Z, Cmd+Z on
     * macOS), for editors that bind them; built in the page's world.
     */
    pressUndo(element) {
      this.dispatchText(element, 'Undo', '');
    },
  };
})();
