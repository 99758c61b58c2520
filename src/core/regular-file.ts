/**
 * Reading files the tool finds or ships (a scanned tree, entity data, rule packs) synchronously, refusing anything
 * but a regular file. Synchronous on purpose: they are many small files, and awaiting the thread pool for each
 * stat and read left the CPU idle (discover's walk lost a third of its time to it; loading the shipped entities
 * and rules, about 150 ms of every scan).
 */
import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'

/**
 * Opens a file to read, refusing at once anything but a regular file: O_NONBLOCK, so a FIFO put where a file was
 * expected opens without waiting for a writer, then fstat. The caller closes the descriptor.
 */
export function openRegularFile(abs: string): {fd: number; size: number} {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK)
  const info = fstatSync(fd)
  if (!info.isFile()) {
    closeSync(fd)
    // The words core/fs-reason.ts gives EISDIR, which reading a directory would have thrown.
    throw new Error(info.isDirectory() ? 'it is a directory' : 'it is a FIFO, socket or device, not a regular file')
  }
  return {fd, size: info.size}
}

/**
 * The whole file from its start, through the descriptor already open, `chunkSize` bytes a read; undefined past
 * `max` bytes. It reads to the end, whatever the size said (a file that grew, a pseudo-file of size 0).
 */
export function readWhole(fd: number, chunkSize: number, max: number): Buffer | undefined {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkSize)
    const bytesRead = readSync(fd, chunk, 0, chunkSize, total)
    if (bytesRead === 0) return Buffer.concat(chunks, total)
    total += bytesRead
    if (total > max) return undefined
    chunks.push(chunk.subarray(0, bytesRead))
  }
}

/**
 * The UTF-8 text of a regular file of at most `maxBytes`, or its size when it is larger: taken from the open file,
 * and read to its end but never past `maxBytes` and one byte, so a file that grows meanwhile is refused, not read
 * whole, nor cut at the size it had.
 * Throws what the file system threw, or for a file that is not a regular one.
 */
export function readRegularFile(abs: string, maxBytes: number): {text: string} | {tooLarge: number} {
  const {fd, size} = openRegularFile(abs)
  try {
    if (size > maxBytes) return {tooLarge: size}
    const whole = readWhole(fd, Math.max(size + 1, 4096), maxBytes)
    // Its size now, and at least what was read of it (a pseudo-file says 0).
    return whole ? {text: whole.toString('utf8')} : {tooLarge: Math.max(fstatSync(fd).size, maxBytes + 1)}
  } finally {
    closeSync(fd)
  }
}
