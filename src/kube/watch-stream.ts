// One watch request as a stream of events: one JSON event per line, blank keep-alive lines
// skipped. `onDone` is called exactly once — with nothing when the server ended the stream or the
// caller aborted it, with an error when the request failed or the connection broke.
import { WeirError, errorMessage } from '../lib/index.js';
import { apiErrorOf } from './errors.js';
import { readBody, requestError, type RequestSpec, type Transport } from './transport.js';
import type { WatchEvent } from './types.js';

/** How long past its own timeoutSeconds a silent watch is given before it is taken for dead. */
const STALL_GRACE_MS = 30_000;

/** A running watch. */
export interface WatchHandle {
  /** Ends the watch; `onDone` is called without an error (unless it was already called). */
  abort(): void;
}

/** Opens a watch; resolves once the stream is open or has failed. */
export async function openWatch(
  transport: Transport,
  subject: string,
  spec: Omit<RequestSpec, 'method' | 'signal'> & { timeoutSeconds?: number },
  onEvent: (event: WatchEvent) => void,
  onDone: (err?: unknown) => void,
): Promise<WatchHandle> {
  const controller = new AbortController();
  let finished = false;
  let stall: NodeJS.Timeout | undefined;
  const finish = (err?: unknown) => {
    if (finished) return;
    finished = true;
    clearTimeout(stall);
    controller.abort();
    onDone(err);
  };
  const handle: WatchHandle = { abort: () => finish() };
  let res;
  try {
    res = await transport.open({ ...spec, method: 'GET', signal: controller.signal });
  } catch (err) {
    finish(finished ? undefined : requestError(subject, transport.server + spec.path, err));
    return handle;
  }
  if (finished) return handle;
  if (res.statusCode !== 200) {
    const body = await readBody(res).catch(() => '');
    finish(apiErrorOf(subject, res.statusCode ?? 0, body));
    return handle;
  }
  // The server ends the watch at timeoutSeconds; silence well past that means a dead connection.
  if (spec.timeoutSeconds) stall = setTimeout(() => finish(new WeirError('kube.watch', `${subject}: watch stalled`)), spec.timeoutSeconds * 1000 + STALL_GRACE_MS);
  res.setEncoding('utf8');
  let buffer = '';
  res.on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0 && !finished; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line === '') continue;
      let event: WatchEvent;
      try {
        event = JSON.parse(line) as WatchEvent;
      } catch (err) {
        return finish(new WeirError('kube.watch', `${subject}: malformed watch event: ${errorMessage(err)}`));
      }
      try {
        onEvent(event);
      } catch (err) {
        return finish(err);
      }
    }
  });
  res.on('end', () => finish());
  res.on('error', (err) => finish(controller.signal.aborted ? undefined : requestError(subject, transport.server + spec.path, err)));
  res.on('close', () => finish());
  return handle;
}
