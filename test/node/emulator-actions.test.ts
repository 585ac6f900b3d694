// The emulator's action table (emulator/actions/index.ts) is the one list of what it supports. These
// checks keep it complete for the core (every action src/core sends is answered), in order (one line
// per action, alphabetical, handler named after the action) and honest (names shaped like Cognito's).
// The core's action names are read from src/core as text, so the emulator still imports nothing from
// src/ (layering.test.ts); the core's own Actions table is imported only to prove the scan finds it all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identityPoolActions, userPoolActions } from '../../emulator/actions/index.ts';
import { Actions } from '../../src/core/actions.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORE = join(ROOT, 'src', 'core');
const TABLE_FILE = join(ROOT, 'emulator', 'actions', 'index.ts');

/** The keys of every `const <Name> = actions({ ... })` table in a core module, by table name. */
function coreTables(code: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const match of code.matchAll(/const (\w+) = actions\(\{\n([\s\S]*?)\n\}\);/g)) {
    const keys = [...match[2].matchAll(/^ {2}(\w+): action</gm)].map((m) => m[1]);
    tables.set(match[1], keys);
  }
  return tables;
}

function coreActionNames(): { userPool: string[]; identityPool: string[] } {
  const userPool: string[] = [];
  const identityPool: string[] = [];
  for (const file of readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
    for (const [table, keys] of coreTables(readFileSync(join(CORE, file), 'utf8'))) {
      // Identity-pool actions go to AWSCognitoIdentityService (credentials.ts), the rest to the user pool.
      (table === 'IdentityActions' ? identityPool : userPool).push(...keys);
    }
  }
  return { userPool, identityPool };
}

/** The `  Name: handler,` lines of one table in emulator/actions/index.ts, in file order. */
function tableLines(tableName: string): { action: string; handler: string }[] {
  const code = readFileSync(TABLE_FILE, 'utf8');
  const body = code.match(new RegExp(`export const ${tableName}: HandlerMap = \\{\\n([\\s\\S]*?)\\n\\};`))?.[1];
  assert.ok(body, `${tableName} is written as an object literal in emulator/actions/index.ts`);
  return body.split('\n').map((line) => {
    const match = line.match(/^ {2}([A-Za-z0-9]+): ([A-Za-z0-9]+),$/);
    assert.ok(match, `one action per line, "Name: handler,": ${JSON.stringify(line)}`);
    return { action: match[1], handler: match[2] };
  });
}

// The verbs Cognito's user-pool and identity-pool API names begin with.
const VERBS = [
  'Add',
  'Admin',
  'Associate',
  'Change',
  'Complete',
  'Confirm',
  'Create',
  'Delete',
  'Describe',
  'Forget',
  'Forgot',
  'Get',
  'Global',
  'Initiate',
  'List',
  'Resend',
  'Respond',
  'Revoke',
  'Set',
  'Sign',
  'Start',
  'Update',
  'Verify',
];

test('the scan of src/core finds every action in the core Actions table', () => {
  const { userPool, identityPool } = coreActionNames();
  assert.deepEqual([...userPool].sort(), Object.keys(Actions).sort());
  assert.ok(identityPool.includes('GetId') && identityPool.includes('GetCredentialsForIdentity'), identityPool.join(', '));
});

test('every user-pool action the core sends is in the emulator table', () => {
  const missing = coreActionNames().userPool.filter((name) => !Object.hasOwn(userPoolActions, name));
  assert.deepEqual(missing, []);
});

test('every identity-pool action the core sends is in the emulator table', () => {
  const missing = coreActionNames().identityPool.filter((name) => !Object.hasOwn(identityPoolActions, name));
  assert.deepEqual(missing, []);
});

for (const [tableName, table] of [
  ['userPoolActions', userPoolActions],
  ['identityPoolActions', identityPoolActions],
] as const) {
  test(`${tableName}: one line per action, alphabetical, each handler named after its action`, () => {
    const lines = tableLines(tableName);
    const names = lines.map((line) => line.action);
    assert.deepEqual(names, [...names].sort(), 'alphabetical');
    assert.deepEqual(names, Object.keys(table), 'the lines are the whole table');
    for (const { action, handler } of lines) {
      assert.equal(handler, action.charAt(0).toLowerCase() + action.slice(1), `${action}'s handler`);
      assert.equal(typeof table[action], 'function', `${action} has a handler`);
    }
  });

  test(`${tableName}: every name is shaped like a Cognito action`, () => {
    for (const name of Object.keys(table)) {
      assert.match(name, /^[A-Z][a-z]+(?:[A-Z][a-z0-9]*|MFA|SMS)*$/, `${name} is PascalCase`);
      assert.ok(name.length <= 64, `${name} is short enough`);
      assert.ok(
        VERBS.some((verb) => name.startsWith(verb)),
        `${name} begins with a Cognito verb`,
      );
    }
  });
}
