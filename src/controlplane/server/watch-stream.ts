// A watch as an HTTP response: headers flushed at once (client-go blocks until it sees them),
// one JSON event per line, bookmarks or keep-alive newlines while idle, the stream closed at
// `timeoutSeconds`, and closed early when the client reads too slowly.
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../api-error.js';
import { groupVersionOf, type ResourceType } from '../registry/index.js';
import { buildTable, type IncludeObject } from '../tables/index.js';
import type { WatchEvent, WatchSink } from '../watch/index.js';

/** How far behind (bytes buffered in the socket) a watcher may fall before it is closed. */
export const MAX_WATCH_BACKLOG_BYTES = 16 * 1024 * 1024;

/** Options of one watch stream. */
export interface WatchStreamOptions {
  readonly type: ResourceType;
  readonly table?: { include: IncludeObject };
  readonly bookmarks: boolean;
  readonly timeoutSeconds?: number;
  readonly idleIntervalMs: number;
  readonly currentRevision: () => number;
}

/** Turns a response into a WatchSink. */
export function openWatchStream(res: ServerResponse, options: WatchStreamOptions): WatchSink & { onClose(fn: () => void): void } {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let closed = false;
  let sentColumns = false;
  const closers: (() => void)[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(idle);
    if (timeout) clearTimeout(timeout);
    for (const fn of closers) fn();
    res.end();
  };
  const write = (line: string): boolean => {
    if (closed) return false;
    res.write(line);
    return res.writableLength <= MAX_WATCH_BACKLOG_BYTES;
  };
  const idle = setInterval(() => {
    if (!options.bookmarks) return void write('\n');
    const gv = groupVersionOf(options.type);
    write(`{"type":"BOOKMARK","object":{"kind":${JSON.stringify(options.type.kind)},"apiVersion":${JSON.stringify(gv)},"metadata":{"resourceVersion":"${options.currentRevision()}"}}}\n`);
  }, options.idleIntervalMs);
  idle.unref();
  const timeout = options.timeoutSeconds && options.timeoutSeconds > 0 ? setTimeout(close, options.timeoutSeconds * 1000) : undefined;
  timeout?.unref();
  res.on('close', close);

  const encode = (event: WatchEvent): string => {
    if (!options.table) return `{"type":"${event.type}","object":${event.text}}\n`;
    const table = buildTable(options.type, [event.object() as unknown as Record<string, unknown>], {
      include: options.table.include,
      resourceVersion: String(event.revision),
      withColumns: !sentColumns,
    });
    sentColumns = true;
    return `${JSON.stringify({ type: event.type, object: table })}\n`;
  };

  return {
    send: (event) => write(encode(event)),
    fail(error: ApiError) {
      write(`${JSON.stringify({ type: 'ERROR', object: error.toStatus() })}\n`);
      close();
    },
    close,
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
  };
}
