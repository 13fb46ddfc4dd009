import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const probes: string[] = [];

/** Lints a throwaway file placed where the rule applies, and returns the rules it broke. */
async function violations(relPath: string, source: string): Promise<string[]> {
  const file = join(ROOT, relPath);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, source);
  probes.push(file);
  const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file]);
  return result.messages.map((m) => m.ruleId ?? m.message);
}

afterAll(() => probes.forEach((f) => rmSync(f, { force: true })));

describe('import rules (ARCHITECTURE.md)', () => {
  it('refuses electron/** and node:* in the renderer', async () => {
    expect(await violations('renderer/__probe_a.ts', "import { AppCore } from '../electron/core/app/app-core';\nexport const x = AppCore;\n")).toContain('no-restricted-imports');
    expect(await violations('renderer/__probe_b.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await violations('renderer/__probe_c.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toContain('no-restricted-imports');
  });

  it('refuses the electron package in the core', async () => {
    expect(await violations('electron/core/__probe_d.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
    expect(await violations('electron/core/__probe_e.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n")).toContain('no-restricted-imports');
  });

  it('keeps shared/ to zod and itself', async () => {
    expect(await violations('shared/__probe_f.ts', "import react from 'react';\nexport const x = react;\n")).toContain('no-restricted-imports');
    expect(await violations('shared/__probe_g.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
  });
});
