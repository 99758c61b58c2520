import {Args, Flags, loadHelpClass} from '@oclif/core'
import {BaseCommand} from '../core/command.js'
import {unknownCommand} from '../core/command-hint.js'
import {usageError} from '../core/errors.js'

/**
 * `stewards help [COMMAND]`: oclif's help, as @oclif/plugin-help showed it, run as a command of stewards. Its errors
 * now take the road of every other command's (the documented exit codes, one line and a hint, credentials removed:
 * the plug-in printed an unknown `--token=…` back as typed, and exited 2 for an unknown command), and it uses the
 * bundled copy of oclif instead of loading a second one.
 */
export default class HelpCommand extends BaseCommand {
  static summary = 'Display help for stewards, or for one command or topic.'

  static args = {
    command: Args.string({description: 'the command or topic to show help for', required: false}),
  }

  static flags = {
    'nested-commands': Flags.boolean({char: 'n', description: 'include all nested commands in the output'}),
  }

  static strict = false

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(HelpCommand)
    // oclif's parser has refused any unknown flag: what is left are the words of a command or topic.
    const words = argv as string[]
    const id = words.join(':')
    if (id !== '' && !this.config.findCommand(id) && !this.config.findTopic(id)) {
      const {typed, hint} = unknownCommand(this.config, words, 'stewards help')
      throw usageError('unknown-command', `no command or topic '${typed}'`, hint)
    }
    const Help = await loadHelpClass(this.config)
    await new Help(this.config, {all: flags['nested-commands']}).showHelp(words)
  }
}
