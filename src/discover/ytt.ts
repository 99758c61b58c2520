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
 * name such as `overlay/match` or `data/values`, or the line's end); undefined when there is none.
 */
export function yttAnnotationLine(text: string): number | undefined {
  // `#@` is rare in other YAML: the whole text is scanned by the expression only when it holds one.
  if (!text.includes('#@')) return undefined
  const match = /^[ \t]*#@(?:[ \t]|[A-Za-z][\w-]*\/|\r?$)/m.exec(text)
  if (match === null) return undefined
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++
  return line
}
