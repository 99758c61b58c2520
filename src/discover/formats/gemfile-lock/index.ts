/**
 * Bundler's Gemfile.lock, parsed by hand: no JS library reads it. Layout from bundler's lockfile_parser.rb:
 * sections at column 0 (GEM, GIT, PATH, PLUGIN SOURCE, PLATFORMS, DEPENDENCIES, CHECKSUMS...), `  remote:` and
 * `  revision:` options, specs at 4 spaces as `name (version[-platform])`, their dependencies at 6.
 */
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {Component, ScanError} from '../../../core/model.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {splitLines} from '../../../core/line-index.js'
import {isForbiddenKey, lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE'])
/** bundler's NAME_VERSION: the version is everything up to the first `-`, the platform the rest. */
const SPEC = /^ {4}(?! )(\S+)(?: \(([^-)]*)(?:-([^)]*))?\))?$/
const DEPENDENCY = /^ {2}(?! )([^\s!(]+)/

interface Spec {
  name: string
  version: string
  platform?: string
  section: string
  /** The section's `remote:` lines: Bundler before 2.2 wrote every global source in one GEM section. */
  remotes: string[]
  revision?: string
  line: number
}

export const discoverer: Discoverer = {
  id: 'gemfile-lock',
  description: 'Ruby Gemfile.lock (GEM, GIT, PATH sections)',
  matches(file) {
    return /(^|\/)(Gemfile|gems\.rb)\.lock$/.test(file) || /(^|\/)gems\.locked$/.test(file)
  },
  identify: (head) => /^GEM\r?$/m.test(head) && /^ {2}specs:\r?$/m.test(head),
  discover({file, text}) {
    return discoverGemfileLock(file, text)
  },
}

function readSpecs(file: string, text: string, errors: ScanError[]): {specs: Spec[]; direct: Set<string>} {
  const specs: Spec[] = []
  const direct = new Set<string>()
  let section = ''
  let remotes: string[] = []
  let revision: string | undefined
  splitLines(text).forEach((source, index) => {
    const line = index + 1
    if (source.trim() === '') return
    if (!source.startsWith(' ')) {
      section = source.trim()
      remotes = []
      revision = undefined
      return
    }
    if (section === 'DEPENDENCIES') {
      const name = DEPENDENCY.exec(source)?.[1]
      if (name !== undefined) direct.add(name)
      return
    }
    if (!SOURCE_SECTIONS.has(section)) return
    const option = /^ {2}(remote|revision): (.+)$/.exec(source)
    if (option) {
      // One list per section, shared by its specs: a remote written after a spec is the section's all the same.
      if (option[1] === 'remote') remotes.push(option[2].trim())
      else revision = option[2].trim()
      return
    }
    if (!source.startsWith('    ') || source.startsWith('     ')) return
    const spec = SPEC.exec(source)
    if (spec === null || spec[2] === undefined) {
      errors.push(lockfileError(file, 'invalid-entry', "expected '    name (version)'", line, 5))
      return
    }
    specs.push({name: spec[1], version: spec[2], platform: spec[3], section, remotes, revision, line})
  })
  return {specs, direct}
}

function qualifiers(spec: Spec): Record<string, string> | undefined {
  const result: Record<string, string> = {}
  if (spec.platform !== undefined) result.platform = spec.platform
  const remote = spec.remotes.at(-1)
  if (spec.section === 'GIT' && remote !== undefined) result.vcs_url = gitVcsUrl(remote, spec.revision)
  else if (spec.section === 'GEM') {
    // A GEM section with several remotes does not say which served a gem: the last one not rubygems.org's, as the
    // gemfile format takes for several top-level sources, so that a private server's gem is never looked up by its
    // name on the public one.
    const registry = spec.remotes.findLast((candidate) => !isPublicRegistry('gem', candidate))
    if (registry !== undefined) result.repository_url = registry
  }
  return Object.keys(result).length > 0 ? result : undefined
}

export function discoverGemfileLock(file: string, text: string): DiscoverOutput {
  const errors: ScanError[] = []
  if (text.trim() !== '' && !/^(GEM|GIT|PATH|PLUGIN SOURCE|PLATFORMS|DEPENDENCIES)\s*$/m.test(text)) {
    return lockfileFailure(file, 'invalid-lockfile', 'no GEM, GIT, PATH or DEPENDENCIES section', 1)
  }
  const {specs, direct} = readSpecs(file, text, errors)
  const components: Component[] = []
  for (const spec of specs) {
    if (isForbiddenKey(spec.name)) {
      errors.push(lockfileError(file, 'forbidden-key', `forbidden gem name '${spec.name}' ignored`, spec.line, 5))
      continue
    }
    const ref = `${spec.name} (${spec.version}${spec.platform ? `-${spec.platform}` : ''})`
    components.push(
      packageComponent(file, {
        ecosystem: 'gem',
        name: spec.name,
        version: spec.version,
        ref,
        line: spec.line,
        column: 5,
        direct: direct.has(spec.name),
        local: spec.section === 'PATH',
        qualifiers: qualifiers(spec),
      }),
    )
  }
  return {components, errors}
}
