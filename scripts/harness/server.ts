import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Route {
  body: string | Buffer;
  type?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  origin: string;
  /** Serves `body` at `path` (overrides files). */
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

/**
 * A static server on 127.0.0.1 for test pages: files under `roots` (first match wins) and
 * routes added by tests. Nothing here reaches the network.
 */
export async function startServer(roots: string[]): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes.get(url.pathname);
    if (route) {
      res.writeHead(200, { 'content-type': route.type ?? TYPES['.html'], ...route.headers });
      res.end(route.body);
      return;
    }
    for (const root of roots) {
      const file = resolve(join(root, normalize(decodeURIComponent(url.pathname))));
      if (!file.startsWith(resolve(root))) continue;
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
        return;
      } catch {}
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    route: (path, r) => routes.set(path, r),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
