import { readFileSync } from 'node:fs';
import { breakingChanges, OpenApiDocument } from './breaking-changes';

/** `check-breaking RELEASED CURRENT`: lists the breaking changes and exits 1 when there is any. */
const [releasedPath, currentPath] = process.argv.slice(2);
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
const problems = breakingChanges(read(releasedPath), read(currentPath));
if (problems.length > 0) {
  console.error(`${currentPath} breaks clients of ${releasedPath}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  console.error('Keep the old behaviour, or (a deliberate break, with a new release) copy openapi.json over the released copy.');
  process.exit(1);
}
console.log(`no breaking change from ${releasedPath} to ${currentPath}`);
