/**
 * `DEBUG=*` output without secrets. oclif logs `process.argv`, the parsed flags and each command's argv through
 * its logger (the `debug` package), so `--token ghp_…` would be printed verbatim. The entry points (bin/run.js,
 * bin/dev.js) remember the token values of the command line and environment before oclif starts, and give
 * oclif this logger (oclif's documented `loadOptions.logger`), which formats each message as `debug` would and
 * passes it through `redactSecrets` before writing it. Same namespaces and `DEBUG` syntax as oclif's own logger.
 */
import {format} from 'node:util'
import type {Interfaces} from '@oclif/core'
import createDebug from 'debug'
import {redactSecrets, rememberSecret} from './redact.js'

/** Flags whose value is a secret. */
const SECRET_FLAGS = ['--token']
/** Environment variables that hold a token stewards may use. */
const SECRET_ENV = ['GITHUB_TOKEN', 'GH_TOKEN']

/** Remembers (`rememberSecret`) the values of `--token X`, `--token=X` and the token variables. */
export function rememberStartupSecrets(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  argv.forEach((arg, i) => {
    for (const flag of SECRET_FLAGS) {
      if (arg === flag) rememberSecret(argv[i + 1])
      else if (arg.startsWith(`${flag}=`)) rememberSecret(arg.slice(flag.length + 1))
    }
  })
  for (const name of SECRET_ENV) rememberSecret(env[name])
}

/**
 * Every line the `debug` package writes (oclif's default logger included, whichever logger oclif ends up with:
 * its first `getLogger` call fixes one for the process) goes through `redactSecrets`. `debug` calls
 * `createDebug.log` for each message (https://github.com/debug-js/debug#output-streams).
 */
export function redactDebugOutput(): void {
  createDebug.log = (...args: unknown[]) => {
    process.stderr.write(`${redactSecrets(format(...args))}\n`)
  }
}

/** An oclif logger whose every message has its secrets removed (see the module header). */
export function safeLogger(namespace = 'oclif'): Interfaces.Logger {
  const debug = createDebug(namespace)
  const write = (formatter: unknown, ...args: unknown[]) => {
    if (debug.enabled) debug('%s', redactSecrets(format(formatter, ...args)))
  }
  return {
    namespace,
    debug: write,
    info: write,
    trace: write,
    warn: write,
    error: (formatter: unknown, ...args: unknown[]) => safeLogger(`${namespace}:error`).debug(formatter, ...args),
    child: (child: string, delimiter?: string) => safeLogger(`${namespace}${delimiter ?? ':'}${child}`),
  }
}
