// The Node version the project claims and the one its tools need agree (issue 13): `npm install`
// on Node 20 printed 25 EBADENGINE lines while the README said "Node 20+". Every package the lock
// installs (optional platform builds aside, which npm skips quietly where they do not fit) must
// accept the lowest Node that package.json's engines allows, and the README and .ci/run say the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

const claimed = JSON.parse(read('package.json')).engines.node as string;
const lowest = semver.minVersion(claimed)!.version;

describe('the Node version the project claims', () => {
  it(`is enough for every package the lock installs (lowest claimed: ${lowest})`, () => {
    const lock = JSON.parse(read('package-lock.json'));
    const refused = Object.entries(lock.packages as Record<string, { engines?: { node?: string }; optional?: boolean }>)
      .filter(([path, info]) => path && !info.optional && info.engines?.node && !semver.satisfies(lowest, info.engines.node))
      .map(([path, info]) => `${path.replace(/^.*node_modules\//, '')} needs Node ${info.engines!.node}`);
    assert.deepEqual(refused, []);
  });

  it('is the one the README, the emulator package and .ci/run state', () => {
    const [major, minor] = lowest.split('.');
    assert.match(read('README.md'), new RegExp(`Both need only Node ${major}\\.${minor}\\+`));
    assert.equal(JSON.parse(read('packages/emulator/package.json')).engines.node, claimed);
    assert.match(read('.ci/run'), new RegExp(`maj < ${major} \\|\\| \\(maj === ${major} && min < ${minor}\\)`));
  });
});
