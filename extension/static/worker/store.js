// The store over HTTP and its live WebSocket. Only the service worker uses
// this module: it is the one part of the extension that talks to the store.

/** Why a call to the store failed. */
export class StoreError extends Error {
  /**
   * @param {'network'|'http'|'bad_response'} kind network: nothing usable came back
   *   (store down, offline, or the browser blocked the answer); http: the store answered
   *   with an error status; bad_response: the answer was not the store's JSON.
   */
  constructor(kind, message, { status = 0, code = '' } = {}) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

/** The store's base URL without a trailing slash, or null when it is not http(s). */
export function normaliseStoreUrl(text) {
  let url;
  try {
    url = new URL(String(text).trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** The optional host permission pattern for a store URL (`https://host:port/*`). */
export function originPattern(storeUrl) {
  const url = new URL(storeUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Calls the store: `method path` with a JSON body, answering the parsed JSON. */
export async function call(storeUrl, token, method, path, body) {
  const text = await callText(storeUrl, token, method, path, body === undefined ? undefined : JSON.stringify(body));
  return JSON.parse(text);
}

/**
 * Calls the store with a JSON text body and answers the JSON text of its
 * answer, untouched: sync messages carry 64-bit clocks that JavaScript
 * numbers would round, so only the wasm client parses them.
 */
export async function callText(storeUrl, token, method, path, body) {
  let response;
  try {
    response = await fetch(storeUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    throw new StoreError('network', `the store could not be reached (${error.message})`);
  }
  const text = await response.text().catch(() => '');
  // 204 No Content (a revoked token): nothing to read, and nothing wrong.
  if (response.status === 204) return '{}';
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: handled below.
  }
  if (!response.ok) {
    const detail = json?.error;
    throw new StoreError('http', detail?.message ?? `the store answered HTTP ${response.status}`, {
      status: response.status,
      code: detail?.code ?? '',
    });
  }
  if (json === null || typeof json !== 'object') {
    throw new StoreError('bad_response', 'the address answered, but not as a Socialcare store');
  }
  return text;
}

/**
 * Whether anything answers at the store's address at all, read without CORS
 * (an opaque answer): tells "blocked by the browser" from "nobody there".
 */
export async function answers(storeUrl) {
  try {
    await fetch(storeUrl + '/healthz', { mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the live channel: trades the token for a single-use ticket, then
 * connects the WebSocket. Resolves to the open socket.
 */
export async function openLive(storeUrl, token) {
  const { ticket } = await call(storeUrl, token, 'POST', '/v1/live/ticket', {});
  const url = new URL(storeUrl + '/v1/live');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('ticket', ticket);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new StoreError('network', 'the live channel did not open')), { once: true });
  });
  return socket;
}
