/**
 * The scanned project's own package in a Trivy SBOM, which Trivy lists under the node of the lockfile it read
 * (`aquasecurity:trivy:Class` `lang-pkgs`; in SPDX the `Class:`/`Type:` annotations): the "root". Shared by the
 * CycloneDX (./cyclonedx.ts) and SPDX (./spdx.ts) readers, which give them the lockfile node's type, the packages it
 * depends on or CONTAINS, and whether a package depends on anything.
 *
 * What Trivy does (aquasecurity/trivy @ dc3c56ee): a parser or analyzer marks the project's own package
 * `RelationshipRoot` (pkg/fanal/types/package.go), and its encoder (pkg/sbom/io/encode.go belongToParent) hangs
 * on the lockfile's node only the packages nothing else in the lockfile depends on — the root — and, since v0.60
 * (85cca8c07a), a package marked direct only when the lockfile has no root; the direct dependencies hang on the root.
 * The mark itself is not written: no property, annotation or relationship type tells the root, only the graph does.
 * The types that get one, and since which release:
 * - `gomod` (v0.51, 2d090ef2df, pkg/dependency/parser/golang/mod/parse.go): the `module` line, without a version.
 * - `pom` (v0.51, 6343e4fc71, pkg/dependency/parser/java/pom/parse.go): the pom.xml's own artifact, always; its
 *   modules hang on it.
 * - `uv` (v0.59, c4a4a5fa97, pkg/dependency/parser/python/uv/parse.go): the package whose source is `.`.
 * - `cargo` (v0.62, 93efe0789e, pkg/fanal/analyzer/language/rust/cargo/cargo.go): the Cargo.toml's crate, when
 *   a Cargo.toml lies next to the Cargo.lock; workspace members hang beside it unless it depends on them.
 * - `yarn` (v0.62, bf4cd4f2d2, pkg/fanal/analyzer/language/nodejs/yarn/yarn.go): package.json's package, when
 *   there is one; its workspaces hang on it.
 * - `dotnet-core` (v0.68, 18c0ee86f3, pkg/dependency/parser/dotnet/core_deps/parse.go): the `.deps.json`'s one
 *   `project` no other library depends on, when there is exactly one.
 * - `pylock` (v0.70, d0a3f63b84, pkg/dependency/parser/python/pylock/parse.go): the `directory` package.
 * Go and Rust binaries (`gobinary`, `rustbinary`) get a root too, the program itself: in an image that is a package
 * shipped like any other, so it stays one. npm, pnpm, NuGet, packages.props, pip, Poetry and the others get none.
 */

/** The lockfile types, other than go.mod, whose root Trivy lists (see above). */
const ROOT_TYPES: ReadonlySet<string> = new Set(['pom', 'uv', 'cargo', 'yarn', 'dotnet-core', 'pylock'])

/** Whether a lockfile node of this type (`aquasecurity:trivy:Type`) may hold a root. */
export function mayHoldRoot(type: string | undefined): boolean {
  return type === 'gomod' || (type !== undefined && ROOT_TYPES.has(type))
}

export interface RootCandidates {
  /** The lockfile node's `aquasecurity:trivy:Type` (`Type:` annotation). */
  type: string | undefined
  /** What the node depends on or CONTAINS that is no grouping node, in the document's order. */
  children: readonly string[]
  /** A Go module without a version (a `pkg:golang` purl without one, and no version written). */
  unversionedGo: (ref: string) => boolean
  /** Whether the package depends on another (it has a non-empty `dependsOn`, a DEPENDS_ON). */
  dependsOnAny: (ref: string) => boolean
  /**
   * The SBOM is about a container image (CycloneDX `metadata.component.type` `container`; an SPDX subject of purpose
   * CONTAINER): a lockfile's one package there is an application the image ships (a vendor's `.deps.json`), not a
   * project being built, so only go.mod's main modules are taken, as before.
   */
  image?: boolean
}

/**
 * The roots among a lockfile node's children.
 * - `gomod`: every Go module without a version (a `require` or replacement always has one), as before.
 * - The other ROOT_TYPES: the node's only child, when it depends on something. With a root, Trivy hangs nothing
 *   else there but a package nothing depends on, which a pruned lockfile rarely has. Limits: a Cargo workspace whose
 *   root does not depend on its members puts them beside the root, and no child is taken (they stay dependencies,
 *   as before); a lockfile Trivy gave no root (a yarn.lock without its package.json, a Trivy older than the
 *   release above) whose one top-level package has dependencies of its own would have that package taken for the
 *   project — a root without dependencies is not told from a lone top-level package, so it is not taken.
 */
export function trivyRoots({type, children, unversionedGo, dependsOnAny, image}: RootCandidates): string[] {
  if (type === 'gomod') return children.filter(unversionedGo)
  if (image || !mayHoldRoot(type)) return []
  const distinct = [...new Set(children)]
  return distinct.length === 1 && dependsOnAny(distinct[0]) ? distinct : []
}
