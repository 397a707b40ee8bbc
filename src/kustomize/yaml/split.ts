// Splits a YAML stream into documents by its `---` / `...` marker lines. This is exact, not a
// heuristic: a marker at column 0 ends any scalar (YAML 1.2 §9.1.2, "c-forbidden"), so no
// content can hide one. Splitting gives each document its start line and its own error context.

/** One document's slice of the stream. */
export interface DocumentChunk {
  readonly text: string;
  /** 1-based line of the chunk's first line in the stream. */
  readonly firstLine: number;
  /** 1-based line where the content starts; 0 when the chunk holds no content. */
  readonly contentLine: number;
}

function isMarker(text: string, at: number, ch: number): boolean {
  if (text.charCodeAt(at) !== ch || text.charCodeAt(at + 1) !== ch || text.charCodeAt(at + 2) !== ch) return false;
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

/** Whether a line (from `start` to `end`) holds content: not blank, not a comment, not a directive. */
function lineHasContent(text: string, start: number, end: number, directivesAllowed: boolean): boolean {
  let i = start;
  if (isMarker(text, start, 0x2d)) i += 3;
  else if (directivesAllowed && text.charCodeAt(start) === 0x25) return false; // %YAML, %TAG
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0xfeff) continue;
    return c !== 0x23; // '#'
  }
  return false;
}

/** The documents of a stream, in order, including empty ones (contentLine 0). */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 1;
  let contentLine = 0;
  let sawMarker = false; // directives are only allowed before the first `---` of a document
  let line = 1;
  const close = (end: number): void => {
    if (end > chunkStart) chunks.push({ text: text.slice(chunkStart, end), firstLine: chunkLine, contentLine });
  };
  for (let pos = 0; pos < text.length; line++) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const c = text.charCodeAt(pos);
    if (c === 0x2d && isMarker(text, pos, 0x2d)) {
      if (sawMarker || contentLine !== 0) { close(pos); chunkStart = pos; chunkLine = line; contentLine = 0; }
      sawMarker = true;
    }
    if (c === 0x2e && isMarker(text, pos, 0x2e)) {
      close(end + 1);
      chunkStart = end + 1;
      chunkLine = line + 1;
      contentLine = 0;
      sawMarker = false;
    } else if (contentLine === 0 && lineHasContent(text, pos, end, !sawMarker)) {
      contentLine = line;
    }
    pos = end + 1;
  }
  close(text.length);
  return chunks;
}
