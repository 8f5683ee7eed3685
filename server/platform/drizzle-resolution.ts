// Resolves drizzle-orm's imports of its own files without Node's package lookup. For every `.js` file
// it imports, Node 24 reads the package's scope and, copying the result, parses its `exports` map;
// drizzle-orm's package.json is 175 kB, so its ~100 files leave ~80 MB of garbage that grows the old
// generation and stays resident in V8's page pool (an idle server: ~40 MB more RSS) and takes about a
// second of start-up. A relative `./x.js` inside an ES module package needs none of that lookup.
import { registerHooks } from 'node:module';
import { readFileSync } from 'node:fs';

/** Installs the resolve hook for drizzle-orm's relative imports; no-op unless it is an ES module package. */
export function installDrizzleResolution(): void {
  const packageRoot = new URL('./', import.meta.resolve('drizzle-orm')).href; // its index.js is at the root
  const manifest = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { type?: string };
  if (manifest.type !== 'module') return;
  registerHooks({
    resolve(specifier, context, next) {
      const isOwnRelativeFile = specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.startsWith(packageRoot);
      if (!isOwnRelativeFile) return next(specifier, context);
      const url = new URL(specifier, context.parentURL).href;
      return url.startsWith(packageRoot) ? { url, format: 'module', shortCircuit: true } : next(specifier, context);
    },
  });
}
