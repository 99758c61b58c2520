/**
 * Large output (an inventory of hundreds of thousands of components) handed to a writer in chunks of about CHUNK
 * characters, never as one string. A string of a whole document, and every piece of one, is allocated straight
 * into the old generation of V8's heap, where it stays until a full collection: the output of a 100 MB
 * lockfile's inventory grew the heap by about its own size, and on Node 22 and later a 9 MB document touched some
 * 30 MB of fresh memory each time it was built. Chunks this small live and die in the young generation, whose
 * pages are reused. Each chunk is made safe by the writer (core/neutralise.ts `safeOutput`), so callers put whole
 * values: a chunk never ends inside one, and a credential is never split across two chunks.
 */

/** Characters per chunk: well under V8's large-object size (128 KiB, two bytes a character), yet few writes. */
export const CHUNK = 48 * 1024

export interface Chunker {
  /** Adds a text; it goes whole into the pending chunk or, when that would take it over CHUNK, into the next. */
  put(text: string): void
  /** Writes what is pending. */
  end(): void
}

export function chunker(write: (chunk: string) => void): Chunker {
  let pending = ''
  return {
    put(text) {
      if (pending !== '' && pending.length + text.length > CHUNK) {
        write(pending)
        pending = ''
      }
      pending += text
      if (pending.length < CHUNK) return
      write(pending)
      pending = ''
    },
    end() {
      if (pending !== '') write(pending)
      pending = ''
    },
  }
}

/** Lines, each with its line break, in chunks of whole lines. */
export function writeLines(write: (chunk: string) => void, lines: Iterable<string>): void {
  const out = chunker(write)
  for (const line of lines) out.put(`${line}\n`)
  out.end()
}
