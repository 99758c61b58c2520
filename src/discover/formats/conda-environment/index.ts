/**
 * conda's environment files, `environment.yml` / `environment.yaml`
 * (https://docs.conda.io/projects/conda/en/stable/user-guide/tasks/manage-environments.html#create-env-file-manually).
 * - `dependencies:` strings are conda packages (`numpy=1.26`, `conda-forge::pandas`). stewards has no conda
 *   ecosystem (no purl resolver for conda channels), so they are not listed: one `unsupported` Skipped per list, at
 *   its `dependencies:` line, counts them and names the first ten.
 * - The `- pip:` item's list: conda writes it into a requirements file, one entry a line, and runs `pip install -r` on
 *   it from the environment file's folder. Read as that file by the pip-requirements parser
 *   (../../lockfile-support/pip-lines.ts; ../../lockfile-support/pep508.ts for the requirement): a `pypi` package, `direct: true`, an `==` pin its
 *   version, a range kept in `ref`. pip's index list (`-i`/`--index-url`, `--extra-index-url`, in order; one list
 *   per run: ../../lockfile-support/pip-source.ts) gives purl `repository_url` when PyPI is not among its indexes,
 *   without credentials. `name @ url`, `-e`, paths and VCS URLs say where the package comes from: `local`,
 *   `vcs_url` or `download_url`, without pip's `#egg=`/`#subdirectory=`; without a name they are skipped. `-r` includes
 *   are not followed (the pip-requirements format reads `requirements*.txt` and the like itself; others are reported), nor `-c`.
 *   A value pip fills in from a `${NAME}` environment variable is reported, never taken as written.
 * - `channels:`, `name:`, `prefix:`, `variables:` are not packages; not read.
 * Read with the project's YAML reader (positions for every node); the pip lines by the shared parser:
 * pip's own line format, which no JS library reads.
 */
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {elide} from '../../../core/elide.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {redactSecrets, urlWithoutCredentials} from '../../../core/redact.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {directReference, type PackageWhere} from '../../lockfile-support/pypi-index.js'
import {unresolvedVersion} from '../../lockfile-support/problems.js'
import {emptyOutput, errorAt, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, text, type YamlNode, type YamlSeq} from '../../yaml-tree.js'
import {type RequirementLine, parseRequirements} from '../../lockfile-support/pip-lines.js'
import {applyIndexOption, indexesQualifiers, PYPI_INDEX, pipIndexes} from '../../lockfile-support/pip-source.js'
import {isRequirementsName, REQUIREMENTS_NAMES} from '../../lockfile-support/requirements-names.js'
import {NO_CONDA_ECOSYSTEM, namedFirst} from '../../lockfile-support/conda.js'

export const discoverer: Discoverer = {
  id: 'conda-environment',
  description: "conda environment.yml: the pip: list's PyPI requirements (conda packages reported, not read)",
  matches: (file) => /^environment\.ya?ml$/.test(posix.basename(file)),
  discover,
}

/** A pip entry longer than this is no requirement (and bounds the work of the line's regular expressions). */
const MAX_ENTRY = 4096

/** Where a package installed from a URL or a path comes from: this tree (`local`), a repository, an archive. */
function whereFrom(entry: Extract<RequirementLine, {kind: 'url'}>): PackageWhere {
  return entry.local ? {local: true} : directReference(urlWithoutCredentials(entry.url))
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  appendAll(out.errors, yaml.errors)
  let lines: string[] | undefined
  for (const doc of yaml.documents) {
    if (doc.root === null || (isScalar(doc.root) && doc.root.kind === 'null')) continue
    if (!isMap(doc.root)) {
      out.errors.push(
        errorAt(input.file, doc.root, 'invalid-entry', `an environment file is a mapping, not ${describe(doc.root)}`),
      )
      continue
    }
    const dependencies = doc.root.entries.get('dependencies')
    if (isAbsent(dependencies)) continue
    if (!isSeq(dependencies)) {
      out.errors.push(shapeError(input.file, dependencies, 'dependencies', 'list'))
      continue
    }
    lines ??= input.text.split('\n')
    readDependencies(out, input.file, dependencies, keyLine(lines, dependencies.line, doc.line))
  }
  return out
}

/** The line of the `dependencies:` key: its list's first line, or the nearest line above that writes the key. */
function keyLine(lines: string[], from: number, top: number): number {
  for (let line = from; line >= Math.max(top, 1); line--)
    if (/^\s*["']?dependencies["']?\s*:/.test(lines[line - 1] ?? '')) return line
  return from
}

function readDependencies(out: Output, file: string, list: YamlSeq, line: number): void {
  const conda: string[] = []
  for (const item of list.items) {
    if (isScalar(item)) {
      const spec = text(item)
      if (spec === undefined || spec.trim() === '')
        out.errors.push(errorAt(file, item, 'invalid-entry', 'dependencies: an empty item is no package'))
      else conda.push(spec)
    } else if (isMap(item)) {
      for (const [key, value] of item.entries) {
        if (key === 'pip') readPip(out, file, value)
        else
          out.skipped.push({
            file,
            line: value.line,
            reason: 'unsupported',
            message: `dependencies: '${elide(key, 100)}:' is not pip:, the one installer besides conda that conda runs; not read`,
          })
      }
    } else {
      out.errors.push(errorAt(file, item, 'invalid-entry', 'dependencies: a list inside the list is no package'))
    }
  }
  if (conda.length === 0) return
  out.skipped.push({
    file,
    line,
    reason: 'unsupported',
    message: `${conda.length} conda package${conda.length === 1 ? '' : 's'} not read (${namedFirst(conda.map((spec) => elide(spec, 100)))}): ${NO_CONDA_ECOSYSTEM}; only the pip: list is read`,
  })
}

/**
 * The `pip:` list: conda writes its entries into a requirements file, one a line, and runs `pip install -U -r` on it
 * (conda/env/installers/pip.py), so they are read as that file by the pip-requirements parser
 * (../../lockfile-support/pip-lines.ts), each line located at its entry.
 */
function readPip(out: Output, file: string, list: YamlNode): void {
  if (isScalar(list) && list.kind === 'null') return
  if (!isSeq(list)) {
    out.errors.push(
      errorAt(file, list, 'invalid-entry', `dependencies: pip: must be a list of requirements, not ${describe(list)}`),
    )
    return
  }
  const nodes: YamlNode[] = []
  const written: string[] = []
  for (const node of list.items) {
    const entry = isScalar(node) ? text(node) : undefined
    if (entry === undefined || entry.length > MAX_ENTRY || /[\r\n]/.test(entry)) {
      const what = entry === undefined ? describe(node) : 'longer than a requirements line'
      out.errors.push(errorAt(file, node, 'invalid-entry', `dependencies: pip: an entry is ${what}, not a requirement`))
      continue
    }
    nodes.push(node)
    written.push(entry)
  }
  const entries = parseRequirements(written.join('\n'))
  // pip keeps one index list for the whole run, the options applied in order; conda hands it the list as one file.
  const indexes = pipIndexes()
  for (const entry of entries) {
    if (entry.kind === 'index' || entry.kind === 'extra-index') applyIndexOption(indexes, entry)
    // An index pip takes from the environment: where packages come from is open, as with PyPI among the indexes.
    else if (entry.kind === 'environment' && entry.index !== undefined)
      applyIndexOption(indexes, {kind: entry.index, url: PYPI_INDEX})
  }
  const qualifiers = indexesQualifiers(indexes)
  for (const entry of entries) pipComponent(out, file, nodes[entry.line - 1], entry, qualifiers)
}

function pipComponent(
  out: Output,
  file: string,
  node: YamlNode,
  entry: RequirementLine,
  qualifiers: Record<string, string> | undefined,
): void {
  const at = {line: node.line, column: node.column}
  if (entry.kind === 'environment')
    out.skipped.push({
      file,
      line: at.line,
      reason: 'unsupported',
      message: `dependencies: pip: ${entry.what} '${elide(redactSecrets(urlWithoutCredentials(entry.text)), 200)}' holds an environment variable (\${…}) that pip fills in when it reads the list: ${entry.listed ? 'listed without a version' : 'not read'}`,
    })
  else if (entry.kind === 'invalid')
    out.errors.push(
      errorAt(
        file,
        node,
        'invalid-requirement',
        `dependencies: pip: ${entry.why ?? 'not a requirement, an option or an include'}`,
      ),
    )
  else if (entry.kind === 'include') {
    // The pip-requirements format reads the files it would find itself; a constraints file only pins others.
    if (!entry.constraint && isRequirementsName(entry.path)) return
    const what = entry.constraint ? 'constraints file' : 'included file'
    out.skipped.push({
      file,
      line: at.line,
      reason: 'unsupported',
      message: `dependencies: pip: ${what} '${elide(urlWithoutCredentials(entry.path), 200)}' not read${entry.constraint ? ' (its pins are not applied)' : `: the pip-requirements format reads ${REQUIREMENTS_NAMES}`}`,
    })
  } else if (entry.kind === 'url') {
    const shown = elide(urlWithoutCredentials(entry.url), 200)
    if (entry.name === undefined) {
      const what = entry.vcs ? 'VCS requirement' : entry.local ? 'local path requirement' : 'URL requirement'
      out.skipped.push(
        unresolvedVersion(
          file,
          at.line,
          `dependencies: pip: ${what} '${shown}' names no package and has no registry version`,
        ),
      )
      return
    }
    const where = whereFrom(entry)
    out.components.push(
      manifestComponent(file, {
        ecosystem: 'pypi',
        name: normalizePypiName(entry.name),
        ref: redactSecrets(entry.text),
        ...at,
        direct: true,
        ...(where.local ? {local: true} : {qualifiers: where.qualifiers}),
      }),
    )
  } else if (entry.kind === 'named') {
    out.components.push(
      manifestComponent(file, {
        ecosystem: 'pypi',
        name: normalizePypiName(entry.name),
        version: entry.pinned,
        ref: entry.text,
        ...at,
        direct: true,
        qualifiers,
      }),
    )
  }
}
