// The lead's console as the worker serves it: one runtime port named
// 'console' per open console page (contract: extension/views/src/console.rs).
//
// On connect and after every change the page gets a view model (who is
// signed in, with the role the store states now in /v1/me; the synced
// guidelines, templates and settings; the sync state with the store's
// refusals). The page asks for the console's store endpoints by name, never
// by URL, and gets the store's JSON untouched or its error; lead actions go
// through the replica and the outbox like every other mutation, and the
// store decides whether the role may make them.

import { StoreError, call } from './store.js';
import { PageService } from './page-service.js';

const api = globalThis.browser ?? globalThis.chrome;

/** The store call for each console endpoint (views::console::StoreCall). */
function request(call) {
  const query = (params) => new URLSearchParams(params).toString();
  switch (call?.endpoint) {
    case 'team_report':
      return ['GET', `/v1/reports/team?${query({ from: call.from, to: call.to, tz: call.tz })}`];
    case 'ideas':
      return ['GET', `/v1/reports/ideas?${query({ from: call.from, to: call.to })}`];
    case 'members':
      return ['GET', '/v1/members'];
    case 'guideline_revisions':
      return ['GET', `/v1/guidelines/revisions?${query({ id: call.id })}`];
    case 'tokens':
      return ['GET', '/v1/tokens'];
    case 'issue_token':
      return ['POST', '/v1/tokens', { name: call.name, initials: call.initials, role: call.role }];
    case 'revoke_token':
      return ['DELETE', `/v1/tokens/${encodeURIComponent(call.id)}`];
    default:
      return null;
  }
}

/** The open console pages. */
export class LeadConsole extends PageService {
  /** Inert until the first port connects. */
  constructor(sync, ready) {
    super();
    this.sync = sync;
    this.ready = ready;
    /** The role the store stated in the last /v1/me, by token. */
    this.storeRole = null;
  }

  /** Serves one console page's port. */
  connect(port) {
    if (!this.admit(port)) return;
    port.onDisconnect.addListener(() => this.ports.delete(port));
    port.onMessage.addListener((intent) => {
      this.ready.then(() => this.handle(port, intent)).catch((error) => console.error('Socialcare: console intent failed', error));
    });
    this.ready.then(async () => {
      this.send(port, { type: 'view', view: this.view() });
      await this.checkRole();
    });
  }

  /** Asks the store who the token is now; a changed role refreshes the pages. */
  async checkRole() {
    const session = this.sync.session;
    if (!session) return;
    try {
      const me = await call(session.store_url, session.token, 'GET', '/v1/me');
      const known = this.storeRole;
      this.storeRole = { token: session.token, role: me.role };
      if (known?.role !== me.role) this.refresh();
    } catch (error) {
      console.debug('Socialcare: /v1/me not answered', error);
    }
  }

  /** The view model (views::console::ConsoleView). */
  view() {
    const session = this.sync.session;
    const replica = this.sync.replica;
    const documents = replica?.documents() ?? { guidelines: [], templates: [], settings: null };
    const role = this.storeRole?.token === session?.token ? this.storeRole.role : session?.role;
    return {
      session: session && {
        store_url: session.store_url,
        agent: session.agent,
        role,
        token_hint: session.token.slice(-4),
      },
      sync: this.sync.syncView(),
      guidelines: documents.guidelines,
      templates: documents.templates,
      ...(documents.settings ? { settings: documents.settings } : {}),
    };
  }

  /** Carries out one intent from a console page. */
  async handle(port, intent) {
    switch (intent?.type) {
      case 'call':
        this.send(port, { type: 'answer', request: intent.request, answer: await this.answer(intent.call) });
        break;
      case 'act': {
        const replica = this.sync.replica;
        const outcome = replica
          ? await this.sync.act(replica.lead_act(JSON.stringify(intent.op), Date.now()))
          : { ok: false, code: 'signed_out' };
        // views::RefusedAction: the reason as data when the replica gave one,
        // which the console words; else a code it words, or the message.
        const refusal = outcome.ok ? null : {
          action: outcome.action ?? intent.op?.name ?? '',
          item: null,
          code: outcome.code ?? 'refused',
          message: String(outcome.message ?? ''),
          refusal: outcome.refusal ?? null,
          assignee: outcome.assignee ?? null,
        };
        this.send(port, { type: 'acted', request: intent.request, refusal });
        break;
      }
      case 'dismiss_rejection':
        await this.sync.dismissRejection(intent.mutation_id);
        break;
      case 'open_options':
        await api.runtime.openOptionsPage();
        break;
      default:
        console.debug('Socialcare: unknown console intent', intent);
    }
  }

  /** Calls one console endpoint (views::console::StoreAnswer). */
  async answer(storeCall) {
    const session = this.sync.session;
    if (!session) return { outcome: 'failed', status: 0, code: 'signed_out' };
    const planned = request(storeCall);
    if (!planned) return { outcome: 'failed', status: 0, code: 'unknown_endpoint' };
    const [method, path, body] = planned;
    try {
      return { outcome: 'ok', body: await call(session.store_url, session.token, method, path, body) };
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      // The store's code; for nothing usable back, why (`network`, `bad_response`).
      const code = error.code || (error.kind === 'http' ? '' : error.kind);
      return { outcome: 'failed', status: error.status, code, message: error.message };
    }
  }
}
