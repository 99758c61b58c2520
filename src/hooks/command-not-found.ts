import type {Hook} from '@oclif/core'
import {unknownCommand} from '../core/command-hint.js'
import {ExitCode} from '../core/errors.js'
import {safeOutput} from '../core/neutralise.js'

/**
 * An unknown command is a usage error (exit 3, not oclif's 2): one line naming what was typed, and a hint with the
 * nearest command when it looks like a typo (`stewards scna` → `stewards scan`, `stewards rules lst` → `stewards
 * rules list`). Only suggested, never run.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  // oclif joins the words it tried with ':' ('scna:fixtures/demo', 'rules:lst:x').
  const {typed, hint} = unknownCommand(this.config, options.id.split(':'))
  // One line and the hint, unwrapped (oclif's this.error wraps at 80 columns); what was typed is made safe to print.
  process.stderr.write(safeOutput(`Error: unknown command '${typed}'\nHint: ${hint}\n`))
  this.exit(ExitCode.usage)
}

export default hook
