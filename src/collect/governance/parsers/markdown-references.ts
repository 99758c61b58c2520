/**
 * Markdown reference links in governance files, as CommonMark reads them
 * (https://spec.commonmark.org/0.31.2/#link-reference-definitions): a list of `* [Liz Rice] (Isovalent)` whose
 * definitions `[Liz Rice]: https://github.com/lizrice` stand at the end of the file (cilium/cilium MAINTAINERS.md).
 * A definition names nobody where it stands (it is read where it is used, as an inline link); read as a line of its
 * own, every person defined at the end of the file took the role of its last heading ("Emeritus Committers").
 * Hand-written beside ./rst.ts's targets: the people readers work line by line, and a Markdown library's tree would
 * still be walked back into lines.
 */

/** `[label]: <url> "title"`, indented at most three spaces; the label holds no brackets. */
const DEFINITION = /^ {0,3}\[([^[\]]{1,999})\]:[ \t]*<?([^\s<>]+)>?(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/

/** Labels match case-insensitively, runs of whitespace as one space (CommonMark's label matching). */
function normalise(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** Whether a line is a link reference definition (it names nobody where it stands). */
export function isLinkDefinition(line: string): boolean {
  return DEFINITION.test(line)
}

/** The file's link reference definitions by label: the first of a label wins, as in CommonMark. */
export function linkDefinitions(lines: readonly string[]): Map<string, string> {
  const definitions = new Map<string, string>()
  for (const line of lines) {
    const match = DEFINITION.exec(line)
    if (!match) continue
    const label = normalise(match[1])
    if (label && !definitions.has(label)) definitions.set(label, match[2])
  }
  return definitions
}

/**
 * `[text][label]`, `[label][]` and `[label]` written as the inline links they stand for (`[text](url)`) where the
 * file defines the label; anything else is left as written. One pass, no nested repetition: linear in the line.
 */
export function resolveLinkReferences(text: string, definitions: ReadonlyMap<string, string>): string {
  if (definitions.size === 0 || !text.includes('[')) return text
  return text.replace(
    /(?<!!)\[([^[\]]{1,999})\](?:\[([^[\]]{0,999})\])?(?![(:[])/g,
    (written, shown: string, label?: string) => {
      const url = definitions.get(normalise(label || shown))
      return url ? `[${shown}](${url})` : written
    },
  )
}
