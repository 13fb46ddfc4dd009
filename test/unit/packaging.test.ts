import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the packaged build (electron-builder)', () => {
  it('sets the Electron fuses that close the usual doors', () => {
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    expect(pkg.build.asar).toBe(true);
  });

  it('ships the Electron build of the native module where main.ts looks for it, and leaves node_modules alone', () => {
    expect(pkg.build.extraResources).toContainEqual({ from: 'native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    expect(readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8')).toContain("join(process.resourcesPath, 'native', 'better_sqlite3.node')");
    // electron-builder's rebuild would overwrite the Node build that tests and the CLI use.
    expect(pkg.build.npmRebuild).toBe(false);
  });

  it('never packages the preview server, the CLI or the tests', () => {
    expect(pkg.build.files.filter((f: string) => !f.startsWith('!'))).toEqual(['dist/renderer/**', 'dist-electron/**', 'package.json']);
    const main = readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    const imports = [...main.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(3);
    expect(imports.filter((p) => /preview-server|preview-main|\/cli(\/|$)|^\.\/cli/.test(p))).toEqual([]);
  });
});

// Issue 8: installers for committee PCs. Nothing here packages (no Electron binary, no network on this machine):
// the configuration is checked as electron-builder itself would read it, and the release workflow builds for real.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
const build = pkg.build;
const arches = (platform: string, target: string): string[] =>
  build[platform].target.find((t: { target: string }) => t.target === target)?.arch ?? [];

/** The PNG's width and height from its IHDR chunk. */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe('installers for committee PCs (issue 8)', () => {
  it('is a configuration electron-builder accepts, option names included', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const quiet = { isEnabled: false, add() {} };
    await expect(validateConfiguration(build, quiet)).resolves.toBeUndefined();
    // The check is real: a misspelt option is refused.
    await expect(validateConfiguration({ ...build, nsis: { ...build.nsis, perMachin: false } }, quiet)).rejects.toThrow(/nsis/);
  });

  it('builds NSIS for 64-bit Windows, deb and AppImage for Linux x64 and arm64, and a dmg', () => {
    expect(arches('win', 'nsis')).toEqual(['x64']); // Electron supports 64-bit Windows 10 and later only
    expect(arches('linux', 'deb')).toEqual(['x64', 'arm64']); // UOS and Kylin: Debian-based, both architectures
    expect(arches('linux', 'AppImage')).toEqual(['x64', 'arm64']);
    expect(arches('mac', 'dmg').length).toBeGreaterThan(0);
    expect(JSON.stringify(build)).not.toMatch(/loong/i); // no LoongArch build yet (docs/release.md)
  });

  it('installs per user in Chinese with a desktop shortcut named 调解台, and keeps the data on uninstall', () => {
    expect(build.nsis).toMatchObject({
      oneClick: false, perMachine: false, installerLanguages: ['zh_CN'], language: '2052',
      createDesktopShortcut: 'always', createStartMenuShortcut: true, shortcutName: '调解台', deleteAppDataOnUninstall: false,
    });
    const nsh = readFileSync(join(ROOT, build.nsis.include));
    expect([...nsh.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // makensis reads a BOM-less include as ANSI: the Chinese would break
    const script = nsh.toString('utf8');
    expect(script).toContain('!macro customUnInstall');
    // An upgrade runs the old uninstaller: it must never ask, nor delete; a silent uninstall answers No.
    expect(script).toMatch(/\$\{ifNot\} \$\{isUpdated\}[\s\S]*MessageBox[^\n]*MB_DEFBUTTON2[^\n]*\/SD IDNO IDNO/);
    expect(script).toContain('RMDir /r "$APPDATA\\Tiaojie"');
  });

  it('names the product 调解台 / Tiaojie, keeps the data folder on the ASCII name, and takes the version from package.json', () => {
    // Electron's userData is <appData>/<productName>: paths.ts finds the same folder for the CLI.
    expect(build.productName).toBe('Tiaojie');
    expect(pkg.productName).toBe('Tiaojie');
    expect(readFileSync(join(ROOT, 'electron/core/app/paths.ts'), 'utf8')).toContain("'Tiaojie')");
    expect(build.linux.executableName).toBe('tiaojie');
    expect(build.win.executableName).toBe('Tiaojie');
    expect(build.linux.desktop.entry.Name).toBe('调解台');
    expect(build.nsis.uninstallDisplayName).toBe('调解台 ${version}');
    expect(build.dmg.title).toBe('调解台 ${version}');
    expect(build.appId).toBe('org.tiaojie.desktop');
    // No version of its own: electron-builder takes package.json's.
    expect(build.buildVersion ?? build.extraMetadata?.version).toBeUndefined();
    expect(build.artifactName).toBe('Tiaojie-${version}-${os}-${arch}.${ext}');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('packages the app without tests, benchmarks, source maps or the Node build of the native module', () => {
    const patterns = build.files.map((f: string) => ({ not: f.startsWith('!'), m: new Minimatch(f.replace(/^!/, ''), { dot: true }) }));
    // electron-builder's rule: the app's own files by the positive patterns, production node_modules besides; then the exclusions.
    const packed = (path: string) =>
      (path.startsWith('node_modules/') || patterns.some((p: { not: boolean; m: Minimatch }) => !p.not && p.m.match(path)))
      && !patterns.some((p: { not: boolean; m: Minimatch }) => p.not && p.m.match(path));
    expect(packed('dist-electron/main.cjs')).toBe(true);
    // The export's and the office import's worker threads (started beside main.cjs: record-thread.ts, package-host.ts).
    expect(packed('dist-electron/record-worker.cjs')).toBe(true);
    expect(packed('dist-electron/package-worker.cjs')).toBe(true);
    expect(packed('dist/renderer/index.html')).toBe(true);
    expect(packed('node_modules/typeorm/index.js')).toBe(true);
    expect(packed('node_modules/better-sqlite3-multiple-ciphers/lib/database.js')).toBe(true);
    for (const path of ['dist-electron/main.cjs.map', 'dist/renderer/assets/index.js.map', 'node_modules/typeorm/index.js.map',
      'test/unit/packaging.test.ts', 'bench/run.ts', 'node_modules/zod/test/a.js', 'node_modules/x/__tests__/b.js', 'electron/main.ts',
      'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3-multiple-ciphers/deps/sqlite3/sqlite3.c', 'native/electron/better_sqlite3.node']) {
      expect(packed(path), path).toBe(false);
    }
  });

  it('keeps the native module outside the asar (extraResources), so no asarUnpack is needed', () => {
    // resources/native/better_sqlite3.node sits beside app.asar, never in it; main.ts hands that path to TypeORM.
    expect(build.extraResources).toEqual([{ from: 'native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
    expect(build.asarUnpack).toBeUndefined();
    // npm run dist refuses to package without the Electron build (electron-builder would only warn).
    expect(pkg.scripts.dist).toMatch(/node scripts\/dist-check\.mjs && electron-builder/);
    expect(readFileSync(join(ROOT, 'scripts/dist-check.mjs'), 'utf8')).toContain("join('native', 'electron', 'better_sqlite3.node')");
    // npm start builds it when missing, leaving node_modules' Node build to the tests and the CLI.
    expect(readFileSync(join(ROOT, 'scripts/start.mjs'), 'utf8')).toContain("'electron-native.mjs'");
  });

  it('has the icons every target names, at every size', () => {
    const dir = join(ROOT, build.linux.icon);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(dir, `${size}x${size}.png`))), `${size}x${size}.png`).toEqual([size, size]);
    }
    const ico = readFileSync(join(ROOT, build.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = readFileSync(join(ROOT, build.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('releases from a tag on Windows, Linux x64 and arm64 and macOS, testing the packaged app first', () => {
    const text = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8');
    const yaml = require('js-yaml') as { load(s: string): Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const wf = yaml.load(text);
    expect(wf.on.push.tags).toEqual(['v*']);
    const job = wf.jobs.package;
    expect(job.strategy.matrix.include.map((m: { os: string }) => m.os)).toEqual(['windows-latest', 'ubuntu-latest', 'ubuntu-24.04-arm', 'macos-latest']);
    const runs: string[] = job.steps.map((s: { run?: string; uses?: string }) => s.run ?? s.uses ?? '');
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    expect(at(/^npm ci$/)).toBeGreaterThanOrEqual(0);
    // In order: native module, build, unpacked app, the spec against it (xvfb on Linux), installers, fuses, upload.
    const order = [/native:electron/, /^npm run build$/, /electron-builder .*--dir/, /xvfb-run -a npx playwright test test\/e2e\/electron\.spec\.ts/,
      /npm run dist/, /check-fuses\.mjs/, /action-gh-release/].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(job.steps.filter((s: { env?: Record<string, string> }) => s.env?.TIAOJIE_PACKAGED_APP)).toHaveLength(3);
    expect(readFileSync(join(ROOT, 'test/e2e/electron.spec.ts'), 'utf8')).toContain('process.env.TIAOJIE_PACKAGED_APP');
  });
});
