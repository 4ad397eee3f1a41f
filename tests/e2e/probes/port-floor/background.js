// Echoes each request's tokens: the engine's round trip with no analysis.
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener(({ id, items }) => port.postMessage({ id, verdicts: items.map(({ token }) => ({ token })) }));
});
