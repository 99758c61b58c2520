import {Args, Flags, loadHelpClass} from '@oclif/core'
import {BaseCommand} from '../core/command.js'
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
    const Help = await loadHelpClass(this.config)
    const help = new Help(this.config, {all: flags['nested-commands']})
    try {
      await help.showHelp(argv as string[])
    } catch (error) {
      const unknown = /^Command (.+) not found\.$/.exec(error instanceof Error ? error.message : '')
      if (!unknown) throw error
      throw usageError('unknown-command', `no command or topic '${unknown[1].replaceAll(':', ' ')}'`)
    }
  }
}
