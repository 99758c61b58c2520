/**
 * `--registry-mirror URL` (repeatable; `registryMirrors:` in the user's own settings), declared once for the commands
 * that resolve (`scan`, `inventory --resolve`; here in core, like `--artifact-hub-url`, so `inventory` declares it
 * without loading the resolve stage). A package that a lockfile, an SBOM or a manifest says comes from a registry
 * other than its ecosystem's public one (the npm registry, PyPI, crates.io, RubyGems.org, nuget.org, Maven Central, pub.dev, hex.pm, the CocoaPods trunk, CRAN,
 * the Julia General registry, Hackage, the Bazel Central Registry, ConanCenter) is not looked up there or
 * on deps.dev by name: a package of that name there is another package, and the name may be private
 * (resolve/support.ts otherSource). A registry named here mirrors the public one (an Artifactory or Nexus proxy):
 * its packages are looked up as public packages. No request is sent to it: it is only compared with what files say.
 * A `.stewards.yaml` inside a scanned tree may not set it (src/pipeline/config-trust.ts): a tree cannot choose to
 * send the names of its private packages to public services.
 */
import {Flags} from '@oclif/core'
import {checkBaseUrl} from './base-url.js'
import {trimEnd} from './trim-end.js'

/** `--registry-mirror`; `dependsOn` for commands where it needs another flag (`inventory --resolve`). */
export function registryMirrorFlag(dependsOn?: string[]) {
  return Flags.string({
    description:
      'a registry that mirrors its ecosystem’s public one (npm, PyPI, crates.io, RubyGems.org, nuget.org, Maven Central, pub.dev, hex.pm, CocoaPods trunk, CRAN, Julia General, Hackage, Bazel Central Registry, ConanCenter): its packages are looked up there by name, as packages of any other registry are not (repeatable; nothing is sent to it)',
    helpValue: 'URL',
    multiple: true,
    ...(dependsOn ? {dependsOn} : {}),
  })
}

/**
 * Each value an http(s) URL without credentials, query or fragment, kept as given (without a trailing `/`); a usage
 * error otherwise (never printed with its secrets). undefined when none are given.
 */
export function checkRegistryMirrors(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined
  return values.map((value) => {
    const url = checkBaseUrl(value, '--registry-mirror', 'bad-registry-mirror')
    return `${url.protocol}//${url.host}${trimEnd(url.pathname, '/')}`
  })
}
