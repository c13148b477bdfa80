/** Line breaking for SVG text, which does not wrap by itself (path-diagram.tsx). */

export const NODE_W = 168;
export const PAD = 6;
const MAX_LINES = 3;
const FONT_PX = 11;

/** Rough advance of a character at 11px: Hangul and CJK are about square, Latin about half. */
function advance(ch: string): number {
  return /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? FONT_PX : FONT_PX * 0.56;
}

/** Greedy wrap to the box width, breaking at spaces where it can; the last line ends in … when cut. */
export function wrap(text: string, width = NODE_W - 2 * PAD - 4, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let lastSpace = -1;
  for (const ch of text) {
    const a = advance(ch);
    if (w + a > width && line) {
      if (lastSpace > 0 && lastSpace > line.length / 2) {
        lines.push(line.slice(0, lastSpace));
        line = line.slice(lastSpace + 1);
      } else {
        lines.push(line);
        line = '';
      }
      w = [...line].reduce((s, c) => s + advance(c), 0);
      lastSpace = -1;
      if (lines.length === maxLines) break;
    }
    if (ch === ' ') lastSpace = line.length;
    line += ch;
    w += a;
  }
  if (lines.length < maxLines) {
    if (line) lines.push(line);
  } else {
    lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/.$/u, '')}…`;
  }
  return lines;
}

