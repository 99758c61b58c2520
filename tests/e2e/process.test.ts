/**
 * The few tests that need a real process: the built CLI (dist/, `npm test` builds first) started as
 * `node bin/run.js`, with its exit code, its stdout through a pipe, an unknown command, `--version` and a signal.
 * Every other CLI test runs the commands in-process (tests/support/cli.ts).
 */
import {spawn, spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {tieringFlags} from '../../src/core/tiering.js'
import {TOKEN} from '../collect/helpers.js'
import {builtBin, processEnv, repoRoot, runBuilt} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'

const out = mkdtempSync(join(tmpdir(), 'stewards-e2e-'))
let n = 0
/** The demo scan, its reports in the temp dir: the demo's .stewards.yaml would write them into demo-output/. */
const scanDemo = (args: string[], env: Record<string, string> = {}) =>
  runBuilt(['scan', 'fixtures/demo', ...args, '--output', `json=${join(out, `${++n}.json`)}`], {env})

/**
 * Runs the built CLI (or another node script, `script`) with stdout into a pipe whose reader starts a second late
 * (as `| jq` may): the CLI has exited by then, so only what it flushed before exiting is there. Returns the exit
 * code the shell saw.
 */
function throughLatePipe(args: string[], script = builtBin): {code: string; stdout: string} {
  const quoted = [process.execPath, script, ...args].map((a) => `'${a}'`).join(' ')
  const r = spawnSync('sh', ['-c', `(${quoted} 2>/dev/null; echo "exit $?" >&2) | (sleep 1; cat)`], {
    cwd: repoRoot,
    env: processEnv({XDG_CACHE_HOME: out}),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
  return {code: r.stderr.trim(), stdout: r.stdout}
}

describe('the built CLI in a process', () => {
  it('--version prints name and version, exit 0, and nothing on stderr (V8 took every tiering flag: core/tiering.ts)', async () => {
    const r = await runBuilt(['--version'])
    const {version} = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^stewards/${version.replaceAll('.', '\\.')} `))
    expect(r.stderr).toBe('')
  })

  it("sets V8's tiering flags for this V8 before stewards loads (DEBUG=stewards:start says which), none when node's options tier V8", async () => {
    const expected = tieringFlags(process.versions.v8, [])
    const own = await runBuilt(['--version'], {env: {DEBUG: 'stewards:start'}})
    expect(own.code).toBe(0)
    expect(own.stderr).toContain(`stewards:start V8 tiering: ${expected.length > 0 ? expected.join(' ') : "V8's own"}`)
    // NODE_OPTIONS takes few V8 flags (node refuses the others there); --jitless is one, and tiers V8 entirely.
    const user = await runBuilt(['--version'], {env: {DEBUG: 'stewards:start', NODE_OPTIONS: '--jitless'}})
    expect(user.code).toBe(0)
    expect(user.stderr).toContain("stewards:start V8 tiering: V8's own")
  })

  it('an unknown command is a usage error (3) with a hint', async () => {
    const r = await runBuilt(['no-such-command'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain("unknown command 'no-such-command'")
    expect(r.stderr).toContain('Hint: run `stewards --help` for the list of commands')
  })

  it('help: `--help` and `help CMD` (a command of stewards, src/commands/help.ts), exit 0', async () => {
    for (const args of [
      ['inventory', '--help'],
      ['help', 'inventory'],
    ]) {
      const r = await runBuilt(args)
      expect([args, r.code]).toEqual([args, 0])
      expect(r.stdout).toContain('USAGE\n  $ stewards inventory [PATH...]')
      expect(r.stdout).toContain('--stdin-format=<value>')
    }
    const topic = await runBuilt(['help', 'rules'])
    expect(topic.code).toBe(0)
    expect(topic.stdout).toMatch(/USAGE\n {2}\$ stewards rules COMMAND[\s\S]*rules list/)
    const nested = await runBuilt(['help', 'rules', 'list'])
    expect(nested.code).toBe(0)
    expect(nested.stdout).toContain('$ stewards rules list')
    const typo = await runBuilt(['help', 'inventroy'])
    expect(typo.code).toBe(3)
    expect(typo.stderr).toContain('Hint: did you mean `stewards help inventory`?')
    const list = await runBuilt(['--help'])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/COMMANDS[\s\S]*\n {2}inventory +List the images/)
  })

  it('help for no such command is a usage error (3) with a hint; an unknown flag of help is printed redacted', async () => {
    const r = await runBuilt(['help', 'no-such-command'])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(
      "Error: no command or topic 'no-such-command'\nHint: run `stewards --help` for the list of commands\n",
    )
    const flag = await runBuilt(['help', 'inventory', '--token=ghp_helpCanary0123456789abcdefABCDEFgh'])
    expect(flag.code).toBe(3)
    expect(flag.stderr).toContain('Nonexistent flag: --token=***')
    expect(`${flag.stdout}${flag.stderr}`).not.toContain('ghp_helpCanary')
  })

  it('zod is loaded only for a lockfile entry only zod can judge, and then gives its own message (exit 2)', async () => {
    // Which built files each run loaded (tests/support/probes/record-loads.mjs), and whether one of them holds zod.
    const preload = pathToFileURL(join(repoRoot, 'tests', 'support', 'probes', 'record-loads.mjs')).href
    const loadsZod = async (args: string[]) => {
      const log = join(mkdtempSync(join(tmpdir(), 'stewards-loads-')), 'loads.txt')
      const r = await runBuilt(args, {env: {NODE_OPTIONS: `--import ${preload}`, STEWARDS_TEST_LOADS: log}})
      const files = readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url.includes('/dist/'))
      expect(files.length).toBeGreaterThan(3)
      const zod = files.some((url) => readFileSync(new URL(url), 'utf8').includes('$constructor("ZodError"'))
      return {r, zod}
    }
    // The demo without its settings file: a tree's .stewards.yaml is read, and its reader (zod) loaded, only when
    // there is one (src/pipeline/discover-flags.ts).
    const demo = join(mkdtempSync(join(tmpdir(), 'stewards-demo-')), 'demo')
    cpSync(join(repoRoot, 'fixtures', 'demo'), demo, {
      recursive: true,
      filter: (from) => !from.endsWith('.stewards.yaml'),
    })
    const valid = await loadsZod(['inventory', demo])
    expect(valid.r.code).toBe(0)
    expect(valid.zod).toBe(false)
    const withSettings = await loadsZod(['inventory', 'fixtures/demo'])
    expect(withSettings.r.code).toBe(0)
    expect(withSettings.zod).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'stewards-zod-'))
    writeFileSync(join(dir, 'Cargo.lock'), 'version = 3\n\n[[package]]\nname = 1\nversion = "1.0.0"\n')
    const invalid = await loadsZod(['inventory', dir])
    expect(invalid.zod).toBe(true)
    expect(invalid.r.code).toBe(2)
    expect(invalid.r.stderr).toContain('Cargo.lock:3:1: [[package]] #1: name is a number, not a string')
  })

  it('exit 0: a clean scan prints the table', async () => {
    const clean = await scanDemo([])
    expect(clean.stderr).not.toContain('Error')
    expect(clean.code).toBe(0)
    expect(clean.stdout).toContain('FINDINGS')
  })

  it('exit 1: findings at or over --fail-on', async () => {
    const gated = await scanDemo(['--fail-on', 'high', '--format', 'json'])
    expect(gated.code).toBe(1)
    expect(gated.stderr).toContain('stewards: 6 finding(s) at or over --fail-on high: ')
    expect((JSON.parse(gated.stdout) as ScanResult).findings.length).toBeGreaterThan(0)
  })

  it.skipIf(process.platform === 'win32')(
    'reads a map and a settings file given as pipes (`--map <(…)`, `--config /dev/null`): the same report',
    () => {
      // bash's process substitution hands the CLI a pipe a process writes to, slowly here.
      const run = (args: string) =>
        spawnSync('bash', ['-c', `'${process.execPath}' '${builtBin}' scan fixtures/demo/k8s --format json ${args}`], {
          cwd: repoRoot,
          env: processEnv({XDG_CACHE_HOME: out}),
          encoding: 'utf8',
          // A reader that waits for ever fails here instead of holding the test worker.
          timeout: 50_000,
        })
      const settings = '--config fixtures/demo/.stewards.yaml --since 2025-01-01 --until 2026-01-01'
      const fromFile = run(`${settings} --map fixtures/demo/repos.yaml`)
      const fromPipe = run(`${settings} --map <(sleep 0.5; cat fixtures/demo/repos.yaml)`)
      expect(fromFile.status).toBe(0)
      expect(fromPipe.status).toBe(0)
      expect(fromPipe.stderr).toBe(fromFile.stderr)
      // The evidence names the map as given: the pipe's path.
      expect(fromPipe.stdout.replace(/\/dev\/fd\/\d+/g, 'fixtures/demo/repos.yaml')).toBe(fromFile.stdout)
      expect((JSON.parse(fromPipe.stdout) as ScanResult).projects.length).toBe(2)
      // An empty settings file (no snapshot named): offline, nothing is collected; no error about the file.
      const empty = run('--config /dev/null --offline')
      expect(empty.status).toBe(2)
      expect(empty.stderr).not.toContain('Error')
      expect(empty.stderr).toContain('None of the 2 projects could be collected')
    },
  )

  it('a hostile tree that crashed the process: a 10-million-character package name, an ARG expansion bomb', async () => {
    // In a process, with its main thread's stack: the name overflowed the stack of a regular expression (exit 4),
    // and ARGs repeating each other made a 480-million-character image (an out-of-memory crash).
    const dir = mkdtempSync(join(out, 'hostile-'))
    writeFileSync(join(dir, 'requirements.txt'), `${'a'.repeat(10_000_000)}==1.0\n`)
    writeFileSync(
      join(dir, 'Dockerfile'),
      `ARG A=${'x'.repeat(4000)}\nARG B=${'$A'.repeat(2000)}\nARG C=${'$B'.repeat(60)}\nFROM $C\nFROM busybox:1\n`,
    )
    const r = await runBuilt(['inventory', dir, '--json'])
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(2)
    const inventory = JSON.parse(r.stdout) as {components: Array<{name: string}>; errors: Array<{code: string}>}
    expect(inventory.components.map((c) => c.name.length).sort((a, b) => a - b)).toEqual([25, 10_000_000])
    // The ARG past the expansion limit is unknown: the FROM that uses it is an error at its line.
    expect(inventory.errors.map((e) => e.code)).toEqual(['invalid-variable'])
    // The name three times (name, purl, ref); the ARGs nowhere near their expansion.
    expect(r.stdout.length + r.stderr.length).toBeLessThan(30_100_000)
  })

  it('exit 3: a usage error, with a hint', async () => {
    const usage = await scanDemo(['--since', 'yesterday'])
    expect(usage.code).toBe(3)
    expect(usage.stderr).toContain('Hint:')
  })

  it('exit 4: an internal error, never 1', async () => {
    // A fault from outside the product: stdout throws when the report is written (tests/support/faults).
    const preload = pathToFileURL(join(repoRoot, 'tests', 'support', 'faults', 'stdout-throws.mjs')).href
    const crash = await scanDemo([], {NODE_OPTIONS: `--import ${preload}`})
    expect(crash.code).toBe(4)
    expect(crash.stderr).toContain('internal error')
    // The stack trace shows what ran: the built tree, not src/ through a TypeScript loader.
    expect(crash.stderr).toContain(join(repoRoot, 'dist', 'commands', 'scan.js'))
    expect(crash.stderr).not.toContain(join(repoRoot, 'src'))
  })

  it('exit 2 (incomplete) with a report over 64 KiB on a slow pipe: the HTML reaches the reader whole', () => {
    // Governance files before June 2025 are not in the demo's snapshot: the scan is incomplete (exit 2).
    const r = throughLatePipe([
      'scan',
      'fixtures/demo',
      '--since',
      '2024-06-01',
      '--until',
      '2025-06-01',
      '--format',
      'html',
      '--output',
      `json=${join(out, 'pipe.json')}`,
    ])
    expect(r.code).toBe('exit 2')
    expect(r.stdout.length).toBeGreaterThan(65_536)
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('exit 0 with a report over 64 KiB on a slow pipe: the process ends only once the HTML has gone out whole', () => {
    // A clean run ends in bin/run.js's own process.exit(), not in oclif's handler as exits 1-4 do. stdout is
    // asynchronous on a pipe: without the wait for a drain, the exit would cut the report the reader has not taken.
    const r = throughLatePipe(['scan', 'fixtures/demo', '--format', 'html'])
    expect(r.code).toBe('exit 0')
    expect(r.stdout.length).toBeGreaterThan(65_536)
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('a short last write into a full pipe is waited for: exit 0 with every byte, not 13 (an await that never ended)', () => {
    // What bin/run.js does once a command is done, after output that filled the pipe (64 KiB) and a short tail: the
    // tail waits in stdout's buffer, under its high-water mark, so no 'drain' will come for it.
    // It exits as bin/run.js does, so a wait that ended too soon cuts the tail.
    const script = join(out, 'short-last-write.mjs')
    writeFileSync(
      script,
      `const {drained} = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'core', 'cli-main.js')).href)})
process.stdout.write('x'.repeat(65536))
process.stdout.write('tail\\n')
await drained(process.stdout)
process.exit()
`,
    )
    const r = throughLatePipe([], script)
    expect(r.code).toBe('exit 0')
    expect(r.stdout.length).toBe(65_536 + 5)
    expect(r.stdout.endsWith('tail\n')).toBe(true)
  })

  it("holds V8's young generation at 8 MB a semi-space between files, unless the user sized it (core/young-generation.ts)", async () => {
    // 20 lockfiles of 4,000 packages: enough survivors for V8 to grow the young generation to 16 MB a semi-space
    // (32 and 64 MB on Node 24) when nothing holds it.
    const tree = join(out, 'young-generation')
    for (let f = 0; f < 20; f++) {
      const packages: Record<string, object> = {'': {name: `app-${f}`}}
      for (let i = 0; i < 4000; i++)
        packages[`node_modules/pkg-${f}-${i}`] = {
          version: `1.${i % 10}.${i % 7}`,
          resolved: `https://registry.example.test/pkg-${f}-${i}/-/pkg-${i}.tgz`,
        }
      mkdirSync(join(tree, `p${f}`), {recursive: true})
      writeFileSync(
        join(tree, `p${f}`, 'package-lock.json'),
        JSON.stringify({name: `app-${f}`, lockfileVersion: 3, requires: true, packages}, null, 2),
      )
    }
    const probe = join(repoRoot, 'tests', 'support', 'probes', 'new-space.mjs')
    // The two runs side by side (two processes: the pool of 2 the suite allows), each to its end.
    const newSpace = (nodeFlags: string[]) =>
      new Promise<{code: number | null; stderr: string}>((resolve) => {
        const child = spawn(
          process.execPath,
          [...nodeFlags, '--import', pathToFileURL(probe).href, builtBin, 'inventory', tree, '--format', 'text'],
          {cwd: repoRoot, env: processEnv(), stdio: ['ignore', 'ignore', 'pipe']},
        )
        let stderr = ''
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk
        })
        child.on('close', (code) => resolve({code, stderr}))
      })
    // Both semi-spaces: 2 × 8 MB (HOLD_BYTES). The old generation is set so that V8's own maximum is 16 MB a
    // semi-space whatever the machine's memory (V8 derives it from the heap's size): held, it stays at 8. A young
    // generation the user sized: left as V8 grows it.
    const [held, sized] = await Promise.all([
      newSpace(['--max-old-space-size=4096']),
      newSpace(['--max-semi-space-size=16']),
    ])
    for (const run of [held, sized]) {
      expect(run.code).toBe(0)
      expect(run.stderr).toContain('80000 components in 20 files')
    }
    const bytes = (run: {stderr: string}) => Number(/new-space: (\d+)/.exec(run.stderr)?.[1])
    expect(bytes(held)).toBeLessThanOrEqual(16 * 1024 * 1024)
    expect(bytes(sized)).toBeGreaterThan(16 * 1024 * 1024)
  })

  it('collect writes the whole JSON to a pipe before exiting 2 (more than a pipe buffer of 64 KiB)', () => {
    // The demo bundle replayed for an earlier window end: the files at that commit were never recorded.
    const repos = [
      'example-lumen/lumen-web',
      'example-nimbus/nimbus-mesh',
      'example-vaguedb/vaguedb',
      'example-tinyqueue/tiny-queue',
    ]
    const snapshot = join(repoRoot, 'fixtures', 'demo', 'snapshot.json')
    const r = throughLatePipe([
      'collect',
      ...repos,
      '--snapshot',
      snapshot,
      '--since',
      '2025-01-01',
      '--until',
      '2025-06-01',
      '--json',
    ])
    expect(r.code).toBe('exit 2')
    expect(r.stdout.length).toBeGreaterThan(65_536)
    const json = JSON.parse(r.stdout)
    expect(json.incomplete).toBe(true)
    expect(json.projects.map((p: {missing?: string[]}) => p.missing)).toEqual(repos.map(() => ['governance']))
  })

  describe('SIGINT', () => {
    let emulator: GithubEmulator
    beforeAll(async () => {
      // Every answer is a rate limit that resets in an hour: the collection waits for it.
      emulator = await startGithubEmulator({
        roots: [join(repoRoot, 'tests', 'collect', '__fixtures__', 'github')],
        token: TOKEN,
        faults: [{kind: 'rate-limit', match: /./, resetSeconds: 3600}],
      })
    })
    afterAll(() => emulator.close())

    it('ends a run waiting for a rate limit at once', async () => {
      const child = spawn(
        process.execPath,
        [
          builtBin,
          'collect',
          'example/widget',
          '--github-api-url',
          emulator.url,
          '--since',
          '2024-01-01',
          '--until',
          '2025-01-01',
          '--cache-dir',
          mkdtempSync(join(out, 'cache-')),
        ],
        {cwd: repoRoot, env: processEnv({GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: out})},
      )
      let stderr = ''
      const waiting = new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString()
          if (stderr.includes('GitHub rate limit reached: waiting')) resolve()
        })
      })
      const ended = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
        child.on('close', (code, signal) => resolve({code, signal})),
      )
      await waiting
      const sent = Date.now()
      child.kill('SIGINT')
      const {code, signal} = await ended
      expect(Date.now() - sent).toBeLessThan(5_000)
      // Ended by the signal (a shell shows 130), not by finishing the collection.
      expect({code, signal}).toEqual({code: null, signal: 'SIGINT'})
      expect(stderr).toContain('--on-rate-limit stop ends the run with partial results instead')
    })
  })
})
