/** What both readers share: where they put what they find, and how a value's requirements become components. */
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import type {LineIndex} from '../../../core/line-index.js'
import {parseRequirement} from '../../lockfile-support/pep508.js'
import {directReference} from '../../lockfile-support/pypi-index.js'
import {lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {type RequirementText, requirementTexts, type Sourced} from './requirements.js'

/** What a reader found, and where: components, skipped values, errors. */
export interface Out {
  file: string
  lines: LineIndex
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

/**
 * Environment marker variables (PEP 508, and the older dotted names): a requirement named so is a marker that lost
 * its requirement, most often to setuptools splitting a one-line setup.cfg value at `;`.
 */
const MARKER_VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'python_implementation',
  'extra',
  'os.name',
  'sys.platform',
  'platform.version',
  'platform.machine',
  'platform.python_implementation',
])

/** A marker variable compared with a quoted value (`python_version<"3.8"`): a requirement compares no quoted value. */
const MARKER = /^([A-Za-z_.]+) ?(?:[<>=!~]=?=?|in |not in ) ?['"]/

/** The requirements of one value (`where` names it in messages), each a component of `scope`. */
export function readRequirements(
  out: Out,
  items: readonly Sourced[],
  scope: Scope,
  where: string,
  options: {semicolonSplit?: boolean} = {},
): void {
  for (const requirement of requirementTexts(items)) readRequirement(out, requirement, scope, where, options)
}

function readRequirement(
  out: Out,
  {text, offset}: RequirementText,
  scope: Scope,
  where: string,
  options: {semicolonSplit?: boolean},
): void {
  const {line, column} = out.lines.position(offset)
  // Runs of whitespace as one space: PEP 508 reads them alike, and pep508.ts's patterns stay linear on any input.
  const compact = text.replace(/\s+/g, ' ')
  const marker = MARKER.exec(compact)
  if (marker && MARKER_VARIABLES.has(marker[1])) {
    const hint = options.semicolonSplit
      ? ": setuptools splits a one-line value at ';', so a requirement with a marker goes on a line of its own"
      : ''
    out.errors.push(
      lockfileError(
        out.file,
        'invalid-entry',
        `${where}: '${elide(text, 200)}' is an environment marker, not a requirement${hint}`,
        line,
        column,
      ),
    )
    return
  }
  const parsed = parseRequirement(compact)
  if (!parsed) {
    out.errors.push(
      lockfileError(
        out.file,
        'invalid-entry',
        `${where}: '${elide(text, 200)}' is not a PEP 508 requirement`,
        line,
        column,
      ),
    )
    return
  }
  const name = normalizePypiName(parsed.name)
  if (parsed.kind === 'url')
    out.skipped.push(
      unresolvedVersion(out.file, line, `${name}: installed from ${elide(parsed.url, 200)}, not a registry version`),
    )
  out.components.push(
    manifestComponent(out.file, {
      ecosystem: 'pypi',
      name,
      version: parsed.kind === 'named' ? parsed.pinned : undefined,
      ref: text,
      line,
      column,
      scope,
      direct: true,
      // `name @ url`: where it comes from (git as vcs_url, a URL as download_url): PyPI's package of that name is not it.
      ...(parsed.kind === 'url' ? directReference(parsed.url) : {}),
    }),
  )
}

/** A value stewards does not read (a `file:` directive, a value setup.py computes), at the line that gives it. */
export function notRead(out: Out, offset: number, message: string): void {
  out.skipped.push({file: out.file, line: out.lines.position(offset).line, reason: 'unsupported', message})
}
