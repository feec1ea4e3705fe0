// Loaded with `node --import` by every Node-side test: replaces the `electron` module, for our code
// and for libraries that import it (electron-store, electron-log, electron-menubar), with the
// recording double in electron-double.ts. Electron's binary cannot be downloaded here, and a real
// `require('electron')` would try to.
import { registerHooks } from 'node:module';

const doubleUrl = new URL('./electron-double.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron' || specifier === 'electron/main' || specifier === 'electron/renderer') {
      return { url: doubleUrl, format: 'module-typescript', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
