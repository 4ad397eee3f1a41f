// Echoes each request's tokens over the MessagePort the content script hands over.
addEventListener('message', (event) => {
  const [port] = event.ports;
  if (!port) return;
  port.onmessage = ({ data: { id, items } }) => port.postMessage({ id, verdicts: items.map(({ token }) => ({ token })) });
});
