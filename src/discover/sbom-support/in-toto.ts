/**
 * SBOMs inside in-toto Statements (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md): what
 * BuildKit's local and tar exporters write for `docker buildx build --sbom=true` (`sbom.spdx.json`, one Statement
 * whose `predicate` is the SPDX document, docs.docker.com/build/metadata/attestations/sbom/), and what cosign and
 * GitHub's attest-sbom action wrap an SBOM in before they sign it. The SBOM is the Statement's `predicate`, of the
 * type `predicateType` names (in-toto's vetted predicates: `https://spdx.dev/Document`, with or without `/v2.3`, and
 * `https://cyclonedx.org/bom`, with or without `/v1.x`). The JSON SBOM formats read such a file as their own
 * document, at its place in the file (./json-sbom.ts): the paths their readers see are those inside the predicate.
 * Signed envelopes (DSSE, Sigstore bundles, in-toto bundles of JSON Lines) carry the Statement as base64: ./envelopes.ts.
 */
import {hasTopLevelKey} from '../json-tree.js'
import type {JsonObject} from '../lockfile-support/json-reader.js'
import type {Position} from '../../core/line-index.js'
import {topLevelKeys} from './top-level-keys.js'

/** `_type` of in-toto Statements: v0.1 (BuildKit, in-toto-golang) and v1. */
export const STATEMENT_TYPE = /^https:\/\/in-toto\.io\/Statement\/v(?:0\.1|1)$/

const STATEMENT_MARKERS: ReadonlySet<string> = new Set(['_type', 'predicateType'])

/** The keys of a Statement that hold what is read; `subject` names what the SBOM is about, not what it lists. */
const READ_KEYS = new Set(['_type', 'predicateType', 'predicate'])

/**
 * The predicate type of the in-toto Statement that `head` (the start of a JSON file) opens, when its `_type` is
 * one and is written before the head ends (every writer puts it first); `''` when the head does not hold the
 * predicate type (keys sorted: `predicate` comes before it), undefined when it is not a Statement.
 */
export function statementPredicateType(head: string): string | undefined {
  if (!head.includes('in-toto.io') || !hasTopLevelKey(head, '_type')) return undefined
  const keys = topLevelKeys([head], STATEMENT_MARKERS)
  const type = keys.get('_type')
  if (type?.length !== 1 || !STATEMENT_TYPE.test(type[0])) return undefined
  const predicateType = keys.get('predicateType')
  return predicateType?.length === 1 ? predicateType[0] : ''
}

/** The predicate type of a Statement, from its whole text (in chunks): for one whose head does not hold it. */
export function wholePredicateType(chunks: Iterable<string>): string {
  const predicateType = topLevelKeys(chunks, PREDICATE_TYPE).get('predicateType')
  return predicateType?.length === 1 ? predicateType[0] : ''
}

const PREDICATE_TYPE: ReadonlySet<string> = new Set(['predicateType'])

/**
 * cosign before 2.0 wrapped the SBOM of `cosign attest --type cyclonedx` (and the other types) in its own predicate,
 * `{"Data": <the SBOM>, "Timestamp": "…"}` (sigstore/cosign pkg/cosign/attestation, CosignPredicate; Trivy reads it as
 * such): the SBOM is then `predicate.Data`. Go writes `Data` first.
 */
const COSIGN_DATA = /"predicate"[ \t\r\n]*:[ \t\r\n]*\{[ \t\r\n]*"Data"[ \t\r\n]*:[ \t\r\n]*\{/

/** The key path of the SBOM in a Statement whose start is `head`: its predicate, or cosign's `predicate.Data`. */
export function sbomPath(head: string): readonly string[] {
  return COSIGN_DATA.test(head) ? ['predicate', 'Data'] : ['predicate']
}

/** A reader's callbacks, which see paths inside the SBOM, made to read the SBOM at `at` (sbomPath) in a Statement. */
export function insidePredicate<Rest extends unknown[]>(
  at: readonly string[],
  options: {
    skip(path: readonly string[]): boolean
    consumeItem?(path: readonly string[], ...rest: Rest): boolean
  },
): {skip(path: readonly string[]): boolean; consumeItem?(path: readonly string[], ...rest: Rest): boolean} {
  const {skip, consumeItem} = options
  const depth = at.length
  // How much of `path` leads to the SBOM: all of `at` (inside it), a part (on the way), or none.
  const within = (path: readonly string[]): number => {
    let n = 0
    while (n < depth && n < path.length && path[n] === at[n]) n++
    return n
  }
  return {
    skip(path) {
      const n = within(path)
      if (n === depth) return path.length > depth && skip(path.slice(depth))
      // On the way to the SBOM, or a key of the Statement that tells what it is; anything else is not read.
      return !(n === path.length || (path.length === 1 && READ_KEYS.has(path[0])))
    },
    ...(consumeItem
      ? {consumeItem: (path, ...rest) => within(path) === depth && consumeItem(path.slice(depth), ...rest)}
      : {}),
  }
}

/** The SBOM at `at` (sbomPath) in a read Statement, when that is an object. */
export function sbomAt(root: JsonObject, at: readonly string[]): JsonObject | undefined {
  let value: unknown = root
  for (const key of at) value = typeof value === 'object' && value !== null ? (value as JsonObject)[key] : undefined
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined
}

/** Why a Statement's predicate is not read as the format's SBOM; undefined when it is. */
export function statementProblem(root: JsonObject, predicateType: RegExp, format: string): string | undefined {
  if (typeof root._type !== 'string' || !STATEMENT_TYPE.test(root._type))
    return `_type ${JSON.stringify(root._type ?? null)} is not an in-toto Statement type (https://in-toto.io/Statement/v1 or v0.1)`
  if (typeof root.predicateType !== 'string' || !predicateType.test(root.predicateType))
    return `the in-toto Statement's predicateType ${JSON.stringify(root.predicateType ?? null)} is not ${format}`
  if (typeof root.predicate !== 'object' || root.predicate === null || Array.isArray(root.predicate))
    return "the in-toto Statement's 'predicate' must be an object (the SBOM)"
  return undefined
}

/** Where a key of the predicate is: its own place when it holds an object, else the predicate's. */
export function predicateKeyAt(
  predicate: JsonObject,
  key: string,
  positionOf: (value: JsonObject) => Position,
): Position {
  const value = predicate[key]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? positionOf(value as JsonObject)
    : positionOf(predicate)
}
