/**
 * What the JSON SBOM formats (cyclonedx-json, spdx-json, spdx3-jsonld) share: the candidates and the sniff by a
 * top-level key, the opening read (../lockfile-support/json-reader.ts: positions, pruning, syntax errors,
 * forbidden and duplicate keys), and the errors that refuse a document at one of its top-level keys.
 */
import type {ErrorCode} from '../../core/errors.js'
import type {ScanError} from '../../core/model.js'
import {isJsonManifestCandidate} from '../file-names.js'
import {hasTopLevelKey} from '../json-tree.js'
import {type JsonDocument, type JsonObject, type JsonValue, readLockfileJson} from '../lockfile-support/json-reader.js'
import type {Position} from '../lockfile-support/line-index.js'
import {lockfileError} from '../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../types.js'

/**
 * A JSON SBOM format: any `.json` manifest candidate (lockfiles and tool configuration are never SBOMs) whose head
 * has `key` at the top level, and `also` when given; the content decides.
 */
export function jsonSbomFormat(format: {
  id: string
  description: string
  key: string
  also?: RegExp
  discover(file: string, text: string): DiscoverOutput
}): Discoverer {
  const {key, also} = format
  return {
    id: format.id,
    description: format.description,
    matches: isJsonManifestCandidate,
    sniff: (head) => hasTopLevelKey(head, key) && (also === undefined || also.test(head)),
    discover: ({file, text}) => format.discover(file, text),
  }
}

export interface SbomJson {
  root: JsonObject
  document: JsonDocument
  /** Problems found while reading (forbidden and duplicate keys), reported beside the components. */
  errors: ScanError[]
  /** Where a top-level key is written (line 1 when absent). */
  at(key: string): Position
  /** The output that refuses the document, with `message` at the top-level `key` (line 1 when absent). */
  refuse(code: ErrorCode, message: string, key: string): DiscoverOutput
  /** The output of what was read: the reading problems first. */
  output(
    components: DiscoverOutput['components'],
    errors: ScanError[],
    skipped?: DiscoverOutput['skipped'],
  ): DiscoverOutput
}

/** The document, or the output that says why it cannot be read (syntax, a root that is not an object). */
export function readSbomJson(
  file: string,
  text: string,
  skip: (path: readonly string[]) => boolean,
): {ok: true; sbom: SbomJson} | {ok: false; output: DiscoverOutput} {
  const read = readLockfileJson(file, text, {skip})
  if (!read.ok) return {ok: false, output: {components: [], errors: read.errors}}
  const {document, root, errors} = read
  const at = (key: string): Position => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  return {
    ok: true,
    sbom: {
      root,
      document,
      errors,
      at,
      refuse(code, message, key) {
        const {line, column} = at(key)
        return {components: [], errors: [...errors, lockfileError(file, code, message, line, column)]}
      },
      output: (components, more, skipped) => ({
        components,
        errors: [...errors, ...more],
        ...(skipped === undefined ? {} : {skipped}),
      }),
    },
  }
}

/** A non-empty string, trimmed (SPDX fields). */
export function trimmedString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
