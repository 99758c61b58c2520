/**
 * What node was started with that the CLI must respect: its command line (`process.execArgv`) and NODE_OPTIONS.
 * ./tiering.ts and ./young-generation.ts leave V8's own behaviour alone when the user set a flag of theirs.
 */

/** Node's options: its command line and NODE_OPTIONS (one string, as node reads it). */
export function nodeOptions(): string[] {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? '']
}

/** Whether any option names a flag `pattern` matches; node takes `_` for `-` in V8's flags, so both are seen. */
export function namesFlag(options: readonly string[], pattern: RegExp): boolean {
  return options.some((option) => pattern.test(option.replaceAll('_', '-')))
}
