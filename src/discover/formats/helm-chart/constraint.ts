/**
 * A Chart.yaml dependency's `version` as Helm reads it. Helm takes every such version as a constraint of
 * Masterminds/semver v3 (helm's internal/resolver/resolver.go: `constraint, err := semver.NewConstraint(d.Version)`,
 * "dependency %q has an invalid version/constraint format" when it does not parse) and locks the newest chart version
 * of the repository's index that meets it (https://helm.sh/docs/helm/helm_dependency/: "a semantic version or version
 * range"). One version only when the constraint is a single `MAJOR.MINOR.PATCH[-pre][+build]` (`v` and `=`
 * allowed): Masterminds' `constraintTildeOrEqual` checks equality only when no part is missing or a wildcard
 * (`1.2` and `1.2.x` are `~1.2`, `*` is any). Hand-written: the constraint grammar below is Masterminds' own
 * (constraints.go `cvRegex`, `validConstraintRegex`, `rewriteRange`), which no npm semver library reads the same way
 * (npm's `1.2` is `1.2.x` too, but its `,` and `=>` are not Masterminds').
 */

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

/** What a Chart.yaml dependency's written `version` is. */
export function chartVersion(written: string): ChartVersion {
  if (written.length > MAX_LENGTH) return {kind: 'invalid', written}
  const exact = EXACT.exec(written)
  if (exact) return {kind: 'exact', version: exact[1]}
  const alternatives = written.replace(HYPHEN, '>= $1, <= $2').split('||')
  return alternatives.every((alternative) => AND.test(alternative))
    ? {kind: 'range', range: written.trim()}
    : {kind: 'invalid', written}
}
