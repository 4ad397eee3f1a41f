// Per-stage timestamps of keystroke → indicator updated, for `make bench-composer`.
// Probes are put into the three places the path runs through, from outside the
// extension's code (nothing in the extension records them):
//   - the page (its own world): the key event's time stamp and its handler,
//     the editor's DOM change, our host's `data-socialcare-tone` written;
//   - the content script's world (reached over the DevTools protocol): the
//     draft posted on the `tone` port, the verdict received;
//   - the service worker: the request received, the verdict computed (its
//     check), the answer posted; and the badge batches on the `engine` port,
//     to see whether the worker was busy with one when a keystroke arrived.
// The page and the content script share one clock; the worker's is another
// process's, so the two message legs are given apart on `timeOrigin`-aligned
// clocks and, clock-free, as their sum (the content script's round trip less
// the worker's own time).

/** Installs the worker's probes (before the page opens, so its ports are seen connecting). */
export function probeWorker(worker) {
  return worker.evaluate(() => {
    const at = () => performance.timeOrigin + performance.now();
    const log = (globalThis.benchStages = { ports: [], verdicts: [], checks: [], refreshes: [] });
    chrome.runtime.onConnect.addListener((port) => {
      if (port.name !== 'tone' && port.name !== 'engine') return;
      port.onMessage.addListener((request) => log.ports.push({ port: port.name, id: request.id, received: at() }));
      const post = port.postMessage.bind(port);
      port.postMessage = (answer) => {
        const posting = at();
        post(answer);
        log.ports.push({ port: port.name, id: answer.id, posting, posted: at() });
      };
    });
    const tone = globalThis.socialcare.tone;
    const verdict = tone.verdict;
    tone.verdict = async function timed(...args) {
      const entry = { start: at() };
      try {
        return await verdict.apply(this, args);
      } finally {
        entry.end = at();
        log.verdicts.push(entry);
      }
    };
    // The side panel's views sent again (after a verdict changed the composer's view, when a panel is open).
    const pages = globalThis.socialcare.pages;
    const refresh = pages.refresh;
    pages.refresh = function timed(...args) {
      const start = at();
      try {
        return refresh.apply(this, args);
      } finally {
        log.refreshes.push({ start, end: at() });
      }
    };
    const check = tone.check;
    const checkOnce = check.check;
    check.check = function timed(...args) {
      const start = at();
      const answer = checkOnce.apply(this, args);
      log.checks.push({ start, end: at() });
      return answer;
    };
  });
}

/** The worker's log: {ports, verdicts, checks}. */
export function workerLog(worker) {
  return worker.evaluate(() => globalThis.benchStages);
}

/**
 * Installs the content script's probes in its isolated world, found over the
 * DevTools protocol: `runtime.connect` hands the guard a `tone` port whose
 * posts and answers are stamped. Call before the composer is entered (the
 * guard opens its port then). Answers {timeOrigin, log()}.
 */
export async function probeContentScript(page, extensionId) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = contexts.find((c) => c.auxData?.frameId === frameTree.frame.id && c.auxData?.type === 'isolated'
    && c.origin === `chrome-extension://${extensionId}`)
    ?? contexts.find((c) => c.auxData?.frameId === frameTree.frame.id && c.auxData?.type === 'isolated');
  if (!world) throw new Error(`no content-script world among ${JSON.stringify(contexts.map((c) => [c.name, c.origin, c.auxData]))}`);
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`content-script probe: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  await evaluate(`(() => {
    const log = (globalThis.benchTone = []);
    const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
    const connect = runtime.connect.bind(runtime);
    const probed = (...args) => {
      const port = connect(...args);
      if (port.name !== 'tone') return port;
      return {
        name: port.name,
        onDisconnect: port.onDisconnect,
        disconnect: () => port.disconnect(),
        postMessage(request) {
          const posting = performance.now();
          port.postMessage(request);
          log.push({ id: request.id, posting, posted: performance.now() });
        },
        onMessage: {
          addListener(listener) {
            port.onMessage.addListener((answer) => {
              log.push({ id: answer.id, received: performance.now() });
              listener(answer);
            });
          },
        },
      };
    };
    Object.defineProperty(runtime, 'connect', { value: probed, configurable: true, writable: true });
  })()`);
  return {
    timeOrigin: await evaluate('performance.timeOrigin'),
    log: () => evaluate('globalThis.benchTone'),
    roundTrips: (n, draft) => evaluate(`(${roundTrips})(${n}, ${JSON.stringify(draft)})`),
  };
}

/**
 * Runs in the content script's world, the page idle (no typing): `n` tone
 * requests one after another on a port of their own, then `n` as one-time
 * messages, `draft` with and without a K in turn (each one checked, as
 * typing is); answers the round trips in ms {port, oneShot}.
 */
async function roundTrips(n, draft) {
  const request = (i) => ({ draft: i % 2 ? draft : `${draft}K`, platform: 'x', place: 'post_reply' });
  const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
  const port = runtime.connect({ name: 'tone' });
  const waiting = new Map();
  port.onMessage.addListener(({ id }) => waiting.get(id)?.());
  const samples = { port: [], oneShot: [] };
  for (let id = 1; id <= n; id++) {
    const start = performance.now();
    await new Promise((resolve) => {
      waiting.set(id, resolve);
      port.postMessage({ id, ...request(id) });
    });
    samples.port.push(performance.now() - start);
  }
  port.disconnect();
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await runtime.sendMessage({ type: 'tone', ...request(i) });
    samples.oneShot.push(performance.now() - start);
  }
  return samples;
}

/**
 * Installs the page's probes: the key event's time stamp and handler, and
 * the editor's DOM change (its observer is made before the guard's, so it
 * sees the change first). Call before the composer is entered.
 */
export function probePage(page, editor) {
  return page.evaluate((editor) => {
    const bench = { key: null, samples: [], waiting: null };
    window.__bench = bench;
    addEventListener('keydown', (event) => {
      const key = { stamp: event.timeStamp, down: performance.now() };
      bench.key = key;
      // The frame that shows the editor's change: its start (animation frame callbacks) and end (the first task after its rendering).
      requestAnimationFrame(() => {
        key.frame = performance.now();
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => { key.frameEnd = performance.now(); };
        port2.postMessage(null);
      });
    }, true);
    new MutationObserver(() => { if (bench.key && !bench.key.edited) bench.key.edited = performance.now(); })
      .observe(document.querySelector(editor), { childList: true, subtree: true, characterData: true });
    bench.watchIndicator = () => new MutationObserver(() => {
      if (!bench.key?.edited) return;
      bench.samples.push(Object.assign(bench.key, { written: performance.now() }));
      bench.key = null;
      bench.waiting?.();
    }).observe(document.querySelector('socialcare-tone'), { attributes: true, attributeFilter: ['data-socialcare-tone'] });
    return performance.timeOrigin;
  }, editor);
}

/** Starts counting keystrokes once the indicator exists (a keystroke's sample: our host's data-socialcare-tone written). */
export function watchIndicator(page) {
  return page.evaluate(() => window.__bench.watchIndicator());
}

/**
 * Joins the three logs into one record per keystroke, in milliseconds from
 * its key event: the page's samples, the content script's tone log (same
 * clock) and the worker's (aligned on timeOrigin). A keystroke's check is the
 * one posted between its editor change and its indicator update.
 */
export function joinStages(samples, tone, pageOrigin, worker) {
  const posts = tone.filter((e) => e.posted !== undefined);
  const receipts = new Map(tone.filter((e) => e.received !== undefined).map((e) => [e.id, e.received]));
  const toPage = (t) => t - pageOrigin;
  const lastOf = (list, id, field) => list.findLast((e) => e.id === id && e[field] !== undefined)?.[field];
  const toneLog = worker.ports.filter((e) => e.port === 'tone');
  const engine = worker.ports.filter((e) => e.port === 'engine');
  return samples.map((s) => {
    const post = posts.find((p) => p.posted >= s.edited && p.posted <= s.written);
    if (!post) return null;
    const wReceived = toPage(lastOf(toneLog, post.id, 'received'));
    const wPosting = toPage(lastOf(toneLog, post.id, 'posting'));
    const wPosted = toPage(lastOf(toneLog, post.id, 'posted'));
    const verdict = worker.verdicts.map((v) => ({ start: toPage(v.start), end: toPage(v.end) }))
      .find((v) => v.start >= wReceived && v.end <= wPosting);
    const check = worker.checks.map((c) => ({ start: toPage(c.start), end: toPage(c.end) }))
      .find((c) => c.start >= wReceived && c.end <= wPosting);
    const received = receipts.get(post.id);
    // A badge batch the worker was handling (received, not yet answered) when the draft arrived, or took in before answering it.
    const busy = engine.some((e) => e.received !== undefined && toPage(e.received) <= wPosting
      && (lastOf(engine, e.id, 'posted') === undefined || toPage(lastOf(engine, e.id, 'posted')) >= wReceived));
    // The side panel's views being sent again while the draft was on its way to the worker (it waited for them).
    const refreshing = worker.refreshes.some((r) => toPage(r.end) >= post.posted && toPage(r.start) <= wReceived);
    return {
      total: s.written - s.stamp,
      dispatch: s.down - s.stamp,
      editor: s.edited - s.down,
      read: post.posting - s.edited,
      post: post.posted - post.posting,
      toWorker: wReceived - post.posted,
      verdict: verdict ? verdict.end - verdict.start : NaN,
      check: check ? check.end - check.start : NaN,
      inWorker: wPosted - wReceived,
      fromWorker: received - wPosted,
      legs: (received - post.posted) - (wPosted - wReceived),
      paint: s.written - received,
      ours: s.written - s.edited,
      workerPost: wPosted - wPosting,
      frame: s.frameEnd - s.frame,
      busy,
      refreshing,
      // The page was rendering the keystroke's frame when the answer came back (it arrived during it or was held behind it).
      behindFrame: s.frame !== undefined && s.frameEnd !== undefined && s.frame <= received && wPosted <= s.frameEnd && received >= s.frameEnd - 0.1,
    };
  }).filter(Boolean);
}

/** The stages as printed, in path order: [field, name]. */
export const STAGES = [
  ['dispatch', 'the key event\'s dispatch to the page (browser)'],
  ['editor', 'the site\'s editor: key handler → its DOM change'],
  ['read', 'content script: editor changed → draft read, posting'],
  ['post', 'content script: port.postMessage (serialising)'],
  ['toWorker', 'leg to the worker (timeOrigin-aligned clocks)'],
  ['inWorker', 'worker: request received → answer posted'],
  ['workerPost', '  of which port.postMessage (serialising)'],
  ['verdict', '  of which the verdict (context, check, JSON.parse)'],
  ['check', '  of which the check in wasm'],
  ['fromWorker', 'leg back to the page (timeOrigin-aligned clocks)'],
  ['legs', 'both legs (clock-free: round trip less the worker)'],
  ['paint', 'content script: verdict received → attribute written'],
  ['ours', 'ours: editor changed → attribute written'],
  ['total', 'key event → data-socialcare-tone written'],
  ['frame', 'the page\'s frame after the key: rAF → its next task'],
];

/**
 * A direct channel for comparison: a MessagePort between the page and a
 * cross-site frame (another renderer process, as the worker is, with no
 * browser-process hop per message, which the extension's ports take both
 * ways) that echoes what it gets. Answers {idle(n), follow(), echoes()}:
 * `idle` times n round trips of a 280-character message in a row; `follow`
 * then echoes every change of the editor `editor` as it happens, as the
 * guard posts its drafts, and `echoes` answers those round trips (ms).
 */
export async function echoChannel(page, editor) {
  await page.route('https://echo.example/**', (route) => route.fulfill({
    status: 200,
    contentType: 'text/html',
    body: '<!doctype html><script>onmessage = (e) => { const port = e.ports[0]; port.onmessage = (m) => port.postMessage(m.data); };</script>',
  }));
  await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.src = 'https://echo.example/echo.html';
    const loaded = new Promise((resolve) => { frame.onload = resolve; });
    document.body.append(frame);
    await loaded;
    const { port1, port2 } = new MessageChannel();
    frame.contentWindow.postMessage('port', '*', [port2]);
    window.__echo = { port: port1, followed: [] };
  });
  return {
    idle: (n) => page.evaluate(async (n) => {
      const { port } = window.__echo;
      const samples = [];
      for (let id = 0; id < n; id++) {
        const start = performance.now();
        await new Promise((resolve) => {
          port.onmessage = resolve;
          port.postMessage({ id, draft: 'x'.repeat(280), platform: 'x', place: 'post_reply' });
        });
        samples.push(performance.now() - start);
      }
      return samples;
    }, n),
    follow: () => page.evaluate((editor) => {
      const echo = window.__echo;
      echo.port.onmessage = ({ data }) => echo.followed.push(performance.now() - data.sent);
      const element = document.querySelector(editor);
      new MutationObserver(() => echo.port.postMessage({ sent: performance.now(), draft: element.textContent, platform: 'x', place: 'post_reply' }))
        .observe(element, { childList: true, subtree: true, characterData: true });
    }, editor),
    echoes: () => page.evaluate(() => window.__echo.followed),
  };
}
