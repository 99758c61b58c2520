/**
 * Where the values this format reads are written in a devcontainer.json: the shared JSON reader places objects only,
 * and `image`, `dockerComposeFile`, `build.dockerfile` are strings, a Feature a key. A second pass of jsonc-parser's
 * event visitor takes their lines and columns (as ../../lockfile-support/json-key-positions.ts does for manifests).
 * Only run on a document the shared reader has read, so its syntax and depth are known to be good; a key written
 * twice is where it was last written, as its value is the last one.
 */
import {jsonc} from '../../../core/lazy-require.js'
import type {Position} from '../../lockfile-support/line-index.js'

export interface Places {
  /** Top-level string values by key: `image`, `dockerFile`, `dockerComposeFile` (when a string). */
  top: Map<string, Position>
  /** `build.dockerfile`: its string value, else its key. */
  buildDockerfile?: Position
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
  try {
    jsonc().visit(
      text,
      {
        onObjectBegin: () => begin(false),
        onArrayBegin: () => begin(true),
        onObjectEnd: () => void stack.pop(),
        onArrayEnd: () => void stack.pop(),
        onObjectProperty(property, _offset, _length, line, character) {
          const top = stack[stack.length - 1]
          if (top === undefined || top.array) return
          top.key = property
          const at = {line: line + 1, column: character + 1}
          if (stack.length === 2 && stack[0].key === 'features') places.features.set(property, at)
          // The key, until a string value places it (a value of the wrong type is reported at its key).
          else if (stack.length === 2 && stack[0].key === 'build' && property === 'dockerfile')
            places.buildDockerfile = at
        },
        onLiteralValue(_value, _offset, _length, line, character) {
          const at = {line: line + 1, column: character + 1}
          const top = stack[stack.length - 1]
          if (stack.length === 1 && top.key !== undefined && TOP_STRINGS.has(top.key)) {
            places.top.set(top.key, at)
            if (top.key === 'dockerComposeFile') places.composeItems = []
          } else if (stack.length === 2 && stack[0].key === 'build' && !top.array && top.key === 'dockerfile')
            places.buildDockerfile = at
          else if (stack.length === 2 && stack[0].key === 'dockerComposeFile' && top.array) places.composeItems.push(at)
        },
      },
      {disallowComments: false, allowTrailingComma: true},
    )
  } catch (error) {
    // jsonc-parser recurses per level: a stack too small for a document the shared reader took leaves the places
    // found so far (the others fall back to their key's).
    if (!(error instanceof RangeError)) throw error
  }
  return places
}
