/**
 * An MSBuild project file (`*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props`, `Directory.Build.props`)
 * or a NuGet `packages.config`, read element by element (../../xml-walk.ts: a DOCTYPE refused, nesting bounded); only
 * the elements below are kept.
 */
import {walkXml} from '../../xml-walk.js'

/** A package item: `<PackageReference Include="Id" Version="1.0" />`, its metadata as attributes or child elements. */
export interface PackageItem {
  /** The element's name: PackageReference, GlobalPackageReference, PackageVersion, or package (packages.config). */
  kind: string
  /** Metadata by lower-case name (MSBuild's are case-insensitive): include, update, version, versionoverride... */
  metadata: Map<string, string>
  line: number
  column: number
}

export interface ProjectFile {
  items: PackageItem[]
  /** `<PropertyGroup>` properties, by name as written; a later definition wins, as MSBuild evaluates them in order. */
  properties: Map<string, string>
}

export type ProjectResult =
  | {ok: true; project: ProjectFile}
  | {ok: false; message: string; line: number; column: number}

const MAX_DEPTH = 64
/** The items read, by the path of their element. */
const ITEMS = new Set([
  'Project/ItemGroup/PackageReference',
  'Project/ItemGroup/GlobalPackageReference',
  'Project/ItemGroup/PackageVersion',
  'packages/package',
])

export function readProject(text: string): ProjectResult {
  const project: ProjectFile = {items: [], properties: new Map()}
  let item: {item: PackageItem; path: string} | undefined
  const read = walkXml(
    text,
    {
      open({where, name, attributes, line, column}) {
        if (!ITEMS.has(where)) return
        const metadata = new Map<string, string>()
        for (const [key, value] of Object.entries(attributes)) metadata.set(key.toLowerCase(), value.trim())
        item = {item: {kind: name, metadata, line, column}, path: where}
      },
      close({where, name, parent, text: value}) {
        if (item && parent === item.path) {
          // Metadata as a child element (`<Version>1.0</Version>`, `<PrivateAssets>all</PrivateAssets>`).
          const key = name.toLowerCase()
          if (!item.item.metadata.has(key)) item.item.metadata.set(key, value)
        } else if (item && where === item.path) {
          project.items.push(item.item)
          item = undefined
        } else if (parent === 'Project/PropertyGroup' && name !== '__proto__') {
          project.properties.set(name, value)
        }
      },
    },
    {maxDepth: MAX_DEPTH, doctype: 'a DOCTYPE is not allowed in an MSBuild or NuGet file'},
  )
  return read.ok ? {ok: true, project} : read
}
