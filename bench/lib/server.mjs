// A tiny static server for the bench pages: exact routes (generated HTML, bundles held in memory)
// and folder mounts. Everything is sent with `Cache-Control: no-store`, so each page load fetches
// and compiles its scripts afresh, the same for every contender.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * @param {{ routes: Map<string, string | Uint8Array | (() => string | Uint8Array)>, mounts?: Record<string, string> }} options
 *   routes: path -> body (the type comes from the path's extension); mounts: URL prefix -> folder.
 */
export async function startStaticServer({ routes, mounts = {} }) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers = { 'Cache-Control': 'no-store', 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' };
    try {
      if (routes.has(path)) {
        const body = routes.get(path);
        res.writeHead(200, headers).end(typeof body === 'function' ? body() : body);
        return;
      }
      for (const [prefix, dir] of Object.entries(mounts)) {
        if (!path.startsWith(prefix)) continue;
        const file = normalize(join(dir, path.slice(prefix.length)));
        if (!file.startsWith(normalize(dir))) break;
        res.writeHead(200, headers).end(await readFile(file));
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
    } catch (error) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(String(error?.message ?? error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
