import {spawn} from 'node:child_process'

/** Runs `git` (from PATH) without a shell; stdout as a string. Rejects with git's first stderr line. */
export function git(
  dir: string,
  args: string[],
  options: {input?: string; signal?: AbortSignal} = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', dir, '-c', 'core.quotePath=false', ...args], {
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      signal: options.signal,
      env: {...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C'},
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'))
      else reject(new Error(`git ${args[0]}: ${Buffer.concat(err).toString('utf8').split('\n')[0] || `exit ${code}`}`))
    })
    if (child.stdin) {
      // git may exit before reading everything (a bad revision): its exit code tells, not EPIPE.
      child.stdin.on('error', () => {})
      child.stdin.end(options.input)
    }
  })
}

/** `git cat-file --batch`: many blobs in one process. Missing objects come back as null. */
export async function readBlobs(
  dir: string,
  specs: string[],
  signal?: AbortSignal,
): Promise<Map<string, string | null>> {
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['-C', dir, 'cat-file', '--batch'], {stdio: ['pipe', 'pipe', 'pipe'], signal})
    const out: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git cat-file: exit ${code}`)),
    )
    child.stdin.on('error', () => {})
    child.stdin.end(specs.map((s) => `${s}\n`).join(''))
  })
  const result = new Map<string, string | null>()
  let offset = 0
  for (const spec of specs) {
    const newline = raw.indexOf(10, offset)
    const header = raw.subarray(offset, newline).toString('utf8')
    offset = newline + 1
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header)
    if (!match) {
      result.set(spec, null)
      continue
    }
    const size = Number(match[2])
    result.set(spec, match[1] === 'blob' ? raw.subarray(offset, offset + size).toString('utf8') : null)
    offset += size + 1
  }
  return result
}
