/**
 * Maven `pom.xml`: the declared dependencies (https://maven.apache.org/pom.html#Dependencies), with `${...}`
 * properties interpolated from the same file and from parents found in the tree
 * (https://maven.apache.org/guides/introduction/introduction-to-the-pom.html#project-interpolation-and-variables).
 * Versions managed by `dependencyManagement` are applied from the file and its in-tree parents; a parent or an
 * imported BOM that is not in the tree is reported (`missing-resource`), listed as a component itself, and the
 * versions it may manage stay unknown: those dependencies are listed without a version, never guessed.
 */
import {elide} from '../../../core/elide.js'
import {posix} from 'node:path'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {type Pom, type PomDependency, readPom} from './pom.js'

export const discoverer: Discoverer = {
  id: 'maven-pom',
  description: 'Maven pom.xml: declared dependencies, properties and in-tree parents interpolated',
  matches(file) {
    return /(^|\/)pom\.xml$/.test(file) && !/(^|\/)target\//.test(file)
  },
  identify: (head) => /<project[\s>]/.test(head) && /<modelVersion>4\.0\.0<\/modelVersion>/.test(head),
  discover({file, text}, context) {
    return discoverPom(file, text, context)
  },
}

/** Parents are followed this far up the tree at most. */
const MAX_PARENTS = 8
const MAX_INTERPOLATION = 10
const ID = /^[A-Za-z0-9_.-]{1,200}$/

interface Lineage {
  properties: Map<string, string>
  /** `groupId:artifactId` → version, nearest POM first. */
  managed: Map<string, string>
  /** Parents and BOMs not in the tree: they may manage versions or define properties we cannot see. */
  unseen: string[]
}

export function discoverPom(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readPom(text)
  if (!read.ok) return lockfileFailure(file, 'invalid-xml', read.message, read.line, read.column)
  const {pom} = read
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = []
  const lineage = collectLineage(file, pom, context, components, skipped)
  const interpolate = (value: string | undefined) =>
    value === undefined ? undefined : expand(value, lineage.properties)
  for (const managed of pom.managed) {
    if (managed.scope === 'import' && managed.type === 'pom') {
      const bom = coordinates(managed, interpolate)
      if (!bom) continue
      lineage.unseen.push(`BOM ${bom.name}:${bom.version ?? '?'}`)
      skipped.push({
        file,
        line: managed.line,
        reason: 'missing-resource',
        message: `imported BOM ${bom.name}:${bom.version ?? '?'} is not read: the versions it manages are unknown`,
      })
      components.push(component(file, managed, bom.name, bom.version, 'prod'))
    }
  }
  for (const dependency of pom.dependencies) {
    const found = coordinates(dependency, interpolate)
    if (!found) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          'dependency without a valid groupId and artifactId',
          dependency.line,
          dependency.column,
        ),
      )
      continue
    }
    const written = found.version ?? lineage.managed.get(found.name)
    let version = written
    if (version !== undefined && /\$\{/.test(version)) {
      skipped.push({
        file,
        line: dependency.line,
        reason: 'unresolved-version',
        message: allDefined(version, lineage.properties)
          ? `${found.name}: version ${elide(version, 200)} expands past ${MAX_INTERPOLATION} rounds of properties or 4096 characters; not read`
          : `${found.name}: version ${version} names a property that is not defined here${unseenNote(lineage)}`,
      })
      version = undefined
    } else if (version === undefined && lineage.unseen.length > 0) {
      skipped.push({
        file,
        line: dependency.line,
        reason: 'unresolved-version',
        message: `${found.name}: no version here${unseenNote(lineage)}`,
      })
    }
    const scope = interpolate(dependency.scope)
    const optional = interpolate(dependency.optional) === 'true'
    components.push(
      component(file, dependency, found.name, exactOrUndefined(version), scopeOf(scope, optional), written),
    )
  }
  return {components, skipped, errors}
}

/** Properties and managed versions of the POM and its in-tree parents; parents not in the tree are reported. */
function collectLineage(
  file: string,
  pom: Pom,
  context: DiscoverContext,
  components: Component[],
  skipped: Skipped[],
): Lineage {
  const chain: Pom[] = [pom]
  const unseen: string[] = []
  let current = pom
  let currentFile = file
  for (let depth = 0; depth < MAX_PARENTS && current.parent; depth++) {
    const parent = current.parent
    const relative = parent.relativePath ?? '../pom.xml'
    const name = `${parent.groupId ?? '?'}:${parent.artifactId ?? '?'}:${parent.version ?? '?'}`
    let found: Pom | undefined
    let parentFile = ''
    if (relative !== '') {
      parentFile = posix.normalize(
        posix.join(posix.dirname(currentFile), relative.endsWith('.xml') ? relative : `${relative}/pom.xml`),
      )
      const text = context.readText(parentFile)
      const read = text === null ? undefined : readPom(text)
      if (
        read?.ok &&
        read.pom.artifactId === parent.artifactId &&
        (read.pom.groupId ?? read.pom.parent?.groupId) === parent.groupId
      )
        found = read.pom
    }
    if (!found) {
      unseen.push(`parent ${name}`)
      if (current === pom) {
        skipped.push({
          file,
          line: parent.line,
          reason: 'missing-resource',
          message: `parent ${name} is not in the tree${relative ? ` (relativePath ${relative})` : ''}: the properties and versions it defines are unknown`,
        })
        if (parent.groupId && parent.artifactId && ID.test(parent.groupId) && ID.test(parent.artifactId))
          components.push(
            component(
              file,
              {line: parent.line, column: parent.column},
              `${parent.groupId}:${parent.artifactId}`,
              exactOrUndefined(parent.version),
              'prod',
            ),
          )
      }
      break
    }
    chain.push(found)
    current = found
    currentFile = parentFile
  }
  // Nearest definition wins: walk from the farthest parent down, each POM overriding what it inherits.
  const properties = new Map<string, string>()
  for (const member of [...chain].reverse()) for (const [key, value] of member.properties) properties.set(key, value)
  const version = pom.version ?? pom.parent?.version
  const builtins: Record<string, string | undefined> = {
    'project.version': version,
    'pom.version': version,
    version,
    'project.groupId': pom.groupId ?? pom.parent?.groupId,
    'pom.groupId': pom.groupId ?? pom.parent?.groupId,
    'project.artifactId': pom.artifactId,
    'project.parent.version': pom.parent?.version,
    'parent.version': pom.parent?.version,
    'project.parent.groupId': pom.parent?.groupId,
  }
  for (const [key, value] of Object.entries(builtins))
    if (value !== undefined && !properties.has(key)) properties.set(key, value)
  const managed = new Map<string, string>()
  for (const member of chain)
    for (const dependency of member.managed) {
      const found = coordinates(dependency, (value) => (value === undefined ? undefined : expand(value, properties)))
      if (found?.version && !managed.has(found.name)) managed.set(found.name, found.version)
    }
  return {properties, managed, unseen}
}

function coordinates(
  dependency: PomDependency,
  interpolate: (value: string | undefined) => string | undefined,
): {name: string; version?: string} | undefined {
  const groupId = interpolate(dependency.groupId)
  const artifactId = interpolate(dependency.artifactId)
  if (!groupId || !artifactId || !ID.test(groupId) || !ID.test(artifactId)) return undefined
  const version = interpolate(dependency.version)
  return {name: `${groupId}:${artifactId}`, ...(version ? {version} : {})}
}

/** A property reference, `${name}` (global: `replace` and `matchAll` start each search afresh). */
const PROPERTY = /\$\{([^}]{1,200})\}/g

/** `${name}` replaced from the properties, repeatedly (properties may use properties); unknown ones stay. */
function expand(value: string, properties: Map<string, string>): string {
  let current = value
  for (let i = 0; i < MAX_INTERPOLATION && current.includes('${'); i++) {
    const next = current.replace(PROPERTY, (whole, name: string) => properties.get(name) ?? whole)
    if (next === current) break
    current = next.length > 4096 ? current : next
  }
  return current
}

/** Every `${name}` left in `value` names a defined property: what stopped its expansion was the limit. */
function allDefined(value: string, properties: Map<string, string>): boolean {
  for (const [, name] of value.matchAll(PROPERTY)) if (!properties.has(name)) return false
  return true
}

/** A version Maven would fetch as is: not a range (`[1.0,2.0)`), not a property left unresolved. */
function exactOrUndefined(version: string | undefined): string | undefined {
  return version && /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(version) ? version : undefined
}

function scopeOf(scope: string | undefined, optional: boolean): Scope {
  if (scope === 'test') return 'dev'
  return optional ? 'optional' : 'prod'
}

function unseenNote(lineage: Lineage): string {
  return lineage.unseen.length > 0 ? ` (it may come from ${lineage.unseen.join(', ')}, not in the tree)` : ''
}

function component(
  file: string,
  at: {line: number; column: number},
  name: string,
  version: string | undefined,
  scope: Scope,
  written = version,
): Component {
  return packageComponent(file, {
    ecosystem: 'maven',
    name,
    version,
    ref: written ? `${name}:${written}` : name,
    line: at.line,
    column: at.column,
    scope,
    direct: true,
  })
}
