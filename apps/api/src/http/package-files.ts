import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * node's own `require`, made at run time: the api's bundler turns a plain
 * `require.resolve('pkg')` into a module number, and the pages the api
 * serves from packages (Swagger UI's, bull-board's) need real file paths.
 */
export const nodeRequire = createRequire(__filename);

/** The folder of an installed package (the one holding its package.json), as resolved from `from` (a file) or from the api. */
export function packageFolder(name: string, from?: string): string {
  const resolver = from ? createRequire(from) : nodeRequire;
  return dirname(resolver.resolve(`${name}/package.json`));
}
