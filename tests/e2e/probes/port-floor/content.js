// The naive reference plus one port round trip per batch: the floor of a
// design that sends each post to a service worker and paints on its answer.
(() => {
  'use strict';
  const POST = 'article[data-testid="tweet"]';
  const marked = new WeakSet();
  const byToken = new Map();
  let next = 1;
  const port = chrome.runtime.connect({ name: 'engine' });
  port.onMessage.addListener(({ verdicts }) => {
    for (const { token } of verdicts) {
      const post = byToken.get(token);
      byToken.delete(token);
      const badge = document.createElement('socialcare-badge');
      badge.textContent = '•';
      post.append(badge);
    }
  });
  function collect(post, items) {
    if (marked.has(post)) return;
    marked.add(post);
    const token = next++;
    byToken.set(token, post);
    items.push({ token });
  }
  function send(items) {
    if (items.length) port.postMessage({ id: next, items });
  }
  new MutationObserver((records) => {
    const items = [];
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE || node.nodeName === 'SOCIALCARE-BADGE') continue;
      const around = node.closest(POST);
      if (around) collect(around, items);
      for (const post of node.querySelectorAll(POST)) collect(post, items);
    }
    send(items);
  }).observe(document.body, { childList: true, subtree: true });
  const items = [];
  for (const post of document.querySelectorAll(POST)) collect(post, items);
  send(items);
})();
