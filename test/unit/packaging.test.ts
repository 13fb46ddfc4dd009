import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the packaged build (electron-builder)', () => {
  it('sets the Electron fuses that close the usual doors', () => {
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the Electron build of the native module where main.ts looks for it, and leaves node_modules alone', () => {
    expect(pkg.build.extraResources).toContainEqual({ from: 'native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    expect(readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8')).toContain("join(process.resourcesPath, 'native', 'better_sqlite3.node')");
    // electron-builder's rebuild would overwrite the Node build that tests and the CLI use.
    expect(pkg.build.npmRebuild).toBe(false);
  });

  it('never packages the preview server, the CLI or the tests', () => {
    expect(pkg.build.files).toEqual(['dist/renderer/**', 'dist-electron/**', 'package.json']);
    const main = readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    const imports = [...main.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(3);
    expect(imports.filter((p) => /preview-server|preview-main|\/cli(\/|$)|^\.\/cli/.test(p))).toEqual([]);
  });
});
