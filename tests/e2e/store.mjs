// A real `socialcare-store` process for the end-to-end tests: spawned on a
// real SQLite file, teams and tokens made with its own command line, and
// its HTTP API called as any client would.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** The store binary `make test-e2e` builds (debug). */
export const STORE_BIN = process.env.SOCIALCARE_STORE_BIN ?? path.join(ROOT, 'target/debug/socialcare-store');

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A store database in a fresh temporary directory, with a team and tokens. */
export class StoreDb {
  static async create() {
    const dir = await mkdtemp(path.join(tmpdir(), 'socialcare-store-e2e-'));
    return new StoreDb(dir);
  }

  constructor(dir) {
    this.dir = dir;
    this.file = path.join(dir, 'store.db');
  }

  /** Runs a store subcommand on this database; answers its stdout. */
  cli(...args) {
    return execFileSync(STORE_BIN, [...args, '--db', this.file], { encoding: 'utf8', env: { ...process.env, SOCIALCARE_LOG: 'warn' } });
  }

  /** Creates a team; answers its first admin token. */
  createTeam(name) {
    return this.cli('team', 'create', name).trim().split('\n').pop();
  }

  /** Issues a member's token; answers it. */
  issueToken(team, name, initials, role = 'agent') {
    return this.cli('token', 'issue', '--team', team, '--name', name, '--initials', initials, '--role', role).trim().split('\n').pop();
  }

  async remove() {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A running `socialcare-store serve` on `port`; `stop()` kills it (SIGKILL: no goodbye). */
export async function startStore(db, { port, allowOrigins = [] } = {}) {
  port ??= await freePort();
  const args = ['serve', '--db', db.file, '--listen', `127.0.0.1:${port}`];
  for (const origin of allowOrigins) args.push('--allow-origin', origin);
  const child = spawn(STORE_BIN, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SOCIALCARE_LOG: 'warn' } });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/(\S+)/);
      if (match) resolve(`http://${match[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`the store exited (${code}) before listening: ${out}`)));
  });
  child.stdout.resume();
  return {
    url,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Calls the store's HTTP API with a token; answers the parsed JSON (throws on an error status). */
export async function api(url, token, method, route, body) {
  const response = await fetch(url + route, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Every record of the team as the store holds it: `{kind: {id: body}}`. */
export async function snapshot(url, token) {
  const records = {};
  let cookie = null;
  for (;;) {
    const page = await api(url, token, 'POST', '/v1/pull', { client_id: 'e2e-reader', cookie });
    for (const change of page.changes) (records[change.kind] ??= {})[change.id] = change.body ?? change;
    cookie = page.cookie;
    if (!page.more) return records;
  }
}

/** The audit log, oldest first (a lead's or admin's token). */
export async function audit(url, token) {
  const entries = [];
  let after = 0;
  for (;;) {
    const page = await api(url, token, 'GET', `/v1/audit?after=${after}&limit=500`);
    const rows = page.entries ?? page.audit ?? page;
    entries.push(...rows);
    if (rows.length < 500) return entries;
    after = rows[rows.length - 1].version;
  }
}
