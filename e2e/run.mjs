// Browser tests of the Sightline web application: a real server over a simulated force area,
// driven in Debian's Chromium by playwright-core. Each journey is a user's: signing in,
// submitting a report (with live validation), the reason prompt, the people at risk and a flagged
// child's page with its evidence, resolution explanation and decisions, the partner portal and
// its isolation, the community page, signing out; searching as an analyst (highlights, facets,
// paging, a misspelt name) and as a partner (whose counts leave out C-coded reports); an auditor
// searching the audit trail for who read what, when and why; a governance lead seeing two officers over
// capacity, accepting a better allocation, opening a 4P plan, recording a disruption and printing
// the readiness report; a referral followed through its states. Screenshots of every page go to
// artifacts/e2e/ as test artefacts.
//
// Run: node e2e/run.mjs   (SIGHTLINE_BIN picks the binary; default target/debug/sightline)

import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.SIGHTLINE_BIN || join(root, 'target', 'debug', 'sightline');
const shots = join(root, 'artifacts', 'e2e');
const password = 'e2e test password 2026';
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

const work = mkdtempSync(join(tmpdir(), 'sightline-e2e-'));
const db = `sqlite:${join(work, 'sightline.db')}`;

function sightline(args, input) {
  const r = spawnSync(bin, ['--db', db, ...args], { input, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`sightline ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

// A small simulated area, ingested and analysed, and an account per journey.
const demo = spawnSync(bin, ['demo', '--no-serve', '--people', '1500', '--dir', work], { encoding: 'utf8' });
if (demo.status !== 0) { throw new Error(`demo failed: ${demo.stderr}`); }
const accounts = [
  ['e2e_analyst', 'analyst', null],
  ['e2e_officer', 'intelligence_officer', null],
  ['e2e_council', 'partner', 'Fenland District Council'],
  ['e2e_school', 'partner', 'Fenland Academy'],
  ['e2e_governance', 'governance_lead', null],
  ['e2e_safeguarding', 'safeguarding_officer', null],
  ['e2e_auditor', 'auditor', null],
];
for (const [name, role, org] of accounts) {
  const args = ['user', 'add', name, '--role', role, '--name', `E2E ${role}`];
  if (org) { args.push('--org', org); }
  sightline(args, password);
}

// The server, on a free port.
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(bin, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
await new Promise((ok, fail) => {
  const timer = setTimeout(() => fail(new Error('the server did not start')), 30000);
  server.stdout.on('data', (d) => { if (String(d).includes('serving on')) { clearTimeout(timer); ok(); } });
  server.on('exit', (code) => fail(new Error(`the server exited (${code})`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

const failures = [];
const consoleErrors = [];
let passed = 0;

async function journey(name, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => consoleErrors.push(`${name}: ${e.message}`));
  page.on('console', (m) => {
    // A refused sign-in (422) and a forbidden page (403) are what some journeys test for.
    const expected = /status of (422|403)/.test(m.text());
    if (m.type() === 'error' && !expected) { consoleErrors.push(`${name}: ${m.text()}`); }
  });
  try {
    await fn(page, context);
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(`${name}: ${e.stack || e}`);
    console.log(`FAIL ${name}`);
    await page.screenshot({ path: join(shots, `FAILED-${name}.png`), fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
}

function expect(condition, message) {
  if (!condition) { throw new Error(message); }
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page, username) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

await journey('sign-in-and-out', async (page) => {
  await page.goto(`${base}/reports`);
  expect(page.url().startsWith(`${base}/login`), 'an anonymous visit goes to the sign-in page');
  await shot(page, 'login');
  await page.getByLabel('Username').fill('e2e_analyst');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await page.getByRole('alert').isVisible(), 'a wrong password is refused');
  await page.getByLabel('Username').fill('e2e_analyst');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/reports`);
  expect(await page.getByRole('heading', { name: 'Reports' }).isVisible(), 'back where they were going');
  await page.goto(`${base}/`);
  expect(await page.getByText('Good to see you').isVisible(), 'home');
  await shot(page, 'home');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${base}/login`);
  await page.goto(`${base}/reports`);
  expect(page.url().startsWith(`${base}/login`), 'signed out for good');
});

await journey('submit-a-report', async (page) => {
  await signIn(page, 'e2e_officer');
  await page.getByRole('link', { name: 'New report', exact: true }).click();
  await shot(page, 'report-form');
  await page.getByLabel('Source type').selectOption('officer');
  await page.getByRole('radio', { name: /1 reliable/ }).check();
  await page.getByRole('radio', { name: /A known directly/ }).check();
  // Handling C without conditions is caught before it is sent.
  await page.getByRole('radio', { name: /C sharing permitted only/ }).check();
  await page.getByLabel('Sanitised report text').fill('Stopped a silver Focus AB12 CDE near the station; driver known as JAY.');
  await page.getByRole('button', { name: 'Submit report' }).click();
  expect(await page.getByText('needs the conditions').isVisible(), 'live validation of handling conditions');
  await page.getByLabel('Handling conditions (required for C)').fill('Not to partners without the originator\'s consent');
  await page.getByLabel('Name').first().fill('SMITH, Jon aka JAY');
  await page.locator('#p0_dob').fill('3/2/99');
  await page.locator('#p0_dob').blur();
  await page.locator('.field-message[data-for="p0_dob"]').getByText('1999-02-03').waitFor();
  await page.getByLabel('Number').fill('07700 900123');
  await page.getByLabel('Number').blur();
  await page.getByText('Recorded as +447700900123').waitFor();
  await page.getByLabel('Registration').fill('ab12cde');
  await page.getByLabel('Registration').blur();
  await page.getByText('Recorded as AB12CDE').waitFor();
  await shot(page, 'report-form-filled');
  await page.getByRole('button', { name: 'Submit report' }).click();
  await page.waitForURL(/\/reports\?submitted=SL-IR-/);
  expect(await page.getByRole('status').isVisible(), 'the submission is confirmed');
  await shot(page, 'report-submitted');
  // It waits in the triage queue.
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  expect(await page.getByText('Stopped a silver Focus').first().isVisible(), 'in the triage queue');
  await shot(page, 'triage');
});

await journey('reason-prompt', async (page) => {
  await signIn(page, 'e2e_analyst');
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await shot(page, 'reports');
  await page.locator('table tbody tr td a').first().click();
  expect(await page.getByRole('heading', { name: /Why are you opening report/ }).isVisible(), 'asked why');
  await shot(page, 'reason');
  await page.getByLabel('Reason').fill('short');
  await page.getByLabel('Reason').press('Enter');
  expect(await page.getByRole('heading', { name: /Why are you opening report/ }).isVisible(), 'a reason that is too short is not accepted');
  await page.getByLabel('Reason').fill('Operation KESTREL tasking 12/03');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name: /^Report / }).waitFor();
  await shot(page, 'report');
  const person = page.locator('a[href^="/persons/"]').first();
  if (await person.count()) {
    await person.click();
    await page.getByLabel('Reason').fill('Operation KESTREL tasking 12/03');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('Mentions you may see').waitFor();
    await shot(page, 'person');
  }
});

await journey('people-at-risk', async (page, context) => {
  await signIn(page, 'e2e_analyst');
  await page.getByRole('link', { name: 'At risk', exact: true }).click();
  expect(await page.getByRole('heading', { name: /Why are you opening the list of people at risk/ }).isVisible(), 'asked why');
  await page.getByLabel('Reason').fill('Weekly safeguarding review');
  await page.getByLabel('Reason').press('Enter');
  await page.getByRole('heading', { level: 1, name: 'People at risk' }).waitFor();
  expect(await page.locator('table.flagged tbody tr').count() > 0, 'people are flagged in the demo area');
  await shot(page, 'vulnerable');
  // Children only, by keyboard.
  await page.getByLabel('Children only').focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Show' }).press('Enter');
  await page.waitForURL(/children=1/);
  const rows = page.locator('table.flagged tbody tr');
  expect(await rows.count() > 0, 'children are flagged in the demo area');
  expect(await rows.filter({ hasNot: page.locator('.tag', { hasText: /^child$/ }) }).count() === 0, 'only children');
  await shot(page, 'vulnerable-children');
  // A flagged child: why they were flagged, and the evidence behind it.
  await rows.first().locator('a').first().click();
  await page.getByRole('heading', { name: 'Vulnerability: flagged' }).waitFor();
  await page.getByText(/Every item of evidence/).click();
  expect(await page.locator('details[open] table tbody tr').count() > 0, 'the evidence is listed');
  await shot(page, 'person-vulnerable');
  const waterfall = page.locator('details.waterfall summary').first();
  if (await waterfall.count()) {
    await waterfall.click();
    expect(await page.locator('details.waterfall[open] td.w').count() > 2, 'the resolution waterfall');
    await shot(page, 'person-explained');
    // Split a mention off, then withdraw the decision: both recorded.
    const form = page.locator('form.decide').first();
    await form.getByRole('textbox').fill('Different pupil per school records');
    await form.getByRole('button', { name: 'Not this person' }).click();
    await page.getByRole('status').getByText('the mention is someone else').waitFor();
    const withdraw = page.locator('form[action$="/revoke"]').first();
    await withdraw.getByRole('textbox').fill('School record was checked wrongly');
    await withdraw.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('status').getByText('withdrawn').waitFor();
    await shot(page, 'person-decisions');
  }
  // Refer the child to children's social care at the council.
  await page.getByRole('link', { name: 'Refer for safeguarding', exact: true }).click();
  await page.getByRole('heading', { name: /^Refer .* for safeguarding$/ }).waitFor();
  await page.getByRole('radio', { name: /Children's social care/ }).check();
  await page.getByLabel('Council (for social care referrals)').fill('Fenland District Council');
  await page.getByLabel('What the recipient is told').fill('Seen carrying packages to a flat at night; missing from school on three days.');
  await shot(page, 'referral-form');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  await page.getByRole('status').getByText('Referral made').waitFor();
  expect(await page.getByText('Working Together to Safeguard Children 2023').first().isVisible(), 'the statutory targets');
  await shot(page, 'referral');
  // A partner is refused the list of people at risk, but sees and answers the referral.
  await context.clearCookies();
  await signIn(page, 'e2e_council');
  await page.getByRole('link', { name: 'Referrals', exact: true }).click();
  await page.getByLabel('Reason').fill('Council safeguarding triage');
  await page.getByLabel('Reason').press('Enter');
  // The reason given for the list carries to the referral opened from it (audited again).
  await page.locator('table.referrals tbody tr a').first().click();
  await page.getByRole('heading', { name: /^Referral #\d+/ }).waitFor();
  expect(await page.getByText('missing from school on three days').isVisible(), 'what the referral shares');
  expect(!(await page.locator('a[href^="/persons/"]').count()), 'no way into the picture');
  await page.getByRole('radio', { name: /decision on next steps/ }).check();
  await page.getByRole('radio', { name: 'positive' }).check();
  await page.getByLabel('Note').fill('Strategy discussion held; child and family assessment opened');
  await page.getByRole('button', { name: 'Record' }).click();
  await page.getByRole('status').getByText('Recorded').waitFor();
  await shot(page, 'referral-partner');
  expect(!(await page.getByRole('link', { name: 'At risk' }).count()), 'no link for a partner');
  const refused = await page.goto(`${base}/vulnerable?reason=curious%20about%20this`);
  expect(refused.status() === 403, 'a partner cannot see the list');
});

await journey('partner-portal-isolation', async (page, context) => {
  await signIn(page, 'e2e_council');
  await page.getByRole('link', { name: 'Portal', exact: true }).click();
  await page.getByLabel('What kind of concern?').selectOption('msht_labour');
  await page.getByLabel('What have you seen or been told?').fill('Tenant says eight men sleep in one house and are collected by a van at 5am.');
  await page.getByLabel('Name of the person concerned, if known').fill('Andrei POPESCU');
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.waitForURL(/\/portal\?submitted=SL-IR-/);
  const reference = new URL(page.url()).searchParams.get('submitted');
  expect(await page.locator('table').getByText(reference).isVisible(), 'their own submission is listed');
  await shot(page, 'portal');
  // Another partner sees nothing of it, and no partner reaches triage or the audit.
  const other = await context.newPage();
  await other.context().clearCookies();
  await signIn(other, 'e2e_school');
  await other.goto(`${base}/portal`);
  expect(!(await other.content()).includes(reference), 'another partner does not see it');
  const triage = await other.goto(`${base}/triage`);
  expect(triage.status() === 403, 'a partner cannot triage');
  await shot(other, 'partner-forbidden');
});

await journey('community-page', async (page) => {
  await page.goto(`${base}/community`);
  await shot(page, 'community');
  await page.getByLabel('What have you seen or heard?').fill('Young lads coming and going from number 4 at all hours; the old man there looks scared.');
  await page.getByLabel(/Where\?/).fill('Orchard Close');
  // A person takes a few seconds; a program that answers at once is turned away.
  await page.waitForTimeout(4500);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').getByText('Thank you').waitFor();
  await shot(page, 'community-thanks');
});

function countIn(text, label) {
  const m = text.match(/\((\d+)\)\s*$/);
  if (!m) { throw new Error(`no count in ${label}: ${text}`); }
  return Number(m[1]);
}

async function reportTotal(page) {
  const status = await page.locator('#search-status').innerText();
  if (/^No reports/.test(status)) { return 0; }
  const m = status.match(/of (\d+)/);
  if (!m) { throw new Error(`no total in: ${status}`); }
  return Number(m[1]);
}

await journey('search', async (page, context) => {
  await signIn(page, 'e2e_analyst');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
  await shot(page, 'search');
  await page.getByLabel(/^Words, a name/).fill('flat');
  await page.getByLabel(/^Reason/).fill('E2E search journey, op KESTREL');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/search\?q=flat/);
  const total = await reportTotal(page);
  expect(total > 20, `the demo area has many reports about a flat (${total})`);
  expect(await page.locator('ol mark').filter({ hasText: /^flat$/i }).count() > 0, 'the matched word is highlighted');
  // The handling-code facet counts every report found, shared (P) and conditional (C).
  const shared = countIn(await page.locator('label.choice', { hasText: 'P lawful sharing permitted' }).innerText(), 'P');
  const conditional = countIn(await page.locator('label.choice', { hasText: 'C sharing only under conditions' }).innerText(), 'C');
  expect(shared > 0 && conditional > 0 && shared + conditional === total, `facets add up: ${shared} + ${conditional} = ${total}`);
  await shot(page, 'search-results');
  // The next page of reports.
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/page=2/);
  expect(/^Reports 21–/.test(await page.locator('#search-status').innerText()), 'the second page');
  // Narrowed to C-coded reports: staff see the handling conditions beside each.
  await page.getByLabel(/C sharing only under conditions/).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/handling=C/);
  expect(await reportTotal(page) === conditional, 'the filter keeps the C-coded reports');
  expect(await page.getByText(/^Handling conditions:/).first().isVisible(), 'staff see the conditions');
  await shot(page, 'search-filtered');
  // A person, by a misspelt surname (two letters swapped, as people type).
  const names = (await page.locator('ol li p.meta', { hasText: 'Persons:' }).allInnerTexts()).join(' ');
  const surname = names.replace(/Persons:/g, '').split(/[;,\s]+/).find((w) => /^[A-Za-z]{6,}$/.test(w));
  expect(surname, `a name to look for in: ${names}`);
  let at = 2;
  while (at < surname.length - 2 && surname[at] === surname[at + 1]) { at += 1; }
  const typo = surname.slice(0, at) + surname[at + 1] + surname[at] + surname.slice(at + 2);
  await page.goto(`${base}/search?q=${encodeURIComponent(typo)}&reason=${encodeURIComponent('E2E search journey, op KESTREL')}`);
  await page.getByRole('heading', { name: /^People \(\d+\)$/ }).waitFor();
  expect(await page.locator('section[aria-labelledby="people-heading"] mark').count() > 0, `${typo} finds ${surname}`);
  await shot(page, 'search-person');
  await page.locator('section[aria-labelledby="people-heading"] tbody a').first().click();
  await page.getByText('Mentions you may see').waitFor();
  await shot(page, 'search-person-opened');
  // A partner searching the same counts only what they may see: never a C-coded report.
  await context.clearCookies();
  await signIn(page, 'e2e_council');
  await page.goto(`${base}/search?q=flat`);
  expect(await reportTotal(page) === shared, 'a partner finds the shared reports only');
  expect(!(await page.locator('label.choice', { hasText: 'C sharing only under conditions' }).count()), 'no count of C-coded reports');
  expect(!(await page.getByText(/^Handling conditions:/).count()), 'no conditions shown to a partner');
  await page.goto(`${base}/search?q=flat&handling=C`);
  expect(await reportTotal(page) === 0, 'asking for C-coded reports finds none');
  await shot(page, 'search-partner');
});

await journey('audit-search', async (page) => {
  await signIn(page, 'e2e_auditor');
  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
  expect(await page.locator('p', { hasText: 'Chain: intact' }).isVisible(), 'the chain is intact');
  await page.getByLabel('Who', { exact: true }).fill('e2e_analyst');
  await page.getByLabel('Action', { exact: true }).fill('search');
  await page.getByLabel('Reason contains').fill('kestrel');
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/reason=kestrel/);
  const rows = page.locator('table tbody tr');
  expect(await rows.count() >= 3, 'the analyst\'s searches are found');
  for (const text of await rows.allInnerTexts()) {
    expect(text.includes('e2e_analyst') && text.includes('E2E search journey, op KESTREL'), `only what was asked for: ${text}`);
  }
  await shot(page, 'audit-search');
});

// Officers, allocation, plans and governance need a threat master list, which is another part of
// Sightline: this server adds one the test builds, over the same demo database, with the demo's
// allocations as they stood before Sightline (crates/server/examples/e2e_operations_server.rs).
const opsBin = process.env.SIGHTLINE_OPS_SERVER || join(root, 'target', 'debug', 'examples', 'e2e_operations_server');
if (!process.env.SIGHTLINE_OPS_SERVER) {
  const built = spawnSync('cargo', ['build', '--quiet', '-p', 'server', '--example', 'e2e_operations_server'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) { throw new Error(`cannot build the operations server: ${built.stderr}`); }
}
const opsPort = port + 1;
const opsServer = spawn(opsBin, [db, `127.0.0.1:${opsPort}`], { stdio: ['ignore', 'pipe', 'inherit'] });
const ops = `http://127.0.0.1:${opsPort}`;
await new Promise((ok, fail) => {
  const timer = setTimeout(() => fail(new Error('the operations server did not start')), 30000);
  opsServer.stdout.on('data', (d) => { if (String(d).includes('serving on')) { clearTimeout(timer); ok(); } });
  opsServer.on('exit', (code) => fail(new Error(`the operations server exited (${code})`)));
});

function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return d.toISOString().slice(0, 10);
}

async function signInAt(page, at, username) {
  await page.goto(`${at}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${at}/`);
}

await journey('governance-allocation-plan-readiness', async (page) => {
  await signInAt(page, ops, 'e2e_governance');
  await page.getByRole('link', { name: 'Governance', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
  const overloadedCard = page.locator('a.card', { hasText: 'officers over capacity' }).locator('.figure');
  expect((await overloadedCard.textContent()) === '2', 'two officers over capacity on the dashboard');
  expect(await page.locator('svg.chart').count() >= 8, 'the charts are drawn');
  await shot(page, 'governance');
  // Demand against capacity: who is overloaded, asked why first.
  await page.getByRole('link', { name: 'Demand against capacity', exact: true }).click();
  await page.getByLabel('Reason').fill('Monthly SOC governance board');
  await page.getByLabel('Reason').press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Demand against capacity' }).waitFor();
  expect(await page.locator('ul.overloaded li').count() === 2, 'two officers over capacity');
  await shot(page, 'demand');
  // The better allocation, with its reasons, accepted.
  await page.locator('a.card', { hasText: 'a better allocation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Recommended allocation' }).waitFor();
  expect(await page.getByText(/who carries \d+ of \d+ points/).first().isVisible(), 'a move from an overloaded officer, with its reason');
  await shot(page, 'allocation');
  await page.getByLabel('Decided at, or why').fill('SOC governance board, December');
  await page.getByRole('button', { name: 'Accept the allocation' }).click();
  await page.getByRole('status').getByText(/allocations decided/).waitFor();
  expect(await page.locator('#overloaded ~ p.empty, section[aria-labelledby="overloaded"] p.empty').count() === 1, 'nobody over capacity now');
  await shot(page, 'demand-after');
  // A threat's 4P plan: opened, an action added, a disruption recorded.
  await page.goto(`${ops}/plans?reason=${encodeURIComponent('Monthly SOC governance board')}`);
  await page.getByRole('heading', { level: 1, name: '4P plans' }).waitFor();
  await page.locator('table.plans tbody tr a').first().click();
  await page.getByRole('heading', { level: 1, name: /^Threat grp_/ }).waitFor();
  await page.getByRole('button', { name: 'Open a 4P plan' }).click();
  await page.getByRole('status').getByText('the 4P plan').waitFor();
  await page.getByLabel('Under', { exact: true }).first().selectOption('pursue');
  await page.getByLabel('Action', { exact: true }).fill('Warrant at the trap house on Orchard Close');
  await page.getByLabel('Owner').fill('DS Khan, proactive team');
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('status').getByText('the action').waitFor();
  const disruption = page.locator('form[action$="/disruptions"]');
  await disruption.getByRole('radio', { name: 'major' }).check();
  await disruption.getByLabel('Assessed by').fill('DI Shah, disruptions panel');
  await disruption.getByLabel('Rationale for the impact').fill('Line holder remanded; the line has been silent for three weeks');
  await disruption.getByLabel('Operation (if any)').fill('Op KESTREL');
  await disruption.getByRole('button', { name: 'Record disruption' }).click();
  await page.getByRole('status').getByText('the disruption').waitFor();
  expect(await page.locator('table.disruptions').getByText('Line holder remanded').isVisible(), 'the disruption is listed');
  await shot(page, 'threat-plan');
  // The readiness report, and its PDF.
  await page.goto(`${ops}/governance/readiness`);
  await page.getByRole('heading', { level: 1, name: 'Inspection readiness' }).waitFor();
  expect(await page.getByText('Self-assessed grade').first().isVisible(), 'a self-assessed grade');
  await shot(page, 'readiness');
  const pdf = await page.request.get(`${ops}/governance/readiness.pdf`);
  expect(pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf', 'the PDF is printed');
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString() === '%PDF-', 'a PDF');
  writeFileSync(join(shots, 'readiness.pdf'), body);
});

await journey('referral-through-its-states', async (page, context) => {
  await signInAt(page, ops, 'e2e_safeguarding');
  await page.goto(`${ops}/vulnerable?children=1&reason=${encodeURIComponent('Weekly safeguarding review')}`);
  await page.locator('table.flagged tbody tr a').first().click();
  await page.getByRole('heading', { name: 'Vulnerability: flagged' }).waitFor();
  await page.getByRole('link', { name: 'Refer for safeguarding', exact: true }).click();
  await page.getByRole('radio', { name: /National Referral Mechanism/ }).check();
  await page.getByLabel('What the recipient is told').fill('Found running drugs for a county line; missing from care for nine days.');
  await page.getByLabel('Made on').fill(daysAgo(60));
  await page.getByRole('button', { name: 'Make the referral' }).click();
  await page.getByRole('status').getByText('Referral made').waitFor();
  const steps = [
    [/reasonable grounds decision/, 'positive', daysAgo(57), 'Single Competent Authority: reasonable grounds'],
    [/^support/, null, daysAgo(55), 'Recovery support through the county council'],
    [/conclusive grounds decision/, 'positive', daysAgo(20), 'Single Competent Authority: conclusive grounds'],
    [/^closed/, null, daysAgo(0), 'Support plan ended, case closed'],
  ];
  for (const [state, outcome, on, note] of steps) {
    await page.getByRole('radio', { name: state }).check();
    if (outcome) { await page.getByRole('radio', { name: outcome, exact: true }).check(); }
    await page.getByLabel('On', { exact: true }).fill(on);
    await page.getByLabel('Note').fill(note);
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByRole('status').getByText('Recorded').waitFor();
  }
  expect(await page.locator('dl.facts').getByText('closed', { exact: true }).isVisible(), 'closed after its four steps');
  expect(await page.locator('ol.steps li').count() === 5, 'made and four steps');
  const url = page.url();
  await shot(page, 'referral-closed');
  // The governance lead follows it too.
  await context.clearCookies();
  await signInAt(page, ops, 'e2e_governance');
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: /^Referral #\d+: National Referral Mechanism/ }).waitFor();
  expect(await page.locator('td span.tag', { hasText: 'met' }).count() >= 1, 'a time target met');
  expect(!(await page.getByRole('button', { name: 'Record' }).count()), 'a governance lead follows, but does not record');
  await shot(page, 'referral-governance');
});
opsServer.kill();

await browser.close();
server.kill();
rmSync(work, { recursive: true, force: true });

if (consoleErrors.length) {
  failures.push(`errors in the browser console:\n  ${consoleErrors.join('\n  ')}`);
}
console.log(`${passed} journeys passed, ${failures.length} failed; screenshots in ${shots}`);
if (failures.length) {
  console.error(failures.join('\n\n'));
  process.exit(1);
}
