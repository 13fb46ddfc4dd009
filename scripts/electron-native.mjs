#!/usr/bin/env node
// `npm run native:electron`: builds better-sqlite3-multiple-ciphers for Electron's ABI into
// native/electron/better_sqlite3.node, leaving node_modules' Node build untouched for the
// tests, the CLI and the benchmarks (ARCHITECTURE.md, Data: two builds of the native module).
//
// Needs what any native build needs: Python 3, a C++20 compiler (Visual Studio Build Tools on
// Windows), and network access to Electron's headers (https://electronjs.org/headers, or a mirror
// given in TIAOJIE_ELECTRON_HEADERS_URL).
//
// If a future Electron's Node needs a newer major of the module than Node 20 can load, keep the
// Node build as it is and take the Electron one under an npm alias for the Electron build only,
// e.g. "better-sqlite3-electron": "npm:better-sqlite3-multiple-ciphers@<new major>" in
// devDependencies, and set MODULE below to that alias: this script copies whatever MODULE names.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const MODULE = 'better-sqlite3-multiple-ciphers';
const SOURCE = join(ROOT, 'node_modules', MODULE);
const WORK = join(ROOT, 'native', 'electron-src');
const TARGET = join(ROOT, 'native', 'electron', 'better_sqlite3.node');
const HEADERS = process.env.TIAOJIE_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';

function fail(zh, en, code = 1) {
  console.error(`\n✗ ${zh}\n  ${en}\n`);
  process.exit(code);
}

function electronVersion() {
  const file = join(ROOT, 'node_modules', 'electron', 'package.json');
  if (!existsSync(file)) fail('找不到 node_modules/electron，请先运行 npm install。', 'node_modules/electron is missing: run npm install first.');
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** node-gyp as npm itself would run it: npm's setting first, then npm's own copy beside Node. */
function findNodeGyp() {
  const prefix = dirname(process.execPath);
  const candidates = [
    process.env.npm_config_node_gyp,
    // npm_execpath is <npm>/bin/npm-cli.js when run through npm.
    process.env.npm_execpath && join(dirname(dirname(process.env.npm_execpath)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    // Unix: <prefix>/bin/node and <prefix>/lib/node_modules/npm.
    join(prefix, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    // Windows: node.exe and node_modules\npm side by side.
    join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    // The project's own copy (a dependency of the packaging tools).
    join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

const version = electronVersion();
if (!existsSync(join(SOURCE, 'binding.gyp'))) {
  fail(`找不到 node_modules/${MODULE}，请先运行 npm install。`, `node_modules/${MODULE} is missing: run npm install first.`);
}
const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  fail('找不到 node-gyp（通常随 npm 一起安装）。请通过 npm run native:electron 运行本脚本，或安装 node-gyp。',
    'node-gyp was not found (it normally ships with npm). Run this through `npm run native:electron`, or install node-gyp.');
}

// A private copy, so the rebuild never touches the Node build in node_modules.
console.log(`Building ${MODULE} for Electron ${version} in ${relative(ROOT, WORK)} …`);
rmSync(WORK, { recursive: true, force: true });
mkdirSync(dirname(WORK), { recursive: true });
const skip = join(SOURCE, 'build');
cpSync(SOURCE, WORK, {
  recursive: true,
  dereference: true,
  filter: (p) => p !== skip && !p.startsWith(skip + sep),
});

const args = [
  nodeGyp, 'rebuild', '--release',
  '--runtime=electron', `--target=${version}`, `--dist-url=${HEADERS}`,
];
console.log(`> node ${args.join(' ')}`);
// node-gyp lets npm_config_* variables override its command line: an outer npm configuration
// (say, target= in an .npmrc) must not change what this builds, so they say the same.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  // nodedir above all: a machine-wide nodedir=/usr would build against Node's headers, silently.
  if (/^npm_(package_config_node_gyp|config)_(target|dist_?url|runtime|nodedir|build_from_source)$/i.test(key)) delete env[key];
}
Object.assign(env, { npm_config_target: version, npm_config_dist_url: HEADERS, npm_config_runtime: 'electron' });
const result = spawnSync(process.execPath, args, { cwd: WORK, stdio: 'inherit', env });

const built = join(WORK, 'build', 'Release', 'better_sqlite3.node');
if (result.error || result.status !== 0 || !existsSync(built)) {
  fail(
    `为 Electron ${version} 编译数据库组件失败。常见原因：无法连接 ${HEADERS} 下载 Electron 头文件（需要联网，或用 TIAOJIE_ELECTRON_HEADERS_URL 指定镜像）；缺少 Python 3 或 C++ 编译器。`,
    `Building the database module for Electron ${version} failed. Usual causes: ${HEADERS} could not be reached to download Electron's headers (needs internet, or a mirror in TIAOJIE_ELECTRON_HEADERS_URL); Python 3 or a C++ compiler is missing.`,
    result.status || 1,
  );
}

// The module must carry Electron's ABI, not Node's: check which headers node-gyp really used.
const gypConfig = readFileSync(join(WORK, 'build', 'config.gypi'), 'utf8');
const nodedir = /"nodedir":\s*"([^"]*)"/.exec(gypConfig)?.[1] ?? '';
const got = /"node_module_version":\s*(\d+)/.exec(gypConfig)?.[1] ?? '?';
const abiFile = join(ROOT, 'node_modules', 'electron', 'abi_version');
const wanted = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : null;
const electronHeaders = basename(nodedir.replace(/[\\/]+$/, '')) === version;
if (!electronHeaders || (wanted && /"built_with_electron"/.test(gypConfig) && got !== wanted)) {
  fail(
    `编译用的不是 Electron ${version} 的头文件（${nodedir}，ABI ${got}）：检查 npm 配置中的 nodedir。未复制。`,
    `The build did not use Electron ${version}'s headers (${nodedir}, ABI ${got}): check nodedir in the npm configuration. Not copied.`,
  );
}

mkdirSync(dirname(TARGET), { recursive: true });
cpSync(built, TARGET);
console.log(`✓ ${relative(ROOT, TARGET)} (Electron ${version}, ABI ${got}, ${process.platform}-${process.arch})`);
