/**
 * A pom.xml read element by element (../../xml-walk.ts: saxes, positions, a DOCTYPE refused, nesting bounded); only
 * the elements below are kept.
 */
import {walkXml} from '../../xml-walk.js'

export interface PomDependency {
  groupId?: string
  artifactId?: string
  version?: string
  scope?: string
  type?: string
  classifier?: string
  optional?: string
  /** The id of the `<profile>` that declares it (a profile's dependencies and plugins count only when it is active). */
  profile?: string
  line: number
  column: number
}

export interface Pom {
  /**
   * `<modelVersion>`, else the version the root element's namespace names (`http://maven.apache.org/POM/4.1.0`): a
   * 4.1.0 POM may leave it out, and Maven 4 then takes the namespace's.
   */
  modelVersion?: string
  groupId?: string
  artifactId?: string
  version?: string
  parent?: {
    groupId?: string
    artifactId?: string
    version?: string
    relativePath?: string
    line: number
    column: number
  }
  properties: Map<string, string>
  dependencies: PomDependency[]
  /** dependencyManagement/dependencies: managed versions and scopes, and imported BOMs. */
  managed: PomDependency[]
  /** `<modules>` (Maven 4's `<subprojects>`): the folders (or POM files) of this aggregator's modules, as written. */
  modules: string[]
  /** build/plugins/plugin: the build's plugins (groupId, artifactId, version). */
  plugins: PomDependency[]
  /** build/pluginManagement/plugins/plugin: plugin versions for this POM and the POMs that inherit from it. */
  managedPlugins: PomDependency[]
  /** build/extensions/extension: build extensions, loaded into Maven itself. */
  extensions: PomDependency[]
  /** build/plugins/plugin/dependencies/dependency: what a plugin adds to its own classpath. */
  pluginDependencies: PomDependency[]
  /** `<repositories>` and `<pluginRepositories>` (the project's and its profiles'): the `<url>` of each, as written. */
  repositories: PomRepository[]
}

export interface PomRepository {
  url: string
  /** A `<pluginRepository>`: where plugins, not dependencies, are fetched from. */
  plugins: boolean
  line: number
  column: number
}

/** The `<url>` of a repository, by the path of its element. */
const REPOSITORY_URLS: ReadonlyMap<string, boolean> = new Map([
  ['project/repositories/repository/url', false],
  ['project/pluginRepositories/pluginRepository/url', true],
  ['project/profiles/profile/repositories/repository/url', false],
  ['project/profiles/profile/pluginRepositories/pluginRepository/url', true],
])

/** The lists of a Pom read from repeated elements, by the element's path. */
type PomList = 'dependencies' | 'managed' | 'plugins' | 'managedPlugins' | 'extensions' | 'pluginDependencies'
const LISTS: ReadonlyMap<string, PomList> = new Map([
  ['project/dependencies/dependency', 'dependencies'],
  ['project/dependencyManagement/dependencies/dependency', 'managed'],
  ['project/build/plugins/plugin', 'plugins'],
  ['project/build/pluginManagement/plugins/plugin', 'managedPlugins'],
  ['project/build/extensions/extension', 'extensions'],
  ['project/build/plugins/plugin/dependencies/dependency', 'pluginDependencies'],
  // A profile's own (https://maven.apache.org/guides/introduction/introduction-to-profiles.html).
  ['project/profiles/profile/dependencies/dependency', 'dependencies'],
  ['project/profiles/profile/build/plugins/plugin', 'plugins'],
  ['project/profiles/profile/build/plugins/plugin/dependencies/dependency', 'pluginDependencies'],
])
const PROFILE = 'project/profiles/profile'

export type PomResult = {ok: true; pom: Pom} | {ok: false; message: string; line: number; column: number}

const MAX_DEPTH = 64
const DEPENDENCY_FIELDS = new Set(['groupId', 'artifactId', 'version', 'scope', 'type', 'classifier', 'optional'])
const PROJECT_FIELDS = new Set(['groupId', 'artifactId', 'version'])
const PARENT_FIELDS = new Set(['groupId', 'artifactId', 'version', 'relativePath'])

export function readPom(text: string): PomResult {
  const pom: Pom = {
    properties: new Map(),
    dependencies: [],
    managed: [],
    modules: [],
    plugins: [],
    managedPlugins: [],
    extensions: [],
    pluginDependencies: [],
    repositories: [],
  }
  /** Where the repository `<url>` being read starts. */
  let urlAt = {line: 0, column: 0}
  /**
   * The entries being read (a dependency, plugin or extension; a plugin's dependency inside its plugin), innermost
   * last, each with the path of its element and the list it goes to.
   */
  const open: Array<{entry: PomDependency; path: string; list: PomList}> = []
  /** The `<id>` of the profile being read (undefined outside one, or before its id). */
  let profile: string | undefined
  const read = walkXml(
    text,
    {
      open({where, attributes, line, column}) {
        const list = LISTS.get(where)
        if (list) {
          const entry: PomDependency = {line, column}
          if (where.startsWith(`${PROFILE}/`)) entry.profile = profile ?? '(no id)'
          open.push({entry, path: where, list})
        }
        if (where === PROFILE) profile = undefined
        if (where === 'project/parent') pom.parent = {line, column}
        if (where === 'project') {
          const namespace = /^https?:\/\/maven\.apache\.org\/POM\/(\d+\.\d+\.\d+)$/.exec(attributes.xmlns ?? '')
          if (namespace) pom.modelVersion ??= namespace[1]
        }
        if (REPOSITORY_URLS.has(where)) urlAt = {line, column}
      },
      close({where, name, parent, text: value}) {
        const entry = open.at(-1)
        if (entry && parent === entry.path) {
          if (DEPENDENCY_FIELDS.has(name)) entry.entry[name as keyof Omit<PomDependency, 'line' | 'column'>] = value
        } else if (entry && where === entry.path) {
          pom[entry.list].push(entry.entry)
          open.pop()
        } else if (parent === 'project/properties') {
          if (name !== '__proto__') pom.properties.set(name, value)
        } else if (where === `${PROFILE}/id`) {
          profile = value
        } else if (REPOSITORY_URLS.has(where)) {
          if (value.trim() !== '')
            pom.repositories.push({url: value.trim(), plugins: REPOSITORY_URLS.get(where)!, ...urlAt})
        } else if (where === 'project/modules/module' || where === 'project/subprojects/subproject') {
          // Maven 4's POM 4.1.0 names them `<subprojects><subproject>` (`<modules>` deprecated there).
          if (value !== '') pom.modules.push(value)
        } else if (where === 'project/modelVersion') {
          if (value !== '') pom.modelVersion = value
        } else if (parent === 'project' && PROJECT_FIELDS.has(name)) {
          pom[name as 'groupId' | 'artifactId' | 'version'] = value
        } else if (parent === 'project/parent' && PARENT_FIELDS.has(name) && pom.parent) {
          pom.parent[name as 'groupId' | 'artifactId' | 'version' | 'relativePath'] = value
        }
      },
    },
    {maxDepth: MAX_DEPTH, doctype: 'a DOCTYPE is not allowed in pom.xml'},
  )
  return read.ok ? {ok: true, pom} : read
}
