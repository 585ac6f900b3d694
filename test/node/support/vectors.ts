/**
 * The published SRP known-answer vectors: test/node/fixtures/srp-vectors.json, a verbatim copy of the
 * project's shared/docs/srp-vectors.json kept in the repository, so that a clone on its own (as CI
 * makes it) runs every test.
 */
import { readFileSync } from 'node:fs';

const vectorFile = JSON.parse(readFileSync(new URL('../fixtures/srp-vectors.json', import.meta.url), 'utf8')) as Record<string, any>;

/** The vector set whose name starts with `prefix` (e.g. 'cognito-srp-helper'). */
export function vectors(prefix: string): Record<string, any> {
  const key = Object.keys(vectorFile).find((k) => k.startsWith(prefix));
  if (!key) throw new Error(`srp-vectors.json has no entry starting with ${prefix}`);
  return vectorFile[key];
}
