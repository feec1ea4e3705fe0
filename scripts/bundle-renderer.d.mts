// Types for scripts/bundle-renderer.mjs, so TypeScript tools (the benchmark) can import it.

/** Bundles renderer/index.ts into `outDir`/renderer.js and copies index.html and styles.css. */
export declare function bundleRenderer(outDir: string): Promise<void>;
