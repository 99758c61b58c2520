/**
 * CocoaPods `Podfile.lock` (written by `pod install`; sections and forms as CocoaPods' own
 * lib/cocoapods-core/lockfile.rb writes and reads them): `PODS` (`Name (version)`, or a one-key mapping of it to the
 * pod's dependencies; subspecs `Root/Sub (version)`), `DEPENDENCIES` (what the Podfile asks for: the direct pods),
 * `SPEC REPOS` (the spec repository each pod came from: `trunk`, the old Specs repository, or another),
 * `EXTERNAL SOURCES` (`:git:`, `:path:`, `:podspec:`, `:http:`, `:hg:`, `:svn:`) and `CHECKOUT OPTIONS` (what a
 * repository was checked out at). Read with the shared YAML reader (positions, alias bound, scalars as written).
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {isAbsent, at, isMap, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'podfile-lock',
  description: 'CocoaPods Podfile.lock',
  matches(file) {
    return /(^|\/)Podfile\.lock$/.test(file)
  },
  identify: (head) => /^PODS:\r?\n/.test(head),
  discover({file, text}) {
    return discoverPodfileLock(file, text)
  },
}

/**
 * `Name (version)` as Specification.name_and_version_from_string reads it, without the spaces it tolerates in names
 * (no pod has one): a name of no space or parenthesis, one space, the version in parentheses. Linear: the classes
 * exclude the space that ends them.
 */
const SPEC = /^([^\s()]{1,300}) \(([^\s()]{1,100})\)$/
/** CocoaPods 0.x (until 1.0 wrote it, until Core 1.6 read it): a pod installed from its repository's head. */
const HEAD_SPEC = /^([^\s()]{1,300}) \(HEAD based on ([^\s()]{1,100})\)$/
/**
 * A root pod name, as CocoaPods takes one (Specification::Linter: no white space, no `/`, not starting with `.`): names
 * such as `NSURL+IDN`, `1PasswordExtension`, grpc's `!ProtoCompiler` exist. Parentheses end the name in a lockfile.
 */
const ROOT_NAME = /^[^\s/().][^\s/()]{0,99}$/
/** A subspec's part of a name (`NSDictionary+URLArguments`, `SQLCipher/Extensions/View`). */
const SUBSPEC = /^[^\s/()]{1,100}$/
/** A resolved pod version (Pod::Version: `1.2.3`, `1.6.0-beta.1`, `0.57.5.React`, `1.10.0.rc.1`). */
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,99}$/
interface Pod {
  name: string
  /** Undefined for a pod at its repository's head (`Name (HEAD based on 1.2.3)`). */
  version?: string
  /** The version a head pod is based on. */
  basedOn?: string
  /** The first entry of the pod as written (the root's, or its first subspec's). */
  ref: string
  line: number
  column: number
}

export function discoverPodfileLock(file: string, source: string): DiscoverOutput {
  const yaml = readYaml(source, file)
  const errors: ScanError[] = [...yaml.errors]
  const components: Component[] = []
  const skipped: Skipped[] = []
  const root = yaml.documents[0]?.root
  if (!root) return {components, errors}
  if (!isMap(root)) {
    errors.push(
      lockfileError(file, 'invalid-lockfile', 'a Podfile.lock is a mapping of sections', root.line, root.column),
    )
    return {components, errors}
  }
  const pods = root.entries.get('PODS')
  if (isAbsent(pods)) return {components, errors}
  if (!isSeq(pods)) {
    errors.push(lockfileError(file, 'invalid-lockfile', "'PODS' must be a list", pods.line, pods.column))
    return {components, errors}
  }
  const direct = directPods(file, root.entries.get('DEPENDENCIES'), errors)
  const repos = specRepos(file, root.entries.get('SPEC REPOS'), errors)
  const external = byPod(file, 'EXTERNAL SOURCES', root.entries.get('EXTERNAL SOURCES'), errors)
  const checkout = byPod(file, 'CHECKOUT OPTIONS', root.entries.get('CHECKOUT OPTIONS'), errors)

  // One component per root pod and version: a pod's subspecs (`AFNetworking/UIKit`) are parts of it.
  const found = new Map<string, Pod>()
  pods.items.forEach((item, index) => {
    const written = isMap(item) && item.entries.size === 1 ? [...item.entries.keys()][0] : stringValue(item)
    const head = written === undefined ? null : HEAD_SPEC.exec(written)
    const spec = written === undefined ? null : (head ?? SPEC.exec(written))
    const names = spec?.[1].split('/') ?? []
    if (
      spec === null ||
      !ROOT_NAME.test(names[0]) ||
      !names.slice(1).every((part) => SUBSPEC.test(part)) ||
      !VERSION.test(spec[2])
    ) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `PODS item ${index + 1}: not 'Name (version)'`,
          item?.line ?? pods.line,
          item?.column ?? pods.column,
        ),
      )
      return
    }
    const key = `${names[0]}@${head === null ? spec[2] : `HEAD ${spec[2]}`}`
    if (!found.has(key))
      found.set(key, {
        name: names[0],
        ...(head === null ? {version: spec[2]} : {basedOn: spec[2]}),
        ref: written!,
        line: item.line,
        column: item.column,
      })
  })

  for (const pod of found.values()) {
    if (pod.basedOn !== undefined)
      skipped.push(
        unresolvedVersion(
          file,
          pod.line,
          `${pod.name} is installed from the head of its repository (based on ${pod.basedOn}): listed without a version`,
        ),
      )
    const origin = podOrigin(file, pod.name, external.get(pod.name), checkout.get(pod.name), repos, errors)
    components.push(
      packageComponent(file, {
        ecosystem: 'cocoapods',
        name: pod.name,
        version: pod.version,
        ref: pod.ref,
        line: pod.line,
        column: pod.column,
        direct: direct === undefined ? undefined : direct.has(pod.name),
        local: origin.local,
        qualifiers: origin.qualifiers,
      }),
    )
  }
  return {components, skipped, errors}
}

/** The root names of the pods the Podfile asks for (`Name`, `Name (~> 1.0)`, `Name/Sub (from `url`)`). */
function directPods(file: string, node: YamlNode | undefined, errors: ScanError[]): Set<string> | undefined {
  if (node === undefined) return undefined
  const names = new Set<string>()
  if (!isSeq(node)) {
    errors.push(lockfileError(file, 'invalid-lockfile', "'DEPENDENCIES' must be a list", node.line, node.column))
    return names
  }
  node.items.forEach((item, index) => {
    const written = stringValue(item)
    const name = written?.split(' ', 1)[0].split('/', 1)[0]
    if (name === undefined || !ROOT_NAME.test(name)) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `DEPENDENCIES item ${index + 1}: not a pod name and requirement`,
          item?.line ?? node.line,
          item?.column ?? node.column,
        ),
      )
      return
    }
    names.add(name)
  })
  return names
}

/** The spec repository of each pod: `SPEC REPOS` maps a repository (its URL, or `trunk`) to the pods it gave. */
function specRepos(file: string, node: YamlNode | undefined, errors: ScanError[]): Map<string, string> {
  const repos = new Map<string, string>()
  if (node === undefined) return repos
  if (!isMap(node)) {
    errors.push(lockfileError(file, 'invalid-lockfile', "'SPEC REPOS' must be a mapping", node.line, node.column))
    return repos
  }
  for (const [repo, pods] of node.entries) {
    if (!isSeq(pods)) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          'SPEC REPOS: a repository must list its pods',
          pods?.line ?? node.line,
          pods?.column ?? node.column,
        ),
      )
      continue
    }
    for (const pod of pods.items) {
      const name = stringValue(pod)
      if (name !== undefined) repos.set(name, repo)
    }
  }
  return repos
}

/** `EXTERNAL SOURCES` and `CHECKOUT OPTIONS`: a mapping of root pod names to their options. */
function byPod(file: string, section: string, node: YamlNode | undefined, errors: ScanError[]): Map<string, YamlMap> {
  const options = new Map<string, YamlMap>()
  if (node === undefined) return options
  if (!isMap(node)) {
    errors.push(lockfileError(file, 'invalid-lockfile', `'${section}' must be a mapping`, node.line, node.column))
    return options
  }
  for (const [name, value] of node.entries) {
    if (isMap(value)) options.set(name, value)
    else
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `${section}: the options of pod ${name.slice(0, 100)} must be a mapping`,
          value?.line ?? node.line,
          value?.column ?? node.column,
        ),
      )
  }
  return options
}

interface Origin {
  local?: boolean
  qualifiers?: Record<string, string>
}

/**
 * Where a pod comes from. An external source: a repository (`vcs_url`, at the commit CHECKOUT OPTIONS names, else
 * the commit, tag or branch asked for), a local path (local), a podspec or archive at a URL (`download_url`). A
 * spec repository other than trunk: `repository_url`. Otherwise trunk (no qualifier).
 */
function podOrigin(
  file: string,
  name: string,
  external: YamlMap | undefined,
  checkout: YamlMap | undefined,
  repos: Map<string, string>,
  errors: ScanError[],
): Origin {
  if (external === undefined) {
    const repo = repos.get(name)
    if (repo === undefined || isPublicRegistry('cocoapods', repo)) return {}
    return {qualifiers: {repository_url: repo}}
  }
  const option = (map: YamlMap | undefined, key: string) => stringValue(at(map, key))
  const git = option(checkout, ':git') ?? option(external, ':git')
  if (git !== undefined) {
    const ref =
      option(checkout, ':commit') ??
      option(checkout, ':tag') ??
      option(external, ':commit') ??
      option(external, ':tag') ??
      option(external, ':branch')
    return {qualifiers: {vcs_url: gitVcsUrl(git, ref)}}
  }
  for (const kind of ['hg', 'svn'] as const) {
    const url = option(checkout, `:${kind}`) ?? option(external, `:${kind}`)
    if (url === undefined) continue
    const ref = option(checkout, ':revision') ?? option(external, ':revision') ?? option(external, ':tag')
    return {qualifiers: {vcs_url: `${kind}+${url}${ref ? `@${ref}` : ''}`}}
  }
  const http = option(external, ':http')
  if (http !== undefined) return {qualifiers: {download_url: http}}
  if (option(external, ':path') !== undefined) return {local: true}
  const podspec = option(external, ':podspec')
  if (podspec !== undefined)
    return /^https?:\/\//i.test(podspec) ? {qualifiers: {download_url: podspec}} : {local: true}
  errors.push(
    lockfileError(
      file,
      'invalid-entry',
      `EXTERNAL SOURCES: pod ${name} names no :git:, :path:, :podspec:, :http:, :hg: or :svn: source`,
      external.line,
      external.column,
    ),
  )
  // Not trunk's pod of that name: never looked up by it.
  return {local: true}
}
