import type {Hook} from '@oclif/core'
import {suggest} from '../core/did-you-mean.js'
import {ExitCode} from '../core/errors.js'
import {safeOutput} from '../core/neutralise.js'

/**
 * An unknown command is a usage error (exit 3, not oclif's 2): one line naming what was typed, and a hint with the
 * nearest command when it looks like a typo (`stewards scna` → `stewards scan`, `stewards rules lst` → `stewards
 * rules list`). Only suggested, never run.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  // oclif joins the words it tried with ':' ('scna:fixtures/demo', 'rules:lst:x'): the longest known topic first,
  // then the one word after it is the mistyped command.
  const words = options.id.split(':')
  const topics = new Set(this.config.topics.map((t) => t.name))
  let depth = 0
  while (depth < words.length - 1 && topics.has(words.slice(0, depth + 1).join(':'))) depth++
  const topic = words.slice(0, depth)
  const typed = words[depth]
  const prefix = topic.length ? `${topic.join(':')}:` : ''
  // Commands and topics one level below the topic the user reached.
  const below = [...this.config.commandIDs, ...topics]
    .filter((id) => id.startsWith(prefix))
    .map((id) => id.slice(prefix.length).split(':')[0])
  const guess = suggest(typed, below)
  const shown = [...topic, typed].join(' ')
  const help = topic.length ? `stewards ${topic.join(' ')} --help` : 'stewards --help'
  const hint = guess
    ? `did you mean \`stewards ${[...topic, guess].join(' ')}\`? (\`${help}\` lists the commands)`
    : `run \`${help}\` for the list of commands`
  // One line and the hint, unwrapped (oclif's this.error wraps at 80 columns); what was typed is made safe to print.
  process.stderr.write(safeOutput(`Error: unknown command '${shown}'\nHint: ${hint}\n`))
  this.exit(ExitCode.usage)
}

export default hook
