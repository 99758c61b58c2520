/**
 * A chart version as Helm reads it: a Chart.yaml dependency's `version`, and the version a helmfile release, a Flux
 * HelmRelease or HelmChart and an Argo CD Application give `helm` (`--version` takes "a specific tag (e.g. 1.1.1) or
 * ... a valid range (e.g. ^2.0.0)", https://helm.sh/docs/helm/helm_install/; Flux's `version` is "a SemVer
 * expression", Argo CD's `targetRevision` a version or a range). Helm takes every such version as a constraint of
 * Masterminds/semver v3 (helm's internal/resolver/resolver.go: `constraint, err := semver.NewConstraint(d.Version)`,
 * "dependency %q has an invalid version/constraint format" when it does not parse) and locks the newest chart version
 * of the repository's index that meets it (https://helm.sh/docs/helm/helm_dependency/: "a semantic version or version
 * range"). One version only when the constraint is a single `MAJOR.MINOR.PATCH[-pre][+build]` (`v` and `=`
 * allowed): Masterminds' `constraintTildeOrEqual` checks equality only when no part is missing or a wildcard
 * (`1.2` and `1.2.x` are `~1.2`, `*` is any). Hand-written: the constraint grammar below is Masterminds' own
 * (constraints.go `cvRegex`, `validConstraintRegex`, `rewriteRange`), which no npm semver library reads the same way
 * (npm's `1.2` is `1.2.x` too, but its `,` and `=>` are not Masterminds').
 */
import {elide} from '../core/elide.js'
import type {Skipped} from '../core/model.js'

/** A version part: digits, or the wildcards `x`, `X`, `*` (Masterminds writes `[0-9|x|X|\*]+`). */
const PART = '[0-9xX*]+'
const IDS = String.raw`[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*`
const CV = String.raw`v?${PART}(?:\.${PART})?(?:\.${PART})?(?:-${IDS})?(?:\+${IDS})?`
const OPS = String.raw`(?:!=|>=|=>|<=|=<|~>|>|<|~|\^|=)?`
/** One `||` alternative: constraints joined by spaces or commas (Masterminds' `validConstraintRegex`). */
const AND = new RegExp(String.raw`^\s*${OPS}\s*${CV}\s*(?:(?:\s+|,\s*)${OPS}\s*${CV}\s*)*$`)
/** `1.2 - 1.4.5` (Masterminds' `rewriteRange` turns it into `>= 1.2, <= 1.4.5`). */
const HYPHEN = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g')
const EXACT = new RegExp(String.raw`^\s*=?\s*(v?\d+\.\d+\.\d+(?:-${IDS})?(?:\+${IDS})?)\s*$`)

/** Longer than any real constraint: not matched (the patterns stay linear on what is read). */
const MAX_LENGTH = 256

export type ChartVersion =
  | {kind: 'exact'; version: string}
  | {kind: 'range'; range: string}
  /** Not a constraint Helm reads (`latest`, `1.2.3.4`): `helm dependency update` refuses it. */
  | {kind: 'invalid'; written: string}

/** What a written chart `version` is. */
export function chartVersion(written: string): ChartVersion {
  if (written.length > MAX_LENGTH) return {kind: 'invalid', written}
  const exact = EXACT.exec(written)
  if (exact) return {kind: 'exact', version: exact[1]}
  const alternatives = written.replace(HYPHEN, '>= $1, <= $2').split('||')
  return alternatives.every((alternative) => AND.test(alternative))
    ? {kind: 'range', range: written.trim()}
    : {kind: 'invalid', written}
}

/** A chart's version fields from a written version: `version` when it is one, `range` when Helm resolves a range. */
export interface WrittenChartVersion {
  fields: {version?: string; range?: string}
  /** Set when the text is no constraint Helm reads: the chart is listed without a version and this is reported. */
  invalid?: string
}

/**
 * `written` as the fields of a chart (./output.ts ChartDependency): one version, a range (no version: the purl then
 * names none, and `ref` keeps the range), or neither for text Helm does not read (kept as the range, and reported by
 * the caller with `invalidVersionMessage`). No text, no fields.
 */
export function writtenChartVersion(written: string | undefined): WrittenChartVersion {
  const text = written?.trim()
  if (!text) return {fields: {}}
  const version = chartVersion(text)
  if (version.kind === 'exact') return {fields: {version: version.version}}
  if (version.kind === 'range') return {fields: {range: version.range}}
  return {fields: {range: text}, invalid: text}
}

/** The skip message for a version Helm does not read. */
export function invalidVersionMessage(what: string, written: string): string {
  return `${what}: version "${elide(written, 100)}" is neither a version nor a range Helm reads (a semver constraint); listed without a version`
}

/**
 * `writtenChartVersion(written).fields`, and text Helm does not read reported in `skipped` (`unresolved-version`, at
 * `line` of `file`, naming `what`): for the formats that hand a version to helm (helmfile, kustomize's `helmCharts`,
 * Argo CD and Flux objects).
 */
export function chartVersionFields(
  written: string | undefined,
  what: string,
  at: {file: string; line?: number},
  skipped: Skipped[],
): WrittenChartVersion['fields'] {
  const version = writtenChartVersion(written)
  if (version.invalid !== undefined)
    skipped.push({
      file: at.file,
      ...(at.line !== undefined ? {line: at.line} : {}),
      reason: 'unresolved-version',
      message: invalidVersionMessage(what, version.invalid),
    })
  return version.fields
}
