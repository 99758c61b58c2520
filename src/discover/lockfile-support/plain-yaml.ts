/**
 * Generated YAML lockfiles (pnpm-lock.yaml) as plain values, with the positions of the keys near the top of the
 * tree. js-yaml loads them about ten times faster than the `yaml` library, which builds a node tree for every
 * scalar; js-yaml's `listener` reports where each node starts, and the keys of a mapping are its odd children.
 * Only the mappings at the paths `tracked` accepts keep their keys' positions (and the nodes in them an object
 * each): a lockfile's thousands of package entries need none, and their frames, child lists and maps were most of
 * what reading a pnpm lockfile allocated. A mapping whose children do not pair up with its keys (a flow key without
 * a value, a merge key) has none, and the caller asks the `yaml` library instead.
 * undefined when js-yaml refuses the text or it holds anchors: the caller reads it with the `yaml` library,
 * which reports problems with their positions and bounds alias expansion.
 */
import {CORE_SCHEMA, load, YAMLException} from 'js-yaml'
import type {Position} from '../../core/line-index.js'

export interface PlainYaml {
  value: unknown
  /** Positions of the keys of the mapping at `path`; undefined when they are not known. */
  keyPositions(path: readonly string[]): Map<string, Position> | undefined
}

interface Frame extends Position {
  /** The keys from the root to this node, for a node whose parent is tracked and that is a mapping's value. */
  path?: readonly string[]
  /** Only for a tracked node: its children as they close (a mapping's keys at even places, values at odd ones). */
  children?: Array<{frame: Frame; key: string}>
  keys?: Map<string, Position>
  values?: Map<string, Frame>
}

/** An anchor where a node may start (`&name`); `&` inside words (URL queries) does not match. */
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},&]/m

interface ListenerState {
  line: number
  position: number
  lineStart: number
  kind: string | null
  result: unknown
}

export function loadPlainYaml(text: string, tracked: (path: readonly string[]) => boolean): PlainYaml | undefined {
  if (ANCHOR.test(text)) return undefined
  const stack: Frame[] = []
  let root: Frame | undefined
  // Nodes inside one that is not tracked are nobody's key or value of interest: they are counted, not recorded
  // (most nodes of a lockfile are; one object each was most of what the positions cost).
  let below = 0
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      const parent = stack[stack.length - 1]
      if (below > 0 || (parent !== undefined && parent.children === undefined)) {
        below++
        return
      }
      const frame: Frame = {line: state.line + 1, column: state.position - state.lineStart + 1}
      // A value (its key the last child closed): tracked or not by its path. A key is only a place.
      const path =
        parent === undefined
          ? []
          : parent.children!.length % 2 === 1
            ? [...parent.path!, parent.children![parent.children!.length - 1].key]
            : undefined
      if (path !== undefined && tracked(path)) {
        frame.path = path
        frame.children = []
      }
      stack.push(frame)
      return
    }
    if (below > 0) {
      below--
      return
    }
    const frame = stack.pop()!
    if (frame.children) {
      if (state.kind === 'mapping') settle(frame, state.result as object)
      frame.children = undefined
    }
    const parent = stack[stack.length - 1]
    if (parent === undefined) root = frame
    else parent.children?.push({frame, key: typeof state.result === 'object' ? '' : String(state.result)})
  }
  let value: unknown
  try {
    // The core schema reads scalars as the `yaml` library's default does (no timestamps, no merge keys).
    value = load(text, {schema: CORE_SCHEMA, listener} as Parameters<typeof load>[1])
  } catch (error) {
    if (error instanceof YAMLException || error instanceof RangeError) return undefined
    throw error
  }
  return {
    value,
    keyPositions(path) {
      let frame = root
      for (const key of path) frame = frame?.values?.get(key)
      return frame?.keys
    },
  }
}

function settle(frame: Frame, result: object): void {
  const children = frame.children!
  if (children.length !== 2 * Object.keys(result).length) return
  frame.keys = new Map()
  frame.values = new Map()
  for (let i = 0; i < children.length; i += 2) {
    const {key, frame: at} = children[i]
    frame.keys.set(key, {line: at.line, column: at.column})
    frame.values.set(key, children[i + 1].frame)
  }
}
