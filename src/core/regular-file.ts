/**
 * Reading files the tool finds or ships (a scanned tree, entity data, rule packs) synchronously, refusing anything
 * but a regular file. Synchronous on purpose: they are many small files, and awaiting the thread pool for each
 * stat and read left the CPU idle (discover's walk lost a third of its time to it; loading the shipped entities
 * and rules, about 150 ms of every scan).
 */
import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'

/**
 * Thrown by openForReading for what it refuses: a folder, or a FIFO, socket or device. Callers that tell the two
 * apart (a folder a format probes is only absent) read `kind`, never the message.
 */
export class NotRegularFile extends Error {
  constructor(
    readonly kind: 'directory' | 'special',
    message: string,
  ) {
    super(message)
  }
}

/** What a path opened for reading is: a regular file, or (only where asked for) a FIFO or a character device. */
type ReadableKind = 'file' | 'fifo' | 'device'

/**
 * Opens a path to read without waiting: O_NONBLOCK, so a FIFO put where a file was expected opens without waiting
 * for a writer, then fstat. Anything but a regular file is refused, unless `streams` allows FIFOs and character
 * devices (a pipe or `/dev/null` a user names: core/user-file.ts). The caller closes the descriptor.
 */
export function openForReading(abs: string | Buffer, streams = false): {fd: number; size: number; kind: ReadableKind} {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK)
  const info = fstatSync(fd)
  const kind = info.isFile()
    ? 'file'
    : streams && info.isFIFO()
      ? 'fifo'
      : streams && info.isCharacterDevice()
        ? 'device'
        : undefined
  if (kind === undefined) {
    closeSync(fd)
    // The words core/fs-reason.ts gives EISDIR, which reading a directory would have thrown.
    if (info.isDirectory()) throw new NotRegularFile('directory', 'it is a directory')
    throw new NotRegularFile(
      'special',
      streams ? 'it is a socket or a block device, not a file' : 'it is a FIFO, socket or device, not a regular file',
    )
  }
  return {fd, size: info.size, kind}
}

/** openForReading for a regular file only. */
export function openRegularFile(abs: string | Buffer): {fd: number; size: number} {
  const {fd, size} = openForReading(abs)
  return {fd, size}
}

/**
 * The whole file through a descriptor already open, into one buffer of `firstSize` bytes that is doubled only when
 * a read fills it: a file read with its size + 1 is read once, never copied (chunks joined with Buffer.concat were
 * a second copy of the whole file, at its peak). undefined past `max` bytes. A regular file is read from its start, and
 * to its end whatever its size said (a file that grew, a pseudo-file of size 0); a pipe or a device
 * (`seekable` false) from where it stands.
 */
export function readWhole(fd: number, firstSize: number, max: number, seekable = true): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(firstSize, max + 1)))
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      if (filled > max) return undefined
      const grown = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2))
      buffer.copy(grown, 0, 0, filled)
      buffer = grown
    }
    const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, seekable ? filled : null)
    if (bytesRead === 0) return buffer.subarray(0, filled)
    filled += bytesRead
  }
}

/** The bytes of a regular file of at most `maxBytes`; undefined when it is larger (read as readWhole reads). */
export function readRegularBytes(abs: string | Buffer, maxBytes: number): Buffer | undefined {
  const {fd, size} = openRegularFile(abs)
  try {
    return readWhole(fd, size + 1, maxBytes)
  } finally {
    closeSync(fd)
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
  return readOpened({fd, size, kind: 'file'}, maxBytes) as {text: string} | {tooLarge: number}
}

/**
 * The UTF-8 text of a file or a character device opened with openForReading, at most `maxBytes`; else its size
 * (undefined for a device, whose size is only known by reading past the limit). Closes the descriptor.
 */
export function readOpened(
  opened: {fd: number; size: number; kind: 'file' | 'device'},
  maxBytes: number,
): {text: string} | {tooLarge: number | undefined} {
  const {fd, size, kind} = opened
  try {
    if (size > maxBytes) return {tooLarge: size}
    // A regular file in one read of its size; a device such as /dev/null from where it stands (see readWhole).
    const file = kind === 'file'
    const whole = readWhole(fd, file ? Math.max(size + 1, 4096) : 64 * 1024, maxBytes, file)
    if (whole) return {text: whole.toString('utf8')}
    // Its size now, and at least what was read of it (a pseudo-file says 0).
    return {tooLarge: file ? Math.max(fstatSync(fd).size, maxBytes + 1) : undefined}
  } finally {
    closeSync(fd)
  }
}
