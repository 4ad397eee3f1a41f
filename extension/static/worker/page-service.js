// What the worker's services of the extension's own pages share (the side
// panel and options page in pages.js, the console in console.js): the open
// ports, the check that a port comes from one of those pages, and a view
// model sent to one port or to every open one.

const api = globalThis.browser ?? globalThis.chrome;

/** A service of the extension's pages; subclasses give `view()`. */
export class PageService {
  /** No port open yet. */
  constructor() {
    this.ports = new Set();
  }

  /**
   * Keeps a port that comes from one of the extension's own pages (never a
   * content script on a site) and answers true; closes any other and answers false.
   */
  admit(port) {
    if (port.sender?.id !== api.runtime.id || !port.sender?.url?.startsWith(api.runtime.getURL(''))) {
      port.disconnect();
      return false;
    }
    this.ports.add(port);
    return true;
  }

  /** Sends to one port; a closed port is forgotten. */
  send(port, message) {
    try {
      port.postMessage(message);
    } catch {
      this.ports.delete(port);
    }
  }

  /** Sends the current view to every open page. */
  refresh() {
    if (this.ports.size === 0) return;
    const view = this.view();
    for (const port of this.ports) this.send(port, { type: 'view', view });
  }
}
