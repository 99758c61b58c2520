/**
 * Why a file or directory could not be read or written, in plain words: what a user sees instead of Node's error
 * codes (`ENOENT`, `EACCES`, `EISDIR`...) or its messages (`ENOENT: no such file or directory, open '/x'`), which
 * repeat the path and name a system call. The codes are POSIX errno names (Node's `error.code`,
 * https://nodejs.org/api/errors.html#common-system-errors).
 */
const PLAIN: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EEXIST: 'it already exists',
  EBUSY: 'it is busy',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EINVAL: 'not a valid file',
  ENXIO: 'no such device',
  ETXTBSY: 'it is busy',
  // A device opened without waiting that has nothing to give yet (a terminal named as a file).
  EAGAIN: 'it has nothing to read yet (a terminal?)',
}

/** The plain reason for a file-system error; another error's message, without a leading errno code. */
export function plainReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  // mkdir's EEXIST: a file where one of the folders to make must be (`it already exists` would not say which).
  if (code === 'EEXIST' && (error as NodeJS.ErrnoException).syscall === 'mkdir')
    return 'a file stands where one of its folders must be'
  if (typeof code === 'string' && PLAIN[code]) return PLAIN[code]
  const message = error instanceof Error ? error.message : String(error)
  // `EXDEV: cross-device link not permitted, rename 'a' -> 'b'` → `cross-device link not permitted`.
  return message.replace(/^E[A-Z]+: ([^,]+),.*$/s, '$1')
}
