/**
 * Text from inputs and upstreams (names, companies, file contents, messages) must not drive whatever shows it:
 * a terminal, a CI log, a code-scanning page. This is the one place that makes such text inert; every output
 * boundary (report formats, command output on stdout and stderr) passes through it.
 *
 * - C0 and C1 controls, DEL, a carriage return not followed by a line feed, Unicode line and paragraph
 *   separators, and bidirectional controls (embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069,
 *   marks U+200E, U+200F, U+061C: "Trojan Source", CVE-2021-42574) are shown as visible `\uXXXX` escapes. Tab
 *   and line feed stay (they lay out multi-line text). The escape is JSON's own, so neutralising a JSON
 *   document keeps it valid and its data exact.
 * - GitHub Actions runs workflow commands from log lines (actions/runner ActionCommand.cs): a line that starts,
 *   after white space, with `::`, and `##[` anywhere in a line. A zero-width space is put between the two
 *   characters, so no text can become a command while it still reads the same.
 */
import {mapStrings} from './map-strings.js'
import {redactSecrets, redactValue} from './redact.js'

const UNSAFE_CHARS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069'
const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]|\\r(?!\\n)`, 'g')
/** Select Graphic Rendition sequences (colours), which the terminal table writes itself. */
const UNSAFE_OR_SGR = new RegExp(`\\u001b\\[[0-9;]{0,32}m|[${UNSAFE_CHARS}]|\\r(?!\\n)`, 'g')
/**
 * Tested apart from `::` and `##[`: an alternation of all three is tried at every position of a large text. Any
 * carriage return, so one class (a third faster on an inventory than the alternation with its lookahead); the
 * replacement leaves a CRLF as it is.
 */
const HAS_UNSAFE = new RegExp(`[${UNSAFE_CHARS}\\r]`)

const ZWSP = '\u200b'

export interface NeutraliseOptions {
  /** Keep colour sequences (SGR): only for text whose data was neutralised before it was painted. */
  keepColour?: boolean
}

/** `\u202E` for U+202E: visible, and a valid JSON escape. */
function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Inert text, multi-line layout kept (see the module header). Text with nothing to change is returned as is. */
export function neutralise(text: string, options: NeutraliseOptions = {}): string {
  const escaped = HAS_UNSAFE.test(text)
    ? text.replace(options.keepColour ? UNSAFE_OR_SGR : UNSAFE, (match) => (match.length > 1 ? match : visible(match)))
    : text
  return escaped.includes('::') || escaped.includes('##[') ? breakWorkflowCommands(escaped) : escaped
}

/**
 * Text that must stay on its line (a file name or a message in `file:line: message`, a table cell), shown as it is:
 * a line feed or carriage return becomes a visible `\u000A` / `\u000D`, as neutralise shows the other controls. A
 * file named `x\n::error::y` would otherwise print a line of its own choosing.
 */
export function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, visible) : text
}

/** Inert text on one line: tabs and line breaks become single spaces (table cells, Markdown prose). */
export function neutraliseLine(text: string): string {
  return neutralise(text.replace(/[\t\r\n]+/g, ' '))
}

/** `::` at the start of any line (after white space) and `##[` anywhere get a zero-width space inside. */
function breakWorkflowCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, `$1:${ZWSP}`).replaceAll('##[', `##${ZWSP}[`)
}

/**
 * Every string in `value`, object keys included (metrics keyed by organisation name), neutralised with
 * `neutralise`. For data a format lays out itself (SARIF, Markdown, HTML, CSV, the table). Objects and arrays
 * are copied only where something changed.
 */
export function neutraliseData<T>(value: T): T {
  return mapStrings(value, (text) => neutralise(text), {keys: true})
}

/**
 * A model as the formats that lay it out themselves get it, in one walk: each value redacted (`redactValue`, as
 * `redactDeep`), a file name (a `file` property) kept on its line (`oneLine`: a line break in it is shown `\u000A`, as
 * on stderr), then every value and key neutralised (as `neutraliseData`). The same data as those three walks one
 * after the other (src/report/registry.test.ts); keys are not redacted, as `redactDeep` leaves them.
 */
export function reportData<T>(value: T): T {
  return mapStrings(
    value,
    (text, key, isKey) => {
      // A key is upstream text too (an organisation's name in a count map): a token there is removed as anywhere.
      if (isKey) return neutralise(redactSecrets(text))
      const redacted = redactValue(text, key)
      return neutralise(key === 'file' ? oneLine(redacted) : redacted)
    },
    {keys: true},
  )
}

/**
 * What every output boundary writes: credentials removed (`redactSecrets`), then neutralised. Safe on any text
 * the tool prints or saves, JSON included.
 */
export function safeOutput(text: string, options: NeutraliseOptions = {}): string {
  return neutralise(redactSecrets(text), options)
}

/**
 * `safeOutput` for text that JSON.stringify wrote (or pieces of it, cut between values: core/json-stream.ts), the
 * same text for less work. JSON.stringify escapes every C0 control and carriage return, so of what `neutralise`
 * escapes only DEL and characters past ASCII can be there: text of ASCII alone without DEL (a whole inventory, most
 * often) is checked for workflow commands only, not scanned for each unsafe character.
 */
export function safeJsonOutput(text: string): string {
  const redacted = redactSecrets(text)
  if (redacted.includes('\u007f') || Buffer.byteLength(redacted, 'utf8') !== redacted.length)
    return neutralise(redacted)
  return redacted.includes('::') || redacted.includes('##[') ? breakWorkflowCommands(redacted) : redacted
}
