import {spawnSync} from 'node:child_process'

/**
 * Makes a FIFO at `path` (mkfifo(1)) and returns the path: a file that makes a reader wait for a writer, to check
 * that nothing the tool reads waits on one. POSIX only (callers skip on Windows).
 */
export function makeFifo(path: string): string {
  const made = spawnSync('mkfifo', [path], {encoding: 'utf8'})
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.stderr || made.error}`)
  return path
}
