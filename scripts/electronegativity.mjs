#!/usr/bin/env node
// Electronegativity over the built JavaScript (dist-electron/*.cjs and dist/renderer/index.html;
// `--renderer-js` adds the renderer bundle, another ~20 s), run by `npm test` after the build. Fails
// when a HIGH or MEDIUM finding has no reason in scripts/electronegativity-findings.json (keyed by
// check, file and the code it points at), or when the main-process bundle could reach the network.
//
// Offline by design: the scanner's HTTP client is replaced before it loads (it would fetch
// translations and Electron's release list), and any socket it might still open is refused.
// Electronegativity 1.10.3 skips `.cjs` files and cannot walk ES2022 class static blocks, so the
// files are scanned from a temporary copy named `.js` and lowered to ES2021 (Vite's Oxc transform).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const EXPLAINED = join(import.meta.dirname, 'electronegativity-findings.json');
// Needs Electron's release list from GitHub: the Electron version is pinned in package.json instead.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const fail = (message) => {
  console.error(`electronegativity: ${message}`);
  process.exit(1);
};

// Staged copy (scanned name) → the built file it stands for (reported name).
function builtFiles(rendererJs) {
  const files = [
    ['electron/main.js', 'dist-electron/main.cjs'],
    ['electron/preload.js', 'dist-electron/preload.cjs'],
    ['renderer/index.html', 'dist/renderer/index.html'],
  ];
  const assets = join(ROOT, 'dist', 'renderer', 'assets');
  if (rendererJs && existsSync(assets)) {
    for (const name of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      files.push([`renderer/assets/${name}`, `dist/renderer/assets/${name}`]);
    }
  }
  for (const [, built] of files) {
    if (!existsSync(join(ROOT, built))) fail(`${built} is missing: run \`npm run build\` first`);
  }
  if (rendererJs && !files.some(([, built]) => built.startsWith('dist/renderer/assets/'))) fail('dist/renderer/assets has no JavaScript: run `npm run build` first');
  return files;
}

/** No network for the scanner: its `got` answers every call with an error, and sockets are refused. */
function cutNetwork() {
  const scanner = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const offline = () => Promise.reject(new Error('offline: the scan uses no network'));
  const got = Object.assign(offline, { head: offline, get: offline, extend: () => got });
  const path = scanner.resolve('got');
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = got;
  require.cache[path] = stub;
  net.Socket.prototype.connect = function refused() {
    throw new Error('electronegativity: network access attempted during the scan');
  };
}

async function stage(files) {
  const { transformWithOxc } = await import(require.resolve('vite'));
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-electronegativity-'));
  for (const [staged, built] of files) {
    const target = join(dir, staged);
    mkdirSync(join(target, '..'), { recursive: true });
    if (!staged.endsWith('.js')) {
      copyFileSync(join(ROOT, built), target);
      continue;
    }
    const { code } = await transformWithOxc(readFileSync(join(ROOT, built), 'utf8'), target, { lang: 'js', target: 'es2021', sourcemap: false });
    writeFileSync(target, code);
  }
  return dir;
}

function loadExplanations() {
  const list = JSON.parse(readFileSync(EXPLAINED, 'utf8'));
  if (!Array.isArray(list)) fail(`${relative(ROOT, EXPLAINED)} must be an array`);
  for (const e of list) {
    if (typeof e.check !== 'string' || typeof e.file !== 'string' || typeof e.reason !== 'string' || e.reason.trim().length < 20) {
      fail(`${relative(ROOT, EXPLAINED)}: every entry needs check, file and a reason (got ${JSON.stringify(e)})`);
    }
  }
  return list;
}

// Offline by design (issue 8): the session guard cannot see Node's own sockets, so the bundle may
// not contain them, nor Electron's updater, crash uploader or net module.
const PHONING_HOME = [
  [/require\("(?:node:)?(?:https?|http2|net|tls|dgram)"\)/, 'a Node network module'],
  [/\bautoUpdater\b|electron-updater/, 'an auto-updater'],
  [/\bcrashReporter\b/, "Electron's crash reporter (uploads reports)"],
  [/\belectron\.net\b|\bnet\.request\(/, "Electron's net module"],
];

function auditOffline() {
  const problems = [];
  for (const built of ['dist-electron/main.cjs', 'dist-electron/preload.cjs']) {
    const text = readFileSync(join(ROOT, built), 'utf8');
    for (const [pattern, what] of PHONING_HOME) {
      const hit = pattern.exec(text);
      if (hit) problems.push(`${built}:${text.slice(0, hit.index).split('\n').length} uses ${what} (${hit[0]})`);
    }
  }
  if (problems.length > 0) fail(`the app must make no network request:\n  ${problems.join('\n  ')}`);
}

async function main() {
  const started = Date.now();
  const files = builtFiles(process.argv.includes('--renderer-js'));
  auditOffline();
  const explanations = loadExplanations();
  cutNetwork();
  const dir = await stage(files);
  const builtName = new Map(files.map(([staged, built]) => [staged, built]));
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

  const runner = require('@doyensec/electronegativity');
  const run = runner.default ?? runner;
  // The scanner chats on console.log (translations, progress); kept for a failure report only.
  const chatter = [];
  const log = console.log;
  console.log = (...args) => chatter.push(args.join(' '));
  let result;
  try {
    result = await run({
      input: dir, isRelative: true, electronVersionOverride: electronVersion,
      customScan: [], excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
    }, false);
  } finally {
    console.log = log;
  }

  // A file the scanner could not parse was not checked at all: that is a failure, not a pass.
  const broken = result.errors.filter((e) => !e.tolerable);
  if (broken.length > 0) {
    rmSync(dir, { recursive: true, force: true });
    fail(`could not scan ${broken.map((e) => `${builtName.get(relative(dir, e.file)) ?? e.file} (${e.message})`).join(', ')}`);
  }

  const lines = new Map();
  const codeAt = (file, line) => {
    if (file === 'N/A' || !line) return '';
    if (!lines.has(file)) lines.set(file, readFileSync(join(dir, file), 'utf8').split('\n'));
    return (lines.get(file)[line - 1] ?? '').trim();
  };
  // Lowering shifts lines: report the line of the same code in the built file, the nearest one.
  const builtLine = (built, code, near) => {
    if (!code || !existsSync(join(ROOT, built))) return near;
    const text = readFileSync(join(ROOT, built), 'utf8').split('\n');
    let best = near;
    let distance = Infinity;
    text.forEach((l, n) => {
      if (l.trim() === code && Math.abs(n + 1 - near) < distance) [best, distance] = [n + 1, Math.abs(n + 1 - near)];
    });
    return best;
  };
  const findings = result.issues.map((i) => {
    const file = builtName.get(i.file) ?? i.file;
    const code = codeAt(i.file, i.location?.line);
    return {
      check: i.id, file, line: builtLine(file, code, i.location?.line ?? 0),
      severity: i.severity.name, confidence: i.confidence.name, code,
    };
  });
  rmSync(dir, { recursive: true, force: true });

  const used = new Set();
  const explain = (f) => explanations.find((e, n) => {
    const hit = e.check === f.check && e.file === f.file && (!e.code || f.code.includes(e.code));
    if (hit) used.add(n);
    return hit;
  });
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const unexplained = serious.filter((f) => !explain(f));

  const show = (f) => `  ${f.severity.padEnd(6)} ${f.confidence.padEnd(9)} ${f.check}  ${f.file}${f.line ? `:${f.line}` : ''}${f.code ? `\n         ${f.code.slice(0, 140)}` : ''}`;
  const minor = findings.length - serious.length;
  log(`electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${files.length} built files (Electron ${electronVersion}), ${findings.length} findings (${serious.length} high/medium, ${minor} low/informational), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of serious.filter((s) => !unexplained.includes(s))) log(`${show(f)}\n         explained in ${relative(ROOT, EXPLAINED)}`);
  explanations.forEach((e, n) => {
    if (!used.has(n)) log(`  note: no finding matches the explanation for ${e.check} in ${e.file}${e.code ? ` (${e.code})` : ''}: remove it if the code is gone`);
  });
  if (unexplained.length > 0) {
    console.error(`\nelectronegativity: ${unexplained.length} high/medium finding(s) with no reason in ${relative(ROOT, EXPLAINED)}:`);
    for (const f of unexplained) console.error(show(f));
    console.error('\nFix the code, or add { "check", "file", "code", "reason" } for each finding that is not a real problem.');
    process.exit(1);
  }
  log('electronegativity: every high/medium finding is fixed or explained; no updater, crash upload or network module in the main process');
}

await main();
