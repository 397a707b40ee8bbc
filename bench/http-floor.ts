// The peer of the control-plane benchmarks: the cheapest HTTPS JSON server Node can be (parse
// the body, answer a stored document), on the same TLS identity. Weir's figures are printed as
// ratios to it, so that the report says how much of the time is Weir and how much is Node's
// HTTPS and JSON floor on this machine.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A floor server and its URL. */
export interface FloorServer {
  readonly url: string;
  /** Sets the document GET answers with (e.g. a list of the same size as Weir's). */
  setDocument(text: string): void;
  close(): Promise<void>;
}

/** Starts the floor server with the control plane's serving certificate from `dataDir`. */
export async function startFloorServer(dataDir: string): Promise<FloorServer> {
  let document = '{}';
  const server: Server = createServer({ key: readFileSync(join(dataDir, 'apiserver.key')), cert: readFileSync(join(dataDir, 'apiserver.crt')), keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = req.method === 'GET' ? document : JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setDocument: (text) => (document = text),
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
