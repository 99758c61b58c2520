import {Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {drained} from './cli-main.js'

/**
 * A stream (a full pipe) whose writes complete only once `release` is called: bytes wait in its buffer until then.
 * `fail` fails the writes waiting (EPIPE: the reader has gone).
 */
function slowStream() {
  const pending: Array<(error?: Error) => void> = []
  let open = false
  const stream = new Writable({
    highWaterMark: 4,
    write(_chunk, _encoding, callback) {
      if (open) callback()
      else pending.push(callback)
    },
  })
  const release = () => {
    open = true
    for (const callback of pending.splice(0)) callback()
  }
  const fail = () => {
    for (const callback of pending.splice(0)) callback(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
  }
  return {stream, release, fail}
}

/**
 * Waits on `drained(stream)` while the stream's writes wait: it must not resolve before `release`, and must after.
 * Gives up after a second (a wait that never ends is a failure, not a hung test).
 */
async function drainsOnlyOnRelease(stream: Writable, release: () => void): Promise<void> {
  let done = false
  const wait = drained(stream).then(() => {
    done = true
  })
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(done).toBe(false)
  release()
  await Promise.race([wait, new Promise((resolve) => setTimeout(resolve, 1000))])
  expect(done).toBe(true)
}

describe('drained', () => {
  it('resolves at once when nothing waits', async () => {
    await expect(drained(new Writable({write: (_c, _e, cb) => cb()}))).resolves.toBeUndefined()
  })

  it('resolves only once what waits in the buffer has gone out', async () => {
    const {stream, release} = slowStream()
    stream.write('more than the high-water mark')
    expect(stream.writableLength).toBeGreaterThan(0)
    await drainsOnlyOnRelease(stream, release)
  })

  it('resolves when a short write waits in the buffer without a drain to come (a full pipe)', async () => {
    const {stream, release} = slowStream()
    // Under the high-water mark: write() says go on, so the stream will emit no 'drain' for it.
    expect(stream.write('ab')).toBe(true)
    expect(stream.writableLength).toBe(2)
    expect(stream.writableNeedDrain).toBe(false)
    // With only a 'drain' listener this never resolved, and a real process exited with 13 (unsettled await).
    await drainsOnlyOnRelease(stream, release)
    expect(stream.writableLength).toBe(0)
  })

  it('resolves when a short write waiting in the buffer fails (the reader went away), with the error handled', async () => {
    const {stream, fail} = slowStream()
    stream.write('ab')
    const wait = drained(stream)
    fail()
    await expect(wait).resolves.toBeUndefined()
    // Had the wait taken its 'error' listener off when the empty write failed, the stream's 'error' would have had
    // no listener and been thrown (vitest fails the run on it).
    await new Promise((resolve) => setImmediate(resolve))
    expect(stream.destroyed).toBe(true)
  })

  it('resolves when an ended stream has written what it held', async () => {
    const {stream, release} = slowStream()
    stream.end('ab')
    await drainsOnlyOnRelease(stream, release)
    expect(stream.writableFinished).toBe(true)
  })

  it('resolves when the stream closes or is already destroyed (a closed pipe takes nothing more)', async () => {
    const {stream} = slowStream()
    stream.write('waiting')
    const wait = drained(stream)
    stream.destroy()
    await expect(wait).resolves.toBeUndefined()
    await expect(drained(stream)).resolves.toBeUndefined()
  })
})
