#!/usr/bin/env node
// Builds everything that ships: main process and CLI (tsc → dist/main), the preload (one CommonJS
// bundle: sandboxed preloads cannot load ESM or their own files) and the renderer (one browser
// bundle plus its HTML and CSS), and the icons. Run by `npm run build` and by `prepare` after `npm ci`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = path.join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
const bin = path.join(dist, 'main/cli/bin.js');
if (existsSync(bin)) chmodSync(bin, 0o755);

// Tray and app icons from the SVG sources in assets/svg (never committed: assets/generated/).
const { generateIcons } = await import('./icons.mjs');
await generateIcons({ outDir: path.join(root, 'assets/generated') });

const esbuild = await import('esbuild');
if (existsSync(path.join(root, 'main/preload/index.ts'))) {
  await esbuild.build({
    entryPoints: [path.join(root, 'main/preload/index.ts')],
    outfile: path.join(dist, 'preload/preload.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
    logLevel: 'warning',
  });
}
if (existsSync(path.join(root, 'renderer/index.ts'))) {
  const { bundleRenderer } = await import('./bundle-renderer.mjs');
  await bundleRenderer(path.join(dist, 'renderer'));
}
console.log('build: dist/ written');
