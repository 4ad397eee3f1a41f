// Checks the extension's messages and writes each locale's merged
// `_locales/<locale>/messages.json` into the built extension:
//
//   node extension/locales/build.mjs extension/dist
//
// Exits non-zero, listing what is wrong, when a locale lacks a message,
// a plural form its language needs, or a placeholder English declares.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogs } from './catalog.mjs';

const [dist] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node extension/locales/build.mjs DIST_DIR');
  process.exit(2);
}
const { catalogs, problems } = loadCatalogs();
if (problems.length) {
  console.error(`extension/locales: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
rmSync(join(dist, '_locales'), { recursive: true, force: true });
for (const [locale, messages] of Object.entries(catalogs)) {
  mkdirSync(join(dist, '_locales', locale), { recursive: true });
  writeFileSync(join(dist, '_locales', locale, 'messages.json'), `${JSON.stringify(messages, null, 1)}\n`);
}
console.log(`extension/dist/_locales: ${Object.keys(catalogs).join(', ')} (${Object.keys(catalogs.en).length} messages each)`);
