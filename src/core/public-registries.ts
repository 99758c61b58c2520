/**
 * The public registry of each ecosystem, by the URLs that name it: what discover leaves out of a purl (a package of
 * the public registry needs no `repository_url`) and what resolve takes for public (resolve/support.ts otherSource:
 * a package of any other registry is never looked up by its name on the public one). One table, so that the two
 * stages cannot disagree on which packages are private.
 */
const PUBLIC_REGISTRIES: Readonly<Record<string, RegExp>> = {
  // crates.io: its git index, its sparse index, the site itself.
  cargo:
    /^(?:(?:registry|sparse)\+)?https:\/\/(?:github\.com\/rust-lang\/crates\.io-index|index\.crates\.io|crates\.io)(?:\/|$)/,
  gem: /^https?:\/\/(?:index\.)?rubygems\.org(?:\/|$)/,
  // registry.yarnpkg.com is another name of the npm registry.
  npm: /^https?:\/\/registry\.(?:npmjs\.org|yarnpkg\.com)(?:\/|$)/,
  // PyPI: its simple index, its JSON API, the host of its files.
  pypi: /^https?:\/\/(?:pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)(?:[/:?#]|$)/,
  nuget: /^https?:\/\/(?:api\.|www\.)?nuget\.org(?:\/|$)/i,
  composer: /^https?:\/\/(?:repo\.)?packagist\.org(?:\/|$)/,
  // Maven Central: its two hosts' maven2 repositories.
  maven: /^https?:\/\/(?:repo1\.maven\.org|repo\.maven\.apache\.org)\/maven2\/?(?:\/|$)/,
  // pub.dev, its former name, and the mirror Flutter's documentation gives for China (PUB_HOSTED_URL=https://pub.flutter-io.cn,
  // https://docs.flutter.dev/community/china), which serves pub.dev's packages.
  pub: /^https?:\/\/pub\.(?:dev|dartlang\.org|flutter-io\.cn)(?:\/|$)/,
  // Hex: its repository (packages and tarballs) and the site with its API.
  hex: /^https?:\/\/(?:repo\.)?hex\.pm(?:\/|$)/,
  // CocoaPods trunk: the CDN the `trunk` source reads, and the Specs repository it was before (over HTTPS or SSH, in any
  // case: GitHub's paths are not case-sensitive, and lockfiles spell it both ways).
  cocoapods:
    /^(?:https?:\/\/cdn\.cocoapods\.org(?:\/|$)|(?:https:\/\/github\.com\/|git@github\.com:)cocoapods\/specs(?:\.git)?\/?$|trunk$)/i,
  // CRAN: its main site, the cloud mirror R and renv default to, RStudio's CDN mirror, and Posit Package Manager's
  // public `cran` repository (a mirror of CRAN, dated snapshots too: `packagemanager.posit.co/cran/2024-01-15`,
  // `.../cran/__linux__/jammy/latest`). A company's Package Manager is its own registry.
  cran: /^https?:\/\/(?:(?:cloud|cran)\.r-project\.org|cran\.rstudio\.com|(?:packagemanager\.(?:posit\.co|rstudio\.com)|p3m\.dev)\/cran)(?:\/|$)/,
  // Julia's General registry: its repository and the package servers that serve it.
  julia: /^(?:https:\/\/github\.com\/JuliaRegistries\/General(?:\.git)?\/?$|https:\/\/pkg\.julialang\.org(?:\/|$))/i,
  // ConanCenter: the remote Conan 2 names `conancenter`, and the one before it.
  conan: /^https:\/\/center2?\.conan\.io(?:\/|$)/,
  // The Bazel Central Registry.
  bazel: /^https:\/\/bcr\.bazel\.build(?:\/|$)/,
  hackage: /^https?:\/\/hackage\.haskell\.org(?:\/|$)/,
  // vcpkg's curated registry: the microsoft/vcpkg repository, the purl spec's default `repository_url` for `vcpkg`.
  vcpkg: /^(?:https:\/\/github\.com\/|git@github\.com:)microsoft\/vcpkg(?:\.git)?\/?$/i,
}

/** Whether the ecosystem has a public registry this table knows (the others' resolvers decide for themselves). */
export function hasPublicRegistry(ecosystem: string): boolean {
  return Object.hasOwn(PUBLIC_REGISTRIES, ecosystem)
}

/** True when `url` (a registry, an index, a feed, or a file under one) is the ecosystem's public registry. */
export function isPublicRegistry(ecosystem: string, url: string): boolean {
  return Object.hasOwn(PUBLIC_REGISTRIES, ecosystem) && PUBLIC_REGISTRIES[ecosystem].test(url)
}
