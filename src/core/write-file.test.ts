import {execFileSync} from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {StewardsError} from './errors.js'
import {checkWriteTarget, writeFileAtomic} from './write-file.js'

const target = {what: '--output'}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'stewards-write-'))
}

/**
 * A checkout whose `reports` is a link to a directory outside it, as a hostile tree would commit it, and whose
 * `inner` links to its own `real` folder.
 */
function hostileCheckout() {
  const dir = scratch()
  const tree = join(dir, 'checkout')
  const elsewhere = join(dir, 'elsewhere')
  mkdirSync(tree)
  mkdirSync(elsewhere)
  symlinkSync(elsewhere, join(tree, 'reports'))
  mkdirSync(join(tree, 'real'))
  symlinkSync(join(tree, 'real'), join(tree, 'inner'))
  return {dir, tree, elsewhere}
}

async function failure(promise: Promise<unknown>): Promise<StewardsError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(StewardsError)
    return error as StewardsError
  }
  throw new Error('expected the write to fail')
}

describe('writeFileAtomic', () => {
  it('writes through a temporary file renamed into place: a new inode, no temporary file left', async () => {
    const dir = scratch()
    const file = join(dir, 'sub', 'report.json')
    await writeFileAtomic(file, 'one\n', target)
    const first = statSync(file).ino
    await writeFileAtomic(file, 'two\n', target)
    expect(readFileSync(file, 'utf8')).toBe('two\n')
    expect(statSync(file).ino).not.toBe(first)
    expect(readdirSync(join(dir, 'sub'))).toEqual(['report.json'])
  })

  it('never writes through a symbolic link: the link and what it points to stay as they were', async () => {
    const dir = scratch()
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'precious\n')
    const link = join(dir, 'report.sarif')
    symlinkSync(victim, link)
    const error = await failure(writeFileAtomic(link, 'report\n', target))
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe(`--output ${link}: is a symbolic link, and stewards never writes through one`)
    expect(readFileSync(victim, 'utf8')).toBe('precious\n')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    // A dangling link too (it would create the file it names).
    const dangling = join(dir, 'dangling.json')
    symlinkSync(join(dir, 'created-by-the-link'), dangling)
    await failure(writeFileAtomic(dangling, 'x', target))
    expect(readdirSync(dir).sort()).toEqual(['dangling.json', 'report.sarif', 'victim.txt'])
  })

  it('a directory is a usage error naming it', async () => {
    const dir = scratch()
    const error = await failure(writeFileAtomic(dir, 'x', target))
    expect(error.message).toBe(`--output ${dir} is a directory`)
  })

  it('keeps a file inside `within`, links resolved', async () => {
    const {tree: governed, elsewhere: outside} = hostileCheckout()
    const within = {what: 'output:', within: governed}
    await writeFileAtomic(join(governed, 'out', 'r.json'), 'ok', within)
    expect(readFileSync(join(governed, 'out', 'r.json'), 'utf8')).toBe('ok')
    for (const path of [join(governed, '..', 'elsewhere', 'r.json'), join(governed, 'reports', 'r.json')]) {
      const error = await failure(writeFileAtomic(path, 'no', within))
      expect(error.code).toBe('write-outside')
    }
    expect(readdirSync(outside)).toEqual([])
    expect(() => checkWriteTarget(join(governed, 'reports', 'x'), within)).toThrow(/outside/)
  })

  it('an unwritable place is a usage error with the reason in words, not a crash', async () => {
    const dir = scratch()
    writeFileSync(join(dir, 'file'), '')
    const error = await failure(writeFileAtomic(join(dir, 'file', 'below', 'r.json'), 'x', target))
    expect(error.code).toBe('write-failed')
    expect(error.message).toMatch(
      /cannot write \((a part of the path is not a directory|a file stands where one of its folders must be)\)$/,
    )
    // The file is the folder to make: said as such, not "it already exists".
    const direct = await failure(writeFileAtomic(join(dir, 'file', 'r.json'), 'x', target))
    expect(direct.message).toMatch(/cannot write \(a file stands where one of its folders must be\)$/)
  })
})

/** A device node made with mknod under `dir` (root only): its path, or undefined where mknod is not permitted. */
function deviceNode(dir: string, name: string, args: string[]): string | undefined {
  const path = join(dir, name)
  try {
    execFileSync('mknod', ['-m', '666', path, ...args], {stdio: 'ignore'})
    return path
  } catch {
    console.warn(`SKIPPED: mknod ${args.join(' ')} is not permitted here; the ${name} device case does not run`)
    return undefined
  }
}

/** Runs `body` with `dir` as the working directory. */
async function inDirectory<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const before = process.cwd()
  process.chdir(dir)
  try {
    return await body()
  } finally {
    process.chdir(before)
  }
}

describe('writeFileAtomic: devices, pipes and sockets', () => {
  it('a character device made with mknod is written directly: same inode, no temporary file beside it', async () => {
    const dir = scratch()
    const nul = deviceNode(dir, 'null', ['c', '1', '3'])
    const full = deviceNode(dir, 'full', ['c', '1', '7'])
    if (!nul || !full) return
    const inode = lstatSync(nul).ino
    await writeFileAtomic(nul, 'report\n', target)
    expect(lstatSync(nul).isCharacterDevice()).toBe(true)
    expect(lstatSync(nul).ino).toBe(inode)
    const error = await failure(writeFileAtomic(full, 'report\n', target))
    expect(error.code).toBe('write-failed')
    expect(error.exitCode).toBe(3)
    expect(error.message).toMatch(/cannot write \(no space left on the disk\)$/)
    expect(lstatSync(full).isCharacterDevice()).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['full', 'null'])
  })

  /**
   * The machine's own /dev/null and /dev/full. Code that renamed over them (the bug) would replace them for every
   * process of the machine when run as root: the same writes go first to private copies (mknod), and the real
   * devices are touched only when the copies stayed devices. As root without mknod, skipped; as another user, the
   * old code failed harmlessly (no temporary file can be made in /dev).
   */
  it('/dev/null is written into, never replaced; /dev/full is an error (exit 3)', async () => {
    const dir = scratch()
    const nul = deviceNode(dir, 'null', ['c', '1', '3'])
    const full = deviceNode(dir, 'full', ['c', '1', '7'])
    if (!nul || !full) {
      if (process.getuid?.() === 0) return
    } else {
      await writeFileAtomic(nul, 'report\n', target)
      await writeFileAtomic(full, 'report\n', target).catch(() => {})
      // Guards: stop before /dev when the private copies were replaced.
      expect(lstatSync(nul).isCharacterDevice()).toBe(true)
      expect(lstatSync(full).isCharacterDevice()).toBe(true)
    }
    const before = lstatSync('/dev/null')
    const entries = readdirSync('/dev').length
    await writeFileAtomic('/dev/null', 'report\n'.repeat(10_000), target)
    const after = lstatSync('/dev/null')
    expect(after.isCharacterDevice()).toBe(true)
    expect(after.ino).toBe(before.ino)
    expect(after.rdev).toBe(before.rdev)
    expect(readdirSync('/dev').length).toBe(entries)
    expect(() => checkWriteTarget('/dev/null', target)).not.toThrow()
    if (!existsSync('/dev/full')) return
    const error = await failure(writeFileAtomic('/dev/full', 'report\n', target))
    expect(error.code).toBe('write-failed')
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe('--output /dev/full: cannot write (no space left on the disk)')
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true)
  })

  it('a FIFO is refused at once (no reader would mean waiting for ever), and left as it was', async () => {
    const dir = scratch()
    const fifo = join(dir, 'report.fifo')
    execFileSync('mkfifo', [fifo])
    const error = await failure(writeFileAtomic(fifo, 'report\n', target))
    expect(error.code).toBe('write-special')
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe(
      `--output ${fifo}: is a named pipe (FIFO): with no reader, writing would wait for ever; stewards writes only files`,
    )
    expect(error.hint).toBe('give a regular file, /dev/null, or - for stdout (and pipe it)')
    expect(lstatSync(fifo).isFIFO()).toBe(true)
    expect(() => checkWriteTarget(fifo, target)).toThrow(/named pipe/)
    expect(readdirSync(dir)).toEqual(['report.fifo'])
  })

  it('a socket or a block device is refused, and left as it was', async () => {
    const dir = scratch()
    const socket = join(dir, 'report.sock')
    const server = createServer()
    await new Promise<void>((done) => server.listen(socket, done))
    try {
      const error = await failure(writeFileAtomic(socket, 'report\n', target))
      expect(error.code).toBe('write-special')
      expect(error.message).toBe(`--output ${socket}: is a socket; stewards writes only files`)
      expect(lstatSync(socket).isSocket()).toBe(true)
    } finally {
      await new Promise((done) => server.close(done))
    }
    const block = deviceNode(dir, 'block', ['b', '7', '200'])
    if (!block) return
    const error = await failure(writeFileAtomic(block, 'report\n', target))
    expect(error.message).toBe(`--output ${block}: is a block device; stewards writes only files`)
    expect(lstatSync(block).isBlockDevice()).toBe(true)
  })
})

describe('writeFileAtomic: links on the way', () => {
  it('a relative path never goes through a link below the working directory', async () => {
    const {tree, elsewhere} = hostileCheckout()
    const error = await inDirectory(tree, () => failure(writeFileAtomic('reports/stewards.json', 'x', target)))
    expect(error.code).toBe('write-symlink')
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe(
      '--output reports/stewards.json: reports is a symbolic link inside the working directory, and stewards never writes through one',
    )
    // Deeper too, and a link inside the tree to a folder inside it as well: the tree does not choose.
    await inDirectory(tree, () => failure(writeFileAtomic('reports/sub/deeper/x.json', 'x', target)))
    await inDirectory(tree, () => failure(writeFileAtomic('inner/x.json', 'x', target)))
    expect(readdirSync(elsewhere)).toEqual([])
    expect(readdirSync(join(tree, 'real'))).toEqual([])
    // A real folder, even one to make, is fine.
    await inDirectory(tree, () => writeFileAtomic('out/stewards.json', 'ok', target))
    expect(readFileSync(join(tree, 'out', 'stewards.json'), 'utf8')).toBe('ok')
  })

  it('any path is refused through a link inside an untrusted tree (a scanned PATH), however it is written', async () => {
    const {dir, tree, elsewhere} = hostileCheckout()
    const untrusted = {...target, untrusted: [tree]}
    for (const path of [join(tree, 'reports', 'x.json'), join(dir, 'checkout', 'inner', 'x.json')]) {
      const error = await failure(writeFileAtomic(path, 'x', untrusted))
      expect(error.code).toBe('write-symlink')
      expect(error.message).toContain(`is a symbolic link inside the scanned PATH ${tree}`)
    }
    expect(() => checkWriteTarget(join(tree, 'reports', 'x.json'), untrusted)).toThrow(/symbolic link inside/)
    expect(readdirSync(elsewhere)).toEqual([])
    // Named by the user as an absolute path outside the scanned tree, the same link is theirs to follow.
    await writeFileAtomic(join(tree, 'reports', 'x.json'), 'mine', target)
    expect(readFileSync(join(elsewhere, 'x.json'), 'utf8')).toBe('mine')
  })

  it('a `..` after a link is refused: the kernel would take the parent of where the link points, not where the path reads', async () => {
    const {dir, tree, elsewhere} = hostileCheckout()
    const error = await inDirectory(tree, () => failure(writeFileAtomic('reports/../x.json', 'x', target)))
    expect(error.code).toBe('write-symlink')
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe(
      '--output reports/../x.json: reports is a symbolic link, and the `..` after it leads to the parent of where it points, not where the path reads',
    )
    expect(error.hint).toBe('give the path without `..` (name the place the link points to yourself if you mean it)')
    // Absolute, and deeper (`inner/sub/../..` leaves the link at its second `..`), alike; nothing is written anywhere.
    mkdirSync(join(tree, 'real', 'sub'))
    await failure(writeFileAtomic(`${tree}/reports/../y.json`, 'x', target))
    await inDirectory(tree, () => failure(writeFileAtomic('inner/sub/../../z.json', 'x', target)))
    expect(readdirSync(tree).sort()).toEqual(['inner', 'real', 'reports'])
    expect(readdirSync(dir).sort()).toEqual(['checkout', 'elsewhere'])
    expect(readdirSync(elsewhere)).toEqual([])
    // A `..` out of a real folder reads as it is.
    await inDirectory(tree, () => writeFileAtomic('real/../ok.json', 'ok', target))
    expect(readFileSync(join(tree, 'ok.json'), 'utf8')).toBe('ok')
  })

  it('links above the working directory and the trees are the user’s own (/tmp -> /private/tmp on macOS)', async () => {
    const dir = scratch()
    mkdirSync(join(dir, 'private', 'tmp', 'work'), {recursive: true})
    symlinkSync(join(dir, 'private', 'tmp'), join(dir, 'tmp'))
    const tree = join(dir, 'tmp', 'work')
    const untrusted = {...target, untrusted: [tree]}
    await writeFileAtomic(join(dir, 'tmp', 'report.json'), 'a', untrusted)
    await writeFileAtomic(join(tree, 'out', 'report.json'), 'b', untrusted)
    expect(readFileSync(join(dir, 'private', 'tmp', 'report.json'), 'utf8')).toBe('a')
    expect(readFileSync(join(dir, 'private', 'tmp', 'work', 'out', 'report.json'), 'utf8')).toBe('b')
    // Working from inside the linked folder, a relative path below it is checked, the folder itself is not.
    await inDirectory(tree, () => writeFileAtomic('here.json', 'c', target))
    await inDirectory(tree, () => writeFileAtomic('../up.json', 'd', target))
    expect(readFileSync(join(dir, 'private', 'tmp', 'work', 'here.json'), 'utf8')).toBe('c')
    expect(readFileSync(join(dir, 'private', 'tmp', 'up.json'), 'utf8')).toBe('d')
  })
})
