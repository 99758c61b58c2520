import type {Hook} from '@oclif/core'
import {ExitCode} from '../core/errors.js'

/** An unknown command is a usage error (exit 3), with a hint, not oclif's exit 2. */
const hook: Hook<'command_not_found'> = async function (options) {
  // oclif joins the words it tried as a topic path ('scna:fixtures/demo'): the command is the first one.
  const command = options.id.split(':')[0]
  this.error(`unknown command '${command}'\nHint: run \`stewards --help\` for the list of commands`, {
    exit: ExitCode.usage,
  })
}

export default hook
