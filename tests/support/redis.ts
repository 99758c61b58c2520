import {type ChildProcess, execFileSync, spawn} from 'node:child_process'
import {createServer} from 'node:net'

/**
 * A real redis-server (Debian's `redis-server` package) on a free loopback port, for the shared-store tests.
 * `.ci/run` installs the package when missing. Without the binary, `startRedis` returns null and the caller
 * skips its tests, saying so on stderr (the way the ../shared suites skip without their data).
 */
export interface RedisServer {
  url: string
  port: number
  /** Stops the server (SIGKILL: a server that goes away, not one that says goodbye). */
  kill(): Promise<void>
}

export function redisServerPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], {encoding: 'utf8'}).trim() || null
  } catch {
    return null
  }
}

export const REDIS_MISSING =
  'skipped: redis-server is not installed (apt-get install redis-server; .ci/run installs it)'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function startRedis(options: {password?: string} = {}): Promise<RedisServer | null> {
  const binary = redisServerPath()
  if (!binary) return null
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  if (options.password) args.push('--requirepass', options.password)
  const child: ChildProcess = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']})
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}): ${output}`))
    })
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.removeAllListeners('exit')
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}

/**
 * The server `.ci/run` started for the run (STEWARDS_TEST_REDIS_URL, left running: .ci/run stops it), else one of
 * this test file's own.
 */
export async function sharedRedis(): Promise<RedisServer | null> {
  const url = process.env.STEWARDS_TEST_REDIS_URL
  if (!url) return startRedis()
  const parsed = new URL(url)
  return {url: `${parsed.protocol}//${parsed.host}`, port: Number(parsed.port), kill: async () => {}}
}
