// Socialcare template picker: `/` typed at the start of a word in a site's
// composer opens a small keyboard-driven list of the approved templates
// suggested for the item the composer answers (the side panel's suggestions,
// from the worker), filtered by what the agent types after the `/`.
//
// - ArrowDown/ArrowUp move, Enter (or Tab) chooses, Escape closes and leaves
//   the text alone. The focus stays in the editor while the agent filters.
// - A template with fill-in prompts asks for them in the picker (one field
//   per prompt, a choice as a select); Enter inserts, Escape goes back to the
//   editor untouched.
// - On choose, the worker renders the template for the item (the core's
//   engine, with the item's customer, agent and ticket), and the rendered
//   text replaces the `/query` through the editor's own module
//   (content/composer.js), so the editor's state holds it, in one undo step.
// - One fixed-position <socialcare-picker> host under <body> with an open
//   shadow root (never inside the site's React tree), placed under (or above)
//   the composer; it follows the site's light/dark theme. The list is a
//   role=listbox of role=option named by the template.
//
// content/composer.js calls `__socialcarePicker.start({ask})` with the profile.
(() => {
  'use strict';
  /** Our elements' words, in the agent's language (content/ui.js). */
  const ui = globalThis.__socialcareUi;
  if (globalThis.__socialcarePicker) return;

  const editors = globalThis.__socialcareEditors ?? {};
  const shared = globalThis.__socialcareEditorShared;
  const HOST_TAG = 'socialcare-picker';
  /** `/` at the start of a word, then the query (no spaces), right before the caret. */
  const TRIGGER = /(?:^|\s)\/([^\s/]*)$/u;
  /** The most characters of a template's text shown under its name. */
  const PREVIEW_CHARS = 90;

  /** Sends a message to the worker (content.js, through composer.js). */
  let ask = async () => null;
  /**
   * The open picker: {found, trigger, templates, active, form}, where `trigger`
   * is {query, caret} (the caret selects `/query`) and `form` the template
   * whose prompts are being answered.
   */
  let open = null;
  /** The `/` the agent dismissed with Escape (its editor and where it starts): not reopened. */
  let dismissed = null;
  /** Bumped on every lookup, so a late list never opens a picker the agent typed past. */
  let lookups = 0;
  /** A chosen template is being rendered and inserted: the caret's moves are not the agent's. */
  let busy = false;
  let host = null;

  /**
   * The `/query` right before the caret in a composer's editor:
   * {query, start, caret}, where `start` is where the `/` is in the editor's
   * text (stable while editors such as Draft.js remount their text nodes) and
   * `caret` selects the `/query`; or null.
   */
  function triggerAt(element) {
    if (element instanceof HTMLTextAreaElement) {
      const { selectionStart: end, selectionEnd } = element;
      if (end !== selectionEnd) return null;
      const match = TRIGGER.exec(element.value.slice(0, end));
      if (!match) return null;
      const start = end - match[1].length - 1;
      return { query: match[1], start, caret: { start, end } };
    }
    const selection = getSelection();
    if (!selection?.rangeCount || !selection.isCollapsed) return null;
    const { startContainer: node, startOffset: end } = selection.getRangeAt(0);
    if (node.nodeType !== Node.TEXT_NODE || !element.contains(node)) return null;
    const match = TRIGGER.exec(node.data.slice(0, end));
    if (!match) return null;
    const range = document.createRange();
    range.setStart(node, end - match[1].length - 1);
    range.setEnd(node, end);
    const before = document.createRange();
    before.setStart(element, 0);
    before.setEnd(range.startContainer, range.startOffset);
    return { query: match[1], start: before.toString().length, caret: { range } };
  }

  /** Whether two triggers are the same `/` (same editor, same place). */
  function sameSlash(a, b) {
    return a && b && a.element === b.element && a.start === b.start;
  }

  /** The templates whose name (or text) contains every word of the query, in the suggested order. */
  function filtered() {
    const words = open.trigger.query.toLowerCase().split(/[-_]+/).filter(Boolean);
    return open.templates.filter((t) => words.every((word) => `${t.name} ${t.preview ?? ''}`.toLowerCase().includes(word)));
  }

  /** Looks at the caret after the agent typed or moved: opens, filters or closes the picker. */
  async function update() {
    if (open?.form || busy) return;
    const element = document.activeElement;
    const found = element && globalThis.__socialcareComposer?.composerAt(element);
    const trigger = found && editors[found.composer.editor_kind] ? triggerAt(found.element) : null;
    if (!trigger) {
      dismissed = null;
      close();
      return;
    }
    const slash = { element: found.element, start: trigger.start };
    if (sameSlash(slash, dismissed)) return;
    if (open && sameSlash(slash, open.slash)) {
      follow(trigger);
      return;
    }
    const seq = ++lookups;
    const answer = await ask({ type: 'templates' });
    if (seq !== lookups || !answer?.templates?.length) return;
    // The agent may have typed on while the worker answered: read the caret again.
    const now = triggerAt(found.element);
    if (!now || now.start !== trigger.start) return;
    open = { found, slash, trigger: now, templates: answer.templates, active: 0, form: null };
    paint();
  }

  /** Takes the open picker's `/query` as it is now: a new query filters the list afresh. */
  function follow(trigger) {
    const typed = trigger.query !== open.trigger.query;
    open.trigger = trigger;
    if (typed) {
      open.active = 0;
      paint();
    }
  }

  /**
   * Reads the open picker's `/query` again before a key acts on it: `update`
   * looks a task after the editor changed, so the last keys typed before a
   * quick Enter may not have been seen yet (Enter would then replace `/sh`
   * and leave the `ips` of `/ships`). Closes the picker, and returns false,
   * when the `/` is no longer before the caret.
   */
  function catchUp() {
    const { element } = open.found;
    const trigger = triggerAt(element);
    if (!trigger || !sameSlash({ element, start: trigger.start }, open.slash)) {
      close();
      return false;
    }
    follow(trigger);
    return true;
  }

  /** Closes the picker (the text stays as it is). */
  function close() {
    open = null;
    host?.remove();
    host = null;
  }

  /** Escape: closes and remembers this `/`, so it stays closed until the agent types a new one. */
  function dismiss() {
    dismissed = open.slash;
    const { found, trigger, form } = open;
    close();
    if (form) globalThis.__socialcareComposer.restoreCaret({ ...found, caret: caretAfter(trigger.caret) });
  }

  /** A caret collapsed at the end of `caret`'s selection (after the `/query`). */
  function caretAfter({ range, end }) {
    if (!range) return { start: end, end };
    const after = range.cloneRange();
    after.collapse(false);
    return { range: after };
  }

  /** Chooses a template: its prompts first when it has any, else it goes in. */
  function choose(template) {
    if (!template) return;
    if (template.prompts.length) {
      open.form = template;
      paint();
      status('');
      host.shadowRoot.querySelector('input, select')?.focus();
      return;
    }
    put(template, {});
  }

  /** Renders the template in the worker and puts it in place of the `/query`. */
  async function put(template, prompts) {
    const { found, trigger } = open;
    busy = true;
    try {
      const answer = await ask({ type: 'render-template', template_id: template.template_id, prompts });
      if (typeof answer?.text !== 'string') {
        status(answer?.error ?? ui.text('content_picker_render_failed'));
        return;
      }
      close();
      await globalThis.__socialcareComposer.insertInto({ ...found, caret: slashCaret(found.element, trigger) }, answer.text, template.template_id);
    } finally {
      busy = false;
    }
  }

  /**
   * The caret selecting the `/query` now: the one saved when the agent chose,
   * or, when the editor re-rendered its text nodes meanwhile (the focus went
   * to the prompts), the last `/query` found in the editor's text.
   */
  function slashCaret(element, { query, caret }) {
    const slash = `/${query}`;
    if (!caret.range || caret.range.toString() === slash) return caret;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let range = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.lastIndexOf(slash);
      if (at < 0) continue;
      range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + slash.length);
    }
    return range ? { range } : caret;
  }

  /** Says something in the picker's status line. */
  function status(message) {
    const line = host?.shadowRoot.querySelector('[role=status]');
    if (line) line.textContent = message;
  }

  // --- The picker's host ---------------------------------------------------------

  const STYLE = `
    :host { all: initial; position: fixed; z-index: 2147483647; font: 13px/1.35 system-ui, sans-serif; }
    .picker { width: 320px; max-height: 280px; overflow: auto; background: #fff; color: #101828; border: 1px solid #d0d5dd;
              border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 4px; }
    .title { font-weight: 600; font-size: 12px; color: #475467; padding: 2px 6px; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 5px 6px; border-radius: 6px; cursor: pointer; }
    li[aria-selected="true"] { background: #eff8ff; outline: 1px solid #84caff; }
    .name { display: block; font-weight: 600; }
    .preview { display: block; color: #475467; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    label { display: block; margin: 4px 6px 0; font-size: 12px; }
    input, select { display: block; width: calc(100% - 12px); margin: 2px 6px 4px; font: inherit; box-sizing: border-box; }
    .hint, [role=status] { font-size: 12px; color: #475467; padding: 2px 6px; }
    :host([data-theme="dark"]) .picker { background: #16181c; color: #e7e9ea; border-color: #536471; }
    :host([data-theme="dark"]) .title, :host([data-theme="dark"]) .preview,
    :host([data-theme="dark"]) .hint, :host([data-theme="dark"]) [role=status] { color: #8b98a5; }
    :host([data-theme="dark"]) li[aria-selected="true"] { background: #1d2a3a; outline-color: #1d9bf0; }`;

  /** Creates the host once per opening; keys typed in its fields stay out of the site's shortcuts. */
  function ensureHost() {
    if (host?.isConnected) return host;
    const box = document.createElement('div');
    box.className = 'picker';
    for (const type of ['keydown', 'keypress', 'keyup']) box.addEventListener(type, (event) => event.stopPropagation());
    // The content is repainted; the status line stays, so assistive tools announce what it says
    // (the focus stays in the editor while the agent moves through the list).
    const content = document.createElement('div');
    content.className = 'content';
    const line = document.createElement('div');
    line.setAttribute('role', 'status');
    box.append(content, line);
    host = ui.shadowHost(HOST_TAG, STYLE, box);
    return host;
  }

  /** Paints the list (or the chosen template's prompts) and places it by the composer. */
  function paint() {
    const el = ensureHost();
    el.setAttribute('data-theme', shared.siteTheme());
    el.toggleAttribute('data-socialcare-prompts', Boolean(open.form));
    el.shadowRoot.querySelector('.content').replaceChildren(...(open.form ? promptForm(open.form) : list()));
    place();
  }

  /** The title and the listbox of matching templates (or why there is none). */
  function list() {
    const title = document.createElement('div');
    title.className = 'title';
    title.id = 'socialcare-picker-title';
    title.textContent = open.trigger.query ? ui.text('content_picker_matching', open.trigger.query) : ui.text('content_picker_for_reply');
    const matches = filtered();
    open.active = Math.min(open.active, Math.max(0, matches.length - 1));
    const listbox = document.createElement('ul');
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-labelledby', title.id);
    matches.forEach((template, index) => {
      const option = document.createElement('li');
      option.setAttribute('role', 'option');
      option.id = `socialcare-template-${index}`;
      option.setAttribute('aria-label', template.name);
      option.setAttribute('aria-selected', String(index === open.active));
      option.dataset.templateId = template.template_id;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = template.name;
      const preview = document.createElement('span');
      preview.className = 'preview';
      preview.dir = 'auto';
      preview.textContent = template.preview ? template.preview.slice(0, PREVIEW_CHARS) : ui.text('content_picker_asks_for', new Intl.ListFormat(ui.language).format(template.prompts.map((p) => p.label)));
      option.append(name, preview);
      // A click chooses without taking the focus (and the caret) from the editor.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => choose(template));
      listbox.append(option);
    });
    status(matches.length
      ? ui.text('content_picker_position', matches[open.active].name, open.active + 1, matches.length)
      : ui.text('content_picker_none'));
    return [title, listbox];
  }

  /** The chosen template's prompts: a field each (a select for a choice), Enter inserts, Escape leaves. */
  function promptForm(template) {
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = template.name;
    const form = document.createElement('form');
    form.setAttribute('aria-label', ui.text('content_picker_fill_in', template.name));
    // The picker says what is missing itself (the browser's bubble would not name the prompt).
    form.noValidate = true;
    for (const prompt of template.prompts) {
      const label = document.createElement('label');
      label.textContent = prompt.label;
      let field;
      if (prompt.choices.length) {
        field = document.createElement('select');
        for (const choice of prompt.choices) field.append(new Option(choice, choice));
      } else {
        field = document.createElement('input');
        field.type = 'text';
        field.required = true;
      }
      field.name = prompt.id;
      label.append(field);
      form.append(label);
    }
    const hint = document.createElement('div');
    hint.className = 'hint';
    hint.textContent = ui.text('content_picker_hint');
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        dismiss();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const answers = Object.fromEntries(new FormData(form));
      const empty = [...form.elements].find((field) => field.name && !String(field.value).trim());
      if (empty) {
        empty.focus();
        status(ui.text('content_answer_first', empty.closest('label').firstChild.textContent));
        return;
      }
      put(template, answers);
    });
    // Enter in a text field submits a form only when it has a submit control.
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = ui.text('common_insert_named', template.name);
    form.append(submit, hint);
    return [title, form];
  }

  /** Puts the picker under the composer, or above it when there is no room below. */
  function place() {
    if (!host?.isConnected || !open?.found.element.isConnected) return;
    const box = open.found.element.getBoundingClientRect();
    const height = host.getBoundingClientRect().height || 200;
    const below = box.bottom + 4 + height <= innerHeight;
    host.style.left = `${Math.max(0, Math.min(box.left, innerWidth - 330))}px`;
    host.style.top = `${below ? box.bottom + 4 : Math.max(0, box.top - height - 4)}px`;
  }
  addEventListener('scroll', () => requestAnimationFrame(place), { capture: true, passive: true });
  addEventListener('resize', () => requestAnimationFrame(place), { passive: true });

  // --- Keys -------------------------------------------------------------------------

  /** What the picker's keys do while its list is open, given the templates it lists. */
  const KEYS = {
    ArrowDown: (matches) => { open.active = (open.active + 1) % Math.max(1, matches.length); paint(); },
    ArrowUp: (matches) => { open.active = (open.active - 1 + matches.length) % Math.max(1, matches.length); paint(); },
    Enter: (matches) => choose(matches[open.active]),
    Tab: (matches) => choose(matches[open.active]),
    Escape: () => dismiss(),
  };

  // Capture phase on window, before the site's editor (and before the send
  // guard, loaded after this file): while the list is open, these keys are the
  // picker's, so Enter chooses a template instead of sending.
  addEventListener('keydown', (event) => {
    if (!open || open.form || event.isComposing || event.keyCode === 229) return;
    if (!open.found.element.contains(event.target)) return;
    const act = KEYS[event.key];
    if (!act || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || !catchUp()) return;
    const matches = filtered();
    if ((event.key === 'Enter' || event.key === 'Tab') && !matches.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    act(matches);
  }, true);

  // The caret moved or the text changed: the query may have too. Editors that
  // handle typing themselves (Draft.js) fire no `input`, so keyup and
  // selectionchange are watched as well; one look per task is enough.
  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      update().catch((error) => console.debug('Socialcare: picker', error));
    }, 0);
  }
  for (const type of ['input', 'keyup']) addEventListener(type, soon, true);
  document.addEventListener('selectionchange', soon);
  // The focus went elsewhere on the page while the prompts were open: the picker closes.
  addEventListener('focusin', (event) => {
    if (open?.form && event.target !== host) close();
  }, true);

  globalThis.__socialcarePicker = {
    /** Takes `ask` (a message to the worker), from content/composer.js once the profile is known. */
    start(given) {
      ask = given.ask;
    },
  };
})();
