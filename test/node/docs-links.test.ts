// The README and docs/ link to each other and into the repository; moving a section must not leave a
// link behind. Every relative link in README.md and docs/**/*.md must name a file that exists, and an
// anchor (#...) a heading of that page, spelled as GitHub spells heading anchors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The pages checked: the README and every Markdown file under docs/ (paths from the repository root). */
const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];

/** The text outside fenced code blocks, where links and headings are Markdown (a `#` in a shell block is not a heading). */
const prose = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped (hyphens and underscores kept), each space a hyphen; repeats get -1, -2, ... */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase();
    const slug = text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count ? `${slug}-${count}` : slug);
  }
  return found;
}

/** The relative link targets of a page: inline links and images, outside code. */
export function links(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, 'code');
  return [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

test('the link and anchor readers read what GitHub renders', () => {
  assert.deepEqual(
    [...anchors('# Speed and size\n```sh\n# not a heading\n```\n## Reliability: hostile input, races\n### `cognito-signed-in`\n## Speed and size\n')],
    ['speed-and-size', 'reliability-hostile-input-races', 'cognito-signed-in', 'speed-and-size-1'],
  );
  assert.deepEqual(links('[a](docs/x.md#y) ![i](s.png) [w](https://example.com) `[c](not/a/link)`\n```\n[d](nor/this)\n```\n[e](#here)'), [
    'docs/x.md#y',
    's.png',
    '#here',
  ]);
});

test('every relative link in README.md and docs/ names a file that exists, and an anchor that page has', () => {
  assert.ok(pages.includes('README.md') && pages.length > 5, `pages found: ${pages.join(', ')}`);
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    for (const target of links(read(page))) {
      checked++;
      const [path, anchor] = target.split('#', 2);
      const file = path ? relative(ROOT, join(ROOT, dirname(page), decodeURIComponent(path))) : page;
      if (!existsSync(join(ROOT, file))) {
        broken.push(`${page}: ${target} (no file ${file})`);
        continue;
      }
      if (anchor === undefined || statSync(join(ROOT, file)).isDirectory()) continue;
      if (!file.endsWith('.md')) broken.push(`${page}: ${target} (an anchor into a file that is not Markdown)`);
      else if (!anchors(read(file)).has(anchor)) broken.push(`${page}: ${target} (${file} has no heading #${anchor})`);
    }
  }
  assert.ok(checked > 50, `links were read (${checked})`);
  assert.deepEqual(broken, [], 'broken links');
});
