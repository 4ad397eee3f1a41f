// Socialcare composer support: the sites' own reply boxes, driven by the
// site profile's `composers` (src/sites/composer.rs) and one module per
// editor kind (content/editors/*.js). It holds no site knowledge.
//
// - Remembers the composer the agent was last in and its caret, so an Insert
//   from the side panel (which takes the focus away) lands where the agent was.
// - Inserts with the editor's own module, reads the text back, and when it did
//   not take, undoes what went in and puts the text on the clipboard with a
//   notice. It never sends. A tone fix from the side panel replaces its span
//   of the draft the same way. The template's id stays with the composer until
//   the reply goes out (content/guard.js records it with the reply).
//
// content.js calls `__socialcareComposer.start({profile, ask})` once it has the profile.
(() => {
  'use strict';
  if (globalThis.__socialcareComposer) return;

  const api = globalThis.browser ?? globalThis.chrome;
  /** Our elements' words, in the agent's language (content/ui.js). */
  const ui = globalThis.__socialcareUi;
  const editors = globalThis.__socialcareEditors ?? {};
  const { flatten, settle, positionAt } = globalThis.__socialcareEditorShared;
  const NOTICE_TAG = 'socialcare-composer-notice';

  /** The profile's composers, compiled. */
  let composers = [];
  /** Surface name → its container selector (to find the item a composer answers). */
  let surfaceSelectors = new Map();
  /** Reads a container's raw fields through its surface (content.js). */
  let readContainer = () => null;
  /** Sends a message to the worker (content.js). */
  let ask = async () => null;
  /** The composer the agent was last in: {element, composer, caret}. */
  let last = null;
  /** Resolves once the profile's composers are known. */
  let started;
  const ready = new Promise((resolve) => { started = resolve; });

  /** Compiles the profile's composers (routes as regexes, selector chains joined). */
  function compile(profile) {
    return (profile.composers ?? []).map((composer) => ({
      ...composer,
      routeRes: composer.routes.map((route) => new RegExp(route)),
      editorSel: composer.editor.join(', '),
    }));
  }

  /** The composer an element is the editor of (or sits inside), with that editor, or null. */
  function composerAt(node) {
    const element = node instanceof Element ? node : node?.parentElement;
    if (!element) return null;
    const path = location.pathname;
    for (const composer of composers) {
      if (composer.routeRes.length && !composer.routeRes.some((re) => re.test(path))) continue;
      const editor = element.closest(composer.editorSel);
      if (editor && editors[composer.editor_kind]) return { element: editor, composer };
    }
    return null;
  }

  /** The caret inside a composer's editor now, or null when the selection is elsewhere. */
  function caretIn(element) {
    if (element instanceof HTMLTextAreaElement) return { start: element.selectionStart, end: element.selectionEnd };
    const selection = getSelection();
    if (!selection?.rangeCount) return null;
    const range = selection.getRangeAt(0);
    return element.contains(range.startContainer) && element.contains(range.endContainer) ? { range: range.cloneRange() } : null;
  }

  /** The raw fields of the item a composer answers, as the profile maps it (null: the side panel's item). */
  function itemRaw({ element, composer }) {
    const target = composer.answers;
    let container = null;
    if (target.kind === 'within') {
      for (const name of target.surfaces) {
        const around = surfaceSelectors.has(name) ? element.closest(surfaceSelectors.get(name)) : null;
        if (around && (!container || container.contains(around))) container = around;
      }
    } else if (target.kind === 'last' && surfaceSelectors.has(target.surface)) {
      const all = document.querySelectorAll(surfaceSelectors.get(target.surface));
      container = all[all.length - 1] ?? null;
    }
    return container ? readContainer(container) : null;
  }

  /** Remembers the composer the agent is in and its caret; a new composer is announced to the worker. */
  function remember(node) {
    const found = composerAt(node);
    if (!found) return;
    const entered = last?.element !== found.element;
    last = { ...found, caret: caretIn(found.element) ?? (entered ? null : last.caret) };
    if (entered) {
      ask({ type: 'composer', url: location.href, raw: itemRaw(found) });
      globalThis.__socialcareToneGuard?.watch(found);
    }
  }

  addEventListener('focusin', (event) => remember(event.target), true);
  document.addEventListener('selectionchange', () => {
    const active = document.activeElement;
    if (active && last?.element === active) last.caret = caretIn(active) ?? last.caret;
    else if (active) remember(active);
  });
  // A textarea's caret moves without selectionchange in some browsers, and a
  // site may remount its editor while it has the focus (X does after a send):
  // keys, clicks and input update both.
  for (const type of ['keyup', 'mouseup', 'input']) addEventListener(type, (event) => remember(event.target), true);

  /** The editor to insert into: the one the agent was last in, else the page's first composer. */
  function target() {
    if (last?.element.isConnected) return last;
    for (const composer of composers) {
      const element = document.querySelector(composer.editorSel);
      const found = element && composerAt(element);
      if (found) return { ...found, caret: null };
    }
    return null;
  }

  /** Puts the focus and the agent's caret back in the editor (the caret at the end when none was saved). */
  function restoreCaret({ element, caret }) {
    element.focus({ preventScroll: true });
    if (element instanceof HTMLTextAreaElement) {
      const end = element.value.length;
      element.setSelectionRange(caret?.start ?? end, caret?.end ?? end);
      return;
    }
    let range = caret?.range;
    if (!range || !element.contains(range.startContainer)) {
      range = document.createRange();
      range.selectNodeContents(element);
      range.collapse(false);
    }
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /**
   * Inserts `text` into a composer (`found`: {element, composer, caret}; by
   * default the one the agent was last in), replacing the caret's selection.
   * Answers {inserted, composer, message}; never sends.
   */
  async function insert(text, templateId, found = target()) {
    await ready;
    if (!found) return fallback(text, null, ui.text('content_composer_no_box'));
    const editor = editors[found.composer.editor_kind];
    if (await edit(found, () => editor.insert(found.element, text), (before, after) => took(before, after, text))) {
      globalThis.__socialcareToneGuard?.watch(found, templateId);
      return { inserted: true, composer: found.composer.name };
    }
    return fallback(text, found.composer.name, ui.text('content_composer_not_taken'));
  }

  /**
   * Makes one change in a composer (`found`: {element, composer, caret})
   * through its editor module: puts the agent's caret back, runs `change`,
   * and reads the editor's text back. Answers whether `tookIt(before,
   * after)`; when not, what changed is undone with the editor's own undo.
   */
  async function edit(found, change, tookIt) {
    const editor = editors[found.composer.editor_kind];
    restoreCaret(found);
    await settle();
    const before = editor.read(found.element);
    try {
      await change();
    } catch (error) {
      console.debug('Socialcare: the editor refused the change', error);
    }
    await settle();
    const after = editor.read(found.element);
    if (tookIt(before, after)) {
      last = { ...found, caret: caretIn(found.element) };
      return true;
    }
    if (after !== before) {
      editor.undo(found.element);
      await settle();
    }
    return false;
  }

  /**
   * A tone fix from the side panel: the span `utf16_start..utf16_end` of the
   * draft the finding was made on is replaced by `replacement` (an empty span
   * inserts there; an empty replacement removes the span), in the composer
   * the agent was last in, through its editor module. Refused when the draft
   * changed since it was checked.
   */
  async function applyFix({ draft, utf16_start: start, utf16_end: end, replacement }) {
    await ready;
    const found = target();
    if (!found) return { inserted: false, message: ui.text('content_composer_no_box') };
    const editor = editors[found.composer.editor_kind];
    const text = editor.read(found.element);
    if (text !== draft) return { inserted: false, composer: found.composer.name, message: ui.text('content_composer_draft_changed') };
    const span = { ...found, caret: caretOver(found.element, text, start, end) };
    if (replacement !== '') return insert(replacement, null, span);
    return remove(span, text.slice(0, start) + text.slice(end));
  }

  /** The caret selecting the UTF-16 span `start..end` of an editor's text `text`. */
  function caretOver(element, text, start, end) {
    if (element instanceof HTMLTextAreaElement) return { start, end };
    const range = document.createRange();
    const from = positionAt(element, text, start);
    const to = positionAt(element, text, end);
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return { range };
  }

  /**
   * Deletes the caret's selection in a composer (`found`: {element,
   * composer, caret}) with its editor module, and checks that the editor now
   * holds `expected`; when it does not, what changed is undone and the agent
   * is told to delete it by hand. Answers {inserted, composer, message}.
   */
  async function remove(found, expected) {
    const editor = editors[found.composer.editor_kind];
    if (await edit(found, () => editor.remove(found.element), (_, after) => flatten(after) === flatten(expected))) {
      return { inserted: true, composer: found.composer.name };
    }
    const message = ui.text('content_composer_not_removed');
    showNotice(message);
    return { inserted: false, composer: found.composer.name, message };
  }

  /** Whether the editor now holds the text once, in addition to what it held. */
  function took(before, after, text) {
    const [was, now, added] = [flatten(before), flatten(after), flatten(text)];
    if (!now.includes(added)) return false;
    // Exactly one copy added: the new text's length is the old plus the insert (give or take the joins).
    return now.length - was.length <= added.length + 2 && now.split(added).length === was.split(added).length + 1;
  }

  /** Copies the text to the clipboard and says so; answers {inserted: false, …}. */
  async function fallback(text, composer, reason) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch (error) {
      console.debug('Socialcare: clipboard refused', error);
    }
    const message = ui.text(copied ? 'content_composer_on_clipboard' : 'content_composer_copy_from_panel', reason);
    showNotice(message);
    return { inserted: false, composer, message };
  }

  /** A notice at the bottom of the screen, outside the site's tree. */
  function showNotice(message) {
    ui.notice(NOTICE_TAG, message, 'center');
  }

  api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    let done;
    if (message?.type === 'insert' && typeof message.text === 'string') {
      done = insert(message.text, typeof message.template_id === 'string' ? message.template_id : null);
    } else if (message?.type === 'apply-fix' && typeof message.replacement === 'string' && typeof message.draft === 'string') {
      done = applyFix(message);
    } else {
      return false;
    }
    done.then(sendResponse, (error) => sendResponse({ inserted: false, message: String(error) }));
    return true;
  });

  globalThis.__socialcareComposer = {
    /** The composer an element is the editor of (or sits inside): {element, composer}, or null. */
    composerAt,
    /**
     * Inserts `text` into `found` ({element, composer, caret}), replacing the
     * caret's selection (the `/` picker replaces its `/query`), with the
     * editor's module, as the panel's Insert does: {inserted, composer, message}.
     */
    insertInto: (found, text, templateId) => insert(text, templateId, found),
    /** Puts the focus and a caret ({element, caret}) back in a composer. */
    restoreCaret,
    /**
     * Takes the site profile's composers (called by content.js once it has
     * the profile), `ask` (a message to the worker) and `read` (a container's
     * raw fields through its surface).
     */
    start({ profile, ask: askWorker, read }) {
      composers = compile(profile);
      ask = askWorker;
      readContainer = read;
      surfaceSelectors = new Map(profile.surfaces.map((surface) => [surface.name, surface.container.join(', ')]));
      globalThis.__socialcareToneGuard?.start({ profile, composers, composerAt, ask });
      globalThis.__socialcarePicker?.start({ ask });
      if (document.activeElement) remember(document.activeElement);
      started();
    },
  };
})();
