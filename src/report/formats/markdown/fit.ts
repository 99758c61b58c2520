/** Cuts a Markdown document at a line boundary to fit a character limit, closing any open `<details>`. */

export const GITHUB_COMMENT_LIMIT = 65_536

const CLOSE = '</details>'

function depthChange(line: string): number {
  return (line.match(/<details>/g)?.length ?? 0) - (line.match(/<\/details>/g)?.length ?? 0)
}

/**
 * Lines in priority order (most important first). Lengths are UTF-16 code units, which is never less than the
 * characters GitHub counts, so a document that fits here fits there.
 */
export function fitLines(lines: readonly string[], limit: number, note: string): {text: string; truncated: boolean} {
  const full = `${lines.join('\n')}\n`
  if (full.length <= limit) return {text: full, truncated: false}
  const tail = `\n${note}\n`
  const kept: string[] = []
  let used = 0
  let depth = 0
  for (const line of lines) {
    const nextDepth = depth + depthChange(line)
    const closing = Math.max(0, nextDepth) * (CLOSE.length + 1)
    if (used + line.length + 1 + closing + tail.length > limit) break
    kept.push(line)
    used += line.length + 1
    depth = nextDepth
  }
  // A blank line first ends any table or list the cut fell in.
  const closers = depth > 0 ? ['', ...Array<string>(depth).fill(CLOSE)] : []
  return {text: `${[...kept, ...closers].join('\n')}\n${tail}`, truncated: true}
}
