// The lead's console against a spawned `socialcare-store` on SQLite, seeded
// through its API (tickets on three platforms answered by two agents, a
// draft template): a lead's dashboard shows the team report endpoint's own
// figures and downloads its table; a lead publishes a guideline (checked
// live as it is typed) and approves a template, both through the worker's
// outbox; an agent sees the console read-only and the store refuses the
// agent's publish, approve and token listing; a lead reads the members,
// the guideline's revisions and the product ideas (the seeded dark-mode
// requests grouped, and exported as JSON). Across the console and the
// agents' extension: a lead changes a rule in the form view and publishes,
// and the verdict the agent's composer gets changes without a reload; a lead
// writes a template in the editor (linted and previewed per platform), saves
// and approves it, and the agent's side panel suggests it.
// Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, EXTENSION_ID, ROOT, SCREENSHOTS } from './harness.mjs';
import { StoreDb, startStore, snapshot, api } from './store.mjs';
import { settled, openPanel } from './agents.mjs';

const CONSOLE = `chrome-extension://${EXTENSION_ID}/console.html`;
const TEAM = 'acme';
const DAY = 86_400_000;
const MINUTE = 60_000;
const PLATFORMS = ['x', 'facebook', 'instagram'];
/** Minutes to the first reply, in turn; every fourth ticket stays unanswered. */
const REPLY_MINUTES = [12, 45, 150, 700, 2000];
let db, store, tokens, lead, agent;

before(async () => {
  db = await StoreDb.create();
  tokens = { admin: db.createTeam(TEAM) };
  tokens.lead = db.issueToken(TEAM, 'Lee Lead', 'LL', 'lead');
  tokens.kim = db.issueToken(TEAM, 'Kim Lee', 'KL');
  tokens.ana = db.issueToken(TEAM, 'Ana Ruiz', 'AR');
  store = await startStore(db, { allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
  await seed(Date.now());
  [lead, agent] = await Promise.all([launch(), launch()]);
});

after(async () => {
  await Promise.all([lead?.close(), agent?.close()]);
  await store?.stop();
  await db?.remove();
});

/**
 * Pushes `actions` ({name, args, at}) as one client, oldest first; every one
 * must apply. The body is written by hand: HLCs (ms << 16) exceed JavaScript's
 * exact integers.
 */
async function pushAs(token, clientId, actions) {
  const sorted = [...actions].sort((a, b) => a.at - b.at);
  const mutations = sorted.map((action, index) =>
    `{"id":${index + 1},"name":${JSON.stringify(action.name)},"args":${JSON.stringify(action.args)},"hlc":${BigInt(Math.round(action.at)) << 16n}}`);
  const response = await fetch(`${store.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: `{"client_id":${JSON.stringify(clientId)},"mutations":[${mutations.join(',')}]}`,
  });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  return answer.results;
}

/** 60 tickets over the last six days on three platforms, answered by Kim or Ana (some not at all), and a draft template. */
async function seed(now) {
  const byAgent = { kim: [], ana: [] };
  for (let i = 0; i < 60; i += 1) {
    const platform = PLATFORMS[i % 3];
    const item = `${platform}:${1_900_000_000_000_000_000n + BigInt(i)}`;
    const posted = now - (1 + (i % 6)) * DAY - i * 7 * MINUTE;
    const owner = i % 2 === 0 ? 'kim' : 'ana';
    byAgent.kim.push({
      name: 'ticket.create',
      at: posted + MINUTE,
      args: i % 20 === 0
        ? { item, conversation: item, posted_at: posted, excerpt: `Please add a dark mode to the app (${i})`, intent: 'feature_request' }
        : { item, conversation: item, posted_at: posted, excerpt: `Where is my order ${i}?`, intent: 'complaint' },
    });
    if (i % 4 !== 3) byAgent[owner].push({ name: 'ticket.responded', at: posted + REPLY_MINUTES[i % 5] * MINUTE, args: { item } });
  }
  // Ana answers tickets Kim created: Kim's pushes go first.
  for (const result of await pushAs(tokens.kim, 'seed-kim', byAgent.kim)) assert.equal(result.outcome, 'applied', JSON.stringify(result));
  for (const result of await pushAs(tokens.ana, 'seed-ana', byAgent.ana)) assert.equal(result.outcome, 'applied', JSON.stringify(result));
  const template = {
    id: 'shipping-delay',
    name: 'Shipping delay',
    variants: [{ platform: null, language: 'en', body: 'Hi {{customer.first_name|there}}, thank you for waiting. Your parcel is on its way. *{{agent.initials}}' }],
    base_revision: 0,
  };
  const [saved] = await pushAs(tokens.lead, 'seed-lead', [{ name: 'template.save', args: template, at: now - MINUTE }]);
  assert.equal(saved.outcome, 'applied', JSON.stringify(saved));
}

/** Signs a browser in through the options page. */
async function signIn(browser, token, expectName) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.getByLabel('Store URL').fill(store.url);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText(`Connected as ${expectName}`).first().waitFor();
  await page.close();
}

/** Waits until `condition()` holds. */
async function waitFor(condition, timeout = 15000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A figure card's value on the dashboard. */
function figure(page, label) {
  return page.locator('.figure-card').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('.figure-value').innerText();
}

/** A ratio as the console writes it. */
const percent = (ratio) => (ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`);

describe('The lead console', () => {
  let page;

  test('a lead opens the console from the options page; the dashboard shows the endpoint’s figures', async () => {
    await signIn(lead, tokens.lead, 'Lee Lead (lead)');
    const options = await lead.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const [opened] = await Promise.all([lead.context.waitForEvent('page'), options.getByRole('link', { name: 'Open the team console' }).click()]);
    page = opened;
    await page.waitForLoadState();
    assert.equal(page.url(), CONSOLE);
    await options.close();
    await page.locator('.report-period').waitFor();
    const [, from, to, tz] = (await page.locator('.report-period').innerText()).match(/^(\S+) to (\S+) \((.+)\)$/);
    const report = await api(store.url, tokens.lead, 'GET', `/v1/reports/team?from=${from}&to=${to}&tz=${encodeURIComponent(tz)}`);
    assert.equal(report.inbound, 60, 'the seeded tickets are in the period');
    assert.equal(await figure(page, 'Inbound'), String(report.inbound));
    assert.equal(await figure(page, 'Answered within 1 h'), percent(report.answered_within_1h.ratio));
    assert.equal(await figure(page, 'Answered within 24 h'), percent(report.answered_within_24h.ratio));
    assert.equal(await figure(page, 'SLA attainment'), percent(report.sla.attainment));
    assert.equal(await figure(page, 'Response rate'), percent(report.response_rate.ratio));
    assert.equal(await page.locator('.report-table tbody tr').count(), 1 + report.by_platform.length + report.by_agent.length);
    for (const row of report.by_agent) {
      const cells = await page.locator('.report-table tbody tr').filter({ has: page.locator('th', { hasText: row.name }) }).locator('td').allInnerTexts();
      assert.equal(cells[1], String(row.inbound), `${row.name}'s inbound`);
      assert.equal(cells[3], percent(row.answered_within_1h.ratio), `${row.name}'s answered within 1 h`);
    }
    // Charts: images with a title and a description, and a table of their numbers.
    assert.equal(await page.locator('figure.chart svg[role=img] > title').count(), 3);
    assert.equal(await page.locator('figure[data-chart="inbound-per-day"] tbody tr').count(), report.series.length);

    // Filter by platform: that platform's figures.
    const instagram = report.by_platform.find((row) => row.platform === 'instagram');
    await page.getByLabel('Platform', { exact: true }).selectOption('instagram');
    assert.equal(await figure(page, 'Inbound'), String(instagram.inbound));
    await page.getByLabel('Platform', { exact: true }).selectOption('');

    // The CSV download holds the table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    assert.equal(csv[0], 'scope,name,inbound,first_response_median_s,first_response_p90_s,answered_within_1h,answered_within_24h,sla_attainment,sla_breached,response_rate');
    assert.equal(csv.length, 1 + 1 + report.by_platform.length + report.by_agent.length);
    assert.equal(csv[1].split(',')[2], String(report.inbound));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reports.png'), fullPage: true });
  });

  test('a lead publishes a guideline, checked live as it is typed; the store keeps the new revision', async () => {
    const policy = await readFile(path.join(ROOT, 'docs/examples/policy.toml'), 'utf8');
    await page.getByRole('button', { name: 'Guidelines' }).click();
    const editor = page.getByRole('textbox', { name: 'Tone guideline', exact: true });
    await editor.fill('version = 1\nname = "Acme"\n[[banned\n');
    await page.locator('.check-error').filter({ hasText: /^line 3, column \d+: / }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Publish' }).isDisabled(), 'an invalid guideline cannot be published');
    await editor.fill(policy);
    await page.getByText('The tone engine reads this guideline.').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await waitFor(async () => (await snapshot(store.url, tokens.lead)).guideline?.tone?.revision === 1);
    const stored = (await snapshot(store.url, tokens.lead)).guideline.tone;
    assert.equal(stored.source, policy);
    await page.getByRole('textbox', { name: 'Tone guideline (revision 1)' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-guidelines.png') });
  });

  test('a lead approves a template through the outbox', async () => {
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('button', { name: 'Approve Shipping delay' }).click();
    await waitFor(async () => (await snapshot(store.url, tokens.lead)).template?.['shipping-delay']?.state === 'approved');
    await page.locator('.template .state', { hasText: 'approved' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-templates.png') });
  });

  test('an agent sees the console read-only, and the store refuses what the role may not do', async () => {
    await signIn(agent, tokens.kim, 'Kim Lee (agent)');
    const agentPage = await agent.context.newPage();
    await agentPage.goto(CONSOLE);
    await agentPage.getByText(/^Read-only: your role is agent\./).waitFor();
    await agentPage.locator('.reports .notice-error').filter({ hasText: /^Team report: .*\(forbidden\)$/ }).waitFor();
    await agentPage.getByRole('button', { name: 'Guidelines' }).click();
    const editor = agentPage.getByRole('textbox', { name: 'Tone guideline (revision 1)' });
    await editor.waitFor();
    assert.ok(!(await editor.isEditable()), 'the editor is read-only');
    assert.equal(await agentPage.getByRole('button', { name: 'Publish' }).count(), 0);
    await agentPage.getByRole('button', { name: 'Templates' }).click();
    await agentPage.locator('.template').first().waitFor();
    assert.equal(await agentPage.getByRole('button', { name: /^(Approve|Retire) / }).count(), 0);
    await agentPage.close();

    // Hidden is not enough: the store refuses the agent's publish and approve, and the token list.
    const now = Date.now();
    const results = await pushAs(tokens.kim, 'agent-tries', [
      { name: 'guideline.save', at: now, args: { id: 'tone', name: 'Mine', format: 'toml', source: 'version = 1\n', base_revision: 1 } },
      { name: 'template.set_state', at: now + 1, args: { id: 'shipping-delay', state: 'retired', base_revision: 1 } },
    ]);
    assert.deepEqual(results.map((result) => [result.outcome, result.code]), [['rejected', 'forbidden'], ['rejected', 'forbidden']]);
    await assert.rejects(api(store.url, tokens.kim, 'GET', '/v1/tokens'), /403/);
    const stored = await snapshot(store.url, tokens.lead);
    assert.equal(stored.guideline.tone.revision, 1);
    assert.equal(stored.template['shipping-delay'].state, 'approved');
  });

  test('a lead publishes a rule change from the form view; the agent’s composer check changes without reload', async () => {
    const draft = { draft: 'Hi there, please calm down. We are on it. *KL', platform: 'x', place: 'reply' };
    const verdict = () => agent.worker.evaluate((request) => globalThis.socialcare.tone.verdict(request, null), draft);
    await settled(agent);
    const before = await verdict();
    assert.equal(before.tone, 'block', JSON.stringify(before));

    await page.getByRole('button', { name: 'Guidelines' }).click();
    await page.getByRole('button', { name: 'Form view' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Banned phrase 2', exact: true }).inputValue(), 'calm down');
    await page.getByLabel('Severity of banned phrase 2', { exact: true }).selectOption('warn');
    // The sample-draft preview runs the rules as edited, before they are published.
    await page.getByRole('textbox', { name: 'Sample drafts' }).fill(draft.draft);
    await page.locator('.samples .finding-warn', { hasText: '“calm down”' }).waitFor();
    assert.equal(await page.locator('.samples .finding-block').count(), 0);
    await page.getByRole('button', { name: 'Publish' }).click();
    await waitFor(async () => (await snapshot(store.url, tokens.lead)).guideline?.tone?.revision === 2);
    const stored = (await snapshot(store.url, tokens.lead)).guideline.tone.source;
    assert.match(stored, /phrase = "calm down"\nwhy = "never tell an upset customer how to feel"\nseverity = "warn"/);
    assert.ok(stored.startsWith('# Acme Care — tone policy'), 'the rest of the file is kept');

    // History: the diff of the two revisions is the one changed line.
    await page.locator('.revision-diff .diff-removed').waitFor();
    const lines = async (selector) => (await page.locator(selector).allInnerTexts()).map((line) => line.trim());
    assert.deepEqual(await lines('.revision-diff .diff-removed'), ['- severity = "block"']);
    assert.deepEqual(await lines('.revision-diff .diff-added'), ['+ severity = "warn"']);

    await settled(agent);
    const after = await verdict();
    assert.equal(after.tone, 'warn', JSON.stringify(after));
    assert.ok(after.findings.some((finding) => finding.severity === 'warn' && /calm down/i.test(draft.draft.slice(finding.span.char_start, finding.span.char_end))));
  });

  test('a lead writes a template in the editor, saves and approves it; the agent’s panel suggests it', async () => {
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByRole('textbox', { name: 'Template name' }).fill('Late order');
    await page.getByRole('textbox', { name: 'Tags (comma-separated)' }).fill('order, late');
    await page.getByRole('textbox', { name: 'Tags (comma-separated)' }).blur();
    await page.getByRole('checkbox', { name: 'Complaint' }).check();
    const body = page.getByRole('textbox', { name: 'Body of variant 1' });
    // Linted as typed against the published guideline: no signature is a block finding.
    await body.fill('Hi {{customer.first_name|there}}, I am sorry your order is late. We are on it.');
    await page.locator('.preview[data-platform="x"] .finding-block').first().waitFor();
    await page.locator('.template-verdict', { hasText: 'the store will refuse to approve it' }).waitFor();
    const text = 'Hi {{customer.first_name|there}}, I am sorry your order is late. We are on it. *{{agent.initials}}';
    await body.fill(text);
    await page.locator('.template-verdict', { hasText: 'No blocking finding' }).waitFor();
    const rendered = 'Hi Maximiliana, I am sorry your order is late. We are on it. *KL';
    for (const platform of ['x', 'facebook', 'instagram']) {
      assert.equal(await page.locator(`.preview[data-platform="${platform}"] .checked-text`).innerText(), rendered);
    }
    assert.match(await page.locator('.preview[data-platform="x"] .length').innerText(), new RegExp(`· ${rendered.length} / 280 characters$`));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-template-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await waitFor(async () => (await snapshot(store.url, tokens.lead)).template?.['late-order']?.state === 'draft');
    const saved = (await snapshot(store.url, tokens.lead)).template['late-order'];
    assert.deepEqual([saved.tags, saved.intents, saved.variants[0].body], [['order', 'late'], ['complaint'], text]);
    await page.locator('.template[data-template="late-order"] .template-waiting').waitFor();
    await page.getByRole('button', { name: 'Approve Late order' }).click();
    await waitFor(async () => (await snapshot(store.url, tokens.lead)).template['late-order'].state === 'approved');

    await settled(agent);
    const panel = await openPanel(agent);
    await panel.getByRole('searchbox', { name: 'Search tickets' }).fill('order 5');
    await panel.locator('button.search-result').filter({ hasText: 'Where is my order 5?' }).first().click();
    await panel.getByRole('button', { name: 'Insert Late order' }).waitFor();
    await panel.close();
  });

  test('a lead sees the members, the guideline history and the product ideas grouped and exported', async () => {
    await page.getByRole('button', { name: 'Members' }).click();
    for (const name of ['Lee Lead', 'Kim Lee', 'Ana Ruiz']) await page.locator('table.members th', { hasText: name }).waitFor();
    await page.getByRole('button', { name: 'Guidelines' }).click();
    await page.locator('.revisions li', { hasText: 'Revision 1' }).waitFor();
    await page.getByRole('button', { name: 'Product ideas' }).click();
    // The three dark-mode requests (every 20th seeded post) are one group.
    const group = page.locator('.idea-group', { hasText: /dark mode/i });
    await group.locator('.idea-meta', { hasText: /^3 posts on / }).waitFor();
    assert.equal(await group.locator('li').count(), 3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.groups.find((g) => /dark mode/i.test(g.label) || g.items.some((i) => /dark mode/i.test(i.excerpt)))?.count, 3);
  });
});
