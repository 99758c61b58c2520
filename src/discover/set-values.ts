/**
 * Values given a Helm chart as `helm --set` takes them: `image.repository=x`, a dotted path and a value. Skaffold's
 * `setValues` (a mapping of dotted keys) and Tilt's `helm(set=[…])` and `helm_resource(flags=['--set=…'])` write them;
 * Tilt's as `--set` text (`a=1,b=2`), split here as Helm splits it (parseSetArgument).
 * They are merged into one values tree, each over the ones before, as Helm merges them (a later path through a value
 * replaces it with a mapping), and the images of that tree are read as a values file's are (./helm-value-images.ts,
 * `origin: helm-values`), less the images the project builds itself. Keys are read as Helm reads them: list indexes
 * (`images[0].repository`) and `\` escapes (`kubernetes\.io/os`) too. A key Helm would refuse, or longer or deeper
 * than any chart's values, is not applied, and said (`unsupported`, naming the key). Argo CD's `helm.parameters`,
 * which Argo CD hands to Helm as `--set`, are merged by the same code (applySetValues, ./argo-helm-values.ts).
 */
import {elide} from '../core/elide.js'
import type {Output} from './output.js'
import {type ValuesScan, valuesImages} from './helm-value-images.js'
import {isMap, isScalar, isSeq, type Position, type YamlMap, type YamlNode, type YamlSeq} from './yaml-tree.js'

/** Longer or deeper keys are not applied (no chart has such values; a tree that deep would be read recursively). */
const MAX_KEY_LENGTH = 4096
const MAX_KEY_DEPTH = 64
/** A larger list index is not applied (Helm pads a list with nulls up to it: no chart's values are that long). */
const MAX_INDEX = 1000
/**
 * The list items the keys of one chart's values may make, padding included (each `[i]` counted as i + 1): past it a
 * key is not applied (75,000 keys `kN[999]=x` in a 1 MB Tiltfile made 75 million nulls, and the scan ran out of memory).
 */
const MAX_LIST_ITEMS = 10_000

/** One step of a key's path: a mapping key, or a list index (`a[0]`). */
type Step = string | number

export interface SetValue {
  key: string
  value: YamlNode
}

export interface SetValuesScan {
  file: string
  out: Output
  /** Who sets them, for messages: `release web`, `helm(…)`. */
  label: string
  /** Whether an image is one the project builds (not listed, nor reported). */
  isOwn: (ref: string) => boolean
  /** For a base merged from several files: where an image is told (./helm-value-images.ts ValuesScan.place). */
  place?: ValuesScan['place']
}

/**
 * The `key=value` assignments of one `--set` argument as Helm's strvals splits them (`a=1,b=x\,y`: at the commas no
 * `\` escapes, each at its first unescaped `=`), every value placed at `at` (the string that writes them). The key
 * keeps its escapes (parseKey reads them); the value is read unescaped, `null` as null. An assignment without a key
 * is dropped. One pass over the text.
 */
export function parseSetArgument(text: string, at: Position): SetValue[] {
  const pairs: SetValue[] = []
  for (const assignment of unescapedSplit(text, ',')) {
    const equals = unescapedIndex(assignment, '=')
    if (equals <= 0) continue
    const value = assignment.slice(equals + 1).replace(/\\(.)/gs, '$1')
    pairs.push({
      key: assignment.slice(0, equals).trim(),
      value: {
        type: 'scalar',
        kind: value === 'null' ? 'null' : 'string',
        text: value,
        line: at.line,
        column: at.column,
      },
    })
  }
  return pairs
}

/** The parts of `text` between the `separator`s no `\` escapes (helm --set: `a=1,b=x\,y`). One pass. */
function unescapedSplit(text: string, separator: string): string[] {
  const parts: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === separator) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts
}

/** The index of the first `char` no `\` escapes; -1 for none. */
function unescapedIndex(text: string, char: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === char) return i
  }
  return -1
}

/**
 * The images of `pairs`, merged in order (`at`: where the values are written, for the tree's root), over `base` when
 * given (values given as a file's are, which `--set` overrides: Skaffold's `overrides`; not changed here).
 */
export function setValueImages(pairs: Iterable<SetValue>, at: Position, scan: SetValuesScan, base?: YamlMap): void {
  const values = applySetValues(base, pairs, at, ({key, value}, why) =>
    scan.out.skipped.push({
      file: scan.file,
      line: value.line,
      reason: 'unsupported',
      message: `${scan.label}: value key "${elide(key, 200)}" ${why}: not read`,
    }),
  )
  if (values === undefined) return
  // An image the project builds (Skaffold's own example: `setValues: {image: my-app}`) is its own: neither listed
  // nor reported, whatever else is set on the same line.
  valuesImages(values, {
    file: scan.file,
    out: scan.out,
    appVersion: undefined,
    noAppVersion: `${scan.label}: the appVersion of the chart, which it would take, is not in this file`,
    isOwn: scan.isOwn,
    ...(scan.place ? {place: scan.place} : {}),
  })
}

/**
 * `pairs` set in order over `base` (not changed: copied where written) as `helm --set` sets them: the values tree,
 * rooted at `at` when there is no `base`; undefined when there is no base and no pair is applied. A pair whose key is
 * not applied (refused by Helm, or past the bounds above) is handed to `refused` with why, in a few words
 * (`has an empty key`).
 */
export function applySetValues(
  base: YamlMap | undefined,
  pairs: Iterable<SetValue>,
  at: Position,
  refused: (pair: SetValue, why: string) => void,
): YamlMap | undefined {
  let values: YamlMap | undefined = base && {...base, entries: new Map(base.entries)}
  // The mappings built here, whose keys are set in place (a written one is copied first): linear in the keys.
  const own = new WeakSet<YamlMap | YamlSeq>()
  let listItems = 0
  for (const pair of pairs) {
    const {key, value} = pair
    if (key.length > MAX_KEY_LENGTH) {
      refused(pair, `is longer than ${MAX_KEY_LENGTH} characters`)
      continue
    }
    const keys = parseKey(key)
    if (typeof keys === 'string') {
      refused(pair, keys)
      continue
    }
    if (keys.length > MAX_KEY_DEPTH) {
      refused(pair, `is more than ${MAX_KEY_DEPTH} keys deep`)
      continue
    }
    const items = keys.reduce<number>((sum, step) => (typeof step === 'number' ? sum + step + 1 : sum), 0)
    if (listItems + items > MAX_LIST_ITEMS) {
      refused(pair, `sets list items past the ${MAX_LIST_ITEMS.toLocaleString('en-US')} read of one chart's values`)
      continue
    }
    listItems += items
    values ??= {type: 'map', line: at.line, column: at.column, entries: new Map()}
    setAt(values, keys, value, own)
  }
  return values
}

/** `over` merged into `base` as Helm merges values: maps key by key, anything else replaced, `null` removing the key. */
export function mergeValues(base: YamlMap, over: YamlMap, depth = 0): YamlMap {
  const entries = new Map(base.entries)
  for (const [key, value] of over.entries) {
    const before = entries.get(key)
    if (isScalar(value) && value.kind === 'null') entries.delete(key)
    else if (isMap(before) && isMap(value) && depth < 256) entries.set(key, mergeValues(before, value, depth + 1))
    else entries.set(key, value)
  }
  return {...base, entries}
}

/**
 * The path of a `--set` key as Helm's strvals reads it: keys joined by dots, `\` escaping the next character
 * (`nodeSelector.kubernetes\.io/os`), and list indexes after a key (`images[0].repository`, `a[0][1]`). Why it is not
 * read, otherwise (an empty key, an unclosed or non-numeric index, an index over MAX_INDEX). Linear in the key.
 */
function parseKey(key: string): Step[] | string {
  const steps: Step[] = []
  let name = ''
  let named = false
  // Just after a `]`: a `.`, a `[` or the end follows.
  let afterIndex = false
  const endName = (): string | undefined => {
    if (!named) return 'has an empty key'
    steps.push(name)
    name = ''
    named = false
    return undefined
  }
  let i = 0
  while (i < key.length) {
    const c = key[i]
    if (afterIndex) {
      afterIndex = false
      if (c === '.') {
        i++
        if (i === key.length) return 'has an empty key'
        continue
      }
      if (c !== '[') return 'has a key run into a list index'
    }
    if (c === '\\') {
      if (i + 1 >= key.length) return 'ends with an escape'
      name += key[i + 1]
      named = true
      i += 2
    } else if (c === '.') {
      const why = endName()
      if (why) return why
      i++
    } else if (c === '[') {
      if (named) endName()
      else if (typeof steps.at(-1) !== 'number') return 'has a list index with no key before it'
      const close = key.indexOf(']', i)
      const digits = close < 0 ? '' : key.slice(i + 1, close)
      if (!/^\d{1,4}$/.test(digits)) return 'has a list index that is not a number'
      const index = Number(digits)
      if (index > MAX_INDEX) return `has a list index over ${MAX_INDEX}`
      steps.push(index)
      i = close + 1
      afterIndex = true
    } else if (c === ']') return 'has an unopened list index'
    else {
      name += c
      named = true
      i++
    }
  }
  if (!afterIndex) {
    const why = endName()
    if (why) return why
  }
  return steps
}

type Holder = YamlMap | YamlSeq

/** `value` at the path `keys` of `root` (built here), over what is there, as Helm merges `--set` values. */
function setAt(root: YamlMap, keys: readonly Step[], value: YamlNode, own: WeakSet<Holder>): void {
  own.add(root)
  let holder: Holder = root
  for (let k = 0; k < keys.length - 1; k++) {
    const child = get(holder, keys[k])
    let next: Holder
    if (typeof keys[k + 1] === 'number') {
      if (isSeq(child) && own.has(child)) next = child
      else next = {type: 'seq', line: value.line, column: value.column, items: isSeq(child) ? [...child.items] : []}
    } else if (isMap(child) && own.has(child)) next = child
    else
      next = {type: 'map', line: value.line, column: value.column, entries: new Map(isMap(child) ? child.entries : [])}
    if (next !== child) {
      own.add(next)
      put(holder, keys[k], next, value)
    }
    holder = next
  }
  const last = keys[keys.length - 1]
  const before = get(holder, last)
  put(holder, last, isMap(before) && isMap(value) ? mergeValues(before, value) : value, value)
}

function get(holder: Holder, step: Step): YamlNode | undefined {
  if (holder.type === 'map') return typeof step === 'string' ? holder.entries.get(step) : undefined
  return typeof step === 'number' ? holder.items[step] : undefined
}

/** Sets a step; a list is padded with nulls up to the index, as Helm pads it (the index is at most MAX_INDEX). */
function put(holder: Holder, step: Step, node: YamlNode, at: Position): void {
  if (holder.type === 'map') {
    holder.entries.set(String(step), node)
    return
  }
  const index = Number(step)
  while (holder.items.length < index)
    holder.items.push({type: 'scalar', kind: 'null', text: '', line: at.line, column: at.column})
  holder.items[index] = node
}
