// Template types for React 19 (dist/react.d.ts), Vue 3 (dist/vue.d.ts) and Svelte 5 (dist/svelte.d.ts),
// generated from custom-elements.json so they list exactly the elements, attributes, properties and
// events there.
//
// React 19 passes a prop to a custom element as a property when the element has one of that name
// (`client`, `hideSignUp`, ...), otherwise as an attribute (`user-pool-id`), and adds a listener for a
// function prop named `on` + the event name (`oncognito-signed-in`). Vue sets properties the same way
// and takes `@cognito-signed-in` listeners, which its template checker reads as `onCognitoSignedIn`.
// Svelte 5 also sets a property when the element has one (`key in node`), else an attribute, and
// takes `oncognito-signed-in` listeners.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { customElements, type Manifest } from './manifest.ts';

const quote = (names: string[]) => (names.length ? names.map((n) => `'${n}'`).join(' | ') : 'never');

function elementsOf(manifest: Manifest) {
  return customElements(manifest).map((el) => ({
    tag: el.tagName,
    className: el.name,
    attributes: (el.attributes ?? []).map((a) => a.name),
    /** Each attribute with the property it sets, so an attribute can take that property's type. */
    attributeFields: (el.attributes ?? []).filter((a) => a.fieldName).map((a) => [a.name, a.fieldName!] as const),
    properties: [...new Set((el.members ?? []).filter((m) => m.kind === 'field' && (m.privacy ?? 'public') === 'public' && !m.static).map((m) => m.name))],
    events: (el.events ?? []).map((e) => e.name),
  }));
}

export function writeFrameworkTypes(manifestFile: string, outDir: string): void {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const elements = elementsOf(manifest);
  const classes = elements.map((e) => e.className).join(', ');

  const react = `/**
 * JSX types for React 19: import this file's types once (\`import type {} from 'cognito-elements/react';\`
 * or "types": ["cognito-elements/react"] in tsconfig.json).
 *
 *   <cognito-sign-in user-pool-id="eu-west-1_AbC123" client-id="..." oncognito-signed-in={(e) => e.detail.session} />
 *
 * React 19 sets a prop as a property when the element has one of that name (client, hideSignUp, ...),
 * otherwise as an attribute (user-pool-id, client-id: strings), and listens for events through function
 * props named \`on\` + the event's name. Generated from custom-elements.json.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${classes} } from './index.js';

type EventProps<E extends keyof HTMLElementEventMap> = { [K in E as \`on\${K}\`]?: (event: HTMLElementEventMap[K]) => void };

/** Attributes as strings, public properties with their types, and the element's events. */
export type CognitoElementProps<El, Attr extends string, Prop extends keyof El, Ev extends keyof HTMLElementEventMap> = DetailedHTMLProps<HTMLAttributes<El>, El> & {
  class?: string;
} & { [A in Attr]?: string } & Partial<Pick<El, Prop>> & EventProps<Ev>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements.map((e) => `      '${e.tag}': CognitoElementProps<${e.className}, ${quote(e.attributes)}, ${quote(e.properties)}, ${quote(e.events)}>;`).join('\n')}
    }
  }
}
`;

  const vue = `/**
 * Template types for Vue 3 (vue-tsc, the Vue language tools): import this file's types once
 * (\`import type {} from 'cognito-elements/vue';\`). Tell Vue's compiler the tags are custom elements:
 * \`compilerOptions.isCustomElement: (tag) => tag.startsWith('cognito-')\`.
 *
 *   <cognito-sign-in user-pool-id="eu-west-1_AbC123" client-id="..." @cognito-signed-in="onSignedIn" />
 *
 * Vue sets a binding as a property when the element has one of that name, otherwise as an attribute.
 * Generated from custom-elements.json.
 */
import type { DefineComponent } from 'vue';
import type { ${classes} } from './index.js';

type Camel<S extends string> = S extends \`\${infer H}-\${infer T}\` ? \`\${H}\${Capitalize<Camel<T>>}\` : S;
type EventProps<E extends keyof HTMLElementEventMap> = { [K in E as \`on\${Capitalize<Camel<K>>}\`]?: (event: HTMLElementEventMap[K]) => void };

/** Public properties with their types (attributes are their kebab-case spelling), and the element's events. */
export type CognitoElementProps<El, Prop extends keyof El, Ev extends keyof HTMLElementEventMap> = Partial<Pick<El, Prop>> & EventProps<Ev>;

declare module 'vue' {
  interface GlobalComponents {
${elements.map((e) => `    '${e.tag}': DefineComponent<CognitoElementProps<${e.className}, ${quote(e.properties)}, ${quote(e.events)}>>;`).join('\n')}
  }
}
`;
  const svelte = `/**
 * Template types for Svelte 5 (svelte-check, the Svelte language tools): import this file's types once
 * (\`import type {} from 'cognito-elements/svelte';\` in a .ts file the project checks).
 *
 *   <cognito-sign-in user-pool-id="eu-west-1_AbC123" client-id="..." oncognito-signed-in={(e) => e.detail.session} />
 *
 * Svelte sets a binding as a property when the element has one of that name (client, endpoint, ...),
 * otherwise as an attribute (user-pool-id, hide-sign-up), and listens for events through props named
 * \`on\` + the event's name. Generated from custom-elements.json.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { ${classes} } from './index.js';

type EventProps<E extends keyof HTMLElementEventMap> = { [K in E as \`on\${K}\`]?: (event: HTMLElementEventMap[K]) => void };
/** Each attribute typed as the property it sets (a boolean attribute takes \`true\`, or nothing at all). */
type AttributeProps<El, A extends Record<string, keyof El>> = { [K in keyof A]?: El[A[K]] | null };

/** The element's attributes, public properties with their types, and events. */
export type CognitoElementProps<El, Attr extends Record<string, keyof El>, Prop extends keyof El, Ev extends keyof HTMLElementEventMap> = HTMLAttributes<El> &
  AttributeProps<El, Attr> & Partial<Pick<El, Prop>> & EventProps<Ev>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${elements
  .map((e) => {
    const attrs = e.attributeFields.map(([attr, prop]) => `'${attr}': '${prop}'`).join('; ');
    return `    '${e.tag}': CognitoElementProps<${e.className}, { ${attrs} }, ${quote(e.properties)}, ${quote(e.events)}>;`;
  })
  .join('\n')}
  }
}
`;
  writeFileSync(join(outDir, 'react.d.ts'), react);
  writeFileSync(join(outDir, 'svelte.d.ts'), svelte);
  writeFileSync(join(outDir, 'vue.d.ts'), vue);
}
