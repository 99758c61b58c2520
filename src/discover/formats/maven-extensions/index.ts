/**
 * Maven core extensions, `.mvn/extensions.xml` (https://maven.apache.org/ref/current/maven-embedder/core-extensions.html):
 * artifacts Maven loads into its own core before it reads any POM (build caches, Develocity, credential providers,
 * version-from-git extensions). They run with the build's rights, so they are listed as a POM's
 * `build/extensions` are (./maven-pom): `maven` packages, `dev`, direct. Maven requires groupId, artifactId and
 * version for each; a version that is a range, holds a property (`${...}`, which Maven 4 fills in when it starts) or
 * is missing is listed without a version and reported (`unresolved-version`).
 */
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {exactMavenVersion, isMavenMetaVersion} from '../../lockfile-support/maven-version.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {walkXml} from '../../xml-walk.js'

export const discoverer: Discoverer = {
  id: 'maven-extensions',
  description: 'Maven .mvn/extensions.xml: core extensions',
  matches(file) {
    return /(^|\/)\.mvn\/extensions\.xml$/.test(file)
  },
  identify: (head) => /^<extensions[\s>]/.test(afterProlog(head)) && head.includes('<artifactId>'),
  discover: ({file, text}) => discoverExtensions(file, text),
}

/** `text` after its XML declaration, comments and spaces: where the root element starts. By hand, no backtracking. */
function afterProlog(text: string): string {
  let at = 0
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++
    const close = text.startsWith('<?', at) ? '?>' : text.startsWith('<!--', at) ? '-->' : undefined
    if (close === undefined) return text.slice(at)
    const end = text.indexOf(close, at)
    if (end === -1) return ''
    at = end + close.length
  }
}

interface Extension {
  line: number
  column: number
  groupId?: string
  artifactId?: string
  version?: string
}

const FIELDS = new Set(['groupId', 'artifactId', 'version'])
/** The file is two levels deep; more is no core extensions file. */
const MAX_DEPTH = 16

export function discoverExtensions(file: string, text: string): DiscoverOutput {
  const extensions: Extension[] = []
  let root: string | undefined
  let current: Extension | undefined
  const read = walkXml(
    text,
    {
      open({where, line, column}) {
        root ??= where
        if (where === 'extensions/extension') current = {line, column}
      },
      close({where, name, parent, text: value}) {
        if (current && parent === 'extensions/extension' && FIELDS.has(name))
          current[name as 'groupId' | 'artifactId' | 'version'] = value
        else if (current && where === 'extensions/extension') {
          extensions.push(current)
          current = undefined
        }
      },
    },
    {maxDepth: MAX_DEPTH, doctype: 'a DOCTYPE is not allowed in .mvn/extensions.xml'},
  )
  if (!read.ok) return lockfileFailure(file, 'invalid-xml', read.message, read.line, read.column)
  if (root !== 'extensions')
    return lockfileFailure(
      file,
      'invalid-lockfile',
      `the root element is <${elide(root ?? '', 100)}>, not <extensions>: not a Maven core extensions file`,
      1,
    )
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = []
  for (const extension of extensions) {
    const {groupId, artifactId} = extension
    if (!groupId || !artifactId || groupId.includes('${') || artifactId.includes('${')) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          'an extension without a groupId and an artifactId written out (Maven refuses it)',
          extension.line,
          extension.column,
        ),
      )
      continue
    }
    const name = `${groupId}:${artifactId}`
    const written = extension.version || undefined
    // RELEASE and LATEST are meta-versions resolved from the repository's metadata; Maven 4 refuses them in a
    // project's .mvn/extensions.xml (apache/maven BaseParser, allowMetaVersions false), Maven 3 resolves them.
    const meta = isMavenMetaVersion(written)
    const version = meta ? undefined : exactMavenVersion(written)
    if (version === undefined)
      skipped.push(
        unresolvedVersion(
          file,
          extension.line,
          meta
            ? `${elide(name, 200)}: core extension at ${written}, a meta-version resolved from the repository's metadata when Maven starts (Maven 4 refuses it here); listed without a version`
            : written === undefined
              ? `${elide(name, 200)}: core extension without a version (Maven refuses it); listed without a version`
              : `${elide(name, 200)}: core extension at "${elide(written, 100)}", not one version (a range or a property Maven fills in when it starts); listed without a version`,
        ),
      )
    components.push(
      manifestComponent(file, {
        ecosystem: 'maven',
        name,
        version,
        ref: written ? `${name}:${written}` : name,
        line: extension.line,
        column: extension.column,
        scope: 'dev',
        direct: true,
      }),
    )
  }
  return {components, skipped, errors}
}
