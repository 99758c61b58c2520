/**
 * An MSBuild project file (`*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props`, `Directory.Build.props`)
 * or a NuGet `packages.config`, read with saxes (positions). Hostile input: a DOCTYPE is refused outright (MSBuild
 * files have none; it is where entity expansion attacks live), saxes expands no external or custom entities, nesting
 * is bounded, and only the elements below are kept.
 */
import {saxes} from '../../xml-library.js'

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
/** Thrown from the parser's handlers to stop it at the first problem. */
const STOP = new Error('stop')
/** The items read, by the path of their element. */
const ITEMS = new Set([
  'Project/ItemGroup/PackageReference',
  'Project/ItemGroup/GlobalPackageReference',
  'Project/ItemGroup/PackageVersion',
  'packages/package',
])

export function readProject(text: string): ProjectResult {
  const parser = new (saxes().SaxesParser)({position: true})
  const project: ProjectFile = {items: [], properties: new Map()}
  const path: string[] = []
  let buffer = ''
  let item: {item: PackageItem; path: string} | undefined
  let failure: {message: string; line: number; column: number} | undefined
  const fail = (message: string): never => {
    failure ??= {message, line: parser.line, column: parser.column}
    throw STOP
  }
  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '')))
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in an MSBuild or NuGet file'))
  // Where the start tag begins: once its name is read (before its attributes, which move the parser on).
  let start = {line: 1, column: 1}
  parser.on('opentagstart', (tag) => {
    start = {line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1)}
  })
  parser.on('opentag', (tag) => {
    path.push(tag.name.replace(/^.*:/, ''))
    buffer = ''
    if (path.length > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`)
    const where = path.join('/')
    if (!ITEMS.has(where)) return
    const metadata = new Map<string, string>()
    for (const [name, value] of Object.entries(tag.attributes))
      if (typeof value === 'string') metadata.set(name.toLowerCase(), value.trim())
    item = {
      item: {kind: path.at(-1)!, metadata, ...start},
      path: where,
    }
  })
  parser.on('text', (text) => {
    buffer += text
  })
  parser.on('cdata', (text) => {
    buffer += text
  })
  parser.on('closetag', () => {
    const where = path.join('/')
    const name = path.at(-1)!
    const parent = path.slice(0, -1).join('/')
    const value = buffer.trim()
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
    path.pop()
    buffer = ''
  })
  try {
    parser.write(text).close()
  } catch (error) {
    if (error !== STOP)
      failure ??= {
        message: (error as Error).message.replace(/^\d+:\d+: /, ''),
        line: parser.line,
        column: parser.column,
      }
  }
  if (failure) return {ok: false, ...failure}
  return {ok: true, project}
}
