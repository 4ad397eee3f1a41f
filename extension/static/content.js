// Socialcare content script: a thin, generic interpreter of site profiles.
//
// It holds no site knowledge and no WebAssembly (the sites' CSP forbids
// compiling wasm here). It starts from the profile of this host (defined in
// Rust, src/sites/<site>.rs), which content/early.js asked the service worker
// for at document_start, finds the profile's containers on the page, reads
// their raw fields as the profile says, sends them in batches to the service
// worker, and paints the badges it answers with.
//
// Etiquette: it only reads what is already on the agent's screen. It never
// fetches, scrolls, clicks or types for the agent.
//
// Badge DOM contract (docs/extension.md): one <socialcare-badge> host per
// recognised item, with an open shadow root for its UI, carrying
// data-socialcare-item="<platform>:<id>", data-socialcare-kind,
// data-socialcare-sentiment, -urgency, -intent, and, once signed in to a
// store, the ticket overlay: data-socialcare-status (none|new|open|pending|
// resolved), -assignee (initials), -presence ("KL:viewing AB:replying") and
// -due (ISO 8601, while unanswered), -reminder ("due" once a follow-up
// reminder has fallen due; absent otherwise); data-socialcare-ours on the team's own items;
// data-socialcare-answered="brand" on an item the team's brand account replied to on the page.
(() => {
  'use strict';

  // Guard against a second injection into the same isolated world.
  if (globalThis.__socialcareContent) return;
  globalThis.__socialcareContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  /** Our elements' words, in the agent's language (content/ui.js). */
  const ui = globalThis.__socialcareUi;
  /** The profile and health memory content/early.js asked for at document_start. */
  const startup = globalThis.__socialcareStartup;
  const BADGE_TAG = 'socialcare-badge';
  const NOTICE_TAG = 'socialcare-notice';
  /** Our elements' `nodeName`s (upper case, as the DOM reports them). */
  const BADGE_NODE_NAME = BADGE_TAG.toUpperCase();
  const NOTICE_NODE_NAME = NOTICE_TAG.toUpperCase();
  // Longest raw field value sent to the service worker.
  const MAX_FIELD = 10000;
  // Containers per message to the service worker: a small first chunk so the
  // first badges appear quickly, then larger ones.
  const FIRST_CHUNK = 20;
  const CHUNK = 100;
  /**
   * How long answered chunks wait for the rest of their flush before they are
   * painted anyway: far more than a warm engine needs for the last chunk
   * (a few ms after the reading ends), far less than a just-woken one.
   */
  const PAINT_PATIENCE_MS = 100;

  /** Compiled profile: surfaces with their route regexes and joined selectors. */
  let surfaces = [];
  /** Container element → token (the service worker echoes tokens back). */
  const tokenOf = new WeakMap();
  /** Container element → signature of what was last sent for it. */
  const sent = new WeakMap();
  /** Container element → its badge host. */
  const hosts = new Map();
  /** Badge host → its container (clicks on a badge find their item). */
  const containerOfHost = new WeakMap();
  /** Containers to (re)read at the next flush. */
  const dirty = new Set();
  let nextToken = 1;
  /**
   * Whether a flush is with the engine: changes meanwhile are only queued,
   * and flushed together once its answers are painted (the round trip is the
   * batching window, no timer).
   */
  let inFlight = false;
  /** Whether containers were queued or nodes removed since the last flush began. */
  let due = false;
  let currentUrl = location.href;
  let noticeShown = false;
  /** Whether a removal since the last sweep may have left a badge stale (see removalMatters). */
  let removedSinceSweep = false;
  /** The page's MutationObserver (set at start). */
  let observer = null;

  /** Sends a message to the service worker; resolves to its answer or null (content/early.js). */
  const { ask } = startup;

  /** The open port to the engine: `{port, pending: request id → {message, answered, retried}}`, or null. */
  let engine = null;
  let nextRequest = 1;

  /**
   * Asks the engine for verdicts over one long-lived port (a one-time
   * `sendMessage` opens a channel per call); `answered(verdicts)` is called
   * once, in the port's message listener, with no promise between the answer
   * and the paint. A stopped worker closes the port: what was in flight is
   * sent once more on a new port, which wakes the worker (as `sendMessage`
   * would), and answered null if that fails too (so it is re-read on the
   * next change).
   */
  function analyseOverPort(url, items, answered) {
    post({ id: nextRequest++, url, items }, answered, false);
  }

  /** Posts one request on the engine port, opening it when needed. */
  function post(message, answered, retried) {
    try {
      if (!engine) engine = openEngine();
      engine.pending.set(message.id, { message, answered, retried });
      engine.port.postMessage(message);
    } catch (error) {
      console.debug('Socialcare: service worker unavailable', error);
      engine?.pending.delete(message.id);
      engine = null;
      answered(null);
    }
  }

  function openEngine() {
    const port = api.runtime.connect({ name: 'engine' });
    const pending = new Map();
    port.onMessage.addListener(({ id, verdicts }) => {
      const request = pending.get(id);
      pending.delete(id);
      request?.answered(verdicts);
    });
    port.onDisconnect.addListener(() => {
      if (engine?.port === port) engine = null;
      const unanswered = [...pending.values()];
      pending.clear();
      for (const { message, answered, retried } of unanswered) {
        if (retried) answered(null);
        else post(message, answered, true);
      }
    });
    return { port, pending };
  }

  /** Whether a surface applies on the current route. */
  function surfaceActive(surface) {
    const path = location.pathname;
    const included = surface.routeRes.length === 0 || surface.routeRes.some((re) => re.test(path));
    return included && !surface.skipRes.some((re) => re.test(path));
  }

  /** The active surface a container belongs to, or null. */
  function surfaceOf(element) {
    for (const surface of surfaces) {
      if (surface.active && element.matches(surface.containerSel)) return surface;
    }
    return null;
  }

  /** Whether a match inside a container belongs to it and not to a nested item. */
  function owned(container, match, excludeSel) {
    if (!excludeSel) return true;
    const region = match.closest(excludeSel);
    return !region || region === container || !container.contains(region);
  }

  /** Finds the element a selector names for a field, in the rule's scope. */
  function find(container, selector, scope, excludeSel) {
    if (scope === 'closest') return container.closest(selector);
    if (scope === 'page') return document.querySelector(selector);
    if (selector === ':scope') return container;
    // Usually the first match is the container's own: one querySelector, no list.
    const first = container.querySelector(selector);
    if (!first || owned(container, first, excludeSel)) return first;
    for (const match of container.querySelectorAll(selector)) {
      if (owned(container, match, excludeSel)) return match;
    }
    return null;
  }

  // Elements whose text is UI, not content ("See more" buttons, our badges).
  const SKIP_TEXT = new Set(['BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE', BADGE_NODE_NAME, NOTICE_NODE_NAME]);
  const BLOCK = new Set(['DIV', 'P', 'LI', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

  /**
   * The elements the walk below treats apart (skipped, read by their alt, or
   * a block's space): an element holding none of them reads as its
   * `textContent`, in one DOM call instead of a call per node.
   */
  const TEXT_APART = [...SKIP_TEXT, ...BLOCK, 'IMG'].map((tag) => tag.toLowerCase()).concat('[role="button"]').join(', ');

  /** The visible text of an element: text nodes, emoji images as their alt, buttons skipped. */
  function visibleText(root) {
    if (!root.querySelector(TEXT_APART)) return root.textContent.slice(0, MAX_FIELD);
    let out = '';
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        const type = child.nodeType;
        if (type === Node.TEXT_NODE) {
          out += child.nodeValue;
        } else if (type === Node.ELEMENT_NODE) {
          // Each DOM property read crosses into the page's DOM: the tag is read once.
          const tag = child.tagName;
          if (SKIP_TEXT.has(tag) || child.getAttribute('role') === 'button') continue;
          if (tag === 'IMG') {
            out += child.getAttribute('alt') ?? '';
            continue;
          }
          if (BLOCK.has(tag)) out += ' ';
          walk(child);
        }
        if (out.length > MAX_FIELD) return;
      }
    };
    walk(root);
    return out.slice(0, MAX_FIELD);
  }

  /** Reads one value from a matched element as the rule says. */
  function readValue(element, read) {
    if (read.kind === 'present') return '1';
    if (read.kind === 'text') return visibleText(element);
    // Attributes: `href` resolved to an absolute URL, like the agent's browser sees it.
    if (read.name === 'href' && typeof element.href === 'string') return element.href;
    return element.getAttribute(read.name) ?? '';
  }

  /**
   * The element a rule reads from: the match itself, or, when the rule names
   * a holder, the match's closest ancestor matching it (e.g. the link around
   * a timestamp); a `within` rule's holder lies inside its root, never around it.
   */
  function holderOf(match, rule, root) {
    if (!match || !rule.holder) return match;
    const holder = match.closest(rule.holder);
    return holder && (rule.scope !== 'within' || root.contains(holder)) ? holder : null;
  }

  /**
   * The nested-item selector a match in `root` must be checked against: none
   * when the root holds no nested item (most posts quote none), so its
   * matches cost no ancestor walk each.
   */
  function nestedIn(root, surface) {
    return surface.excludeSel && root.querySelector(surface.excludeSel) ? surface.excludeSel : '';
  }

  /**
   * Reads a container's raw fields through its surface's rules: all of them
   * (the agent acts on the item), or, for its badge, only those not read on
   * demand (`badgeRules`).
   */
  function readRaw(container, surface, rules = surface.rules) {
    const fields = {};
    const nested = nestedIn(container, surface);
    for (const [name, rule] of rules) {
      // A rule with an ancestor reads inside the container's closest such ancestor (e.g. a comment's post).
      const root = rule.ancestor ? container.parentElement?.closest(rule.ancestor) : container;
      if (!root) continue;
      const excludeSel = root === container ? nested : surface.excludeSel;
      for (const selector of rule.selectors) {
        const element = holderOf(find(root, selector, rule.scope, excludeSel), rule, root);
        if (element) {
          fields[name] = readValue(element, rule.read).slice(0, MAX_FIELD);
          break;
        }
      }
    }
    return { surface: surface.name, fields };
  }

  /** Queues a container for the next flush. */
  function markDirty(container) {
    dirty.add(container);
    due = true;
  }

  /** Flushes what is due now, or, while a flush is in flight, once its answers are painted. */
  function requestFlush() {
    if (due && !inFlight) flush();
  }

  /**
   * The active surfaces' container selectors as one selector list (set at
   * start and on route changes): an added subtree is searched once, not once
   * per surface.
   */
  let activeContainerSel = '';

  /** Marks which surfaces apply on the current route and joins their container selectors. */
  function activateSurfaces() {
    for (const surface of surfaces) surface.active = surfaceActive(surface);
    activeContainerSel = surfaces.filter((s) => s.active).map((s) => s.containerSel).join(', ');
  }

  /** Queues, per active surface, the container enclosing a node (the node itself included). */
  function markContainerAround(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (!element || !element.isConnected) return;
    for (const surface of surfaces) {
      if (!surface.active) continue;
      const around = element.closest(surface.containerSel);
      if (around) markDirty(around);
    }
  }

  /**
   * Queues the containers an added element is or holds (those around it are
   * queued from the record's target): one `matches` and one
   * `querySelectorAll` over all active surfaces.
   */
  function markContainersIn(element) {
    if (!activeContainerSel || !element.isConnected) return;
    if (element.matches(activeContainerSel)) markDirty(element);
    for (const inner of element.querySelectorAll(activeContainerSel)) markDirty(inner);
  }

  /** Whether a node is one of ours (badge host or notice). */
  function isOurs(node) {
    const name = node.nodeName;
    return name === BADGE_NODE_NAME || name === NOTICE_NODE_NAME;
  }

  /**
   * Whether a removed node can leave a badge stale: a live badge the site
   * removed, or a container or badge inside the removed subtree (one
   * `matches` and one `querySelector` on the detached subtree). Most of a
   * page's removals are none of these and cost no sweep of every badge.
   */
  function removalMatters(node) {
    if (hosts.size === 0 || node.nodeType !== Node.ELEMENT_NODE) return false;
    if (node.nodeName === BADGE_NODE_NAME) return hosts.get(containerOfHost.get(node)) === node;
    const selector = activeContainerSel ? `${activeContainerSel}, ${BADGE_TAG}` : BADGE_TAG;
    return node.matches(selector) || node.querySelector(selector) !== null;
  }

  /**
   * Handles a batch of DOM mutations: only the containers they touch are
   * re-read, at once (in this callback) unless a flush is in flight.
   */
  function onMutations(records) {
    for (const record of records) {
      if (record.type === 'childList') {
        // A removal that can leave a badge stale is swept at the next flush.
        for (const node of record.removedNodes) {
          if (removalMatters(node)) {
            removedSinceSweep = true;
            due = true;
          }
        }
        const added = [...record.addedNodes].filter((n) => !isOurs(n));
        const gone = [...record.removedNodes].filter((n) => !isOurs(n));
        if (added.length === 0 && gone.length === 0) continue;
        // The enclosing item changed; the target's other children did not.
        markContainerAround(record.target);
        for (const node of added) if (node.nodeType === Node.ELEMENT_NODE) markContainersIn(node);
      } else if (!isOurs(record.target)) {
        markContainerAround(record.target);
      }
    }
    requestFlush();
  }

  /**
   * Removes badges whose container left the page or stopped being an item,
   * and re-queues containers whose badge the site removed. Called after
   * removals and route changes only: a container that merely changed is
   * re-read, and `prepare` drops its badge if it stopped matching.
   */
  function sweep() {
    removedSinceSweep = false;
    for (const [container, host] of hosts) {
      if (!container.isConnected || !surfaceOf(container)) {
        host.remove();
        hosts.delete(container);
      } else if (!host.isConnected) {
        hosts.delete(container);
        sent.delete(container);
        markDirty(container);
      }
    }
  }

  /**
   * Reads the dirty containers and sends what changed in chunks (the engine
   * analyses one chunk while the next is read), and paints every answer
   * together once the last has arrived: one layout of the page for the whole
   * flush. A warm engine has answered every chunk by the time the reading
   * ends, and painting the first chunk on its own made the renderer lay the
   * long page out once more before the other answers were taken (docs/
   * extension.md, the seventh pass). When the engine is slow (just woken),
   * what has been answered is painted after PAINT_PATIENCE_MS, and so on,
   * so the top of the page does not wait for the bottom. What was queued
   * meanwhile is flushed next, in one batch.
   */
  function flush() {
    inFlight = true;
    due = false;
    const url = location.href;
    /** Answered chunks not painted yet, `[batch, verdicts]`, in the order they arrived. */
    let held = [];
    let patience = 0;
    // Chunks still to be answered, plus one for the reading itself (an
    // answer can come synchronously, when the port cannot be opened).
    let open = 1;
    const paintHeld = () => {
      clearTimeout(patience);
      patience = 0;
      const answered = held;
      held = [];
      if (answered.length) unobserved(() => answered.forEach(([batch, verdicts]) => paintVerdicts(batch, verdicts)));
    };
    const settle = () => {
      if (--open > 0) return;
      try {
        paintHeld();
      } finally {
        inFlight = false;
      }
      if (url === location.href) checkHealth();
      requestFlush();
    };
    try {
      sendDirty(url, (batch) => {
        open++;
        analyseChunk(url, batch, (verdicts) => {
          held.push([batch, verdicts]);
          // Other chunks are still with the engine: they get a little time to join this paint.
          if (!patience && open > 1) patience = setTimeout(paintHeld, PAINT_PATIENCE_MS);
        }, settle);
      });
    } finally {
      settle();
    }
  }

  /**
   * Reads every dirty container and hands them to `send` in chunks, in page
   * order, without waiting between chunks: the engine analyses one chunk
   * while the next is read.
   */
  function sendDirty(url, send) {
    if (removedSinceSweep) sweep();
    let batch = [];
    let size = FIRST_CHUNK;
    for (const container of dirty) {
      const entry = prepare(container, url);
      if (entry) batch.push(entry);
      if (batch.length >= size) {
        send(batch);
        batch = [];
        size = CHUNK;
      }
    }
    dirty.clear();
    if (batch.length) send(batch);
  }

  /** Reads a dirty container; returns its batch entry, or null when nothing changed. */
  function prepare(container, url) {
    if (!container.isConnected) return null;
    const surface = surfaceOf(container);
    if (!surface) {
      // It stopped being an item (an attribute changed): no badge.
      removeBadge(container);
      sent.delete(container);
      return null;
    }
    const raw = readRaw(container, surface, surface.badgeRules);
    // Recycled nodes: the signature changes when the node shows another item.
    const signature = url + '\n' + JSON.stringify(raw);
    if (sent.get(container) === signature) return null;
    sent.set(container, signature);
    let token = tokenOf.get(container);
    if (!token) {
      token = nextToken++;
      tokenOf.set(container, token);
    }
    return { token, container, surface, raw, signature };
  }

  /**
   * Sends one chunk to the engine; `answered(verdicts)` is called in the
   * port's listener when they arrive. The containers of an unanswered chunk
   * are forgotten, so their next change retries. `done` is called last,
   * whatever happened.
   */
  function analyseChunk(url, batch, answered, done) {
    analyseOverPort(url, batch.map(({ token, raw }) => ({ token, raw })), (verdicts) => {
      try {
        if (Array.isArray(verdicts)) answered(verdicts);
        else for (const { container } of batch) sent.delete(container);
      } finally {
        done();
      }
    });
  }

  /**
   * Runs our own DOM writes unobserved: the page's pending mutations are
   * handled first, and the ones `write` queues (our badges) are dropped, so
   * painting costs no mutation callback of its own.
   */
  function unobserved(write) {
    const pending = observer.takeRecords();
    if (pending.length) onMutations(pending);
    write();
    observer.takeRecords();
  }

  /** Paints verdicts: all reads (placement anchors) first, then all writes. */
  function paintVerdicts(batch, verdicts) {
    // Only this batch's nodes are held, and only while it is in flight.
    const entries = new Map(batch.map((entry) => [entry.token, entry]));
    const paints = [];
    for (const verdict of verdicts) {
      const entry = entries.get(verdict.token);
      const container = entry?.container;
      // Skip answers for nodes that changed again meanwhile (a newer batch covers them).
      if (!container || !container.isConnected || sent.get(container) !== entry.signature) continue;
      recordHealth(entry.raw.surface, container, verdict);
      if (verdict.status === 'item') {
        const host = hosts.get(container);
        const placed = host?.isConnected ? null : placement(container, entry.surface);
        paints.push({ container, badge: verdict.badge, placed });
      } else {
        removeBadge(container);
        if (verdict.status === 'unreadable') showNotice(verdict.reason);
      }
    }
    for (const { badge } of paints) if (badge.answers) answerByBrand(badge.answers);
    for (const { container, badge, placed } of paints) paintBadge(container, badge, placed);
  }

  /** Items the team's brand account has replied to on this page (its reply's badge names them). */
  const answeredByBrand = new Set();

  /** Marks an item as answered by the brand, on its badge now and whenever it is painted again. */
  function answerByBrand(key) {
    answeredByBrand.add(key);
    for (const host of document.querySelectorAll(BADGE_TAG)) {
      if (host.getAttribute('data-socialcare-item') === key) paintAnswered(host, key);
    }
  }

  /** Shows on a badge whether the brand has answered its item (attribute and a visible mark). */
  function paintAnswered(host, key) {
    const answered = answeredByBrand.has(key);
    // Never marked and not answered: nothing to write (most badges).
    if (!answered && !stateOf.get(host).shown.answered) return;
    setData(host, 'answered', answered ? 'brand' : null);
    setPart(host, 'answered', 'textContent', answered ? ui.text('content_badge_answered') : '');
    setPart(host, 'answered', 'title', answered ? ui.text('content_badge_answered_title') : '');
  }

  // --- Badges ---------------------------------------------------------------

  const BADGE_STYLE = `
    :host { all: initial; display: inline-flex; gap: 4px; align-items: center; vertical-align: middle; margin: 2px 4px;
            font: 600 11px/1.6 system-ui, sans-serif; color: #52606d; }
    button { font: inherit; border: 1px solid currentColor; border-radius: 999px; padding: 0 8px; cursor: pointer;
             background: #fff; color: inherit; }
    button:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 2px; }
    :host([data-socialcare-sentiment="negative"]) .signal { color: #b42318; background: #fef3f2; }
    :host([data-socialcare-sentiment="positive"]) .signal { color: #067647; background: #ecfdf3; }
    :host([data-socialcare-urgency="high"]) .signal { box-shadow: 0 0 0 2px #f04438; }
    :host([data-socialcare-ours]) .signal { color: #344054; background: #f2f4f7; }
    .ticket:empty, .who:empty, .sla:empty, .answered:empty { display: none; }
    .answered { color: #067647; font-weight: 600; }
    .ticket { border-radius: 4px; padding: 0 6px; background: #eef4ff; color: #1d4ed8; text-transform: uppercase; font-size: 10px; }
    :host([data-socialcare-status="pending"]) .ticket { background: #fffaeb; color: #b54708; }
    :host([data-socialcare-status="resolved"]) .ticket { background: #ecfdf3; color: #067647; }
    .sla { font-variant-numeric: tabular-nums; }
    .sla[data-sla="amber"] { color: #b54708; }
    .sla[data-sla="breached"] { color: #b42318; }
    .who { font-weight: 500; }
    .create { padding: 0 6px; }
    .create[hidden] { display: none; }
    @media (prefers-color-scheme: dark) {
      button { background: #1f2937; }
      .ticket { background: #1e293b; color: #93c5fd; }
    }
  `;

  /**
   * The badge's style as one constructed sheet that every badge's shadow root
   * adopts (parsed once, no <style> per badge), or null where this content
   * script cannot adopt sheets (Firefox's Xray wrappers): each badge then
   * carries its own <style>.
   */
  const badgeSheet = (() => {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(BADGE_STYLE);
      const probe = document.createElement('div').attachShadow({ mode: 'open' });
      probe.adoptedStyleSheets = [sheet];
      return probe.adoptedStyleSheets.length === 1 ? sheet : null;
    } catch {
      return null;
    }
  })();

  /** A new element of `tag` with class `name`. */
  function partElement(tag, name) {
    const element = document.createElement(tag);
    element.className = name;
    return element;
  }

  /**
   * The badge's shadow parts in their order, and how each is made. A new
   * badge carries only `signal` (the verdict's label); the others (the ticket
   * overlay and the brand's answer) are made when they are first given a
   * value, so a signed-out badge is two nodes to clone, insert and style,
   * not seven.
   */
  const PARTS = {
    signal: () => {
      const button = partElement('button', 'signal');
      button.type = 'button';
      button.setAttribute('part', 'badge');
      return button;
    },
    ticket: () => partElement('span', 'ticket'),
    sla: () => partElement('span', 'sla'),
    who: () => partElement('span', 'who'),
    create: () => {
      const create = partElement('button', 'create');
      create.type = 'button';
      create.textContent = '+';
      create.title = ui.text('common_create_ticket');
      create.setAttribute('aria-label', create.title);
      create.hidden = true;
      return create;
    },
    answered: () => partElement('span', 'answered'),
  };
  const PART_ORDER = Object.keys(PARTS);

  /**
   * One badge host with its shadow UI (the signal part), built once; every
   * badge is a deep clone of it, shadow root included (`clonable`): one DOM
   * call instead of creating the host, attaching its root and cloning the UI
   * into it. Where shadow roots do not clone, each badge attaches its own and
   * clones the prototype's children into it.
   */
  const badgePrototype = (() => {
    // Every badge, a clone, speaks the agent's language in its direction.
    const host = ui.speak(document.createElement(BADGE_TAG));
    const shadow = host.attachShadow({ mode: 'open', clonable: true });
    if (!badgeSheet) {
      const style = document.createElement('style');
      style.textContent = BADGE_STYLE;
      shadow.append(style);
    }
    shadow.append(PARTS.signal());
    return host;
  })();
  /** Where the parts start among the shadow root's children (after the fallback <style>). */
  const FIRST_PART = badgeSheet ? 0 : 1;

  /**
   * Host → `{root, parts, shown, since, overlaid}`: its shadow root, the
   * parts made so far (name → element, see PARTS), so painting queries
   * nothing, and what was last written to it (attribute and part values), so
   * painting writes only what changed: a new badge takes only its verdict's
   * few values; `since` is its ticket's SLA start, and `overlaid` whether a
   * ticket overlay was ever painted on it (a signed-out badge skips the
   * overlay's writes altogether).
   */
  const stateOf = new WeakMap();

  /**
   * Keeps clicks and keys in a badge from reaching the site's handlers (e.g.
   * X opening the post) and handles its clicks. One set of listeners on the
   * window, in the capture phase, serves every badge (none per badge): an
   * event in a badge is stopped there, before the page's listeners on the
   * document or the post see it.
   */
  function onBadgeEvent(event) {
    const host = event.target;
    if (host?.nodeName !== BADGE_NODE_NAME) return;
    event.stopPropagation();
    if (event.type === 'click') onBadgeClick(event, host);
  }
  for (const type of ['click', 'auxclick', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'contextmenu']) {
    addEventListener(type, onBadgeEvent, true);
  }

  /** A click in a badge: the label focuses the item, `+` creates its ticket. */
  function onBadgeClick(event, host) {
    const state = stateOf.get(host);
    if (!state) return;
    const { parts } = state;
    const container = containerOfHost.get(host);
    const path = event.composedPath();
    if (path.includes(parts.signal)) {
      event.preventDefault();
      if (container?.isConnected) focusContainer(container);
    } else if (path.includes(parts.create)) {
      event.preventDefault();
      const surface = container?.isConnected && surfaceOf(container);
      if (surface) ask({ type: 'create-ticket', url: location.href, raw: readRaw(container, surface) });
    }
  }

  /** Creates an empty badge host with its shadow UI (a clone of the prototype). */
  function createHost() {
    const host = badgePrototype.cloneNode(true);
    let shadow = host.shadowRoot;
    if (!shadow) {
      shadow = host.attachShadow({ mode: 'open' });
      for (const child of badgePrototype.shadowRoot.children) shadow.append(child.cloneNode(true));
    }
    // Adopted sheets are not part of a clone.
    if (badgeSheet) shadow.adoptedStyleSheets = [badgeSheet];
    // The parts' first values: no attributes, empty texts, `+` hidden.
    stateOf.set(host, { root: shadow, parts: { signal: shadow.children[FIRST_PART] }, shown: { 'create.hidden': true }, since: null, overlaid: false });
    return host;
  }

  /** A badge's shadow part, made and put in its place among the others on first use. */
  function partOf(state, name) {
    let part = state.parts[name];
    if (part) return part;
    part = PARTS[name]();
    const next = PART_ORDER.slice(PART_ORDER.indexOf(name) + 1).map((later) => state.parts[later]).find(Boolean);
    if (next) next.before(part);
    else state.root.append(part);
    state.parts[name] = part;
    return part;
  }

  /** Where a new host goes: after the profile's anchor (e.g. the post text), or by the surface's placement. */
  function placement(container, surface) {
    for (const selector of surface.badge_after) {
      const anchor = find(container, selector, 'within', surface.excludeSel);
      if (anchor) return { node: anchor, where: 'after' };
    }
    return surface.badge === 'after' ? { node: container, where: 'after' } : { node: container, where: 'append' };
  }

  /**
   * Sets (a string) or removes (null or undefined) the attribute `name` of
   * `element`, a badge host or one of its parts, if it changed since it was
   * last written (recorded under `key` in the host's `shown`).
   */
  function writeAttribute(element, shown, key, name, value) {
    const next = value ?? null;
    if ((shown[key] ?? null) === next) return;
    shown[key] = next;
    if (next === null) element.removeAttribute(name);
    else element.setAttribute(name, next);
  }

  /** Sets (a string) or removes (null or undefined) one data attribute of a badge host, if it changed. */
  function setData(host, name, value) {
    writeAttribute(host, stateOf.get(host).shown, name, `data-socialcare-${name}`, value);
  }

  /**
   * Sets one property (`textContent`, `title`, `hidden`) of a badge's shadow
   * part, if it changed (texts start empty); a part not made yet is made now.
   */
  function setPart(host, part, property, value) {
    const state = stateOf.get(host);
    const key = `${part}.${property}`;
    if ((state.shown[key] ?? (property === 'hidden' ? false : '')) === value) return;
    state.shown[key] = value;
    partOf(state, part)[property] = value;
  }

  /**
   * Puts (or updates) the one badge host of a container; `placed` says where
   * a new host goes. A new host is filled while detached and inserted last:
   * one insertion into the page instead of a style invalidation per attribute.
   */
  function paintBadge(container, badge, placed) {
    let host = hosts.get(container);
    const fresh = !host || !host.isConnected;
    if (fresh) {
      host = createHost();
      hosts.set(container, host);
      containerOfHost.set(host, container);
    }
    fillBadge(host, badge);
    if (!fresh) return;
    if (placed.where === 'after') placed.node.after(host);
    else placed.node.append(host);
  }

  /** Writes a badge's verdict and overlay into its host. */
  function fillBadge(host, badge) {
    setData(host, 'item', badge.key);
    setData(host, 'kind', badge.kind);
    setData(host, 'sentiment', badge.sentiment);
    setData(host, 'urgency', badge.urgency);
    setData(host, 'intent', badge.intent);
    setData(host, 'ours', badge.ours ? '' : null);
    paintAnswered(host, badge.key);
    // Text only: labels are set with textContent, never parsed as HTML
    // (the worker words them: worker/badge-words.js).
    setPart(host, 'signal', 'textContent', badge.label);
    setPart(host, 'signal', 'title', badge.title);
    setPart(host, 'signal', 'ariaLabel', badge.title);
    paintOverlay(host, badge.ours ? null : badge.overlay ?? null);
  }

  /** Hosts whose SLA countdown is shown (repainted every 30 s). */
  const timed = new Set();
  let slaTimer = 0;

  /** Paints a host's ticket overlay (null: signed out, or one of our own items). */
  function paintOverlay(host, overlay) {
    const state = stateOf.get(host);
    // No overlay now and none ever painted (signed out): nothing to write.
    if (!overlay && !state.overlaid) return;
    state.overlaid = Boolean(overlay);
    setData(host, 'status', overlay?.status);
    setData(host, 'assignee', overlay ? overlay.assignee : null);
    setData(host, 'presence', overlay ? overlay.presence : null);
    setData(host, 'due', overlay ? (overlay.due ? new Date(overlay.due).toISOString() : '') : null);
    setData(host, 'reminder', overlay?.reminder || null);
    state.since = overlay?.since ?? null;
    setPart(host, 'ticket', 'textContent', overlay && overlay.status !== 'none' ? ui.text(`content_status_${overlay.status}`) : '');
    const replying = (overlay?.presence ?? '').split(' ').filter(Boolean).map((entry) => entry.split(':'));
    const doing = replying.find(([, activity]) => activity === 'replying') ?? replying[0];
    const presence = doing ? ui.text(doing[1] === 'replying' ? 'content_presence_replying' : 'content_presence_viewing', doing[0]) : '';
    setPart(host, 'who', 'textContent', [overlay?.assignee, presence].filter(Boolean).join(' · '));
    setPart(host, 'create', 'hidden', !overlay || overlay.status !== 'none');
    if (overlay?.due) timed.add(host);
    else timed.delete(host);
    paintSla(host, Date.now());
    if (timed.size && !slaTimer) slaTimer = setInterval(tickSla, 30_000);
  }

  /** The SLA countdown: amber in the last quarter of the window, red when breached. */
  function paintSla(host, now) {
    const state = stateOf.get(host);
    const dueText = state.shown.due;
    if (!dueText) {
      setPart(host, 'sla', 'textContent', '');
      // A state was written only to a part made for it: none to remove otherwise.
      if (state.parts.sla) writeAttribute(state.parts.sla, state.shown, 'sla.state', 'data-sla', null);
      return;
    }
    const due = Date.parse(dueText);
    const left = due - now;
    const window = state.since ? due - state.since : 0;
    const minutes = Math.round(Math.abs(left) / 60_000);
    const span = minutes >= 2880 ? ui.text('content_sla_days', Math.floor(minutes / 1440))
      : minutes >= 60 ? ui.text('content_sla_hours', Math.floor(minutes / 60), String(minutes % 60).padStart(2, '0'))
        : ui.text('content_sla_minutes', minutes);
    setPart(host, 'sla', 'textContent', left >= 0 ? span : `−${span}`);
    const slaState = left < 0 ? 'breached' : window > 0 && left <= window / 4 ? 'amber' : 'ok';
    writeAttribute(partOf(state, 'sla'), state.shown, 'sla.state', 'data-sla', slaState);
    setPart(host, 'sla', 'title', ui.text(left >= 0 ? 'content_sla_due' : 'content_sla_overdue', span));
  }

  function tickSla() {
    const now = Date.now();
    for (const host of timed) {
      if (host.isConnected) paintSla(host, now);
      else timed.delete(host);
    }
    if (!timed.size) {
      clearInterval(slaTimer);
      slaTimer = 0;
    }
  }

  /** Repaints the overlays the worker pushed (a ticket or a teammate's presence changed). */
  function applyOverlays(overlays) {
    for (const host of hosts.values()) {
      const key = host.getAttribute('data-socialcare-item');
      if (key && Object.hasOwn(overlays, key) && !host.hasAttribute('data-socialcare-ours')) paintOverlay(host, overlays[key]);
    }
  }

  /** Removes a container's badge, if any. */
  function removeBadge(container) {
    hosts.get(container)?.remove();
    hosts.delete(container);
  }

  /** Sends a container to the side panel (the service worker opens it). */
  function focusContainer(container) {
    const surface = surfaceOf(container);
    if (!surface) return;
    ask({ type: 'focus', url: location.href, raw: readRaw(container, surface) });
  }

  // --- Notice for unreadable markup ----------------------------------------

  let notice = null;

  /** Shows, once per page, a small dismissible notice; `report` adds a button that copies a snapshot. */
  function showNotice(reason, report = null) {
    if (notice?.isConnected) {
      if (report && !notice.shadowRoot.querySelector('[data-report]')) addReport(notice, report);
      return;
    }
    if (noticeShown) return;
    noticeShown = true;
    console.warn('Socialcare: could not read an item on this page:', reason);
    notice = ui.notice(NOTICE_TAG, ui.text('content_notice_unreadable'), 'corner');
    notice.setAttribute('data-socialcare-notice', '');
    if (report) addReport(notice, report);
  }

  /** Adds the "Report" button: it copies `report()` (a structure-only snapshot) to the clipboard. */
  function addReport(host, report) {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('data-report', '');
    button.textContent = ui.text('content_notice_report');
    button.title = ui.text('content_notice_report_title');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(report());
        button.textContent = ui.text('content_notice_copied');
      } catch (error) {
        console.warn('Socialcare: could not copy the snapshot', error);
        button.textContent = ui.text('content_notice_copy_failed');
      }
    });
    host.shadowRoot.querySelector('div').append(button);
  }

  // --- Profile health ---------------------------------------------------------
  //
  // Per page and surface: how many containers were seen and how many read
  // (an item or an ad). A surface that read items on an earlier visit
  // (remembered in storage.local) and now sees containers but reads none
  // points at a site update: the notice gets a "Report" button that copies a
  // structure-only snapshot (docs/extension.md, "Profile health and the
  // structure snapshot").

  const SNAPSHOT_CONTAINERS = 3;
  const SNAPSHOT_LINES = 400;
  const SNAPSHOT_DEPTH = 16;
  /** Attributes whose values are HTML/ARIA vocabulary, shown as they are. */
  const VOCABULARY_ATTRS = new Set(['role', 'dir', 'type', 'contenteditable']);
  /** Surface name → {seen, read: WeakSets, counts, reasons, unread sample}. */
  const health = new Map();
  /** Surfaces that read items on an earlier visit. */
  let remembered = {};
  /** Attribute values and href words the profile itself names (safe to show). */
  let vocabulary = { values: new Map(), words: new Set() };

  /** Collects `[attr op "value"]` values and href words from every selector of the profile. */
  function profileVocabulary(profile) {
    const values = new Map();
    const words = new Set();
    const selectors = profile.surfaces.flatMap((s) => [...s.container, ...s.exclude_within, ...s.badge_after,
      ...Object.values(s.fields).flatMap((rule) => [...rule.selectors, rule.ancestor ?? '', rule.holder ?? ''])]);
    for (const selector of selectors) {
      for (const [, name, op, value] of selector.matchAll(/\[([\w-]+)\s*([\^$*~|]?)=\s*"([^"]*)"\]/g)) {
        if (name === 'href') {
          for (const word of value.split(/[^A-Za-z0-9_.]+/)) if (word) words.add(word);
        } else {
          if (!values.has(name)) values.set(name, []);
          values.get(name).push({ op, value });
        }
      }
    }
    return { values, words };
  }

  /** Counts one answered container for its surface (empty loading placeholders are no candidates). */
  function recordHealth(name, container, verdict) {
    if (verdict.status === 'pending' && !visibleText(container).trim()) return;
    if (!health.has(name)) health.set(name, { seen: new WeakSet(), read: new WeakSet(), seenCount: 0, readCount: 0, reasons: new Set(), unread: [] });
    const stats = health.get(name);
    if (!stats.seen.has(container)) {
      stats.seen.add(container);
      stats.seenCount++;
    }
    if (verdict.status === 'item' || verdict.status === 'ad') {
      if (!stats.read.has(container)) {
        stats.read.add(container);
        stats.readCount++;
      }
      if (!remembered[name]) {
        remembered[name] = true;
        api.storage.local.set({ [startup.healthKey]: remembered }).catch(() => {});
      }
    } else {
      if (verdict.reason) stats.reasons.add(verdict.reason);
      if (stats.unread.length < SNAPSHOT_CONTAINERS && !stats.unread.includes(container)) stats.unread.push(container);
    }
  }

  /** Shows the notice with "Report" when a surface that used to read items reads none here. */
  function checkHealth() {
    for (const [name, stats] of health) {
      if (remembered[name] && stats.seenCount > 0 && stats.readCount === 0) {
        showNotice(`${name}: ${stats.seenCount} containers, none readable`, snapshot);
        return;
      }
    }
  }

  /** The shape of a URL: profile words kept, digits → <n>, other path segments → <s>, query keys only. */
  function linkShape(raw) {
    let url;
    try {
      url = new URL(raw, location.href);
    } catch {
      return 'invalid';
    }
    const form = /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(raw) ? 'abs' : 'rel';
    if (!/^https?:$/.test(url.protocol)) return `${form}:${url.protocol}`;
    const host = url.hostname === location.hostname ? '' : '//<other-host>';
    const path = url.pathname.split('/').map((seg) => {
      if (!seg || vocabulary.words.has(seg)) return seg;
      return /^\d+$/.test(seg) ? '<n>' : '<s>';
    }).join('/');
    const keys = [...url.searchParams.keys()].map((k) => (/^[A-Za-z_][\w[\]]{0,30}$/.test(k) ? k : '<k>'));
    return `${form}:${host}${path}${keys.length ? `?${keys.join('&')}` : ''}${raw.includes('#') ? '#' : ''}`;
  }

  /** One element as `tag[attr][attr="vocabulary value"]…`, with no page text or names. */
  function describe(element) {
    let out = element.tagName.toLowerCase();
    for (const name of element.getAttributeNames().sort()) {
      const value = element.getAttribute(name);
      if (name === 'href') {
        out += `[href=${linkShape(value)}]`;
      } else if (VOCABULARY_ATTRS.has(name) && /^[a-z-]{1,20}$/.test(value)) {
        out += `[${name}="${value}"]`;
      } else if (name.startsWith('aria-') && /^-?\d{1,6}$/.test(value)) {
        out += `[${name}=<n>]`;
      } else {
        const known = (vocabulary.values.get(name) ?? []).find(({ op, value: v }) => (op === '^' ? value.startsWith(v) : value === v));
        out += known ? `[${name}${known.op}="${known.value}"]` : `[${name}]`;
      }
    }
    const hasText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue.trim());
    return hasText ? `${out} #text` : out;
  }

  /** An element's subtree as indented lines (ours, scripts and styles left out). */
  function outline(root, lines) {
    const walk = (element, depth) => {
      if (lines.length >= SNAPSHOT_LINES || depth > SNAPSHOT_DEPTH) return;
      lines.push('  '.repeat(depth) + describe(element));
      for (const child of element.children) {
        if (!isOurs(child) && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(child.tagName)) walk(child, depth + 1);
      }
    };
    walk(root, 0);
  }

  /** The structure-only snapshot the "Report" button copies. */
  function snapshot() {
    const lines = [
      'Socialcare structure snapshot 1',
      `extension: ${api.runtime.getManifest().version}`,
      `host: ${location.hostname}`,
      `route: ${linkShape(location.pathname + location.search)}`,
    ];
    for (const [name, stats] of health) {
      lines.push(`surface ${name}: seen ${stats.seenCount}, read ${stats.readCount}${stats.reasons.size ? `; ${[...stats.reasons].join('; ')}` : ''}`);
    }
    for (const [name, stats] of health) {
      const sample = stats.readCount === 0 ? stats.unread.filter((c) => c.isConnected) : [];
      sample.forEach((container, i) => {
        const ancestors = [];
        for (let up = container.parentElement; up && up !== document.documentElement; up = up.parentElement) ancestors.unshift(describe(up));
        lines.push(`--- ${name} container ${i + 1} of ${sample.length}`, `ancestors: ${ancestors.join(' > ')}`);
        outline(container, lines);
      });
    }
    return `${lines.join('\n')}\n`;
  }

  // --- Navigation -----------------------------------------------------------

  /** Re-evaluates every surface and container after an SPA route change. */
  function onLocationChange() {
    if (location.href === currentUrl) return;
    currentUrl = location.href;
    health.clear();
    activateSurfaces();
    sweep();
    for (const container of hosts.keys()) markDirty(container);
    scanAll();
    requestFlush();
  }

  /** Queues every container of every active surface on the page. */
  function scanAll() {
    if (activeContainerSel) for (const container of document.querySelectorAll(activeContainerSel)) markDirty(container);
  }

  /** Watches for SPA navigation: title changes, popstate, the Navigation API, and a slow poll. */
  function watchNavigation() {
    addEventListener('popstate', onLocationChange);
    globalThis.navigation?.addEventListener?.('currententrychange', () => setTimeout(onLocationChange));
    const titleObserver = new MutationObserver(onLocationChange);
    titleObserver.observe(document.head ?? document.documentElement, { childList: true, subtree: true, characterData: true });
    // Fallback for routes that change neither title nor history events we can see.
    setInterval(onLocationChange, 1000);
  }

  // --- Keyboard shortcut ----------------------------------------------------

  /** Answers the service worker's "which item is focused?" (the commands shortcut). */
  function focusedRaw() {
    const active = document.activeElement;
    let container = null;
    if (active && isOurs(active)) container = containerOfHost.get(active) ?? null;
    if (!container && active) container = surfaces.filter((s) => s.active).map((s) => active.closest(s.containerSel)).find(Boolean) ?? null;
    // Otherwise the first badged item fully on screen.
    if (!container) {
      container = [...hosts.keys()].find((c) => {
        const box = c.getBoundingClientRect();
        return c.isConnected && box.top >= 0 && box.bottom <= innerHeight;
      }) ?? null;
    }
    const surface = container && surfaceOf(container);
    return surface ? { url: location.href, raw: readRaw(container, surface) } : null;
  }

  /** The item the agent last right-clicked (for the "Create ticket" context menu). */
  let contextContainer = null;
  addEventListener('contextmenu', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    contextContainer = target && surfaces.filter((s) => s.active).map((s) => target.closest(s.containerSel)).find(Boolean);
  }, true);

  api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === 'focused-item') {
      const container = contextContainer?.isConnected ? contextContainer : null;
      contextContainer = null;
      const surface = container && surfaceOf(container);
      sendResponse(surface ? { url: location.href, raw: readRaw(container, surface) } : focusedRaw());
    } else if (message?.type === 'overlays') {
      applyOverlays(message.overlays ?? {});
    }
  });

  // --- Presence: replying --------------------------------------------------

  /** Whether an element is a text box the agent types a reply into. */
  function isComposer(element) {
    return element instanceof HTMLElement && !isOurs(element) && (element.isContentEditable || element.tagName === 'TEXTAREA');
  }

  // Focusing a composer publishes `replying` on the item it sits in (or, when
  // it sits in none, on the item the side panel shows); leaving it stops.
  addEventListener('focusin', (event) => {
    if (!isComposer(event.target)) return;
    const container = surfaces.filter((s) => s.active).map((s) => event.target.closest(s.containerSel)).find(Boolean);
    const surface = container && surfaceOf(container);
    ask({ type: 'replying', active: true, url: location.href, raw: surface ? readRaw(container, surface) : null });
  }, true);
  addEventListener('focusout', (event) => {
    if (isComposer(event.target)) ask({ type: 'replying', active: false });
  }, true);

  // --- Start ----------------------------------------------------------------

  async function start() {
    // Both were asked for at document_start (content/early.js): usually answered by now.
    const [profile, stored] = await Promise.all([startup.profile, startup.remembered]);
    if (!profile) return;
    vocabulary = profileVocabulary(profile);
    remembered = stored;
    surfaces = profile.surfaces.map((surface) => {
      const rules = Object.entries(surface.fields);
      return {
        ...surface,
        routeRes: surface.routes.map((r) => new RegExp(r)),
        skipRes: surface.skip_routes.map((r) => new RegExp(r)),
        containerSel: surface.container.join(', '),
        excludeSel: surface.exclude_within.join(', '),
        rules,
        badgeRules: rules.filter(([, rule]) => !rule.on_demand),
      };
    });
    activateSurfaces();
    // The reply boxes (content/composer.js, loaded before this script).
    globalThis.__socialcareComposer?.start({ profile, ask, read: (container) => {
      const surface = surfaceOf(container);
      return surface ? readRaw(container, surface) : null;
    } });
    // Narrow observation: structure, text and the attributes that carry ids.
    observer = new MutationObserver(onMutations);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'datetime', 'data-testid', 'aria-label', 'id'],
    });
    watchNavigation();
    // The page as loaded is read at once: no mutations to wait for.
    scanAll();
    requestFlush();
  }

  start();
})();
