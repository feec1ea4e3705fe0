// The renderer bundle, built one way for everything that loads it: `npm run build` (dist/renderer),
// the preview script and the renderer benchmark. One browser bundle (renderer.js) plus index.html
// and styles.css copied beside it.
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles renderer/index.ts into `outDir`/renderer.js and copies index.html and styles.css.
 * @param {string} outDir output folder (created if missing)
 * @returns {Promise<void>} rejects when esbuild reports an error or a file is missing
 */
export async function bundleRenderer(outDir) {
  const esbuild = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'renderer/index.ts')],
    outfile: path.join(outDir, 'renderer.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome140',
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'styles.css']) cpSync(path.join(root, 'renderer', f), path.join(outDir, f));
}
