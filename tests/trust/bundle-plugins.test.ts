/**
 * The build's esbuild plug-ins (scripts/bundle-plugins.mjs) change what two libraries do at start-up, never what
 * they answer. Checked on the installed libraries: packageurl-js compares exactly as with its eager collator, and
 * zod, bundled with English alone, still reports in English. When dist/ is built (`npm test` builds first), the
 * bundle itself is checked: one copy of oclif, no other zod locale, no collator made at load.
 */
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {build} from 'esbuild'
import {describe, expect, it} from 'vitest'
import {expectNone} from '../support/expect-none.js'
import {
  englishOnlyZod,
  lazyCollator,
  lazyPackageUrlCollator,
  lazySegmenter,
  lazyStringWidthSegmenter,
  oclifCommandOrder,
  oclifIdOrder,
  // @ts-expect-error: a plain JavaScript build script, without types
} from '../../scripts/bundle-plugins.mjs'
import {repoRoot} from '../support/cli.js'

const require = createRequire(import.meta.url)
const stringsPath = require.resolve('packageurl-js/src/strings.js')

/** Evaluates packageurl-js's strings.js as CommonJS, with `Intl` counting the collators it makes. */
function loadStrings(source: string): {localeCompare: (a: unknown, b: unknown) => number; made: () => number} {
  let made = 0
  const countingIntl = {
    Collator: class extends Intl.Collator {
      constructor(...args: ConstructorParameters<typeof Intl.Collator>) {
        super(...args)
        made++
      }
    },
  }
  const module = {exports: {} as Record<string, unknown>}
  new Function('module', 'exports', 'require', 'Intl', source)(module, module.exports, require, countingIntl)
  return {localeCompare: module.exports.localeCompare as (a: unknown, b: unknown) => number, made: () => made}
}

describe('lazy-collator (packageurl-js)', () => {
  const original = readFileSync(stringsPath, 'utf8')

  it('makes no collator at load, and one on the first comparison of strings', () => {
    const eager = loadStrings(original)
    expect(eager.made()).toBe(1)
    const lazy = loadStrings(lazyCollator(original))
    expect(lazy.made()).toBe(0)
    lazy.localeCompare(0, 7)
    expect(lazy.made()).toBe(0)
    lazy.localeCompare('name', 'namespace')
    expect(lazy.made()).toBe(1)
  })

  it('compares exactly as the eager collator', () => {
    const eager = loadStrings(original).localeCompare
    const lazy = loadStrings(lazyCollator(original)).localeCompare
    const values: unknown[] = [0, 1, 2, 7, 9, 10, 11, 100, -1, 1.5, '0', '10', '9', 'a', 'B', 'b', 'é', 'e', 'name']
    for (const a of values) for (const b of values) expect([a, b, Math.sign(lazy(a, b))]).toEqual([a, b, eager(a, b)])
  })

  it('fails the build when packageurl-js no longer matches', () => {
    expect(() => lazyCollator('const compare = new Intl.Collator().compare', 'x.js')).toThrow(/x\.js: .*review/)
  })
})

describe('oclif-id-order (@oclif/core)', () => {
  const pluginPath = join(repoRoot, 'node_modules', '@oclif', 'core', 'lib', 'config', 'plugin.js')
  const original = readFileSync(pluginPath, 'utf8')
  const comparator = (source: string) => {
    const sort = source.slice(source.indexOf('.sort((a, b) =>', source.indexOf('this.commands = ')))
    const body = sort.slice('.sort('.length, sort.indexOf('\n})') + 2)
    return new Function(`return ${body}`)() as (a: {id: string}, b: {id: string}) => number
  }
  const root = new Intl.Collator('und')

  it('orders ids of letters, : and - as the root collation does, without a collator; others with localeCompare', () => {
    const patched = comparator(oclifIdOrder(original))
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {commands: object}
    const alphabet = 'abyz:-'
    const generated = Array.from({length: 400}, (_, i) => {
      let id = ''
      for (let n = i; n > 0; n = Math.floor(n / alphabet.length)) id += alphabet[n % alphabet.length]
      return id
    })
    const ids = [...Object.keys(manifest.commands), ...generated, 'cache', 'cache:clear', 'cache-clear', 'cachex']
    // Every pair (about 200,000): the pairs ordered otherwise are collected, then compared to none at once (an
    // expect per pair took seconds).
    const differ: Array<[string, string, number, number]> = []
    for (const a of ids)
      for (const b of ids) {
        const ours = Math.sign(patched({id: a}, {id: b}))
        const collation = Math.sign(root.compare(a, b))
        if (ours !== collation) differ.push([a, b, ours, collation])
      }
    expectNone(differ)
    // An id outside that alphabet is compared by locale, as before: upper case first by code unit, not by locale.
    expect(Math.sign(patched({id: 'B'}, {id: 'a'}))).toBe(Math.sign('B'.localeCompare('a')))
    expect(Math.sign(patched({id: 'b1'}, {id: 'b:'}))).toBe(Math.sign('b1'.localeCompare('b:')))
  })

  it('fails the build when @oclif/core no longer matches', () => {
    expect(() => oclifIdOrder('.sort((a, b) => a.name.localeCompare(b.name))', 'x.js')).toThrow(/x\.js: .*review/)
  })
})

describe('lazy-segmenter (string-width)', () => {
  /** string-width bundled on its own (with or without the plug-in) into a temporary module, and imported. */
  async function bundled(plugins: unknown[]): Promise<(text: string) => number> {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-segmenter-'))
    try {
      const file = join(dir, 'width.mjs')
      await build({
        stdin: {contents: "export {default} from 'string-width'", resolveDir: repoRoot, loader: 'js'},
        bundle: true,
        format: 'esm',
        platform: 'node',
        outfile: file,
        plugins: plugins as never[],
        logLevel: 'silent',
      })
      return ((await import(pathToFileURL(file).href)) as {default: (text: string) => number}).default
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }

  it('makes no segmenter at load, one on the first string, and measures exactly as string-width', async () => {
    const Original = Intl.Segmenter
    let made = 0
    const intl = Intl as {Segmenter: typeof Intl.Segmenter}
    intl.Segmenter = class extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
        super(...args)
        made++
      }
    }
    try {
      const eager = await bundled([])
      expect(made).toBe(1)
      const lazy = await bundled([lazyStringWidthSegmenter])
      expect(made).toBe(1)
      const texts = [
        '',
        'abc',
        'é',
        '漢字',
        'ｶﾀｶﾅ',
        '👩‍👩‍👧',
        'e\u0301',
        '\u001b[31mred\u001b[0m',
        'a\u200bb',
        '🇫🇷 ok',
        '\u00ad',
      ]
      for (const text of texts) expect([text, lazy(text)]).toEqual([text, eager(text)])
      expect(made).toBe(2)
    } finally {
      intl.Segmenter = Original
    }
  })

  it('fails the build when string-width no longer matches', () => {
    expect(() => lazySegmenter('const s = new Intl.Segmenter()', 'x.js')).toThrow(/x\.js: .*review/)
  })
})

describe('a plug-in that changed nothing', () => {
  it.each([
    [englishOnlyZod, 'zod-english-only', 'zod/v4/locales/index.js'],
    [lazyPackageUrlCollator, 'lazy-collator', 'packageurl-js/src/strings.js'],
    [oclifCommandOrder, 'oclif-id-order', '@oclif/core/lib/config/plugin.js'],
    [lazyStringWidthSegmenter, 'lazy-segmenter', 'string-width/index.js'],
  ])('fails the build (%#: the library moved the file it rewrites)', async (plugin, name, file) => {
    const failed = build({
      stdin: {contents: 'export const x = 1', resolveDir: repoRoot, loader: 'js'},
      bundle: true,
      write: false,
      plugins: [plugin],
      logLevel: 'silent',
    })
    await expect(failed).rejects.toThrow(`${name}: node_modules/${file} was not bundled`)
  })
})

describe('zod-english-only', () => {
  it('bundles zod without its other locales, and zod still speaks English', async () => {
    const result = await build({
      stdin: {
        contents: "import {z} from 'zod'\nexport const message = z.string().safeParse(1).error.issues[0].message",
        resolveDir: repoRoot,
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      plugins: [englishOnlyZod],
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs).filter((path) => path.includes('zod/v4/locales/'))
    expect(inputs.map((path) => path.slice(path.lastIndexOf('/') + 1)).sort()).toEqual(['en.js', 'index.js'])
    const module = {exports: {} as {message?: string}}
    new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require)
    expect(module.exports.message).toBe('Invalid input: expected string, received number')
  })
})

const chunks = join(repoRoot, 'dist', 'chunks')

describe.runIf(existsSync(chunks))('the built bundle', () => {
  const files = readdirSync(join(repoRoot, 'dist'), {recursive: true, encoding: 'utf8'}).filter((f) =>
    f.endsWith('.js'),
  )
  const code = new Map(files.map((file) => [file, readFileSync(join(repoRoot, 'dist', file), 'utf8')]))

  it('holds the one copy of @oclif/core the commands and bin/run.js use', () => {
    const importers = [...code].filter(([, text]) =>
      /(from|import\(|require\()\s*["']@oclif\/core(\/[^"']*)?["']/.test(text),
    )
    expect(importers.map(([file]) => file)).toEqual([])
    // esbuild names each bundled CommonJS module once per copy (its key in a `__commonJS` map, with any spacing).
    const copies = [...code.values()]
      .join('\n')
      .match(/["']node_modules\/@oclif\/core\/lib\/config\/config\.js["']\s*\(/g)
    expect(copies?.length).toBe(1)
    expect(readFileSync(join(repoRoot, 'bin', 'run.js'), 'utf8')).toContain("import('../dist/core/cli-main.js')")
  })

  it('loads ioredis only when a shared store is opened: no command imports it at start', () => {
    /** The files an entry point loads before it runs: its static imports, not its dynamic `import()`s. */
    const loadedBy = (entry: string): Set<string> => {
      const loaded = new Set<string>()
      const visit = (file: string) => {
        if (loaded.has(file)) return
        loaded.add(file)
        const text = code.get(file) ?? ''
        for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g))
          visit(join(file, '..', match[1]).replace(/\\/g, '/'))
      }
      visit(entry)
      return loaded
    }
    const redis = [...code].filter(([, text]) => text.includes('node_modules/ioredis/built/Redis.js')).map(([f]) => f)
    expect(redis).toHaveLength(1)
    for (const command of ['commands/scan.js', 'commands/collect.js', 'commands/inventory.js']) {
      const loaded = loadedBy(command)
      expect(loaded.size, command).toBeGreaterThan(3)
      expect(loaded.has(redis[0]), command).toBe(false)
    }
  })

  it('holds the one copy of debug, which bin/run.js patches, and no library loaded at run time brings another', () => {
    const all = [...code.values()].join('\n')
    expect(all).not.toMatch(/(from|import\(|require\()\s*["']debug["']/)
    expect(all.match(/["']node_modules\/debug\/src\/common\.js["']\s*\(/g)?.length).toBe(1)
    // What core/lazy-require.ts loads from node_modules at run time, and everything those libraries depend on.
    const lazy = [...readdirSync(join(repoRoot, 'src'), {recursive: true, encoding: 'utf8'})]
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .flatMap((file) => [
        ...readFileSync(join(repoRoot, 'src', file), 'utf8').matchAll(/lazyRequire<[^>]*>\('([^']+)'\)/g),
      ])
      .map((match) => match[1])
    expect(lazy).toEqual(expect.arrayContaining(['jsonc-parser', 'yaml', 'saxes', 'dockerfile-ast']))
    const closure = new Set<string>()
    const visit = (name: string) => {
      if (closure.has(name)) return
      closure.add(name)
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'))
      for (const dependency of Object.keys({...manifest.dependencies, ...manifest.optionalDependencies}))
        visit(dependency)
    }
    for (const name of lazy) visit(name)
    expect([...closure]).not.toContain('debug')
  })

  it('holds no zod locale but English, and makes no collator at load or when oclif sorts its commands', () => {
    const all = [...code.values()].join('\n')
    // German and Italian zod messages ("Ungültige Eingabe", "Input non valido").
    expect(all).not.toMatch(/Eingabe|Input non valido/)
    expect(all).toContain('Invalid input')
    expect(all).not.toMatch(/=\s*new Intl\.Collator\b(?!\s*,\s*collator\.compare)/)
    // However the minifier spaces it.
    expect(all).toMatch(/collator\s*\?\?=\s*new Intl\.Collator\b/)
    // string-width's segmenter made on first use (lazy-segmenter).
    expect(all).not.toMatch(/(?<!\?\?)=\s*new Intl\.Segmenter\b/)
    expect(all).toMatch(/segmenter\s*\?\?=\s*new Intl\.Segmenter\b/)
    // oclif's commands sorted without starting ICU's collation (oclif-id-order).
    expect(all).not.toMatch(/\.sort\(\(a,\s*b\)\s*=>\s*a\.id\.localeCompare\(b\.id\)\)/)
    expect(all).toMatch(/plain\.test\(a\.id\)/)
  })
})
