/**
 * `DEBUG=stewards:timing` on stderr: when each phase of a run ends (milliseconds since the process started, from
 * `performance.now()`); `DEBUG=stewards:timing:files` each file's time and the components it gave. For the
 * measurements of the README's Performance section, which were taken by patching timestamps in before. Off, a call
 * checks one flag and measures nothing. Lines go through the redacting logger (./debug-log.ts), as every debug line.
 */
import createDebug from 'debug'
import {safeLogger} from './debug-log.js'

const PHASES = 'stewards:timing'
const FILES = 'stewards:timing:files'

/** The end of a phase of the run (`walked`, `files read`, `finished`, `written`). */
export function phaseEnd(name: string): void {
  if (createDebug.enabled(PHASES)) safeLogger(PHASES).debug('%s at %s ms', name, performance.now().toFixed(1))
}

/**
 * Times one file when `stewards:timing:files` is on: call the returned function when the file is done, with the
 * components it gave. Undefined when off.
 */
export function timeFile(file: string): ((components: number) => void) | undefined {
  if (!createDebug.enabled(FILES)) return undefined
  const start = performance.now()
  return (components) =>
    safeLogger(FILES).debug('%s ms %d components %s', (performance.now() - start).toFixed(1), components, file)
}
