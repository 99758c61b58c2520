import {ExitCode} from '../core/errors.js'
import {formatProblem, loadRules, RulesError} from './load.js'
import type {ParamOverrides} from './schema.js'
import type {RuleSet} from './types.js'

interface CommandLike {
  logToStderr(message: string): void
  exit(code?: number): never
}

/**
 * Loads rules for a command. Rule-file problems go to stderr one `file:line:column: reason` per line (unwrapped,
 * so editors and CI annotations can parse them) and the command exits 3.
 */
export async function loadRulesOrExit(command: CommandLike, specs: string[], overrides?: ParamOverrides): Promise<RuleSet> {
  try {
    return await loadRules(specs, overrides)
  } catch (error) {
    if (!(error instanceof RulesError)) throw error
    for (const problem of error.problems) command.logToStderr(formatProblem(problem))
    command.logToStderr(`Hint: ${error.hint}`)
    return command.exit(ExitCode.usage)
  }
}
