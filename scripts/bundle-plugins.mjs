/**
 * The esbuild plug-ins of scripts/bundle.mjs: each leaves out or defers work a library does at every start and
 * stewards never needs (issue #16). Each checks that the code it changes is still the code it was written for, and
 * that it found that code at all, and fails the build otherwise: a library update must be looked at, never silently
 * bundled unchanged. tests/trust/bundle-plugins.test.ts runs them on the installed libraries.
 */
import {readFileSync} from 'node:fs'
import {dirname} from 'node:path'

/**
 * zod's namespace re-exports all of its 60-odd locales (about 300 KB, half of zod in the bundle, compiled at every
 * start that loads zod). stewards speaks English only and never reads `z.locales`; English is also zod's default
 * (zod/v4/classic/schemas.js registers `en()` on the first schema it makes, importing it directly). The locales'
 * index keeps English alone.
 */
export const englishOnlyZod = rewritePlugin('zod-english-only', 'zod/v4/locales/index.js', (source, path) => {
  if (!source.includes('export { default as en } from "./en.js";')) {
    throw new Error(`${path}: zod's locale index no longer exports en as expected; review zod-english-only`)
  }
  return {contents: "export {default as en} from './en.js'\n", resolveDir: dirname(path)}
})

const EAGER_COLLATOR = 'const { compare: localeCompare } = new Intl.Collator()'

/**
 * packageurl-js makes an `Intl.Collator` when it loads (src/strings.js), which starts ICU's collation: about 12 ms
 * of every start, since redaction loads packageurl-js. The collator is made on the first comparison that needs it
 * instead. packageurl-js also compares at load, when it sorts its own component names by their numeric sort order
 * (0 to 7): two non-negative integers are compared here as the collator would compare them, as digit strings, whose
 * collation order is their code-point order.
 */
export function lazyCollator(source, file = 'packageurl-js/src/strings.js') {
  if (!source.includes(EAGER_COLLATOR)) {
    throw new Error(`${file}: packageurl-js no longer makes its collator as expected; review lazy-collator`)
  }
  return source.replace(
    EAGER_COLLATOR,
    [
      'let collator',
      'const isIndex = (value) => Number.isInteger(value) && value >= 0',
      'const localeCompare = (a, b) => {',
      '    if (isIndex(a) && isIndex(b)) { const x = String(a), y = String(b); return x < y ? -1 : x > y ? 1 : 0 }',
      '    collator ??= new Intl.Collator()',
      '    return collator.compare(a, b)',
      '}',
    ].join('\n'),
  )
}

export const lazyPackageUrlCollator = rewritePlugin(
  'lazy-collator',
  'packageurl-js/src/strings.js',
  (source, path) => ({
    contents: lazyCollator(source, path),
  }),
)

const OCLIF_COMMAND_SORT = '.sort((a, b) => a.id.localeCompare(b.id))'

/**
 * @oclif/core sorts a plug-in's commands by id with `localeCompare` when it loads its configuration
 * (lib/config/plugin.js), at every start: the first `localeCompare` of a process starts ICU's collation, 8 to 12 ms
 * here, and nothing else a command does needs it (`--version`, `inventory` and `scan` never compare by locale
 * otherwise). Ids of lower-case letters, `:` and `-` (all of stewards', since oclif makes them from the commands'
 * paths) are put in the order of CLDR's root collation by comparing their code units: letters in alphabetical order,
 * `-` before `:` and both before any letter, a prefix first, there as in ASCII. (`localeCompare` follows the user's
 * locale, where a few tailor the alphabet, Lithuanian's `y` after `i`; the help's list of commands no longer does.)
 * Any other id is still compared with `localeCompare`.
 */
export function oclifIdOrder(source, file = '@oclif/core/lib/config/plugin.js') {
  if (!source.includes(OCLIF_COMMAND_SORT)) {
    throw new Error(`${file}: @oclif/core no longer sorts commands as expected; review oclif-id-order`)
  }
  return source.replace(
    OCLIF_COMMAND_SORT,
    [
      '.sort((a, b) => {',
      '    const plain = /^[a-z:-]*$/',
      '    if (!plain.test(a.id) || !plain.test(b.id)) return a.id.localeCompare(b.id)',
      '    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0',
      '})',
    ].join('\n'),
  )
}

export const oclifCommandOrder = rewritePlugin(
  'oclif-id-order',
  '@oclif/core/lib/config/plugin.js',
  (source, path) => ({
    contents: oclifIdOrder(source, path),
  }),
)

const EAGER_SEGMENTER = 'const segmenter = new Intl.Segmenter();'
const SEGMENTER_USE = 'segmenter.segment(string)'

/**
 * string-width makes an `Intl.Segmenter` when it loads (index.js), which starts ICU's grapheme breaking: about 15 ms
 * of every `scan`, whose table loads it, though stewards measures printable ASCII itself and most reports hold
 * nothing else. The segmenter is made on the first string that needs it instead, the same one for every call.
 */
export function lazySegmenter(source, file = 'string-width/index.js') {
  if (!source.includes(EAGER_SEGMENTER) || source.split(SEGMENTER_USE).length !== 2) {
    throw new Error(`${file}: string-width no longer makes its segmenter as expected; review lazy-segmenter`)
  }
  return source
    .replace(EAGER_SEGMENTER, 'let segmenter;')
    .replace(SEGMENTER_USE, '(segmenter ??= new Intl.Segmenter()).segment(string)')
}

export const lazyStringWidthSegmenter = rewritePlugin('lazy-segmenter', 'string-width/index.js', (source, path) =>
  // oclif's own string-width 4 (CommonJS, no segmenter) is bundled as it is.
  source.includes('Intl.Segmenter') ? {contents: lazySegmenter(source, path)} : undefined,
)

/**
 * An esbuild plug-in that rewrites one file of a library (`file`, below node_modules): `rewrite` gets its source and
 * path and gives the new contents (and a resolveDir, when the contents import anything), or undefined to leave a
 * copy of that path it is not for as it is. The build fails if it rewrote nothing (mustMatch).
 */
function rewritePlugin(name, file, rewrite) {
  const filter = new RegExp(`[\\\\/]${file.split('/').map(escapeRegExp).join('[\\\\/]')}$`)
  return {
    name,
    setup(esbuild) {
      const match = mustMatch(esbuild, name, file)
      esbuild.onLoad({filter}, (args) => {
        const rewritten = rewrite(readFileSync(args.path, 'utf8'), args.path)
        if (rewritten === undefined) return undefined
        match.seen()
        return {...rewritten, loader: 'js'}
      })
    },
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Fails the build when a plug-in changed nothing: the library moved the file it rewrites, its `onLoad` filter matched
 * no path, and the library would be bundled unchanged without a word. `seen()` is called by the plug-in's `onLoad`.
 */
function mustMatch(esbuild, name, file) {
  let matched = 0
  esbuild.onStart(() => {
    matched = 0
  })
  esbuild.onEnd((result) => {
    if (result.errors.length === 0 && matched === 0)
      return {errors: [{text: `${name}: node_modules/${file} was not bundled; review the plug-in`}]}
    return undefined
  })
  return {
    seen() {
      matched++
    },
  }
}
