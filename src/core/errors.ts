/** Exit codes: the contract CI relies on (see README). */
export const ExitCode = {
  clean: 0,
  findings: 1,
  incomplete: 2,
  usage: 3,
  internal: 4,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** An error meant for the user: a stable code, a one-line message, an optional hint, and its exit code. */
export class StewardsError extends Error {
  readonly code: string
  readonly exitCode: ExitCode
  readonly hint?: string

  constructor(code: string, message: string, options: {exitCode?: ExitCode; hint?: string; cause?: unknown} = {}) {
    super(message, {cause: options.cause})
    this.name = 'StewardsError'
    this.code = code
    this.exitCode = options.exitCode ?? ExitCode.usage
    this.hint = options.hint
  }
}

/** Usage or configuration problem: exit 3. */
export function usageError(code: string, message: string, hint?: string): StewardsError {
  return new StewardsError(code, message, {exitCode: ExitCode.usage, hint})
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
