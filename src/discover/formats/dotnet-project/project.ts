/**
 * An MSBuild project file (`*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props`, `Directory.Build.props`)
 * or a NuGet `packages.config`, read element by element (../../xml-walk.ts: a DOCTYPE refused, nesting bounded); only
 * the elements below are kept: package items of the project's `ItemGroup`s, also those under `<Choose><When>` and
 * `<Otherwise>` (every branch: the conditions are not evaluated, each item keeps the ones it is under), the
 * properties of its top-level `PropertyGroup`s, and its top-level `<Import>`s (also those of an `ImportGroup`), with
 * all of them in document order (`steps`) for a reader that evaluates imports where they appear, as MSBuild does.
 */
import {walkXml} from '../../xml-walk.js'

/** A package item: `<PackageReference Include="Id" Version="1.0" />`, its metadata as attributes or child elements. */
export interface PackageItem {
  /** The element's name: PackageReference, GlobalPackageReference, PackageVersion, or package (packages.config). */
  kind: string
  /** Metadata by lower-case name (MSBuild's are case-insensitive): include, update, version, versionoverride... */
  metadata: Map<string, string>
  /**
   * The conditions it is under, outermost first: its `ItemGroup`'s, a `When`'s, `otherwise` for an `Otherwise`
   * branch, its own `Condition`. Empty: it is evaluated whatever the build.
   */
  conditions: string[]
  line: number
  column: number
}

/** `<Import Project="…" />`: another MSBuild file evaluated where the element is. */
export interface ImportElement {
  /** The `Project` attribute as written (trimmed); empty when absent. */
  project: string
  /** Its `ImportGroup`'s condition and its own, outermost first; empty: imported whatever the build. */
  conditions: string[]
  line: number
  column: number
}

/** What the file defines, in document order: a property, a package item, an import. */
export type Step =
  | {kind: 'property'; name: string; value: string}
  | {kind: 'item'; item: PackageItem}
  | {kind: 'import'; import: ImportElement}

/**
 * An MSBuild project SDK the file references with a version: NuGet packages the SDK resolver restores before the
 * project is evaluated (https://learn.microsoft.com/visualstudio/msbuild/how-to-use-project-sdk):
 * `<Project Sdk="Name/1.2.3">` (several joined by `;`, `Name/min=1.2.3` for a minimum), `<Sdk Name="…" Version="…" />`
 * and `<Import Project="Sdk.props" Sdk="…" Version="…" />`. One without a version (`Microsoft.NET.Sdk`, bundled with
 * the .NET SDK, or versioned by global.json's msbuild-sdks) is not kept.
 */
export interface SdkReference {
  name: string
  /** The exact version asked for; `minimum`: the least version (`min=`, `MinimumVersion`). */
  version?: string
  minimum?: string
  /** What is written: `Name/1.2.3` in a `Sdk` attribute of the project, `Name@1.2.3` for an element. */
  ref: string
  line: number
  column: number
}

export interface ProjectFile {
  /** The project SDKs referenced with a version. */
  sdks: SdkReference[]
  items: PackageItem[]
  /** `<PropertyGroup>` properties, by name as written; a later definition wins, as MSBuild evaluates them in order. */
  properties: Map<string, string>
  /** Properties, items and imports in document order. */
  steps: Step[]
}

export type ProjectResult =
  | {ok: true; project: ProjectFile}
  | {ok: false; message: string; line: number; column: number}

const MAX_DEPTH = 64
/**
 * The items read, by the path of their element: under the project's `ItemGroup`s, also in any branch of a `Choose`
 * (which nests in a branch). Each segment a literal, so the match is linear.
 */
const ITEM =
  /^(?:Project(?:\/Choose\/(?:When|Otherwise))*\/ItemGroup\/(?:PackageReference|GlobalPackageReference|PackageVersion)|packages\/package)$/
/** The elements whose condition the items below them are under. */
const SCOPE = /^Project(?:\/Choose\/(?:When|Otherwise))*(?:\/ItemGroup|\/Choose\/(?:When|Otherwise))$/
/** An `<Import>` at the top of the project or in a top-level `ImportGroup`. */
const IMPORT = /^Project(?:\/ImportGroup)?\/Import$/
/** A condition kept with an item: data, at most this long. */
const MAX_CONDITION = 200

export function readProject(text: string): ProjectResult {
  const project: ProjectFile = {sdks: [], items: [], properties: new Map(), steps: []}
  let item: {item: PackageItem; path: string} | undefined
  // The conditions of the elements open around the current one (an ItemGroup, a When, an Otherwise).
  const scopes: Array<{where: string; condition: string}> = []
  // The condition of the top-level ImportGroup open around an Import.
  let importGroup: string | undefined
  const read = walkXml(
    text,
    {
      open({where, name, attributes, line, column}) {
        if (where === 'Project') {
          for (const part of (attribute(attributes, 'sdk') ?? '').split(';')) {
            const pieces = part.split('/').map((piece) => piece.trim())
            const [sdk, written] = pieces
            if (pieces.length !== 2 || !sdk || !written) continue
            const minimum = /^min=/i.test(written) ? written.slice(4).trim() : undefined
            const ref = `${sdk}/${written}`
            project.sdks.push({
              name: sdk,
              ...(minimum === undefined ? {version: written} : {minimum}),
              ref,
              line,
              column,
            })
          }
        } else if (where === 'Project/Sdk' || (IMPORT.test(where) && attribute(attributes, 'sdk') !== undefined)) {
          const sdk = attribute(attributes, where === 'Project/Sdk' ? 'name' : 'sdk')?.trim()
          const version = attribute(attributes, 'version')?.trim() || undefined
          const minimum = attribute(attributes, 'minimumversion')?.trim() || undefined
          if (sdk && (version || minimum))
            project.sdks.push({
              name: sdk,
              ...(version ? {version} : {minimum}),
              ref: `${sdk}@${version ?? minimum}`,
              line,
              column,
            })
          if (where === 'Project/Sdk') return
        }
        if (where === 'Project/ImportGroup') {
          importGroup = conditionOf(attributes)
          return
        }
        if (IMPORT.test(where)) {
          const conditions: string[] = []
          if (importGroup !== undefined && where !== 'Project/Import') conditions.push(importGroup)
          const own = conditionOf(attributes)
          if (own !== undefined) conditions.push(own)
          const written = Object.entries(attributes).find(([key]) => key.toLowerCase() === 'project')?.[1]
          project.steps.push({kind: 'import', import: {project: (written ?? '').trim(), conditions, line, column}})
          return
        }
        if (SCOPE.test(where)) {
          const condition = name === 'Otherwise' ? 'otherwise' : conditionOf(attributes)
          if (condition !== undefined) scopes.push({where, condition})
          return
        }
        if (!ITEM.test(where)) return
        const metadata = new Map<string, string>()
        for (const [key, value] of Object.entries(attributes)) metadata.set(key.toLowerCase(), value.trim())
        const conditions = scopes.map((scope) => scope.condition)
        const own = conditionOf(attributes)
        if (own !== undefined) conditions.push(own)
        item = {item: {kind: name, metadata, conditions, line, column}, path: where}
      },
      close({where, name, parent, text: value}) {
        if (scopes.at(-1)?.where === where) scopes.pop()
        if (item && parent === item.path) {
          // Metadata as a child element (`<Version>1.0</Version>`, `<PrivateAssets>all</PrivateAssets>`).
          const key = name.toLowerCase()
          if (!item.item.metadata.has(key)) item.item.metadata.set(key, value)
        } else if (item && where === item.path) {
          project.items.push(item.item)
          project.steps.push({kind: 'item', item: item.item})
          item = undefined
        } else if (parent === 'Project/PropertyGroup' && name !== '__proto__') {
          project.properties.set(name, value)
          project.steps.push({kind: 'property', name, value})
        } else if (where === 'Project/ImportGroup') {
          importGroup = undefined
        }
      },
    },
    {maxDepth: MAX_DEPTH, doctype: 'a DOCTYPE is not allowed in an MSBuild or NuGet file'},
  )
  return read.ok ? {ok: true, project} : read
}

/** An attribute by its name in lower case (MSBuild reads attribute names in any case). */
function attribute(attributes: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(attributes)) if (key.toLowerCase() === name) return value
  return undefined
}

/** An element's `Condition` (any case, as MSBuild reads attribute names), bounded; none when absent or blank. */
function conditionOf(attributes: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(attributes))
    if (key.toLowerCase() === 'condition' && value.trim() !== '') return value.trim().slice(0, MAX_CONDITION)
  return undefined
}
