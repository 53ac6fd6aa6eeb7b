/**
 * How a notebook reaches the project's TypeScript.
 *
 * tslab compiles each cell with compiler options of its own (CommonJS output,
 * classic Node resolution, the notebook's folder as root) that no tsconfig can
 * change, so a cell cannot import our ESM sources with their `.ts` specifiers:
 * TypeScript refuses the extension and the files outside the root. A cell
 * therefore `require`s this file, which registers tsx's ESM hooks in the kernel
 * once and imports project modules natively, exactly as `node --import=tsx`
 * runs the CLI. What a cell gets back is the module's exports, typed `any`.
 */
'use strict';

const { resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

/** The repository's root folder (absolute). */
const root = resolve(__dirname, '..', '..');

let registered;

/** Absolute path of `parts` joined under the repository root. */
function repoPath(...parts) {
  return resolve(root, ...parts);
}

/**
 * Imports a project module by its path from the repository root, e.g.
 * `await importProject('models/pipeline.ts')`. Modules are shared between
 * calls, as with any ESM import.
 */
async function importProject(path) {
  // The ESM build of tsx's API: its CommonJS build cannot find its own
  // register module under Node 20 (tsx 4.23).
  registered ??= import('tsx/esm/api').then(({ register }) => register());
  await registered;
  return import(pathToFileURL(repoPath(path)).href);
}

module.exports = { importProject, repoPath, root };
