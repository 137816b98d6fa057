// Resolves `softphone-bridge` and its subpaths the way a third party's toolchain does: through the
// `exports` of package.json, to the built files in dist/ (never to the sources). Shared by the tests
// that run code written as an integrator would write it (README snippet, examples/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

/** The repository root, with a trailing slash. */
export const packageRoot = root;

/** `softphone-bridge[/sub]` → { types, default } absolute paths, or undefined when not exported. */
export function exportedPaths(specifier) {
  if (specifier !== pkg.name && !specifier.startsWith(`${pkg.name}/`)) return undefined;
  const entry = pkg.exports[`.${specifier.slice(pkg.name.length)}`];
  if (entry === undefined || typeof entry === 'string') return undefined;
  return { types: `${root}${entry.types.slice(2)}`, default: `${root}${entry.default.slice(2)}` };
}

/** TypeScript `paths` for every export of the package, to its declaration files. */
export function typePaths() {
  const paths = {};
  for (const [sub, entry] of Object.entries(pkg.exports)) {
    if (typeof entry === 'string') continue;
    paths[`${pkg.name}${sub.slice(1)}`] = [`${root}${entry.types.slice(2)}`];
  }
  return paths;
}

/** An esbuild plugin that resolves the package's name through its exports to dist/. */
export const packageExportsPlugin = {
  name: 'package-exports',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${pkg.name}(/|$)`) }, (args) => {
      const paths = exportedPaths(args.path);
      if (paths === undefined) return { errors: [{ text: `${args.path} is not in package.json "exports"` }] };
      return { path: paths.default };
    });
  },
};
