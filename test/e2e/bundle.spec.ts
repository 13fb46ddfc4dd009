import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const MAIN = resolve('dist-electron/main.cjs');

// Loads the built main process under Node with a stand-in `electron` whose every property and call
// answers with itself: the bundle's own code (and every library bundled into it) must load and run to
// where it waits on Electron. Catches bundling faults the source-level tests cannot see.
const LOADER = `
const Module = require('node:module');
const fake = new Proxy(function () {}, {
  get: (_t, k) => (k === Symbol.toPrimitive ? () => '' : k === 'then' ? () => fake : fake),
  apply: () => fake,
  construct: () => fake,
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? fake : load.call(this, request, ...rest); };
// What Electron sets on process.
process.resourcesPath = process.env.TIAOJIE_USER_DATA;
process.on('uncaughtException', (e) => { console.error('UNCAUGHT', e && e.stack || e); process.exit(3); });
process.on('unhandledRejection', (e) => { console.error('UNHANDLED', e && e.stack || e); process.exit(4); });
require(process.argv[1]);
setTimeout(() => process.exit(0), 1500);
`;

test('the built main process loads: every bundled library evaluates under CommonJS', () => {
  expect(existsSync(MAIN), 'npm run build makes dist-electron/main.cjs').toBe(true);
  // A user-data folder from the environment, so the stand-in's answers are never used as a path.
  const env = { ...process.env, TIAOJIE_USER_DATA: resolve('test-results/bundle-user-data') };
  const r = spawnSync(process.execPath, ['-e', LOADER, MAIN], { encoding: 'utf8', timeout: 30_000, env });
  expect(r.stderr).not.toMatch(/TypeError|ReferenceError|SyntaxError|Cannot find module/);
  expect(r.status, r.stderr).toBe(0);
});
