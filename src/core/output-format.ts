/**
 * One way to choose what a command prints: `--format FORMAT` on every command, with `--json` kept as an alias of
 * `--format json` where it existed before `--format` did. Progress and warnings go to stderr whatever the format.
 */
import {Flags} from '@oclif/core'
import {usageError} from './errors.js'

/** `text` (for people) and `json` (for machines): the formats of every command but `scan`, which writes reports. */
export const TEXT_OR_JSON = ['text', 'json'] as const
export type TextOrJson = (typeof TEXT_OR_JSON)[number]

/** `--format` (default `text`) and its alias `--json`. */
export function formatFlags(what: string) {
  return {
    format: Flags.string({description: `how to print ${what} (default text)`, options: [...TEXT_OR_JSON]}),
    json: Flags.boolean({description: 'the same as --format json'}),
  }
}

/** The format asked for; `--json` with another `--format` is a usage error, not a silent choice. */
export function chosenFormat(flags: {format?: string; json?: boolean}): TextOrJson {
  if (flags.json && flags.format !== undefined && flags.format !== 'json')
    throw usageError('bad-flags', `--json and --format ${flags.format} ask for two formats: give one`)
  return flags.json ? 'json' : ((flags.format as TextOrJson | undefined) ?? 'text')
}
