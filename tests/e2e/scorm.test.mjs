// End-to-end: an exercise's SCORM package in an LMS (issue 16). The
// package is made by the command line (`synack scorm`) from the release
// dist/, unpacked, and launched in an iframe of a page that plays the LMS
// with scorm-again, a SCORM 1.2 and 2004 run-time (npm). The test answers
// the exercise as the learner and reads what the LMS received; a relaunch
// with the LMS's saved data opens where the learner left off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';
import { dist } from './harness.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const tools = process.env.SYNACK_TOOLS || path.join(os.homedir(), '.cache/synack-tools');
const LINK = 'https://teacher.example/synack/?exercise=fill&ask=1,2,3&numbers=absolute&vary=isn,delay';
let site, server, url, browser;

/** `synack scorm` from the built page, unpacked into site/<folder>/. */
function makePackage(version, link = LINK, folder = version) {
  const zip = path.join(site, `synack-${folder}.zip`);
  execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'synack', '--', 'scorm',
    '--version', version, '--link', link, '--title', 'Handshake numbers', '--dist', dist, '--out', zip],
  { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(site, folder)]);
  const manifest = fs.readFileSync(path.join(site, folder, 'imsmanifest.xml'), 'utf8');
  const href = manifest.match(/ href="(index\.html\?[^"]+)"/)[1].replaceAll('&amp;', '&');
  return { manifest, href };
}

// The LMS: a page with the run-time on window (as an LMS's player frame
// has it), loaded with the learner and any saved data, and the package's
// launch page in an iframe.
const LMS_PAGE = `<!doctype html><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,"><body>
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script>
<script src="lms.js"></script>`;
const LMS_SCRIPT = `
const q = new URLSearchParams(location.search);
const saved = JSON.parse(q.get('saved') || '{}');
if (q.get('v') === '1.2') {
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  window.API.loadFromJSON({ core: { student_id: q.get('learner') }, ...saved });
} else {
  window.API_1484_11 = new Scorm2004API({ autocommit: false, logLevel: 5 });
  window.API_1484_11.loadFromJSON({ learner_id: q.get('learner'), ...saved });
}
const frame = document.createElement('iframe');
frame.src = q.get('launch');
frame.width = 1280; frame.height = 900;
document.body.append(frame);`;

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'synack-lms-'));
  for (const f of ['scorm12.min.js', 'scorm2004.min.js']) {
    fs.copyFileSync(path.join(tools, 'node_modules/scorm-again/dist', f), path.join(site, f));
  }
  fs.writeFileSync(path.join(site, 'lms.html'), LMS_PAGE);
  fs.writeFileSync(path.join(site, 'lms.js'), LMS_SCRIPT);
  ({ server, url } = await serve(site));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(site, { recursive: true, force: true });
});

/** The LMS page with the package launched in it, and the exercise's frame. */
async function openInLms(folder, href, learner, saved = {}) {
  const version = folder.startsWith('1.2') ? '1.2' : '2004';
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const q = new URLSearchParams({ v: version, learner, launch: `${folder}/${href}`, saved: JSON.stringify(saved) });
  await page.goto(`${url}lms.html?${q}`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('svg.sequence');
  return { page, frame, errors, requests };
}

/** What the LMS holds: the run-time's data as it would send it to the LMS. */
function lms(page, version) {
  return page.evaluate((v) => {
    const { cmi: c } = (v === '1.2' ? window.API : window.API_1484_11).renderCMIToJSONObject();
    if (v === '1.2') {
      return { status: c.core.lesson_status, raw: c.core.score.raw, exit: c.core.exit, suspend: c.suspend_data };
    }
    return { completion: c.completion_status, success: c.success_status, scaled: c.score.scaled, raw: c.score.raw, exit: c.exit, suspend: c.suspend_data };
  }, version);
}

async function answer(frame, values) {
  const boxes = await frame.$$('.fill-grid input[type=text]');
  assert.equal(boxes.length, values.length);
  for (const [i, box] of boxes.entries()) await box.fill(values[i]);
  await frame.click('.exercise button.primary');
  await frame.waitForSelector('.exercise.checked');
}

for (const version of ['1.2', '2004']) {
  test(`SCORM ${version}: the LMS receives the learner's score, completion and success, and a relaunch resumes`, async () => {
    const { manifest, href } = makePackage(version);
    assert.match(manifest, version === '1.2' ? /<schemaversion>1\.2</ : /<schemaversion>2004 4th Edition</);
    assert.match(href, /^index\.html\?scorm=/);

    // First launch: the learner's own numbers; under way until checked.
    const first = await openInLms(version, href, 'learner-7');
    const { page, frame } = first;
    await frame.waitForSelector('.exercise.fill');
    assert.match(await frame.textContent('.exercise .student'), /learner-7/, 'the LMS\'s learner is the student');
    const opened = await lms(page, version);
    assert.equal(version === '1.2' ? opened.status : opened.completion, 'incomplete');

    // Three of five right: failed (below the 80 % pass mark).
    await answer(frame, ['0', '0', '0', '0', '0']);
    const rights = await frame.$$eval('.fill-results tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
    await frame.click('.exercise.checked button');
    await answer(frame, [rights[0], rights[1], rights[2], '0', '0']);
    assert.match(await frame.textContent('.exercise .verdict'), /3 of 5 fields right/);
    let got = await lms(page, version);
    if (version === '1.2') {
      assert.deepEqual([got.status, got.raw], ['failed', '60']);
    } else {
      assert.deepEqual([got.completion, got.success, got.scaled, got.raw], ['completed', 'failed', '0.6', '3']);
    }
    // All right: passed.
    await frame.click('.exercise.checked button');
    await answer(frame, rights);
    got = await lms(page, version);
    if (version === '1.2') {
      assert.deepEqual([got.status, got.raw], ['passed', '100']);
    } else {
      assert.deepEqual([got.completion, got.success, got.scaled, got.raw], ['completed', 'passed', '1', '5']);
    }
    assert.match(got.suspend, /^answers=.*&checked=1$/);
    // Leaving keeps the session for a relaunch.
    await frame.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    got = await lms(page, version);
    assert.equal(got.exit, 'suspend');
    // Nothing was fetched from anywhere but the LMS's own server.
    const host = new URL(url).host;
    assert.deepEqual(first.requests.filter((r) => new URL(r).host !== host), []);
    assert.deepEqual(first.errors, []);
    await page.close();

    // Relaunch with what the LMS kept: the same numbers and the checked answers.
    const again = await openInLms(version, href, 'learner-7', { suspend_data: got.suspend });
    await again.frame.waitForSelector('.exercise.checked');
    assert.match(await again.frame.textContent('.exercise .verdict'), /5 of 5 fields right/);
    const resumed = await again.frame.$$eval('.fill-results tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(resumed, rights);
    assert.deepEqual(again.errors, []);
    await again.page.close();
  });
}

test('the page makes the package of the exercise on show, and the LMS takes it', async () => {
  const app = await serve(dist);
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}${new URL(LINK).search}&student=teacher`);
    await page.click('details.author-panel summary');
    await page.waitForSelector('.author .scorm-2004');
    // The panel starts from the exercise on show.
    assert.match(await page.inputValue('.author textarea'), /exercise=fill&ask=1%2C2%2C3&vary=isn%2Cdelay/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.author .scorm-2004')]);
    assert.equal(download.suggestedFilename(), 'synack-scorm-2004.zip');
    const zip = path.join(site, 'from-page.zip');
    await download.saveAs(zip);
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(site, 'from-page')]);
    // The teacher's own student and progress stay out of it; every file is in.
    const manifest = fs.readFileSync(path.join(site, 'from-page', 'imsmanifest.xml'), 'utf8');
    const href = manifest.match(/ href="(index\.html\?[^"]+)"/)[1].replaceAll('&amp;', '&');
    assert.ok(!href.includes('student='), href);
    const listed = fs.readFileSync(path.join(dist, 'files.txt'), 'utf8').trim().split('\n');
    for (const f of listed) assert.ok(fs.existsSync(path.join(site, 'from-page', f)), `${f} is in the package`);
    assert.deepEqual(errors, []);
    await page.close();
    // Launched from the LMS, it reports.
    const lmsRun = await openInLms('from-page', href, 'learner-9');
    await lmsRun.frame.waitForSelector('.exercise.fill');
    await answer(lmsRun.frame, ['0', '0', '0', '0', '0']);
    const got = await lmsRun.page.evaluate(() => window.API_1484_11.renderCMIToJSONObject().cmi);
    assert.deepEqual([got.completion_status, got.success_status, got.score.scaled], ['completed', 'failed', '0']);
    await lmsRun.page.close();
  } finally {
    app.server.close();
  }
});

test('a teacher makes a per-student exercise with boxes, tries it, and its package reaches the LMS', async () => {
  const app = await serve(dist);
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}?scenario=syn-ack-lost`);
    await page.waitForSelector('svg.sequence');
    await page.click('details.author-panel summary');
    await page.waitForSelector('.author');
    // Hide the flags too; ask about segments 2 to 4; a lost segment per student.
    await page.locator('.author label:has-text("flags") input').check();
    const asked = page.locator('.author .ask input');
    await asked.nth(0).uncheck();
    for (let i = (await asked.count()) - 1; i >= 4; i--) await asked.nth(i).uncheck();
    await page.locator('.author label:has-text("the lost segment") input').check();
    const link = await page.inputValue('.author textarea');
    assert.match(link, /exercise=fill&hide=flags%2Cseq%2Cack&ask=2%2C3%2C4&vary=isn%2Cdelay%2Cdata%2Closs/);
    // Its package, for the LMS.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.author .scorm-12')]);
    const zip = path.join(site, 'authored.zip');
    await download.saveAs(zip);
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(site, '1.2-authored')]);
    const manifest = fs.readFileSync(path.join(site, '1.2-authored', 'imsmanifest.xml'), 'utf8');
    const href = manifest.match(/ href="(index\.html\?[^"]+)"/)[1].replaceAll('&amp;', '&');
    // Tried as a student first: the page becomes the exercise.
    await page.click('.author a.try');
    await page.waitForSelector('.exercise.fill form.student');
    assert.equal(await page.$$eval('.fill-grid tbody tr', (rows) => rows.length), 3);
    assert.deepEqual(errors, []);
    await page.close();
    // In the LMS: the learner's own run, graded and reported.
    const lmsRun = await openInLms('1.2-authored', href, 'learner-3');
    await lmsRun.frame.waitForSelector('.exercise.fill .student:not(form)');
    const boxes = await lmsRun.frame.$$('.fill-grid input[type=text]');
    for (const b of boxes) await b.fill('0');
    await lmsRun.frame.click('.exercise button.primary');
    await lmsRun.frame.waitForSelector('.exercise.checked');
    const got = await lmsRun.page.evaluate(() => window.API.renderCMIToJSONObject().cmi.core);
    assert.equal(got.lesson_status, 'failed');
    assert.match(got.score.raw, /^\d+$/);
    assert.deepEqual(lmsRun.errors, []);
    await lmsRun.page.close();
  } finally {
    app.server.close();
  }
});

test('SCORM 2004: playing an endpoint, each move is kept as it is made, a relaunch resumes mid-game, and the score arrives at the end', async () => {
  const { href } = makePackage('2004', 'https://teacher.example/?exercise=play&vary=isn', '2004-play');
  const first = await openInLms('2004-play', href, 'learner-5');
  const send = async (frame, flags, seq, ack) => {
    await frame.waitForSelector('form.play-move');
    for (const f of flags) await frame.check(`form.play-move input[value=${f}]`);
    await frame.fill('form.play-move input[name=seq]', seq);
    await frame.fill('form.play-move input[name=ack]', ack);
    await frame.click('form.play-move button[type=submit]');
  };
  await send(first.frame, ['SYN', 'ACK'], '0', '1');
  await first.frame.waitForSelector('.play-results');
  // Kept at once, before the run is over.
  await first.page.waitForFunction(() => /moves=/.test(window.API_1484_11.renderCMIToJSONObject().cmi.suspend_data));
  let got = await lms(first.page, '2004');
  assert.equal(got.completion, 'incomplete');
  await first.frame.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  got = await lms(first.page, '2004');
  assert.deepEqual(first.errors, []);
  await first.page.close();
  // Relaunched: the first move is there, the second is due.
  const again = await openInLms('2004-play', href, 'learner-5', { suspend_data: got.suspend });
  await again.frame.waitForSelector('.play-results tbody[data-move="0"]');
  await again.frame.click('form.play-move button.play-nothing');
  await again.frame.waitForSelector('.exercise.play.checked');
  got = await lms(again.page, '2004');
  assert.deepEqual([got.completion, got.success, got.scaled, got.raw], ['completed', 'passed', '1', '2']);
  assert.deepEqual(again.errors, []);
  await again.page.close();
});

test('SCORM 1.2: predicting each segment reports its score once every one is answered', async () => {
  const { href } = makePackage('1.2', 'https://teacher.example/?exercise=predict&vary=isn', '1.2-predict');
  const run = await openInLms('1.2-predict', href, 'learner-6');
  const { frame, page } = run;
  await frame.click('.playback .play');
  for (let i = 0; i < 3; i++) {
    await frame.waitForSelector('.quiz form');
    await frame.click('.quiz button[type="button"]');
    await frame.click('.quiz button.primary');
  }
  await frame.waitForSelector('.quiz.summary');
  const got = await lms(page, '1.2');
  assert.deepEqual([got.status, got.raw], ['failed', '0']);
  assert.match(decodeURIComponent(got.suspend), /predicted=-,-,-/);
  assert.deepEqual(run.errors, []);
  await page.close();
});

test('a bad link is refused by the package maker, saying why', () => {
  const run = (link) => {
    try {
      execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'synack', '--', 'scorm', '--link', link,
        '--dist', dist, '--out', path.join(site, 'bad.zip')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      return '';
    } catch (e) {
      return e.stderr.toString();
    }
  };
  assert.match(run('?exercise=essay'), /not a valid exercise:\n  Ignored exercise=essay: expected fill, order, play or predict/);
  assert.match(run('?scenario=handshake'), /has no exercise/);
  assert.match(run('?exercise=fill&student=bob'), /leave student= out/);
  assert.match(run('?exercise=play&moves=-'), /leave a student's progress out/);
  assert.ok(!fs.existsSync(path.join(site, 'bad.zip')));
});
