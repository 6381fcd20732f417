import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { createGzip } from "node:zlib";

/** One response the server sent: path, and the bytes of its body as sent on the wire. */
export interface Served {
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  readonly encoding: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".gz": "application/gzip",
};
/** Types an ordinary host compresses on the fly (nginx `gzip_types`, most CDNs): text, never binaries. */
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg"]);

/**
 * A static file server on 127.0.0.1 that behaves like an ordinary host: content type by extension
 * (application/octet-stream for unknown ones), gzip on the fly for text types when the client accepts it,
 * `.gz` files sent as they are (application/gzip, no Content-Encoding), 404 for absent files. Records the
 * bytes of every response body as sent.
 */
export async function startStaticServer(
  root: string,
): Promise<{ url: string; served: Served[]; close(): Promise<void> }> {
  const base = resolve(root);
  const served: Served[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(base, path));
    if (file.startsWith(base) && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const record = (status: number, bytes: number, encoding: string): void =>
      void served.push({ path, status, bytes, encoding });
    if (!file.startsWith(base) || !existsSync(file)) {
      const body = "<!doctype html><title>404 Not Found</title><h1>Not Found</h1>";
      res.writeHead(404, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body) });
      res.end(body);
      record(404, Buffer.byteLength(body), "identity");
      return;
    }
    const ext = extname(file);
    const type = TYPES[ext] ?? "application/octet-stream";
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(200, {
      "content-type": type,
      ...(gzip ? { "content-encoding": "gzip", vary: "accept-encoding" } : { "content-length": statSync(file).size }),
    });
    let bytes = 0;
    const stream = gzip ? createReadStream(file).pipe(createGzip()) : createReadStream(file);
    stream.on("data", (chunk: Buffer) => (bytes += chunk.length));
    stream.on("end", () => record(200, bytes, gzip ? "gzip" : "identity"));
    stream.pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
