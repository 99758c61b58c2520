/**
 * Direct and transitive in a file pip-tools or uv compiled (`pip-compile`, `uv pip compile`): each pin is annotated
 * with what required it (pip-tools piptools/writer.py `_format_requirement` and `annotation`, `--annotate` on by
 * default; uv writes the same), after its `--hash` lines:
 *
 *     flask==3.0.0 \
 *         --hash=sha256:…
 *         # via -r requirements.in
 *     jinja2==3.1.2
 *         # via
 *         #   -r requirements.in
 *         #   flask
 *     click==8.1.7              # via flask        (pip-tools before 6.0: on the pin's line, items split by `, `)
 *
 * An item `-r FILE` (an input file; pip-tools writes `-c FILE` for a constraints file, which only pins) or `NAME
 * (pyproject.toml)` (also `setup.py`, `setup.cfg`: the project whose metadata was compiled) says the
 * project itself asked for it: direct. Only other packages (or constraints files): transitive. A pin without an
 * annotation (`--no-annotate`, or a file written by hand) says nothing. One pass over the lines, each looked at once.
 */

/**
 * `# via …` at the end of a pin's line; group 1 what follows on the line. `[\s\S]*`, not `.*`: `.` stops at a U+2028
 * inside the line, `$` then fails, and every split of the spaces before was tried again (a line of 40,000 spaces
 * took 18 s).
 */
const VIA = /(?:^|\s)#\s*via(?:\s+([\s\S]*))?$/
/** `# via …` as a comment line of its own (trimmed): the same, anchored at the line's start. */
const VIA_LINE = /^#\s*via(?:\s+([\s\S]*))?$/
/** A continuation item of a `# via` block: `#   flask`, indented more than `# via`'s own text. */
const ITEM = /^#\s{2,}(\S.*)$/

/** The first line of each annotated pin (the line pip's logical line starts on) → whether it is direct. */
export function viaDirect(text: string): Map<number, boolean> {
  const direct = new Map<number, boolean>()
  let pin: number | undefined
  let inVia = false
  let continued = false
  const lines = text.split(/\r?\n/)
  const note = (item: string) => {
    if (pin === undefined) return
    const said = isProjectItem(item.trim())
    direct.set(pin, (direct.get(pin) ?? false) || said)
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]
    const trimmed = line.trim()
    const wasContinued = continued
    continued = !trimmed.startsWith('#') && line.endsWith('\\')
    if (trimmed === '') {
      inVia = false
      continue
    }
    if (trimmed.startsWith('#')) {
      const via = VIA_LINE.exec(trimmed)
      if (via) {
        inVia = pin !== undefined
        if (inVia && via[1] !== undefined) for (const item of via[1].split(',')) note(item)
        if (inVia && via[1] === undefined && !direct.has(pin as number)) direct.set(pin as number, false)
        continue
      }
      const item = inVia ? ITEM.exec(trimmed) : null
      if (item) note(item[1])
      else inVia = false
      continue
    }
    inVia = false
    if (wasContinued) continue
    // A new logical line: a pin (not an option line) is what the annotations below it speak of.
    pin = trimmed.startsWith('-') ? undefined : index + 1
    const inline = VIA.exec(line)
    if (pin !== undefined && inline?.[1] !== undefined) for (const item of inline[1].split(',')) note(item)
  }
  return direct
}

/** `-r requirements.in`, `--requirement x`, `acme-app (pyproject.toml)`: the project's own input asked for it. */
function isProjectItem(item: string): boolean {
  return /^(?:-r|--requirement)(?:\s|=|$)/.test(item) || /\((?:pyproject\.toml|setup\.py|setup\.cfg)\)$/.test(item)
}
