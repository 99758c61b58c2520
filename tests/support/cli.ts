/**
 * The CLI as the tests run it: in this process, from src/ through vitest's own transform, with an oclif `Config`
 * loaded once per worker. Each run captures stdout and stderr, maps `this.exit(n)`, oclif errors and
 * `process.exitCode` to the exit code, and prints errors the way oclif's top-level `handle()` does, so a test sees
 * what a user would. Runs are serialised: the working directory, the environment and the standard streams are
 * the process's own.
 *
 * Help, `--version` and topic listings need oclif's command loader: they run the built CLI in a child process, as
 * `runBuilt` does for the few end-to-end tests (tests/e2e).
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, sep} from 'node:path'
import {type Command, Config, Errors, type Hook, type Interfaces} from '@oclif/core'
import {Exit, handle} from '@oclif/core/handle'

export const repoRoot = join(import.meta.dirname, '..', '..')

/** A cache of this test process's own: the CLI never reads or fills the user's ~/.cache/stewards in tests. */
const testCache = mkdtempSync(join(tmpdir(), 'stewards-test-cache-'))
export const sharedDir = join(repoRoot, '..', 'shared')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Working directory (default: the repository root). */
  cwd?: string
  /** Added to the environment for this run (after NO_COLOR, XDG_CACHE_HOME and empty GitHub tokens). */
  env?: Record<string, string>
}

/** What every run starts from: no colour, a cache of the test process's own, no GitHub token from the user. */
const baseEnv = (): Record<string, string> => ({
  NO_COLOR: '1',
  XDG_CACHE_HOME: testCache,
  GITHUB_TOKEN: '',
  GH_TOKEN: '',
})

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs `stewards ARGS` in this process, from src/, as a user would from a shell with stdout and stderr piped.
 * Concurrent calls run one after the other.
 */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runInProcess(args, options))
  queue = run.catch(() => undefined)
  return run
}

/** The same as runCli, under the name the asynchronous child-process runner had: for tests written before. */
export const runCliAsync = runCli

// ---------------------------------------------------------------------------------------------------------------
// Commands: src/commands/**, ids as oclif derives them from the file paths.

type CommandClass = Command.Class & {id?: string; plugin?: Interfaces.Plugin}

const commandsDir = join(repoRoot, 'src', 'commands')
const commandFiles = new Map(
  readdirSync(commandsDir, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => [file.slice(0, -'.ts'.length).split(sep).join(':'), join(commandsDir, file)]),
)
/** Every command id and every topic above one (`cache`, `rules`), as oclif's collectUsableIds. */
const usableIds = new Set(
  [...commandFiles.keys()].flatMap((id) => id.split(':').map((_, i, parts) => parts.slice(0, i + 1).join(':'))),
)

const loadedCommands = new Map<string, Promise<CommandClass>>()

function loadCommand(id: string, config: Config): Promise<CommandClass> {
  let loaded = loadedCommands.get(id)
  if (!loaded) {
    loaded = import(commandFiles.get(id) as string).then((module: {default: CommandClass}) => {
      const command = module.default
      // What oclif's plugin.findCommand sets on a command class it loads.
      command.id = id
      command.plugin = config.plugins.get(config.name)
      return command
    })
    loadedCommands.set(id, loaded)
  }
  return loaded
}

/**
 * The command id and its argv, as oclif's normalizeArgv reads words separated by spaces: words are taken while
 * they name a command or a topic; an unknown word is taken too, unless a flag, `a=b`, or the command so far
 * takes arguments.
 */
async function commandOf(argv: string[], config: Config): Promise<[string, string[]]> {
  if (argv.length <= 1) return [argv[0] ?? '', []]
  const final: string[] = []
  const finalize = (word?: string) => (word ? [...final, word] : final).filter(Boolean).join(':')
  const hasArgs = async () => {
    const id = finalize()
    if (!commandFiles.has(id)) return false
    const command = await loadCommand(id, config)
    return command.strict === false || Object.keys(command.args ?? {}).length > 0
  }
  for (const word of argv) {
    if (usableIds.has(finalize(word))) final.push(word)
    else if (word.includes('=') || word.startsWith('-') || (await hasArgs())) break
    else final.push(word)
  }
  const id = finalize()
  return id ? [id, argv.slice(final.length)] : [argv[0] as string, argv.slice(1)]
}

// ---------------------------------------------------------------------------------------------------------------
// oclif's Config, once per worker.

let configLoad: Promise<Config> | undefined

/**
 * The package's own configuration (bin, version, topic separator, plugins), without command and hook discovery:
 * oclif would import src/commands itself through tsx, a second copy beside the one vitest transforms. The
 * commands come from src/commands through vitest; the command_not_found hook from src/hooks.
 */
export function loadConfig(): Promise<Config> {
  configLoad ??= (async () => {
    const pjson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Interfaces.PJSON
    const {commands: _commands, hooks: _hooks, ...oclif} = pjson.oclif
    return Config.load({root: repoRoot, pjson: {...pjson, oclif} as Interfaces.PJSON})
  })()
  return configLoad
}

// ---------------------------------------------------------------------------------------------------------------
// One run.

async function runInProcess(args: string[], options: CliOptions): Promise<CliResult> {
  const config = await loadConfig()
  // What main.run answers before any command: the built CLI, in a child process.
  if (args.length === 0 || args[0] === '--version' || helpRequested(args)) return runBuilt(args, options)
  const [id, argv] = await commandOf(args, config)
  if (!commandFiles.has(id) && usableIds.has(id)) return runBuilt(args, options)
  const command = commandFiles.has(id) ? await loadCommand(id, config) : undefined

  const restoreEnv = setEnv({...baseEnv(), ...options.env})
  const cwd = process.cwd()
  process.chdir(options.cwd ?? repoRoot)
  const stdout = capture(process.stdout)
  const stderr = capture(process.stderr)
  const exitCodeBefore = process.exitCode
  process.exitCode = undefined
  let code: number
  try {
    if (command) await command.run(argv, config)
    else await commandNotFound(id, argv, config)
    code = Number(process.exitCode ?? 0)
  } catch (error) {
    code = await handled(error as Error)
  } finally {
    process.exitCode = exitCodeBefore
    stderr.restore()
    stdout.restore()
    process.chdir(cwd)
    restoreEnv()
  }
  return {code, stdout: stdout.text(), stderr: stderr.text()}
}

function helpRequested(args: string[]): boolean {
  for (const arg of args) {
    if (arg === '--help') return true
    if (arg === '--') return false
  }
  return false
}

/** What config.runCommand does for an unknown id: the command_not_found hook, with oclif's hook context. */
async function commandNotFound(id: string, argv: string[], config: Config): Promise<void> {
  const {default: hook} = (await import('../../src/hooks/command-not-found.js')) as {default: Hook<'command_not_found'>}
  const context = {
    config,
    debug: () => {},
    error: (message: string | Error, options: {code?: string; exit?: number} = {}) => Errors.error(message, options),
    exit: (code = 0) => Errors.exit(code),
    log: (message?: string, ...rest: unknown[]) => console.log(message, ...rest),
    warn: (message: string | Error) => Errors.warn(message),
  } as unknown as Hook.Context
  await hook.call(context, {argv, id, config, context})
  throw new Errors.CLIError(`command ${id} not found`)
}

/** oclif's handle(): prints the error as the CLI would (nothing for an exit) and gives the exit code. */
async function handled(error: Error): Promise<number> {
  let code = 1
  const exit = Exit.exit
  Exit.exit = ((c = 0) => {
    code = c
  }) as typeof Exit.exit
  try {
    await handle(error)
  } finally {
    Exit.exit = exit
  }
  return code
}

/** Sets environment variables for a run; the function returned puts every one back (or removes it). */
function setEnv(env: Record<string, string>): () => void {
  const before = Object.keys(env).map((key) => [key, process.env[key]] as const)
  Object.assign(process.env, env)
  return () => {
    for (const [key, value] of before) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

/**
 * Takes over a standard stream's write for a run, as a pipe: every chunk is kept, every callback called (the
 * commands drain stdout with `write('', cb)`), and the stream says it is not a terminal.
 */
function capture(stream: NodeJS.WriteStream): {text(): string; restore(): void} {
  const chunks: Buffer[] = []
  const write = stream.write
  const props = ['isTTY', 'columns', 'rows'] as const
  const descriptors = props.map((prop) => [prop, Object.getOwnPropertyDescriptor(stream, prop)] as const)
  for (const prop of props) Object.defineProperty(stream, prop, {value: undefined, configurable: true, writable: true})
  stream.write = ((
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ) => {
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
        : Buffer.from(chunk),
    )
    const done = typeof encoding === 'function' ? encoding : callback
    if (done) process.nextTick(done)
    return true
  }) as typeof stream.write
  return {
    text: () => Buffer.concat(chunks).toString('utf8'),
    restore() {
      stream.write = write
      for (const [prop, descriptor] of descriptors) {
        if (descriptor) Object.defineProperty(stream, prop, descriptor)
        else delete (stream as unknown as Record<string, unknown>)[prop]
      }
    },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The built CLI in a child process.

export const builtBin = join(repoRoot, 'bin', 'run.js')

export interface ProcessOptions extends CliOptions {
  /** Written to the child's stdin, which is then closed. */
  input?: string
  /** Killed with SIGKILL after this many milliseconds (default 60 s). */
  timeoutMs?: number
}

/**
 * The environment of a child process as a user's shell gives it, with `env` added: without vitest's NODE_ENV=test,
 * which would make oclif run src/ through tsx instead of dist/.
 */
export function processEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const {NODE_ENV: _vitest, ...inherited} = process.env
  return {...inherited, ...baseEnv(), ...env}
}

/**
 * Runs `node bin/run.js ARGS` (the built dist/: `npm test` builds first) in a child process with piped stdio, the
 * way a shell script would: for the end-to-end tests, help and `--version`.
 */
export function runBuilt(args: string[], options: ProcessOptions = {}): Promise<CliResult> {
  if (!existsSync(join(repoRoot, 'dist', 'commands'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test builds before vitest)')
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: processEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code: code ?? (signal ? 128 + (signalNumbers[signal] ?? 0) : -1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = {SIGINT: 2, SIGKILL: 9, SIGTERM: 15}
