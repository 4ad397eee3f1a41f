// The naive reference for `make bench-extension` (tests/e2e/bench-overlay.mjs):
// a plain element on each post, for posts on the page at start and posts
// added later (a MutationObserver). Same container selector as Socialcare's
// X profile; no profile, no service worker, no analysis.
(() => {
  'use strict';
  const POST = 'article[data-testid="tweet"]';
  const marked = new WeakSet();

  /** Puts one plain badge on a post the first time it is seen. */
  function mark(post) {
    if (marked.has(post)) return;
    marked.add(post);
    const badge = document.createElement('naive-badge');
    badge.textContent = '•';
    post.append(badge);
  }

  /** Marks the posts in (and around) an added node. */
  function markIn(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const around = node.closest(POST);
    if (around) mark(around);
    for (const post of node.querySelectorAll(POST)) mark(post);
  }

  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) markIn(node);
  }).observe(document.body, { childList: true, subtree: true });
  for (const post of document.querySelectorAll(POST)) mark(post);
})();
