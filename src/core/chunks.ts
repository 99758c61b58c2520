/**
 * Large output (an inventory of hundreds of thousands of components) made and written in chunks of about CHUNK
 * characters, never as one string, and written no faster than the reader takes it.
 * - A string of a whole document, and every piece of one, is allocated straight into the old generation of V8's
 *   heap, where it stays until a full collection: the output of a 100 MB lockfile's inventory grew the heap by
 *   about its own size, and on Node 22 and later a 9 MB document touched some 30 MB of fresh memory each time it
 *   was built. Chunks this small live and die in the young generation, whose pages are reused.
 * - stdout is asynchronous on a pipe: piped into a slower reader (`| jq`, `| gzip`), everything written waited in
 *   memory (the whole 90 MB of a 100 MB lockfile's inventory). `writeOut` waits for the stream to drain.
 * Each chunk is made safe as it is written (core/neutralise.ts `safeOutput`), so chunks hold whole values: a chunk
 * never ends inside one, and a credential is never split across two chunks.
 */
import type {Writable} from 'node:stream'
import {safeOutput} from './neutralise.js'

/** Characters per chunk: well under V8's large-object size (128 KiB, two bytes a character), yet few writes. */
export const CHUNK = 48 * 1024

/** The texts, each kept whole, joined into chunks: a text that would take a chunk over CHUNK starts the next. */
export function* chunked(texts: Iterable<string>): Generator<string> {
  let pending = ''
  for (const text of texts) {
    if (pending !== '' && pending.length + text.length > CHUNK) {
      yield pending
      pending = ''
    }
    pending += text
    if (pending.length >= CHUNK) {
      yield pending
      pending = ''
    }
  }
  if (pending !== '') yield pending
}

/** Lines, each with its line break, in chunks of whole lines. */
export function lineChunks(lines: Iterable<string>): Generator<string> {
  return chunked(withBreaks(lines))
}

function* withBreaks(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`
}

/** The part of a writable stream (process.stdout) that `writeOut` and `drained` use. */
export type OutputStream = Pick<
  Writable,
  'write' | 'writableLength' | 'writableNeedDrain' | 'writableEnded' | 'destroyed' | 'once' | 'off'
>

/**
 * Writes the chunks, each made safe (`safeOutput`, or `safeJsonOutput` for JSON.stringify's text), waiting whenever
 * the stream's buffer is full. Stops when the stream can take nothing more (the reader closed the pipe:
 * `stewards inventory | head`).
 */
export async function writeOut(
  stream: OutputStream,
  chunks: Iterable<string>,
  safe: (text: string) => string = safeOutput,
): Promise<void> {
  for (const chunk of chunks) {
    if (stream.destroyed) return
    if (!stream.write(safe(chunk))) await drained(stream)
  }
}

const ENDS = ['close', 'error'] as const

/**
 * Resolves when nothing waits in `stream`'s buffer, or when it can take nothing more (a closed pipe). bin/run.js
 * also exits once stdout and stderr have drained, instead of tearing down the whole heap first (stdout and stderr
 * are asynchronous on pipes), and a command's error handler first lets its output go out.
 * 'drain' comes only after a write that returned false. A short last write into a full pipe waits in the buffer
 * without one, and a wait for 'drain' then never ended: the process ran out of work and Node exited with 13. An
 * empty write's callback comes once everything before it has gone out; an ended stream says so with 'finish'.
 */
export function drained(stream: OutputStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0 || stream.destroyed) return resolve()
    // The first event ends the wait and takes the other listeners off: writeOut may wait thousands of times.
    const done = () => {
      stream.off('drain', done)
      stream.off('finish', done)
      for (const event of ENDS) stream.off(event, done)
      resolve()
    }
    for (const event of ENDS) stream.once(event, done)
    if (stream.writableEnded) stream.once('finish', done)
    else if (stream.writableNeedDrain) stream.once('drain', done)
    // A failed write (EPIPE: the reader went away) ends the wait through 'error' or 'close', whose listeners must
    // still be there when the stream emits it: taken off here, the error would have no listener and crash the run.
    else
      stream.write('', (error) => {
        if (!error) done()
      })
  })
}
