import {artifactHub} from './artifact-hub.js'
import {bazelCentralRegistry} from './bazel.js'
import {cocoapodsTrunk} from './cocoapods.js'
import {cranUniverse} from './cran.js'
import {conanCenter} from './conan-center.js'
import {depsDev} from './deps-dev.js'
import {helmRepositories} from './helm.js'
import {hexPm} from './hex.js'
import {JULIA_GENERAL_BASE, juliaGeneral} from './julia.js'
import {hackage} from './hackage.js'
import {blobCdn, buildImages, ociRegistry} from './oci.js'
import {
  cratesIo,
  githubApi,
  goVanity,
  npmRegistry,
  packagist,
  pubDev,
  pypi,
  rubygems,
  terraformRegistries,
} from './packages.js'
import {type Emulator, startEmulator} from './server.js'

export {type Emulator, type SeenRequest, startEmulator} from './server.js'
export {buildImages, digestOfController} from './oci.js'

export interface RegistryEmulators {
  /** Pass as ResolveOptions.endpoints. */
  endpoints: Record<string, string>
  servers: Record<
    | 'depsDev'
    | 'npm'
    | 'pypi'
    | 'crates'
    | 'rubygems'
    | 'packagist'
    | 'go'
    | 'github'
    | 'oci'
    | 'cdn'
    | 'helm'
    | 'pub'
    | 'terraform'
    | 'artifactHub'
    | 'cocoapods'
    | 'hex'
    | 'cran'
    | 'julia'
    | 'hackage'
    | 'bazel'
    | 'conan',
    Emulator
  >
  close(): Promise<void>
}

/** Starts every registry emulator on 127.0.0.1 and returns the endpoints that point the resolvers at them. */
export async function startRegistryEmulators(options: {depsDevBatch?: boolean} = {}): Promise<RegistryEmulators> {
  const images = buildImages()
  const cdn = await startEmulator(blobCdn(images))
  const servers = {
    depsDev: await startEmulator(depsDev({batch: options.depsDevBatch})),
    npm: await startEmulator(npmRegistry()),
    pypi: await startEmulator(pypi()),
    crates: await startEmulator(cratesIo()),
    rubygems: await startEmulator(rubygems()),
    packagist: await startEmulator(packagist()),
    go: await startEmulator(goVanity()),
    github: await startEmulator(githubApi()),
    oci: await startEmulator(ociRegistry(images, () => cdn.url)),
    helm: await startEmulator(helmRepositories()),
    pub: await startEmulator(pubDev()),
    terraform: await startEmulator(terraformRegistries()),
    artifactHub: await startEmulator(artifactHub()),
    cocoapods: await startEmulator(cocoapodsTrunk()),
    hex: await startEmulator(hexPm()),
    cran: await startEmulator(cranUniverse()),
    julia: await startEmulator(juliaGeneral()),
    hackage: await startEmulator(hackage()),
    bazel: await startEmulator(bazelCentralRegistry()),
    conan: await startEmulator(conanCenter()),
    cdn,
  }
  const endpoints: Record<string, string> = {
    'deps.dev': servers.depsDev.url,
    npm: servers.npm.url,
    pypi: servers.pypi.url,
    'crates.io': servers.crates.url,
    rubygems: servers.rubygems.url,
    packagist: servers.packagist.url,
    github: servers.github.url,
    'pub.dev': servers.pub.url,
    'artifact-hub': servers.artifactHub.url,
    cocoapods: servers.cocoapods.url,
    'hex.pm': servers.hex.url,
    cran: servers.cran.url,
    'julia-general': `${servers.julia.url}${JULIA_GENERAL_BASE}`,
    hackage: servers.hackage.url,
    'bazel-central-registry': servers.bazel.url,
    'conan-center': servers.conan.url,
  }
  // Every registry, vanity and chart host goes to the emulators: tests never reach the network.
  endpoints['oci:*'] = servers.oci.url
  endpoints['go:*'] = servers.go.url
  endpoints['helm:*'] = servers.helm.url
  endpoints['terraform:*'] = servers.terraform.url
  return {
    endpoints,
    servers,
    close: async () => {
      await Promise.all(Object.values(servers).map((s) => s.close()))
    },
  }
}
