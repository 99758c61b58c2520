/**
 * ytt templates (https://carvel.dev/ytt/docs/latest/lang/): YAML whose `#@` lines are annotations ytt evaluates when it
 * renders the file (`#@ load(...)`, `image: #@ data.values.image`, `#@ if`/`#@ end` around keys). To YAML they are
 * comments, so an unrendered template reads as a broken document (`image: null`, the keys of each branch of an `if`
 * twice): it is reported as a template, never read as a broken manifest or pipeline. Shared by the k8s-manifest and
 * concourse formats.
 */

/** What a ytt template's skip says. */
export const YTT_TEMPLATE =
  'a ytt template (#@ annotations): its values are computed when ytt renders it; render it and scan the result'

/**
 * The line of the first ytt annotation (`#@` at a line's start, after indentation, then a space, an annotation
 * name such as `overlay/match` or `data/values`, or the line's end), outside block scalars: a manifest may carry a ytt
 * overlay as a string (kapp-controller's App and Secret examples: `fix.yml: |` holding `#@overlay/match`), which
 * kubectl applies as it is. Undefined when there is none.
 */
export function yttAnnotationLine(text: string): number | undefined {
  // `#@` is rare in other YAML: the lines are looked at only when the text holds one.
  if (!text.includes('#@')) return undefined
  /** The indentation of the key whose block scalar (`key: |`, `- >-`) the lines are in; -1 outside one. */
  let block = -1
  let line = 0
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start)
    const stop = end === -1 ? text.length : end
    const row = text.slice(start, stop)
    line++
    start = stop + 1
    const indent = row.length - row.trimStart().length
    if (block >= 0) {
      // A block scalar's lines are more indented than its key, or blank.
      if (row.trim() === '' || indent > block) continue
      block = -1
    }
    if (/^[ \t]*#@(?:[ \t]|[A-Za-z][\w-]*\/|\r?$)/.test(row)) return line
    if (BLOCK_SCALAR.test(row)) block = indent
  }
  return undefined
}

/** A line that starts a block scalar: a key or a list item whose value is `|` or `>` (with indicators), then nothing. */
const BLOCK_SCALAR =
  /^[ \t]*(?:-[ \t]+)*(?:(?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)[ \t]*:[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/
