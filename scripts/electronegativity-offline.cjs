// Loaded with `node -r` before electronegativity: the tool fetches translations from the internet
// on every run; tests here talk to loopback only, so that fetch fails at once instead (the tool
// falls back to its bundled English texts, as it does when offline).
// `node -r` loads CommonJS only, hence require here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') return () => Promise.reject(new Error('network disabled for electronegativity'));
  return load.call(this, request, parent, isMain);
};
