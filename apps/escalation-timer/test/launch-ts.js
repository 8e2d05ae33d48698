/**
 * Runs a TypeScript entry point in a child process the way jest compiles the tests (SWC, decorator metadata) with
 * the @settle/* path mapping, so the durability tests can SIGKILL a real service process without a build.
 * Usage: node apps/escalation-timer/test/launch-ts.js apps/escalation-timer/src/main.ts
 */
const path = require('node:path');
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const match = /^@settle\/([a-z-]+)(\/.*)?$/.exec(request);
  const mapped = match ? path.join(root, 'libs', match[1], 'src', match[2] ?? '') : request;
  return resolveFilename.call(this, mapped, ...rest);
};

// Compile every .ts file outside node_modules on require (the hook pirates would install, without the dependency).
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, swcrc: false, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};

require(path.resolve(root, process.argv[2]));
