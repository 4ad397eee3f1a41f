// The worker's persistent state in IndexedDB (the `idb` package from npm,
// bundled into the worker's one script by `make extension`).
//
// The service worker can be killed at any moment; on every wake it rebuilds
// its state from here. Object stores (docs/extension.md § Persistence):
//   meta        'client' → the sync client's meta (client id, cookie, last mutation id, clock)
//               'session' → {store_url, token, agent, role}   (never sent to content scripts)
//               'recent' → the side panel's recent items
//   records     '<kind>/<id>' → the confirmed copy of one team record
//   outbox      mutation id → one pending mutation
//   rejections  mutation id → one rejected mutation not yet dismissed
// Every change the sync client makes arrives as one delta, written in one
// transaction, so a kill between two writes never leaves half a change.

import { openDB, deleteDB } from 'idb';

const NAME = 'socialcare';
const VERSION = 1;
const STORES = ['meta', 'records', 'outbox', 'rejections'];

let opened = null;

/** The database, opened once per wake. */
export function database() {
  opened ??= openDB(NAME, VERSION, {
    upgrade(db) {
      for (const store of STORES) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
    },
  });
  return opened;
}

/** One value of the meta store. */
export async function readMeta(key) {
  return (await database()).get('meta', key);
}

/** Writes (or, with `undefined`, deletes) one value of the meta store. */
export async function writeMeta(key, value) {
  const db = await database();
  if (value === undefined) await db.delete('meta', key);
  else await db.put('meta', value, key);
}

/** Everything the sync client needs to restore itself. */
export async function loadReplica() {
  const db = await database();
  const tx = db.transaction(['meta', 'records', 'outbox', 'rejections']);
  const [meta, records, outbox, rejections] = await Promise.all([
    tx.objectStore('meta').get('client'),
    tx.objectStore('records').getAll(),
    tx.objectStore('outbox').getAll(),
    tx.objectStore('rejections').getAll(),
  ]);
  await tx.done;
  return meta ? { meta, records, outbox, rejections } : null;
}

/**
 * Applies one delta from the sync client in a single transaction:
 * `{put: {records: [[key, value]], outbox: [[id, value]], rejections: [[id, value]]},
 *   delete: {records: [key], outbox: [id], rejections: [id]}, meta}`.
 */
export async function applyDelta(delta) {
  if (!delta) return;
  const db = await database();
  const tx = db.transaction(STORES, 'readwrite');
  for (const store of ['records', 'outbox', 'rejections']) {
    const target = tx.objectStore(store);
    for (const key of delta.delete?.[store] ?? []) target.delete(key);
    for (const [key, value] of delta.put?.[store] ?? []) target.put(value, key);
  }
  if (delta.meta) tx.objectStore('meta').put(delta.meta, 'client');
  await tx.done;
}

/** Drops every local record, the outbox and the session (sign-out). */
export async function clearAll() {
  const db = await database();
  db.close();
  opened = null;
  await deleteDB(NAME);
}
