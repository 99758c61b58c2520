/**
 * Reading files the tool finds or ships (a scanned tree, entity data, rule packs) synchronously, refusing anything
 * but a regular file. Synchronous on purpose: they are many small files, and awaiting the thread pool for each
 * stat and read left the CPU idle (discover's walk lost a third of its time to it; loading the shipped entities
 * and rules, about 150 ms of every scan).
 */
import {closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs'

/**
 * Opens a file to read, refusing at once anything but a regular file: O_NONBLOCK, so a FIFO put where a file was
 * expected opens without waiting for a writer, then fstat. The caller closes the descriptor.
 */
export function openRegularFile(abs: string): {fd: number; size: number} {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK)
  const info = fstatSync(fd)
  if (!info.isFile()) {
    closeSync(fd)
    throw new Error('not a regular file (a FIFO, socket or device)')
  }
  return {fd, size: info.size}
}

/**
 * The UTF-8 text of a regular file of at most `maxBytes` (its size taken from the open file), or its size when it
 * is larger. Throws what the file system threw, or for a file that is not a regular one.
 */
export function readRegularFile(abs: string, maxBytes: number): {text: string} | {tooLarge: number} {
  const {fd, size} = openRegularFile(abs)
  try {
    if (size > maxBytes) return {tooLarge: size}
    return {text: readFileSync(fd, 'utf8')}
  } finally {
    closeSync(fd)
  }
}
