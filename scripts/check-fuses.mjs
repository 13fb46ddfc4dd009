#!/usr/bin/env node
// `node scripts/check-fuses.mjs <packaged executable or .app>`: reads the fuses electron-builder flipped in a
// packaged build and fails unless each one is as package.json's build.electronFuses says (release workflow).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const ENABLE = '1'.charCodeAt(0); // @electron/fuses' FuseState.ENABLE; '0' is DISABLE

const app = process.argv[2];
if (!app) {
  console.error('usage: node scripts/check-fuses.mjs <path to the packaged executable or .app>');
  process.exit(2);
}
const wanted = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).build.electronFuses;
const wire = await getCurrentFuseWire(resolve(app));
const wrong = [];
for (const [option, on] of Object.entries(wanted)) {
  const name = option[0].toUpperCase() + option.slice(1); // runAsNode → RunAsNode
  const actual = wire[FuseV1Options[name]] === ENABLE;
  console.log(`  ${name}: ${actual ? 'on' : 'off'}${actual === on ? '' : `  ✗ expected ${on ? 'on' : 'off'}`}`);
  if (actual !== on) wrong.push(name);
}
if (wrong.length > 0) {
  console.error(`✗ ${app}: fuses not as configured: ${wrong.join(', ')}`);
  process.exit(1);
}
console.log(`✓ ${app}: every fuse as package.json's build.electronFuses says`);
