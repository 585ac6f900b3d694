// Shrinks the markup and CSS the elements carry, which esbuild's minifier leaves as written: in the
// static parts of html`` and svg`` templates a run of whitespace that holds a line break becomes one
// space (the browser collapses it anyway; no element uses <pre>, <textarea> or white-space: pre), and
// the stylesheet (the template after `/* css */`) loses comments and the whitespace CSS ignores.
// Only whitespace, comments and a last `;` before `}` may change: minifyTemplates checks that and throws otherwise.

/** Index just past the template literal whose opening backtick is at `open`; calls `onStatic` for each static part. */
function scanTemplate(src: string, open: number, onStatic?: (start: number, end: number) => void): number {
  let i = open + 1;
  let partStart = i;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === '`') {
      onStatic?.(partStart, i);
      return i + 1;
    } else if (ch === '$' && src[i + 1] === '{') {
      onStatic?.(partStart, i);
      i = skipExpression(src, i + 2);
      partStart = i;
    } else i++;
  }
  throw new Error('minify-templates: unterminated template literal');
}

/** Index just past the `}` that closes the expression starting at `i`. */
function skipExpression(src: string, i: number): number {
  let depth = 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === "'" || ch === '"') {
      i++;
      while (src[i] !== ch) i += src[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '`') i = scanTemplate(src, i);
    else if (ch === '/' && src[i + 1] === '/') i = src.indexOf('\n', i);
    else if (ch === '/' && src[i + 1] === '*') i = src.indexOf('*/', i) + 2;
    else {
      if (ch === '{') depth++;
      if (ch === '}' && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new Error('minify-templates: unterminated ${} expression');
}

const markup = (text: string) => text.replace(/\s*\n\s*/g, ' ');
/** Outside quoted strings (`content: "○ "` keeps its space). */
const stylesheet = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/("[^"]*"|'[^']*')/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');

export function minifyTemplates(src: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const match of src.matchAll(/\b(html|svg)`|\/\* css \*\/ `/g)) {
    const open = match.index + match[0].length - 1;
    const transform = match[1] ? markup : stylesheet;
    scanTemplate(src, open, (start, end) => edits.push({ start, end, text: transform(src.slice(start, end)) }));
  }
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue; // a template nested in another's expression was already handled with it
    out += src.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  out += src.slice(at);
  const significant = (s: string) =>
    s
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, '')
      .replace(/;}/g, '}');
  if (significant(out) !== significant(src)) throw new Error('minify-templates: changed more than whitespace and comments');
  return out;
}
