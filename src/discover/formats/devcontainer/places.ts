/**
 * Where the values this format reads are written in a devcontainer.json: the shared JSON reader places objects only,
 * and `image`, `dockerComposeFile`, `build.dockerfile` are strings, a Feature a key. A second pass
 * (../../lockfile-support/json-events.ts) takes their lines and columns.
 * Only run on a document the shared reader has read, so its syntax and depth are known to be good; a key written
 * twice is where it was last written, as its value is the last one.
 */
import {scanJsonEvents} from '../../lockfile-support/json-events.js'
import type {Position} from '../../../core/line-index.js'

export interface Places {
  /** Top-level string values by key: `image`, `dockerFile`, `dockerComposeFile` (when a string). */
  top: Map<string, Position>
  /** `build.dockerfile`: its string value, else its key. */
  buildDockerfile?: Position
  /** The key `build.args`. */
  buildArgs?: Position
  /** The items of `dockerComposeFile` when it is an array, in order. */
  composeItems: Position[]
  /** Each key of `features`: where the Feature's reference is written. */
  features: Map<string, Position>
}

interface Frame {
  array: boolean
  /** The last key read in this object: the one a value or container that follows belongs to. */
  key?: string
}

const TOP_STRINGS = new Set(['image', 'dockerFile', 'dockerComposeFile'])

export function valuePlaces(text: string): Places {
  const places: Places = {top: new Map(), composeItems: [], features: new Map()}
  const stack: Frame[] = []
  const begin = (array: boolean) => {
    // An array opened at `dockerComposeFile`: its items replace any written before (the last value is used).
    if (array && stack.length === 1 && stack[0].key === 'dockerComposeFile') places.composeItems = []
    stack.push({array})
  }
  const property = (name: string, at: Position) => {
    const top = stack[stack.length - 1]
    top.key = name
    if (stack.length === 2 && stack[0].key === 'features') places.features.set(name, at)
    // The key, until a string value places it (a value of the wrong type is reported at its key).
    else if (stack.length === 2 && stack[0].key === 'build' && name === 'dockerfile') places.buildDockerfile = at
    else if (stack.length === 2 && stack[0].key === 'build' && name === 'args') places.buildArgs = at
  }
  const literal = (at: Position) => {
    const top = stack[stack.length - 1]
    if (top === undefined) return
    if (stack.length === 1 && top.key !== undefined && TOP_STRINGS.has(top.key)) {
      places.top.set(top.key, at)
      if (top.key === 'dockerComposeFile') places.composeItems = []
    } else if (stack.length === 2 && stack[0].key === 'build' && !top.array && top.key === 'dockerfile')
      places.buildDockerfile = at
    else if (stack.length === 2 && stack[0].key === 'dockerComposeFile' && top.array) places.composeItems.push(at)
  }
  scanJsonEvents(text, {
    onObjectBegin: () => begin(false),
    onArrayBegin: () => begin(true),
    onObjectEnd: () => void stack.pop(),
    onArrayEnd: () => void stack.pop(),
    onObjectProperty: (name, line, character) => property(name, {line: line + 1, column: character + 1}),
    onLiteralValue: (line, character) => literal({line: line + 1, column: character + 1}),
  })
  return places
}
