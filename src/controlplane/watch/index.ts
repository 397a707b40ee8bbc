// watch: fan-out of storage changes to open watches, with catch-up from a resourceVersion and
// eviction of watchers that fall behind. It never blocks a writer.
export { WatchHub, type WatchEvent, type WatchEventType, type WatchRequest, type WatchSink } from './watch-hub.js';
