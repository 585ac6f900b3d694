/**
 * Input checks with the messages Cognito gives, e.g.
 * `1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null`.
 */
import { InvalidParameter } from './errors.ts';

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * Throws Cognito's validation error if any of the named members is missing or empty. Every handler
 * calls this first on its typed input: the type says what Cognito's API reference names, this
 * checks what the caller actually sent.
 */
export function required<Input extends object>(input: Input, ...names: (keyof Input & string)[]): void {
  const given = input as Record<string, unknown>;
  const missing = names.filter((n) => given[n] === undefined || given[n] === null || given[n] === '');
  if (missing.length === 0) return;
  const parts = missing.map((n) => `Value null at '${camel(n)}' failed to satisfy constraint: Member must not be null`);
  throw InvalidParameter(`${parts.length} validation error${parts.length > 1 ? 's' : ''} detected: ${parts.join('; ')}`);
}

export function asString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw InvalidParameter(`Invalid type for ${name}: expected a string.`);
  return value;
}

/** `[{Name, Value}]` -> record, refusing malformed entries. */
export function attributeList(value: unknown, member = 'UserAttributes'): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw InvalidParameter(`${member} must be a list of {Name, Value}.`);
  const out: Record<string, string> = {};
  for (const item of value) {
    if (!item || typeof item.Name !== 'string' || (item.Value !== undefined && typeof item.Value !== 'string')) {
      throw InvalidParameter(`${member} must be a list of {Name, Value}.`);
    }
    out[item.Name] = item.Value ?? '';
  }
  return out;
}

export function toAttributeList(attributes: Record<string, string>): { Name: string; Value: string }[] {
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}
