import { createReadStream, statSync } from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { extname, join, normalize, sep } from 'path';

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request path the server received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/**
 * Serve `root` on 127.0.0.1 (random port). `overrides` maps a URL path (e.g. "/office.js") to a
 * file served in its place. Logs every request path, so a test can check that the page asked
 * for nothing unexpected.
 */
export async function startStaticServer(root: string, overrides: Readonly<Record<string, string>> = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const base = normalize(root + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    const file = overrides[path] ?? normalize(join(base, path));
    const isInside = overrides[path] !== undefined || file.startsWith(base);
    const isFile = isInside && statSync(file, { throwIfNoEntry: false })?.isFile() === true;
    if (req.method !== 'GET' || !isFile) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
