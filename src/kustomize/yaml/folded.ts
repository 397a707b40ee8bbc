// kustomize writes every resource through go-yaml v3's encoder (keeping each scalar's input
// style) and decodes it again before printing. For folded scalars (`>`) that round trip is lossy:
// go-yaml's `yaml_emitter_write_folded_scalar` looks for the next line's first character from
// index 0 of the value instead of from the current position (a porting slip from libyaml), so
// it writes an extra blank line before lines it should not, and the re-read gains a "\n" before
// more-indented lines. `kyamlFoldedValue` applies that round trip to a value read from `>`.

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Whether the round trip can change this folded value at all (cheap pre-check). */
function mayChange(value: string): boolean {
  // Only a break followed by a more-indented line, or several trailing breaks, differ.
  return /\n[ \t]/.test(value) || /\n\n$/.test(value);
}

/** The lines go-yaml v3's folded writer emits (without indentation), each ended by a break. */
function emitFoldedLines(value: string): string[] {
  let k = 0;
  while (value[k] === '\n') k++;
  const extraBreaks = k < value.length && !isBlank(value[k]); // the bug: decided once, from index 0
  const lines: string[] = [];
  let line = '';
  let breaks = true;
  let leadingSpaces = true;
  for (const c of value) {
    if (c === '\n') {
      if (!breaks && !leadingSpaces && extraBreaks) { lines.push(line); line = ''; }
      lines.push(line);
      line = '';
      breaks = true;
    } else {
      if (breaks) leadingSpaces = isBlank(c);
      line += c;
      breaks = false;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** go-yaml's block scalar scanner for folded style over already de-indented lines. */
function readFolded(lines: readonly string[], chomp: '-' | '+' | ''): string {
  let s = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let leadingBlank = false;
  let i = 0;
  for (; i < lines.length && lines[i] === ''; i++) trailingBreaks += '\n';
  while (i < lines.length) {
    const line = lines[i++]!;
    const trailingBlank = isBlank(line[0]);
    if (!leadingBlank && !trailingBlank && leadingBreak === '\n') {
      if (trailingBreaks === '') s += ' ';
    } else {
      s += leadingBreak;
    }
    s += trailingBreaks;
    trailingBreaks = '';
    leadingBlank = trailingBlank;
    s += line;
    leadingBreak = '\n';
    for (; i < lines.length && lines[i] === ''; i++) trailingBreaks += '\n';
  }
  if (chomp !== '-') s += leadingBreak;
  if (chomp === '+') s += trailingBreaks;
  return s;
}

/** The value kustomize ends up with for a scalar it read in folded style (`>`). */
export function kyamlFoldedValue(value: string): string {
  // go-yaml falls back to double quotes (lossless) when a block scalar is not allowed.
  if (!mayChange(value) || /[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]|[ ]\n|[ ]$/u.test(value)) return value;
  const n = value.length;
  const chomp = n === 0 || value[n - 1] !== '\n' ? '-' : n === 1 || value[n - 2] === '\n' ? '+' : '';
  return readFolded(emitFoldedLines(value), chomp);
}
