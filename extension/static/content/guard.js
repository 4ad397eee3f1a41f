// Socialcare tone guard: the live tone indicator beside the composer the
// agent types in, and the hold on a risky send.
//
// - As the draft changes, the worker checks it against the team's current
//   guideline and answers a verdict: at once, with one check in flight at a
//   time (changes made meanwhile are checked together when it answers), so
//   the verdict is fresh and kept beside the composer, ready synchronously
//   when a send key or click arrives.
// - The indicator is one fixed-position <socialcare-tone> host under <body>
//   (never inside the site's React tree) with an open shadow root, carrying
//   data-socialcare-tone (ok|info|warn|block) and data-socialcare-findings
//   (and data-socialcare-checked, a counter bumped on every verdict painted;
//   data-socialcare-checking while the draft as it is now awaits its verdict).
// - A `block` verdict holds the profile's send keys (capture phase on window,
//   IME composition respected) and send controls until the draft is fixed or
//   the agent overrides with a reason (`tone.override`); then the next send
//   of that same draft goes through once. Under a guideline, a send that comes
//   before the draft's check answers is held too ("checking…", then "send
//   again"): an older draft's verdict never lets a newer draft out. Signed
//   out, or with no block finding, nothing is held; an error here (the worker
//   gone, no answer) never holds a send.
// - A reply is recorded (`ticket.responded`, with the inserted template's id)
//   once per reply: when a send the agent made (key or control, not held) is
//   followed by the composer clearing. A composer that clears with no send
//   seen is uncertain: the indicator offers "Mark as replied" instead.
(() => {
  'use strict';
  if (globalThis.__socialcareToneGuard) return;

  const api = globalThis.browser ?? globalThis.chrome;
  /** Our elements' words, in the agent's language (content/ui.js). */
  const ui = globalThis.__socialcareUi;
  const editors = globalThis.__socialcareEditors ?? {};
  const HOST_TAG = 'socialcare-tone';

  /** What start() was given: {profile, composers, composerAt, ask}. */
  let registry = null;
  /** The composer being watched: {element, composer}. */
  let watched = null;
  /** The latest verdict for the watched composer, and the draft it is for. */
  let verdict = null;
  let observer = null;
  /** The draft on its way to the worker (null: no check in flight). */
  let inFlight = null;
  /** The last answer named a guideline: an unchecked draft's send waits for its verdict. */
  let guarded = false;
  /** The draft changed while a check was in flight: check again when it answers. */
  let stale = false;
  /** Sequence of checks sent, so a late answer never overwrites a newer one. */
  let sent = 0;
  /** The draft an override was given for: its next send goes through once (null: none). */
  let bypass = null;
  /** Why the send the open findings panel shows was held (`block`, `unchecked`), or null. */
  let heldFor = null;
  /** A send went through from the watched composer and its clearing is awaited. */
  let sending = false;
  /** The template inserted into the watched composer, recorded with the reply. */
  let templateId = null;
  /** The composer cleared with no send seen: "Mark as replied" is offered. */
  let uncertain = false;
  /** The draft as last read (a send is confirmed when it goes from text to empty). */
  let lastDraft = '';
  let host = null;

  /** Starts watching a composer's draft (the agent entered it, or `template` was inserted). */
  function watch(found, template = null) {
    if (watched?.element !== found.element) {
      templateId = null;
      observer?.disconnect();
      watched?.element.removeEventListener('input', changed);
      watched = found;
      verdict = null;
      bypass = null;
      heldFor = null;
      sending = false;
      uncertain = false;
      lastDraft = '';
      observer = new MutationObserver(changed);
      observer.observe(found.element, { childList: true, subtree: true, characterData: true });
      found.element.addEventListener('input', changed);
    }
    if (template) templateId = template;
    check();
  }

  /**
   * The draft changed: a send seen earlier is confirmed when the composer
   * clears, and the draft is checked (coalesced with a check in flight).
   */
  function changed() {
    const draft = editors[watched.composer.editor_kind].read(watched.element);
    const cleared = Boolean(lastDraft.trim()) && !draft.trim();
    lastDraft = draft;
    if (cleared && sending) recordReply();
    else if (cleared) uncertain = true;
    else if (draft.trim()) uncertain = false;
    if (inFlight !== null) stale ||= draft !== inFlight;
    else if (draft !== verdict?.draft) check(draft);
  }

  /**
   * Sends the draft (as just read, or read now) to the worker; its verdict
   * is painted as soon as it arrives (`answered`).
   */
  function check(read = null) {
    if (!watched?.element.isConnected) return;
    const { element, composer } = watched;
    const draft = read ?? editors[composer.editor_kind].read(element);
    const seq = ++sent;
    inFlight = draft;
    stale = false;
    host?.toggleAttribute('data-socialcare-checking', true);
    askTone({ draft, platform: registry.profile.platform, place: composer.place }, (answer) => answered(answer, seq, element, draft));
  }

  /**
   * A verdict came back (null: none): painted at once, in the port's own
   * message task; when the draft changed meanwhile, the newer draft is
   * checked instead.
   */
  function answered(answer, seq, element, draft) {
    inFlight = null;
    if (answer) guarded = Boolean(answer.guideline);
    if (stale) {
      check();
      return;
    }
    host?.toggleAttribute('data-socialcare-checking', false);
    if (seq !== sent || watched?.element !== element || !answer) return;
    if (answer.error) console.warn('Socialcare:', answer.error);
    verdict = { ...answer, draft };
    paint();
  }

  /** The port the drafts go to the worker on: `{port, pending: id → answer callback}`, or null. */
  let tonePort = null;
  let nextCheck = 1;

  /**
   * Asks the worker for a draft's verdict over one long-lived port named
   * `tone` (a one-time message opens a channel per call, which a keystroke
   * would pay for: twice the round trip, docs/extension.md); `onAnswer` gets
   * it. A stopped worker closes the port: the checks in flight answer null
   * (the next change checks again, on a new port that wakes it).
   */
  function askTone(request, onAnswer) {
    try {
      tonePort ??= openTonePort();
      const id = nextCheck++;
      tonePort.port.postMessage({ id, ...request });
      tonePort.pending.set(id, onAnswer);
    } catch (error) {
      console.debug('Socialcare: service worker unavailable', error);
      tonePort = null;
      onAnswer(null);
    }
  }

  /** Opens the `tone` port: answers `{id, verdict}` go to their check's callback. */
  function openTonePort() {
    const port = api.runtime.connect({ name: 'tone' });
    const pending = new Map();
    port.onMessage.addListener(({ id, verdict }) => {
      const onAnswer = pending.get(id);
      pending.delete(id);
      onAnswer?.(verdict);
    });
    port.onDisconnect.addListener(() => {
      if (tonePort?.port === port) tonePort = null;
      const waiting = [...pending.values()];
      pending.clear();
      for (const onAnswer of waiting) onAnswer(null);
    });
    return { port, pending };
  }

  /** Records the reply that went out (`ticket.responded`), once. */
  function recordReply() {
    registry.ask({ type: 'responded', template_id: templateId });
    sending = false;
    uncertain = false;
    templateId = null;
  }

  /**
   * Why a send from the watched composer is held now, or null: the draft's
   * verdict blocks (`block`, unless an override covers this very draft), or,
   * under a guideline, the draft as it is now is still being checked
   * (`unchecked`). With no check in flight (the worker gone), nothing is held.
   */
  function holdReason() {
    if (!watched?.element.isConnected) return null;
    const draft = editors[watched.composer.editor_kind].read(watched.element);
    if (bypass !== null && bypass === draft) return null;
    if (verdict?.draft === draft) return verdict.tone === 'block' ? 'block' : null;
    return guarded && inFlight !== null ? 'unchecked' : null;
  }

  // --- The indicator ---------------------------------------------------------

  const STYLE = `
    :host { all: initial; position: fixed; z-index: 2147483646; font: 600 12px/1.4 system-ui, sans-serif; }
    .pill { border: 1px solid #d0d5dd; border-radius: 999px; padding: 1px 8px; background: #fff; color: #344054; cursor: pointer; font: inherit; }
    :host([data-socialcare-tone="info"]) .pill { color: #175cd3; border-color: #84caff; }
    :host([data-socialcare-tone="warn"]) .pill { color: #b54708; border-color: #fec84b; background: #fffaeb; }
    :host([data-socialcare-tone="block"]) .pill { color: #b42318; border-color: #fda29b; background: #fef3f2; }
    .panel { position: absolute; inset-inline-end: 0; bottom: 26px; width: 320px; background: #fff; color: #101828; border: 1px solid #d0d5dd;
             border-radius: 8px; padding: 8px 10px; box-shadow: 0 4px 16px rgba(0,0,0,.18); font-weight: 400; }
    .panel[hidden] { display: none; }
    :host([data-below]) .panel { bottom: auto; top: 26px; }
    ul { margin: 4px 0; padding-inline-start: 18px; }
    li[data-severity="block"] { color: #b42318; }
    input { width: 100%; box-sizing: border-box; margin: 4px 0; font: inherit; }
    button.act { font: inherit; margin: 2px 4px 0 0; cursor: pointer; }
    :host([data-theme="dark"]) .pill, :host([data-theme="dark"]) .panel { background: #16181c; color: #e7e9ea; border-color: #536471; }`;

  /** The host with its shadow UI, created once. */
  function ensureHost() {
    if (host?.isConnected) return host;
    const pill = document.createElement('button');
    pill.type = 'button';
    pill.className = 'pill';
    pill.setAttribute('part', 'indicator');
    pill.addEventListener('click', () => togglePanel());
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', ui.text('content_tone_dialog'));
    host = ui.shadowHost(HOST_TAG, STYLE, pill, panel);
    return host;
  }

  /** Paints the verdict on the indicator and puts it beside the composer. */
  function paint() {
    const el = ensureHost();
    const count = verdict.findings.length;
    el.setAttribute('data-socialcare-tone', verdict.tone);
    el.setAttribute('data-socialcare-findings', String(count));
    // Bumped on every verdict painted, so tests and benchmarks see an update that changed nothing else.
    el.setAttribute('data-socialcare-checked', String(sent));
    // Only what changed is written: an unchanged label costs the frame no layout and no paint.
    const pill = el.shadowRoot.querySelector('.pill');
    const label = count ? ui.text('content_tone_pill', ui.text(`common_severity_${verdict.tone}`), count) : ui.text('content_tone_pill_ok');
    if (pill.textContent !== label) pill.textContent = label;
    const title = count ? verdict.findings.map((f) => f.message).join('\n') : ui.text('content_tone_all_clear');
    if (pill.title !== title) pill.title = title;
    const panel = el.shadowRoot.querySelector('.panel');
    if (!panel.hidden) fillPanel(panel, holdReason());
    let mark = el.shadowRoot.querySelector('[data-socialcare-mark-replied]');
    if (uncertain && !mark) {
      mark = document.createElement('button');
      mark.type = 'button';
      mark.className = 'pill';
      mark.setAttribute('data-socialcare-mark-replied', '');
      mark.textContent = ui.text('content_tone_mark_replied');
      mark.addEventListener('click', () => {
        recordReply();
        mark.remove();
      });
      pill.after(mark);
    } else if (!uncertain) {
      mark?.remove();
    }
    placeSoon();
  }

  /** A frame is awaited to place the indicator (null: none). */
  let placing = null;

  /**
   * Places the indicator in the next frame, before it is drawn: reading the
   * composer's box and the site's theme then costs no layout of its own
   * (the frame lays out anyway), where doing it as the verdict arrives would
   * force one into the keystroke's path.
   */
  function placeSoon() {
    placing ??= requestAnimationFrame(() => {
      placing = null;
      place();
    });
  }

  /**
   * Puts the indicator at the composer's bottom-right corner, in the site's
   * theme, writing only what changed (the same place costs the frame nothing).
   */
  function place() {
    if (!host?.isConnected || !watched?.element.isConnected) return;
    const theme = globalThis.__socialcareEditorShared.siteTheme();
    if (host.getAttribute('data-theme') !== theme) host.setAttribute('data-theme', theme);
    const box = watched.element.getBoundingClientRect();
    const top = `${Math.max(0, box.bottom - 22)}px`;
    const left = `${Math.max(0, box.right - 110)}px`;
    if (host.style.top !== top) host.style.top = top;
    if (host.style.left !== left) host.style.left = left;
    // The findings open below the indicator when there is no room above it.
    host.toggleAttribute('data-below', box.bottom < 260);
  }
  addEventListener('scroll', placeSoon, { capture: true, passive: true });
  addEventListener('resize', placeSoon, { passive: true });

  /** Opens the findings panel for a send held for `held` (`block`, `unchecked`), or opens or closes it (null). */
  function togglePanel(held = null) {
    const panel = ensureHost().shadowRoot.querySelector('.panel');
    heldFor = held;
    if (!held && !panel.hidden) {
      panel.hidden = true;
      return;
    }
    fillPanel(panel, held ?? holdReason());
    panel.hidden = false;
  }

  /** The panel's title: why the send was held, what became of a send held for its check, or "Tone check". */
  function panelTitle(reason) {
    if (reason === 'unchecked') return ui.text('content_tone_checking');
    if (heldFor && reason === 'block') return ui.text('content_tone_held');
    if (heldFor === 'unchecked') return ui.text('content_tone_checked');
    return ui.text('content_tone_title');
  }

  /**
   * The findings, and for a send held now (`reason`, from holdReason) the
   * override (with a reason) and "Move to DM".
   */
  function fillPanel(panel, reason) {
    panel.replaceChildren();
    const title = document.createElement('div');
    title.setAttribute('role', 'status');
    title.textContent = panelTitle(reason);
    const list = document.createElement('ul');
    for (const finding of verdict?.findings ?? []) {
      const item = document.createElement('li');
      item.dataset.severity = finding.severity;
      item.dataset.rule = finding.rule_id;
      item.textContent = finding.message;
      list.append(item);
    }
    panel.append(title, list);
    if (reason !== 'block') return;
    const blocks = verdict.findings.filter((f) => f.severity === 'block');
    const why = document.createElement('input');
    why.type = 'text';
    why.placeholder = ui.text('content_tone_reason_placeholder');
    why.setAttribute('aria-label', ui.text('content_tone_reason_label'));
    why.setAttribute('data-socialcare-reason', '');
    const send = document.createElement('button');
    send.type = 'button';
    send.className = 'act';
    send.setAttribute('data-socialcare-override', '');
    send.textContent = ui.text('content_tone_send_anyway');
    const status = document.createElement('div');
    status.setAttribute('role', 'status');
    const overridden = verdict.draft;
    send.addEventListener('click', async () => {
      if (!why.value.trim()) {
        status.textContent = ui.text('content_tone_say_why');
        return;
      }
      const answers = await Promise.all(blocks.map((f) => registry.ask({ type: 'tone-override', rule: f.rule_id, reason: why.value })));
      const refused = answers.find((a) => !a?.ok);
      if (refused) {
        status.textContent = refused?.message ?? ui.text('content_tone_override_failed');
        return;
      }
      bypass = overridden;
      heldFor = null;
      panel.hidden = true;
      watched?.element.focus();
    });
    panel.append(why, send);
    if (watched.composer.place !== 'dm' && blocks.some((f) => f.rule_id.startsWith('privacy.'))) {
      const move = document.createElement('button');
      move.type = 'button';
      move.className = 'act';
      move.setAttribute('data-socialcare-move-to-dm', '');
      move.textContent = ui.text('common_move_to_dm');
      move.addEventListener('click', async () => {
        await navigator.clipboard.writeText(verdict.draft).catch(() => {});
        status.textContent = ui.text('common_moved_to_dm');
      });
      panel.append(move);
    }
    panel.append(status);
  }

  // --- Holding a send ----------------------------------------------------------

  /** Whether a key event is one of the composer's send keys (never while an IME composes). */
  function isSendKey(event, composer) {
    if (event.isComposing || event.keyCode === 229) return false;
    return composer.send_keys.some((k) => event.key === k.key
      && (k.ctrl_or_meta ? event.ctrlKey || event.metaKey : !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey));
  }

  /** Stops a send and shows why (`reason`); a later send after an override passes once. */
  function hold(event, reason) {
    event.preventDefault();
    event.stopImmediatePropagation();
    togglePanel(reason);
  }

  /** A send went out (not held): the bypass is used up, and the composer's clearing will confirm it. */
  function passed() {
    bypass = null;
    heldFor = null;
    // The draft as it goes out (a check in flight may not have read it yet).
    lastDraft = editors[watched.composer.editor_kind].read(watched.element);
    sending = Boolean(lastDraft.trim());
  }

  addEventListener('keydown', (event) => {
    try {
      if (!watched || !watched.element.contains(event.target) || !isSendKey(event, watched.composer)) return;
      const reason = holdReason();
      if (reason) hold(event, reason);
      else passed();
    } catch (error) {
      console.debug('Socialcare: send check failed; not held', error);
    }
  }, true);

  addEventListener('click', (event) => {
    try {
      if (!watched || !(event.target instanceof Element)) return;
      const { composer, element } = watched;
      const control = composer.send_controls.length ? event.target.closest(composer.send_controls.join(', ')) : null;
      if (!control) return;
      // The control belongs to the watched composer when both sit in the same region.
      const region = control.closest(composer.region);
      if (region && !region.contains(element)) return;
      const reason = holdReason();
      if (reason) hold(event, reason);
      else passed();
    } catch (error) {
      console.debug('Socialcare: send check failed; not held', error);
    }
  }, true);

  globalThis.__socialcareToneGuard = {
    /** Takes the composer registry (content/composer.js). */
    start(given) {
      registry = given;
    },
    /** Watches a composer the agent entered, or into which `template` (an id) was inserted. */
    watch(found, template = null) {
      if (registry) watch(found, template);
    },
  };
})();
