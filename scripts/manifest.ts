// custom-elements.json: @custom-elements-manifest/analyzer reads the element classes (Lit's static
// `properties` included); this completes what it cannot see in this codebase's layout:
//   - the JSDoc (@summary, @event, @cssproperty, @csspart, @slot) heads each component module, above
//     the imports, where the analyzer does not attach it to the class;
//   - tags are registered through shared/define.ts, not customElements.define, so the tag names and
//     custom-element-definition exports come from each define module's `define('tag', Class)` call;
//   - Lit state (`state: true`) and non-public fields are not attributes;
//   - module paths name the published files (dist/elements/<name>.js, <name>.component.js).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
}
interface Member extends Named {
  kind: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  fieldName?: string;
}
interface Declaration extends Named {
  kind: string;
  summary?: string;
  tagName?: string;
  customElement?: boolean;
  members?: Member[];
  attributes?: Member[];
  events?: Named[];
  cssProperties?: Named[];
  cssParts?: Named[];
  slots?: Named[];
}
interface Module {
  kind: string;
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}
export interface Manifest {
  schemaVersion: string;
  modules: Module[];
}

/**
 * The leading JSDoc of a file, parsed into its description and block tags. A tag's text is one line,
 * except an `@example`'s, which keeps its lines (it is a code block).
 */
export function parseHeaderDoc(source: string): { description: string; tags: { tag: string; text: string }[] } {
  const block = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  const lines = block.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
  const tags: { tag: string; text: string }[] = [];
  const description: string[] = [];
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line.trim());
    const last = tags.at(-1);
    if (tag) tags.push({ tag: tag[1], text: tag[2] });
    else if (last?.tag === 'example') last.text += `\n${line.trimEnd()}`;
    else if (last) last.text += line.trim() ? ` ${line.trim()}` : '';
    else description.push(line);
  }
  for (const tag of tags) tag.text = tag.tag === 'example' ? tag.text.replace(/^\n+|\s+$/g, '') : tag.text.trim();
  return { description: description.join('\n').trim(), tags };
}

/**
 * `@event name - text` (an optional `{type}` first): the name, and the text after the dash.
 * `@slot - text` is the default slot: its name is ''.
 */
function nameAndText(text: string): Named {
  if (text.trim().startsWith('- ')) return { name: '', description: text.trim().slice(2).trim() };
  const [, name, rest] = /^(?:\{[^}]*\}\s*)?(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(text.trim()) ?? ['', text.trim(), ''];
  return { name, description: rest.trim() };
}

export function generateManifest(root: string, elements: string[], tmpDir: string): Manifest {
  const cem = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  execFileSync(
    process.execPath,
    [
      cem,
      'analyze',
      '--config',
      'scripts/cem.config.mjs',
      '--litelement',
      '--globs',
      'src/elements/**/*.ts',
      '--exclude',
      'src/elements/**/*.test.ts',
      'src/elements/shared/locales/**',
      '--outdir',
      tmpDir,
      '--quiet',
    ],
    { stdio: 'inherit', cwd: root },
  );
  const manifest = JSON.parse(readFileSync(join(root, tmpDir, 'custom-elements.json'), 'utf8')) as Manifest;
  rmSync(join(root, tmpDir), { recursive: true, force: true });

  const published = new Map<string, string>();
  for (const name of elements) {
    published.set(`src/elements/${name}/${name}.component.ts`, `dist/elements/${name}.component.js`);
    published.set(`src/elements/${name}/${name}.ts`, `dist/elements/${name}.js`);
  }
  const byPath = new Map(manifest.modules.map((m) => [m.path, m]));

  for (const name of elements) {
    const componentPath = `src/elements/${name}/${name}.component.ts`;
    const definePath = `src/elements/${name}/${name}.ts`;
    const component = byPath.get(componentPath);
    const defineModule = byPath.get(definePath);
    const call = /\bdefine\(\s*['"]([a-z][\w-]*-[\w-]*)['"]\s*,\s*(\w+)\s*\)/.exec(readFileSync(join(root, definePath), 'utf8'));
    if (!component || !defineModule || !call) throw new Error(`manifest: ${name} has no component module or no define('tag', Class) call`);
    const [, tagName, className] = call;
    const declaration = component.declarations?.find((d) => d.name === className);
    if (!declaration) throw new Error(`manifest: ${className} is not declared in ${componentPath}`);

    const { description, tags } = parseHeaderDoc(readFileSync(join(root, componentPath), 'utf8'));
    const list = (tag: string) => tags.filter((t) => t.tag === tag).map((t) => nameAndText(t.text));
    declaration.customElement = true;
    declaration.tagName = tagName;
    declaration.summary = tags.find((t) => t.tag === 'summary')?.text.trim();
    declaration.description = description || declaration.description;
    declaration.events = list('event').map((e) => ({ ...e, type: { text: `CustomEvent<CognitoEventDetails['${e.name}']>` } }));
    declaration.cssProperties = list('cssproperty');
    declaration.cssParts = list('csspart');
    declaration.slots = list('slot');
    if (declaration.events.length === 0) throw new Error(`manifest: ${componentPath} documents no @event`);

    // Lit state and protected or private fields are not part of the element's attribute API.
    const publicFields = new Set((declaration.members ?? []).filter((m) => m.kind === 'field' && (m.privacy ?? 'public') === 'public').map((m) => m.name));
    declaration.attributes = (declaration.attributes ?? []).filter((a) => a.fieldName && publicFields.has(a.fieldName));
    for (const member of declaration.members ?? []) if (!publicFields.has(member.name)) delete member.attribute;

    defineModule.exports = [
      ...(defineModule.exports ?? []),
      { kind: 'custom-element-definition', name: tagName, declaration: { name: className, module: componentPath } },
    ];
  }

  // define.ts's own customElements.define(name, constructor) is not an element.
  for (const mod of manifest.modules)
    mod.exports = mod.exports?.filter((e) => e.kind !== 'custom-element-definition' || elements.some((n) => mod.path === `src/elements/${n}/${n}.ts`));

  // Published: the element modules, with their public API only (the rest is bundled into chunks).
  manifest.modules = manifest.modules.filter((m) => published.has(m.path));
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      declaration.members = declaration.members?.filter((m) => (m.privacy ?? 'public') === 'public' && !m.name.startsWith('_'));
    }
  }

  // Module paths as published; everything else (shared helpers) is bundled into chunks.
  const text = JSON.stringify(manifest).replace(/"\/?(src\/elements\/[^"]+\.ts)"/g, (match, path: string) =>
    published.has(path) ? JSON.stringify(published.get(path)) : match,
  );
  return JSON.parse(text) as Manifest;
}

/** The element declarations of a manifest, with their tag names. */
export function customElements(manifest: Manifest): (Declaration & { tagName: string; module: string })[] {
  return manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, tagName: d.tagName!, module: m.path })),
  );
}
