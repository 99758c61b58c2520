/**
 * What the JSON SBOM formats (cyclonedx-json, spdx-json, spdx3-jsonld) share: the candidates and the sniff by a
 * top-level key, the opening read (../lockfile-support/json-reader.ts: positions, pruning, syntax errors,
 * forbidden and duplicate keys), and the errors that refuse a document at one of its top-level keys.
 */
import type {ErrorCode} from '../../core/errors.js'
import type {ScanError} from '../../core/model.js'
import {isJsonManifestCandidate} from '../file-names.js'
import {hasTopLevelKey} from '../json-tree.js'
import {
  type JsonDocument,
  type JsonObject,
  type JsonValue,
  type ReadJsonOptions,
  readLockfileJson,
} from '../lockfile-support/json-reader.js'
import type {Position} from '../../core/line-index.js'
import {lockfileError} from '../lockfile-support/problems.js'
import {SNIFF_BYTES, type SniffFile} from '../sniff.js'
import type {Discoverer, DiscoverOutput} from '../types.js'
import {type EnvelopeStatement, envelopeHeads, envelopeStatements} from './envelopes.js'
import {
  insidePredicate,
  predicateKeyAt,
  sbomAt,
  sbomPath,
  statementPredicateType,
  statementProblem,
  wholePredicateType,
} from './in-toto.js'
import {type TopLevelKeys, topLevelKeys} from './top-level-keys.js'

/** The SBOMs of a format that in-toto Statements carry (./in-toto.ts): their `predicateType`, and what to call it. */
export interface PredicateType {
  test: RegExp
  name: string
}

/**
 * A JSON SBOM format: any `.json` manifest candidate (lockfiles and tool configuration are never SBOMs) that has
 * `key` at the top level (and `also` in the same text, when given), found by one of:
 * - the head (the first SNIFF_BYTES), as most generators write the key first;
 * - `early`, a test of the head for another top-level key only this format has (`SPDXID: SPDXRef-DOCUMENT`);
 * - the tail (the last SNIFF_BYTES before the white space that ends the file) of a longer file whose head is an
 *   unfinished object: the key order of a JSON object is free (RFC 8259 §4), and cyclonedx-python (keys in
 *   alphabetical order), microsoft/sbom-tool and older Trivy write the key last, after components or packages
 *   that fill the head;
 * - the whole file, when the head and the tail do not decide but a sign says it may be an SBOM (wholeWorthReading:
 *   a key written with escapes, `"bom\u0046ormat"`, that no plain search finds; a name such as `bom.json` or
 *   `*.spdx.json`): its top-level keys, decoded, in one linear pass (./top-level-keys.ts). A file passed over is
 *   never told, so a BOM must not be passed over for how its JSON is written.
 * `claims` decides on the strings of the key's value, decoded, where the text was read by keys (when `also` is
 * given: the head held the key but `also` did not match the text as written).
 * An in-toto Statement (its `_type` in the head) is the format's when its `predicateType` is `predicate`'s: the
 * SBOM is its `predicate` (./in-toto.ts).
 * The content decides: the whole document is read and checked by `discover`.
 */
export function jsonSbomFormat(format: {
  id: string
  description: string
  key: string
  also?: RegExp
  /** With `also`: the value of `key`, decoded, as strings (a string value, or the strings of a list). */
  claims?: (values: readonly string[]) => boolean
  early?: (head: string) => boolean
  /** Other names than `.json` that may hold the format (Bitnami's `.spdx-<app>.spdx` SPDX JSON). */
  alsoNamed?: RegExp
  /** The format's documents as in-toto predicates; none: a Statement is never this format's. */
  predicate?: PredicateType
  discover(file: string, text: string): DiscoverOutput
}): Discoverer {
  const {key, also, early} = format
  // Whether a Statement's text (or its start) carries this format's SBOM.
  const predicateOf = (statement: string): boolean => {
    const type = statementPredicateType(statement.slice(0, SNIFF_BYTES))
    if (type === undefined || format.predicate === undefined) return false
    return format.predicate.test.test(type === '' ? wholePredicateType([statement]) : type)
  }
  const claims = format.claims ?? (() => true)
  const holds = (text: string) => also === undefined || also.test(text)
  MARKERS.add(key)
  const decided = (keys: TopLevelKeys) => {
    const values = keys.get(key)
    return values !== undefined && claims(values)
  }
  return {
    id: format.id,
    description: format.description,
    matches: (file) =>
      isJsonManifestCandidate(file) ||
      (format.alsoNamed?.test(file) ?? false) ||
      SBOM_FILE.test(file) ||
      (format.predicate !== undefined && JSON_LINES.test(file)),
    sniff(head, tail, file) {
      // UTF-16 or UTF-32 (PowerShell 5.1's `>` writes UTF-16): JSON text holds no zero byte, and with them taken out
      // its ASCII keys read as written. Claimed on the marker or an SBOM name, so that reading it says why it cannot
      // be read (unsupported-encoding, exit 2) instead of passing it over.
      if (head.slice(0, 8).includes('\u0000')) {
        const ascii = head.replaceAll('\u0000', '').replace(/^\uFFFD+/, '')
        if (hasTopLevelKey(ascii, key) || (file !== undefined && sbomName(file.name))) return true
        // Or in its tail, for the generators that write the key last (the tail's trailing NULs are left out).
        const end = tail?.()
        return end !== undefined && topLevelKeyInTail(end.replaceAll('\u0000', ''), key) >= 0
      }
      // Signed attestations: whose they are is in their base64 payloads.
      const signed = envelopeHeads(head)
      if (signed.length > 0) return signed.some((statement) => predicateOf(statement))
      if (JSON_LINES.test(file?.name ?? '')) return false
      // GitHub's REST answer (`gh api …/dependency-graph/sbom > sbom.json`): the SPDX document is its `sbom`.
      const exported = GITHUB_EXPORT.exec(head)
      if (exported) return hasTopLevelKey(head.slice(exported[0].length - 1), key)
      // A Statement's SBOM is nested: only its predicate type says whose it is.
      const predicateType = statementPredicateType(head)
      if (predicateType !== undefined) {
        if (format.predicate === undefined) return false
        const type = predicateType === '' && file !== undefined ? wholePredicateType(file.chunks()) : predicateType
        return format.predicate.test.test(type)
      }
      if (hasTopLevelKey(head, key)) {
        if (holds(head)) return true
        // `also` looks at the text as written: its value may be written with escapes (`https:\/\/spdx.org`).
        if (decided(topLevelKeys([head], MARKERS))) return true
      }
      if (early?.(head)) return true
      // A head of white space alone (a document after 64 KiB of it) decides nothing either way.
      if (!opensObject(head) && !BLANK.test(head)) return false
      const end = tail?.()
      if (end === undefined) return false // the head is the whole file, and its keys were read
      const at = topLevelKeyInTail(end, key)
      if (at >= 0) {
        if (holds(end)) return true
        // From the key on, the tail closes the root object: its keys, decoded, are those from `at` on.
        if (decided(topLevelKeys(['{', end.slice(at)], MARKERS))) return true
      }
      if (file === undefined || !wholeWorthReading(file.name, head, end)) return false
      // Another format's marker in the head or the tail decided it is that format's (the markers exclude each
      // other): no whole read for this one (every large CycloneDX BOM has a `"bom-ref"`, a sign for the SPDX ones).
      const decidedElsewhere = [...MARKERS].some(
        (other) => other !== key && (hasTopLevelKey(head, other) || topLevelKeyInTail(end, other) >= 0),
      )
      return !decidedElsewhere && decided(wholeKeys(file))
    },
    discover: ({file, text}) => {
      const signed = format.predicate ? envelopeStatements(text) : undefined
      return signed ? fromEnvelopes(file, signed, predicateOf, format.discover) : format.discover(file, text)
    },
  }
}

/**
 * The answer of GitHub's REST API for a repository's SBOM (https://docs.github.com/en/rest/dependency-graph/sboms):
 * `{"sbom": {<SPDX 2.3 document>}}`, what `gh api repos/O/R/dependency-graph/sbom` prints.
 */
const GITHUB_EXPORT = /^\uFEFF?[ \t\r\n]*\{[ \t\r\n]*"sbom"[ \t\r\n]*:[ \t\r\n]*\{/

/**
 * Names SBOMs are kept under without a `.json` or `.xml`: the ones Syft's SBOM cataloger reads
 * (syft/pkg/cataloger/sbom: `bom`, `sbom`, `*.bom`, `*.sbom`, `*.cdx`, the format told by the content). Every SBOM
 * format claims them, and each one's content test decides (JSON keys, the CycloneDX XML namespace, `SPDXVersion:`).
 */
export const SBOM_FILE = /(?:^|\/)(?:[^/]*\.)?(?:s?bom|cdx)$/i

/** A JSON Lines file: in-toto bundles of signed attestations (`*.intoto.jsonl`, `gh attestation download`). */
const JSON_LINES = /\.jsonl$/i

/**
 * What the format reads of each envelope whose Statement is its own, located at the envelope's `payload` (the
 * Statement's lines are those of its decoded text, not of the file); a problem says where in that text it is.
 */
function fromEnvelopes(
  file: string,
  envelopes: readonly EnvelopeStatement[],
  ours: (statement: string) => boolean,
  discover: (file: string, text: string) => DiscoverOutput,
): DiscoverOutput {
  const out: Required<DiscoverOutput> = {components: [], errors: [], skipped: []}
  for (const {statement, line, column} of envelopes) {
    if (!ours(statement)) continue
    const read = discover(file, statement)
    for (const component of read.components) {
      component.locations = component.locations.map((at) => (at.file === file ? {file, line, column} : at))
      out.components.push(component)
    }
    for (const error of read.errors ?? []) {
      const inside =
        error.file === file && error.line !== undefined ? ` (line ${error.line} of the decoded Statement)` : ''
      out.errors.push(error.file === file ? {...error, line, column, message: `${error.message}${inside}`} : error)
    }
    for (const skip of read.skipped ?? []) out.skipped.push(skip.file === file ? {...skip, line} : skip)
  }
  return out
}

/** Nothing but a byte-order mark and white space. */
const BLANK = /^\uFEFF?[ \t\r\n]*$/

/** The text (after a byte-order mark and white space) opens a JSON object. */
function opensObject(head: string): boolean {
  return /^\uFEFF?[ \t\r\n]*\{/.test(head)
}

/** The marker key of every JSON SBOM format: a whole file is read once for all of them. */
const MARKERS = new Set<string>()

/** The keys read of a whole file, kept for the other formats that sniff it (each file is sniffed once). */
const wholeRead = new WeakMap<SniffFile, {asked: number; keys: TopLevelKeys}>()

function wholeKeys(file: SniffFile): TopLevelKeys {
  const known = wholeRead.get(file)
  if (known !== undefined && known.asked === MARKERS.size) return known.keys
  const keys = topLevelKeys(file.chunks(), MARKERS)
  wholeRead.set(file, {asked: MARKERS.size, keys})
  return keys
}

/**
 * Whether a longer file whose head and tail do not decide is read whole. Signs that it may be a BOM:
 * - a key written with escapes: an ASCII letter or `@` as `\u00XX` (JSON writers escape no letters, so ordinary
 *   files, Go's `\u003c` and `\u0026` included, do not pay for it);
 * - a key only BOMs have, in the head or the tail (`"bom-ref"`, `"SPDXID"`...): the marker may sit anywhere between;
 * - the file's name: the names CycloneDX and SPDX recommend and generators write (`bom.json`, `sbom.json`,
 *   `*.cdx.json`, `*.spdx.json`, `sbom-*.json`).
 */
export function wholeWorthReading(name: string, head: string, tail: string): boolean {
  return (
    sbomName(name) ||
    ESCAPED_LETTER.test(head) ||
    ESCAPED_LETTER.test(tail) ||
    SBOM_KEYS.some((key) => head.includes(key) || tail.includes(key))
  )
}

const ESCAPED_LETTER = /\\u00[4-7][0-9a-f]/i

/**
 * Keys of CycloneDX components and dependencies (`bom-ref` is optional, a package URL nearly always there), SPDX 2
 * packages and relationships, SPDX 3 elements.
 */
const SBOM_KEYS = ['"bom-ref"', '"purl"', '"dependsOn"', '"serialNumber"', '"SPDXID"', '"spdxElementId"', '"spdxId"']

const SBOM_WORDS = new Set(['bom', 'sbom', 'cdx', 'cyclonedx', 'spdx', 'spdx3'])

/** A file name (less `.json`) with a word of SBOM_WORDS, between `.`, `-` or `_`. */
export function sbomName(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase()
  const stem = base.endsWith('.json') ? base.slice(0, -'.json'.length) : base
  return stem.split(/[._-]/).some((word) => SBOM_WORDS.has(word))
}

/** How many of the key's last occurrences in a tail are tried: a hostile tail full of them stays linear. */
const TAIL_TRIES = 4

/**
 * Where the last part of a JSON document (`tail`) holds `key` as a key of the root object (its opening quote), -1
 * when it does not. Seen from the key,
 * the rest of the text closes exactly one object, at its very end; a key nested deeper closes more than one, and
 * text inside a string cannot hold an unescaped quote. Strings are skipped with their escapes; nothing backtracks.
 */
function topLevelKeyInTail(tail: string, key: string): number {
  const quoted = `"${key}"`
  let from = tail.length
  for (let tries = 0; tries < TAIL_TRIES; tries++) {
    const at = tail.lastIndexOf(quoted, from)
    if (at < 0) return -1
    if (!escaped(tail, at) && /^[ \t\r\n]*:/.test(tail.slice(at + quoted.length, at + quoted.length + 64))) {
      if (closesRootAtEnd(tail, at)) return at
    }
    from = at - 1
    if (from < 0) return -1
  }
  return -1
}

function escaped(text: string, quote: number): boolean {
  let backslashes = 0
  for (let i = quote - 1; i >= 0 && text[i] === '\\'; i--) backslashes++
  return backslashes % 2 === 1
}

function closesRootAtEnd(text: string, from: number): boolean {
  let depth = 1
  let inString = false
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      depth--
      if (depth === 0) return /^[ \t\r\n]*$/.test(text.slice(i + 1))
    }
  }
  return false
}

export interface SbomJson {
  /** The SBOM: the document's root, or the `predicate` of the in-toto Statement that is the root. */
  root: JsonObject
  document: JsonDocument
  /** Problems found while reading (forbidden and duplicate keys), reported beside the components. */
  errors: ScanError[]
  /** Where a top-level key of the SBOM is written (line 1 when absent; in a Statement, the predicate's place). */
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

/**
 * The document, or the output that says why it cannot be read (syntax, a root that is not an object). An in-toto
 * Statement (./in-toto.ts) is read with `skip` and `consumeItem` seeing the paths inside its `predicate`, which is
 * the SBOM returned; it must be of `predicate`'s type.
 */
export function readSbomJson(
  file: string,
  text: string,
  skip: (path: readonly string[]) => boolean,
  options: Pick<ReadJsonOptions, 'consumeItem' | 'restart'> & {predicate?: PredicateType} = {},
): {ok: true; sbom: SbomJson} | {ok: false; output: DiscoverOutput} {
  const head = text.slice(0, SNIFF_BYTES)
  const statement = statementPredicateType(head) !== undefined
  const path = statement ? sbomPath(head) : GITHUB_EXPORT.test(head) ? ['sbom'] : []
  const {predicate: predicateType, ...callbacks} = options
  const read = readLockfileJson(file, text, {
    ...callbacks,
    ...(path.length > 0 ? insidePredicate(path, {skip, consumeItem: options.consumeItem}) : {skip}),
  })
  if (!read.ok) return {ok: false, output: {components: [], errors: read.errors}}
  const {document, errors} = read
  const topLevelAt = (key: string): Position => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  const refusal = (code: ErrorCode, message: string, {line, column}: Position): DiscoverOutput => ({
    components: [],
    errors: [...errors, lockfileError(file, code, message, line, column)],
  })
  let root = read.root
  let at = topLevelAt
  if (statement) {
    const problem = predicateType
      ? statementProblem(root, predicateType.test, predicateType.name)
      : 'an in-toto Statement: this format reads no SBOM in one'
    const sbom = problem === undefined ? sbomAt(root, path) : undefined
    if (sbom === undefined) {
      const message = problem ?? "cosign's 'predicate.Data' must be an object (the SBOM)"
      return {ok: false, output: refusal('invalid-sbom', message, topLevelAt('predicateType'))}
    }
    const predicate = sbom
    root = predicate
    at = (key) => predicateKeyAt(predicate, key, document.positionOf)
  } else if (path.length > 0) {
    const exported = sbomAt(root, path)
    if (exported === undefined)
      return {
        ok: false,
        output: refusal('invalid-sbom', "GitHub's 'sbom' must be an object (the SPDX document)", topLevelAt('sbom')),
      }
    root = exported
    at = (key) => predicateKeyAt(exported, key, document.positionOf)
  }
  return {
    ok: true,
    sbom: {
      root,
      document,
      errors,
      at,
      refuse: (code, message, key) => refusal(code, message, at(key)),
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
