/**
 * What bin/run.js starts the built CLI with: oclif's `execute`, from the same copy of @oclif/core as the commands.
 * The build bundles @oclif/core into dist/ (scripts/bundle.mjs), so it must be imported from here, not from
 * node_modules: a second copy would load some 160 modules again.
 */
export {execute} from '@oclif/core'

/**
 * Resolves when nothing waits in `stream`'s buffer, or when it can take nothing more (a closed pipe): bin/run.js
 * exits once stdout and stderr have drained, instead of tearing down the whole heap first (stdout and stderr are
 * asynchronous on some pipes, e.g. on macOS).
 */
export function drained(stream: {
  writableLength: number
  destroyed: boolean
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown
}): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0 || stream.destroyed) return resolve()
    for (const event of ['drain', 'close', 'error'] as const) stream.once(event, resolve)
  })
}
