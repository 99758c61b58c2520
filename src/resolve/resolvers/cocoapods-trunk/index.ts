import {createHash} from 'node:crypto'
import type {Component} from '../../../core/model.js'
import {exactVersion, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/**
 * A root pod name as CocoaPods takes one (no white space, no `/`, not starting with `.`: `Alamofire`, `NSURL+IDN`,
 * grpc's `!ProtoCompiler`), written into the CDN's path as CocoaPods writes it.
 */
const NAME = /^[^\s/.][^\s/]{0,99}$/

/**
 * The CocoaPods trunk, through the CDN its `trunk` source reads (cdn.cocoapods.org): `GET
 * /Specs/<a>/<b>/<c>/<Name>/<version>/<Name>.podspec.json`, a/b/c the first three hex digits of md5(Name)
 * (cocoapods-core Source::Metadata#path_fragment, trunk's prefix lengths [1, 1, 1]) → the podspec's `source.git` (the
 * repository the pod is built from, medium), then `homepage` and `source.http` (an archive) on a known forge (low).
 * Pods of another spec repository (purl `repository_url`), of a repository (`vcs_url`: the vcs-url resolver answers
 * those of a known forge) or of a podspec or archive named by URL (`download_url`) are not asked here.
 */
export const resolver: Resolver = {
  id: 'cocoapods-trunk',
  description: 'CocoaPods trunk podspecs (CDN): source.git, homepage',
  provenance: 'the CocoaPods trunk',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'cocoapods' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  // A subspec (`GoogleUtilities/NSData+zlib`, as an SBOM may name one) is published in its root pod's podspec.
  const name = component.name.split('/', 1)[0]
  if (!NAME.test(name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a pod name: ${component.name.slice(0, 100)}`}
  // A pod of another spec repository, of a podspec or archive named by URL, or installed from a repository off the
  // known forges: trunk's pod of that name is another.
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const version = exactVersion(component.version)
  if (!version)
    return {status: 'miss', reason: 'no-version', detail: `cocoapods ${component.name} needs an exact version`}
  const hash = createHash('md5').update(name).digest('hex')
  // As CocoaPods' CDN source escapes a path (URI escaping: `+` and `!` stay as they are), `?`, `#` and `%` encoded.
  const segment = name.replace(/[?#%]/g, encodeURIComponent)
  const path = `/Specs/${hash[0]}/${hash[1]}/${hash[2]}/${segment}/${encodeURIComponent(version)}/${segment}.podspec.json`
  const what = `CocoaPods trunk ${name}@${version}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('cocoapods')}${path}`, {
      namespace: 'cocoapods-trunk',
      key: `GET ${path}`,
    }),
    what,
  )
  if (!answer.ok) return answer.outcome
  const podspec = isRecord(answer.json) ? answer.json : {}
  const source = isRecord(podspec.source) ? podspec.source : {}
  return firstRepository(
    [
      {url: source.git, field: 'source.git', confidence: 'medium', vcs: true},
      {url: podspec.homepage, field: 'homepage', confidence: 'low'},
      {url: source.http, field: 'source.http', confidence: 'low'},
    ],
    what,
  )
}
