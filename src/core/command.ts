import {format} from 'node:util'
import {Command, Errors} from '@oclif/core'
import {drained, writeOut} from './chunks.js'
import {suggest} from './did-you-mean.js'
import {ExitCode, StewardsError} from './errors.js'
import {jsonChunks} from './json-stream.js'
import {safeJsonOutput, safeOutput} from './neutralise.js'

/**
 * Base for every command: maps failures onto the documented exit codes (oclif exits 1 on an uncaught exception
 * and 2 on a parse error; CI must never take a crash for findings), and is the output boundary of command text:
 * whatever a command prints with `log`, `logToStderr`, `logJson` or `write`, and every error message, has
 * credentials removed and is neutralised (src/core/neutralise.ts): names, file contents and messages from inputs
 * and upstreams cannot drive the terminal or a CI log.
 */
export abstract class BaseCommand extends Command {
  log(message = '', ...args: unknown[]): void {
    super.log(safeOutput(format(message, ...args)))
  }

  logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(safeOutput(format(message, ...args)))
  }

  /** `--json` output: plain JSON.stringify (same bytes every run, fast on large inventories), made safe. */
  protected logJson(json: unknown): void {
    process.stdout.write(`${safeOutput(JSON.stringify(json, null, 2))}\n`)
  }

  /** Text for stdout as is (no newline added), made safe. */
  protected write(text: string): void {
    process.stdout.write(safeOutput(text))
  }

  /**
   * Large output for stdout (an inventory), chunk by chunk, each made safe, waiting whenever stdout's buffer is full
   * (core/chunks.ts): a slow reader of a pipe never makes it pile up in memory.
   */
  protected async writeChunks(chunks: Iterable<string>): Promise<void> {
    await writeOut(process.stdout, chunks)
  }

  /** A large value as `JSON.stringify(value, null, 2)` and a line break, in chunks (core/json-stream.ts), made safe. */
  protected async writeJson(value: object): Promise<void> {
    await writeOut(process.stdout, jsonChunks(value), safeJsonOutput)
  }

  /** Text for stderr as is, made safe; also when `--json` silences `logToStderr`. */
  protected writeErr(text: string): void {
    process.stderr.write(safeOutput(text))
  }

  /** Prints what a delivery (pipeline/deliver.ts) left for stderr, then exits with its code (returns on 0). */
  protected finish(delivered: {exitCode: ExitCode; message?: string; notes: readonly string[]}): void {
    for (const note of delivered.notes) this.logToStderr(note)
    if (delivered.message) this.logToStderr(delivered.message)
    if (delivered.exitCode !== ExitCode.clean) this.exit(delivered.exitCode)
  }

  /** For an unknown flag (@oclif/core 4 suggests none): the nearest flag of this command, as `--name`. */
  protected flagSuggestion(error: Error): string | undefined {
    const unknown = (error as Error & {flags?: unknown}).flags
    if (error.constructor?.name !== 'NonExistentFlagsError' || !Array.isArray(unknown) || unknown.length === 0)
      return undefined
    const flags = (this.constructor as {flags?: Record<string, {allowNo?: boolean}>}).flags ?? {}
    const known = Object.entries(flags).flatMap(([name, flag]) =>
      flag.allowNo ? [`--${name}`, `--no-${name}`] : [`--${name}`],
    )
    return suggest(String(unknown[0]).split('=')[0], known)
  }

  protected async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    // oclif ends the process on exit: a report still queued for a pipe would be cut at 64 KiB.
    await drained(process.stdout)
    if (error instanceof StewardsError) {
      // Written directly: oclif's this.error wraps at 80 columns, which breaks file:line:reason lines. A message whose
      // every line names its place (`file:line:column: reason`, e.g. rule-file problems) goes unlabelled, so editors
      // and CI annotations parse every line, the first one too.
      const located = error.message.split('\n').every((line) => LOCATED_LINE.test(line))
      const text = located ? error.message : `Error: ${error.message}`
      this.writeErr(`${text}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`)
      return this.exit(error.exitCode)
    }
    if (error instanceof Errors.ExitError) throw error
    // oclif reports every flag and argument parse failure with exit 2; ours is 3.
    if (isParseError(error) || (error instanceof Errors.CLIError && error.oclif?.exit === 2)) {
      const line = error.message
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('See more help'))
        .map((l) => l.replace(/:$/, ''))
        .join(': ')
      const help = `see \`stewards ${(this.id ?? '').replaceAll(':', ' ')} --help\``
      const guess = this.flagSuggestion(error)
      const hint = guess ? `did you mean ${guess}? (${help})` : help
      // Written directly, like a StewardsError: oclif's this.error would wrap the one line at 80 columns.
      this.writeErr(`Error: ${line}\nHint: ${hint}\n`)
      return this.exit(ExitCode.usage)
    }
    if (error instanceof Errors.CLIError && error.oclif?.exit !== undefined && error.oclif.exit !== 1) throw error
    this.logToStderr(`internal error: ${error.stack ?? error.message}`)
    return this.error(safeOutput(`internal error: ${error.message}`), {exit: ExitCode.internal})
  }
}

const LOCATED_LINE = /^\S.*:\d+:\d+: /

function isParseError(error: Error): boolean {
  const name = error.constructor?.name ?? ''
  return /^(CLIParseError|ArgInvalidOptionError|FlagInvalidOptionError|RequiredArgsError|RequiredFlagError|UnexpectedArgsError|NonExistentFlagsError|FailedFlagValidationError)$/.test(
    name,
  )
}
