/**
 * SwiftPM `Package.resolved` (versions 1, 2 and 3; the format is SwiftPM's own, see
 * https://github.com/swiftlang/swift-package-manager/blob/main/Sources/PackageGraph/PinsStore.swift):
 * v1 `object.pins[] {package, repositoryURL, state}`, v2/v3 `pins[] {identity, kind, location, state}` with
 * `kind` remoteSourceControl, localSourceControl or registry. A source-control pin names its repository: the
 * component's name is that repository's key (`github.com/apple/swift-nio`, as the purl `swift` type writes it),
 * so it resolves without a registry. Registry pins are named by their `scope.name` identity.
 */
import {normaliseRepoUrl} from '../../../core/repo-url.js'
import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import {hasTopLevelKey} from '../../json-tree.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import type * as S from './schema.js'
import {check, checkValue} from '../../checked.js'

const PinV1Check = check('swiftpm-resolved/PinV1')
const PinV2Check = check('swiftpm-resolved/PinV2')

/** A path or `file:` URL of this machine (POSIX, `~`, relative, a Windows drive or share), not a remote address. */
const LOCAL_PATH = /^(?:\/|~\/|\.{1,2}[\\/]|file:|[A-Za-z]:[\\/]|\\\\)/i

export const discoverer: Discoverer = {
  id: 'swiftpm-resolved',
  description: 'SwiftPM Package.resolved (versions 1 to 3)',
  matches(file) {
    return /(^|\/)Package\.resolved$/.test(file) && !/(^|\/)\.build\//.test(file)
  },
  identify: (head) =>
    (hasTopLevelKey(head, 'pins') && /"identity"\s*:/.test(head)) ||
    (hasTopLevelKey(head, 'object') && /"repositoryURL"\s*:/.test(head)),
  discover: ({file, text}) => discoverPackageResolved(file, text),
}

export function discoverPackageResolved(file: string, text: string): DiscoverOutput {
  const read = readLockfileJson(file, text)
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  const errors: ScanError[] = [...read.errors]
  const version = root.version
  const at = document.topLevelKeys.get('version') ?? {line: 1, column: 1}
  if (version !== 1 && version !== 2 && version !== 3)
    return lockfileFailure(
      file,
      'unsupported-version',
      `unknown Package.resolved version ${JSON.stringify(version ?? 'missing')} (supported: 1 to 3)`,
      at.line,
      at.column,
    )
  const pins = version === 1 ? (isJsonObject(root.object) ? root.object.pins : undefined) : root.pins
  if (!Array.isArray(pins))
    return lockfileFailure(file, 'invalid-lockfile', "'pins' must be an array", at.line, at.column)
  const components: Component[] = []
  pins.forEach((raw, index) => {
    const position = isJsonObject(raw) ? document.positionOf(raw) : at
    const parsed = version === 1 ? checkValue(PinV1Check, raw) : checkValue(PinV2Check, raw)
    if (!parsed.success) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `pins[${index}]: ${firstIssue(parsed.error)}`,
          position.line,
          position.column,
        ),
      )
      return
    }
    const pin = parsed.data as S.PinV1 & S.PinV2
    const identity = version === 1 ? pin.package : pin.identity
    const location = version === 1 ? pin.repositoryURL : pin.location
    // v1 has no `kind`: a repository on this machine (`.package(url: "../Kit")` or a `file://` URL, which SwiftPM
    // wrote as its path) is what v2 and v3 call localSourceControl.
    const local = version === 1 ? LOCAL_PATH.test(location ?? '') : pin.kind === 'localSourceControl'
    const repository = !local && pin.kind !== 'registry' && location ? normaliseRepoUrl(location, {vcs: true}) : null
    components.push(
      packageComponent(file, {
        ecosystem: 'swift',
        name: repository?.repo ?? identity,
        version: pin.state.version ?? pin.state.revision ?? undefined,
        ref: identity,
        line: position.line,
        column: position.column,
        // SwiftPM pins every package of the graph; the file does not say which the manifest names.
        local,
      }),
    )
  })
  return {components, errors}
}
