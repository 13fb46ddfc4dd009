import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const OUT = here('./dist-electron');

// Electron 39: Node 22 in the main process, Chromium 142 in the (sandboxed) preload.
const MAIN_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome140';

// Loaded from node_modules at run time: the native module and the ORM that wraps it.
const MAIN_EXTERNAL = [
  'electron',
  /^electron\//,
  ...builtinModules,
  /^node:/,
  'better-sqlite3-multiple-ciphers',
  'typeorm',
  /^typeorm\//,
];

/**
 * `import.meta` has no meaning in CommonJS. Rolldown rewrites import.meta.url/dirname/filename
 * correctly, but replaces anything else with `{}` and only warns (EMPTY_IMPORT_META): here that
 * warning fails the build, and so does any `import.meta` left in the output text.
 */
function noImportMeta(): Plugin {
  return {
    name: 'tiaojie:no-import-meta-in-cjs',
    onLog(_level, log) {
      if (log.code === 'EMPTY_IMPORT_META') this.error(`import.meta has no CommonJS equivalent here: ${log.message}`);
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && /\bimport\.meta\b/.test(chunk.code)) {
          this.error(`${chunk.fileName} still contains import.meta, which CommonJS cannot load`);
        }
      }
    },
  };
}

/**
 * The preload runs sandboxed: it can `require('electron')` and nothing else, so it is one
 * self-contained CommonJS file (zod and the contract bundled in), built after main.
 */
const preloadConfig: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  plugins: [noImportMeta()],
  build: {
    outDir: OUT,
    emptyOutDir: false,
    target: PRELOAD_TARGET,
    minify: false,
    sourcemap: false,
    lib: {
      entry: here('./electron/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
      output: { codeSplitting: false },
    },
  },
};

/**
 * Worker threads' modules (record-thread.ts starts `record-worker.cjs`, package-host.ts `package-worker.cjs`, beside main.cjs): Node like main, with the same
 * externals, each one self-contained file.
 */
export const WORKERS = {
  'record-worker': here('./electron/core/exchange/record-worker.ts'),
  'package-worker': here('./electron/core/office/package-worker.ts'),
};
export const workerConfig = (name: string, entry: string): InlineConfig => ({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  plugins: [noImportMeta()],
  ssr: { target: 'node', noExternal: true },
  build: {
    ssr: entry,
    outDir: OUT,
    emptyOutDir: false,
    target: MAIN_TARGET,
    minify: false,
    sourcemap: false,
    rolldownOptions: { external: MAIN_EXTERNAL, output: { format: 'cjs', entryFileNames: `${name}.cjs`, codeSplitting: false } },
  },
});

function buildPreloadAfterMain(): Plugin {
  let built = false;
  return {
    name: 'tiaojie:build-preload',
    apply: 'build',
    async closeBundle() {
      if (built) return;
      built = true;
      await build(preloadConfig);
      for (const [name, entry] of Object.entries(WORKERS)) await build(workerConfig(name, entry));
    },
  };
}

// `npm run build:electron`: electron/main.ts → dist-electron/main.cjs, then electron/preload.ts →
// dist-electron/preload.cjs and the workers (dist-electron/record-worker.cjs, package-worker.cjs). All CommonJS (package.json is
// "type": "module", hence .cjs).
export default defineConfig({
  publicDir: false,
  plugins: [noImportMeta(), buildPreloadAfterMain()],
  // The main process is Node: resolve like Node, bundle our own code and pure-JS deps (zod).
  ssr: { target: 'node', noExternal: true },
  // jsbi (node-ical → @js-temporal/polyfill) is required from CommonJS and needs its CommonJS build:
  // the ESM one bundles into a main.cjs that throws "BigInt is not a function" as it loads.
  resolve: { alias: [{ find: /^jsbi$/, replacement: here('./node_modules/jsbi/dist/jsbi-cjs.js') }] },
  build: {
    ssr: here('./electron/main.ts'),
    outDir: OUT,
    emptyOutDir: true,
    target: MAIN_TARGET,
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      external: MAIN_EXTERNAL,
      output: {
        format: 'cjs',
        entryFileNames: 'main.cjs',
        codeSplitting: false,
      },
    },
  },
});
