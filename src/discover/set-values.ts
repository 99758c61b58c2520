/**
 * Values given a Helm chart as `helm --set` takes them: `image.repository=x`, a dotted path and a value. Skaffold's
 * `setValues` (a mapping of dotted keys) and Tilt's `helm(set=[…])` and `helm_resource(flags=['--set=…'])` write them.
 * They are merged into one values tree, each over the ones before, as Helm merges them (a later path through a value
 * replaces it with a mapping), and the images of that tree are read as a values file's are (./helm-value-images.ts,
 * `origin: helm-values`), less the images the project builds itself. A key with a list index (`a[0].b`) or an
 * escaped dot is not applied; nor is one longer or deeper than any chart's values (said).
 */
import {elide} from '../core/elide.js'
import type {Output} from './output.js'
import {mergeValues} from './argo-helm-values.js'
import {valuesImages} from './helm-value-images.js'
import {isMap, type Position, type YamlMap, type YamlNode} from './yaml-tree.js'

/** A key applied here: keys joined by dots, no list index, no escape. */
const PLAIN_PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/
/** Longer or deeper keys are not applied (no chart has such values; a tree that deep would be read recursively). */
const MAX_KEY_LENGTH = 4096
const MAX_KEY_DEPTH = 64

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
}

/** The images of `pairs`, merged in order (`at`: where the values are written, for the tree's root). */
export function setValueImages(pairs: Iterable<SetValue>, at: Position, scan: SetValuesScan): void {
  let values: YamlMap | undefined
  // The mappings built here, whose keys are set in place (a written one is copied first): linear in the keys.
  const own = new WeakSet<YamlMap>()
  for (const {key, value} of pairs) {
    if (key.length > MAX_KEY_LENGTH || !PLAIN_PATH.test(key)) continue
    const keys = key.split('.')
    if (keys.length > MAX_KEY_DEPTH) {
      scan.out.skipped.push({
        file: scan.file,
        line: value.line,
        reason: 'unsupported',
        message: `${scan.label}: value key "${elide(key, 200)}" is more than ${MAX_KEY_DEPTH} keys deep: not read`,
      })
      continue
    }
    values ??= {type: 'map', line: at.line, column: at.column, entries: new Map()}
    setAt(values, keys, value, own)
  }
  if (values === undefined) return
  // An image the project builds (Skaffold's own example: `setValues: {image: my-app}`) is its own: neither listed
  // nor reported, whatever else is set on the same line.
  valuesImages(values, {
    file: scan.file,
    out: scan.out,
    appVersion: undefined,
    noAppVersion: `${scan.label}: the appVersion of the chart, which it would take, is not in this file`,
    isOwn: scan.isOwn,
  })
}

/** `value` at the path `keys` of `root` (built here), over what is there, as Helm merges `--set` values. */
function setAt(root: YamlMap, keys: readonly string[], value: YamlNode, own: WeakSet<YamlMap>): void {
  own.add(root)
  let holder = root
  for (const key of keys.slice(0, -1)) {
    const child = holder.entries.get(key)
    let next: YamlMap
    if (isMap(child) && own.has(child)) next = child
    else {
      next = {type: 'map', line: value.line, column: value.column, entries: new Map(isMap(child) ? child.entries : [])}
      own.add(next)
      holder.entries.set(key, next)
    }
    holder = next
  }
  const last = keys[keys.length - 1]
  const before = holder.entries.get(last)
  holder.entries.set(last, isMap(before) && isMap(value) ? mergeValues(before, value) : value)
}
