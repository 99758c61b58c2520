import {PassThrough, Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {CHUNK, chunked, lineChunks, writeOut} from './chunks.js'

describe('lineChunks', () => {
  it('gives every line with its line break, in chunks of whole lines no larger than CHUNK', () => {
    const lines = Array.from({length: 50_000}, (_, i) => `line ${i} ${'x'.repeat(i % 70)}`)
    const chunks = [...lineChunks(lines)]
    expect(chunks.join('')).toBe(`${lines.join('\n')}\n`)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(CHUNK)
      expect(chunk.endsWith('\n')).toBe(true)
    }
  })

  it('takes lines from any iterable, and gives nothing for none', () => {
    expect([...lineChunks(new Set(['a', 'b']).values())]).toEqual(['a\nb\n'])
    expect([...lineChunks([])]).toEqual([])
  })
})

describe('chunked', () => {
  it('never splits a text: one longer than CHUNK is a chunk of its own', () => {
    const long = 'y'.repeat(CHUNK * 2)
    expect([...chunked(['a', long, 'b'])]).toEqual(['a', long, 'b'])
  })
})

/** A stream that takes a write only when `release` is called, as a pipe into a slow reader does. */
function slowReader() {
  const waiting: Array<() => void> = []
  const received: string[] = []
  let mostBuffered = 0
  const stream = new Writable({
    highWaterMark: 64 * 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      received.push(chunk)
      waiting.push(callback)
    },
  })
  const write = stream.write.bind(stream)
  stream.write = ((chunk: string) => {
    const ok = write(chunk)
    mostBuffered = Math.max(mostBuffered, stream.writableLength)
    return ok
  }) as typeof stream.write
  const timer = setInterval(() => {
    for (const callback of waiting.splice(0)) callback()
  }, 1)
  return {stream, received, mostBuffered: () => mostBuffered, stop: () => clearInterval(timer)}
}

describe('writeOut', () => {
  it('waits whenever the stream is full, so a slow reader never makes the output pile up', async () => {
    const reader = slowReader()
    const lines = Array.from({length: 100_000}, (_, i) => `component ${i}`)
    try {
      await writeOut(reader.stream, lineChunks(lines))
    } finally {
      reader.stop()
    }
    expect(reader.received.join('')).toBe(`${lines.join('\n')}\n`)
    // 1.5 MB written; never more than the high-water mark and one chunk waited.
    expect(reader.mostBuffered()).toBeLessThanOrEqual(64 * 1024 + CHUNK)
    // Each wait took its listeners off again.
    for (const event of ['drain', 'close', 'error']) expect(reader.stream.listenerCount(event)).toBe(0)
  })

  it('makes each chunk safe: credentials removed, control characters neutralised', async () => {
    const out = new PassThrough()
    let text = ''
    out.on('data', (data) => (text += data))
    await writeOut(out, ['https://user:hunter2@example.com/x \u001b[31mred\n'])
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('\u001b')
  })

  it('stops when the reader goes away while it waits (a closed pipe), without making the rest of the output', async () => {
    const reader = slowReader()
    let made = 0
    function* lines() {
      for (let i = 0; i < 200_000; i++) {
        made++
        yield `line ${i}`
      }
    }
    const writing = writeOut(reader.stream, lineChunks(lines()))
    while (reader.received.length < 3) await new Promise((resolve) => setTimeout(resolve, 1))
    reader.stream.destroy()
    await writing
    reader.stop()
    expect(made).toBeGreaterThan(0)
    expect(made).toBeLessThan(50_000)
  })
})
