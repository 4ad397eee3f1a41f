// Bundles the composer fixtures' real editors (draft-js, lexical, a React
// textarea) from node_modules with esbuild into each fixture directory's
// editor.js, which the harness serves at the site's URL under its strict CSP
// (no CDN, no eval). Run by the composer tests and benchmark before launching.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures');

/** Editor kind → the fixture directory (per site) that serves it. */
export const EDITOR_FIXTURES = {
  draftjs: { source: 'draftjs.mjs', dir: 'composer-x', host: 'x.com', url: 'https://x.com/alice_dev/status/1800000000000000001' },
  lexical: { source: 'lexical.mjs', dir: 'composer-facebook', host: 'www.facebook.com', url: 'https://www.facebook.com/acme/posts/1' },
  textarea: { source: 'textarea.mjs', dir: 'composer-instagram', host: 'www.instagram.com', url: 'https://www.instagram.com/p/COMPOSER1/' },
};

/**
 * Direct-message threads → the fixture that serves each at its site's DM
 * route: the real Lexical editor with the send control after it (the
 * Messenger thread is the Facebook fixture at a `/messages/t/` URL; the
 * Instagram Direct thread has its own page, served over the Instagram host's
 * usual fixture by `open(…, {fixtures})`).
 */
export const DM_FIXTURES = {
  messenger: { source: 'lexical.mjs', dir: 'composer-facebook', host: 'www.facebook.com', url: 'https://www.facebook.com/messages/t/100000000000001' },
  instagram: { source: 'lexical.mjs', dir: 'composer-instagram-dm', host: 'www.instagram.com', url: 'https://www.instagram.com/direct/t/340282366841710300949128100000000001/' },
};

/** Builds every fixture's editor.js; answers the harness's `fixtures` map (host → directory) for EDITOR_FIXTURES. */
export async function buildEditorFixtures() {
  const dirs = new Map([...Object.values(EDITOR_FIXTURES), ...Object.values(DM_FIXTURES)].map((fixture) => [fixture.dir, fixture]));
  await Promise.all([...dirs.values()].map(({ source, dir }) => build({
    entryPoints: [path.join(here, source)],
    outfile: path.join(FIXTURES, dir, 'editor.js'),
    bundle: true,
    format: 'iife',
    minify: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  })));
  return Object.fromEntries(Object.values(EDITOR_FIXTURES).map(({ host, dir }) => [host, dir]));
}
