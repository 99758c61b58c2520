/**
 * Size cap on one governance file (README "Governance files"): the largest real files seen are far below it
 * (cncf/foundation project-maintainers.csv, about 150 KB; Kubernetes OWNERS_ALIASES, about 60 KB). A larger file
 * is not read: the project's governance is then incomplete (reported with the file), never parsed in part.
 */
export const MAX_GOVERNANCE_FILE_BYTES = 1024 * 1024

export function tooLarge(bytes: number): string {
  return `larger than the ${MAX_GOVERNANCE_FILE_BYTES / 1024 / 1024} MiB cap on governance files (${bytes} bytes): not read`
}

/**
 * Longest line a governance parser reads. The parsers' expressions run on each line, and some are quadratic in a
 * line's length at worst (a run of spaces before what does not match); a hostile upstream can write a 1 MiB line. The
 * longest lines of real governance files are far shorter (a MAINTAINERS.md table row of a few hundred characters);
 * a README may hold a longer one (OpenTelemetry's holds a 13 KB JSON blob), which names no one.
 */
export const MAX_GOVERNANCE_LINE = 2_000

/** `content` with each line longer than MAX_GOVERNANCE_LINE emptied, so the others keep their numbers. */
export function boundedLines(content: string): string {
  let start = 0
  let long = false
  while (start <= content.length) {
    const end = content.indexOf('\n', start)
    const stop = end === -1 ? content.length : end
    if (stop - start > MAX_GOVERNANCE_LINE) {
      long = true
      break
    }
    start = stop + 1
  }
  if (!long) return content
  return content
    .split('\n')
    .map((line) => (line.length > MAX_GOVERNANCE_LINE ? '' : line))
    .join('\n')
}
