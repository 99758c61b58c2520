/**
 * Gradle build scripts (https://docs.gradle.org/current/userguide/declaring_dependencies.html): `build.gradle`
 * (Groovy DSL) and `build.gradle.kts` (Kotlin DSL), and the `plugins {}` blocks of `settings.gradle(.kts)`. Most
 * Gradle builds lock nothing and use no version catalog: what they depend on is written in these scripts only.
 *
 * Written by hand: a build script is a Groovy or Kotlin program that only Gradle runs, and no JavaScript library
 * parses either DSL. Read as Renovate's gradle manager reads it: a tolerant scan of the tokens (./tokenize.ts) for
 * the forms builds write (`implementation 'g:a:v'`, `api("g:a:$v")`, `compile group: 'g', name: 'a', version: 'v'`,
 * `id("x") version "1.0"`), blocks told apart by the name before their `{`, variables taken from simple assignments
 * in the file, the project properties of the scripts it applies (`apply from:`, read in turn), of the script applying
 * it and of the build scripts of the folders above it (never their `def` locals), and the gradle.properties files above it.
 * Not an interpreter: a dependency a loop or a function adds is not seen. Every step is linear in the text, templates are expanded under a
 * length cap and a step budget, and nothing throws on malformed input.
 */
import {gradlePluginMarker, isGradleTestConfiguration} from '../../lockfile-support/gradle-configurations.js'
import type {Component, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {
  exactMavenVersion,
  gradleStrictVersion,
  isGradleDynamicVersion,
  isVersionRange,
} from '../../lockfile-support/maven-version.js'
import {unresolvedVersion} from '../../lockfile-support/problems.js'
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {readProperties} from './properties.js'
import {mayBeRenamedBuildScript, renamedBuildScript} from './build-file-name.js'
import {type Token, type Tokens, tokenize} from '../../lockfile-support/groovy-tokenize.js'

export const discoverer: Discoverer = {
  id: 'gradle-build',
  description:
    'Gradle build scripts: build.gradle, build.gradle.kts, those a settings script renames, and the plugins of settings.gradle(.kts)',
  matches(file) {
    return (
      (/(^|\/)(build|settings)\.gradle(\.kts)?$/.test(file) || mayBeRenamedBuildScript(file)) &&
      !/(^|\/)node_modules\//.test(file)
    )
  },
  discover: ({file, text}, context) =>
    // `<folder>/<folder>.gradle(.kts)`: a build script only when the settings script names it so (./build-file-name.ts).
    /(^|\/)(build|settings)\.gradle(\.kts)?$/.test(file) || renamedBuildScript(file, context)
      ? discoverGradleBuild(file, text, context)
      : {components: []},
}

/** Group, artifact and plugin ids: what Gradle and Maven take (no spaces, no `:`), bounded. */
const ID = /^[A-Za-z0-9_.-]{1,200}$/
/** A group or artifact with a template left in it: ids and holes. */
const ID_WITH_HOLES = /^[A-Za-z0-9_.\uE000-]{1,200}$/

/** Stands in a value for a template or variable that could not be read (each one named, in order, in `missing`). */
const HOLE = '\uE000'
/** The longest value a variable or template may give (a version, a coordinate): far above any real one. */
const MAX_VALUE = 4096
/** The longest `${…}` template read. */
const MAX_TEMPLATE = 1000
/** Variables through variables (and templates in templates), at most. */
const MAX_DEPTH = 16
/** Evaluation steps for the whole file: a hostile file of variables made of variables stops here. */
const MAX_STEPS = 200_000
/**
 * The items of list variables given to configurations, for the whole file: a list of n items given n times is n²
 * coordinates. A budget of its own, so that the file's other dependencies are still evaluated once it is spent.
 */
const MAX_LIST_ITEMS = 20_000

/**
 * Configurations whose modules the build runs and never ships: the build script's `classpath`, annotation
 * processors and compiler plugins (`annotationProcessor`, `…AnnotationProcessor`, `kapt…`, `ksp…`), lint and code
 * quality tools (`lintChecks`, `detekt`, `detektPlugins`, `checkstyle`, `pmd`, `codenarc`, `spotbugs`,
 * `spotbugsPlugins`, `errorprone`, `ktlint…`, `jacocoAgent`, `jacocoAnt`, animalsniffer's `signature`), JMH
 * benchmarks (`jmh…`), Kotlin compiler
 * plugins, and Spring Boot's `developmentOnly` (left out of the application it packages). The configurations
 * gradle-lockfile counts as tools', as they are declared.
 */
const TOOL_CONFIGURATION = new RegExp(
  [
    '^(classpath|annotationProcessor|[A-Za-z0-9_]+AnnotationProcessor|kapt([A-Z][A-Za-z0-9]*)?|ksp([A-Z][A-Za-z0-9]*)?',
    '|lintChecks|detekt(Plugins)?|checkstyle|pmd|codenarc|spotbugs(Plugins)?|errorprone(Javac)?',
    '|ktlint[A-Za-z]*|jacoco(Agent|Ant)|signature|jmh([A-Z][A-Za-z]*)?|kotlinCompilerPluginClasspath[A-Za-z]*',
    '|developmentOnly)$',
  ].join(''),
)

/** Words that start a statement in a `dependencies {}` block that is not a declaration. */
/**
 * The methods of a dependency its own closure may call with a string (ExternalModuleDependency and its parents,
 * https://docs.gradle.org/current/dsl/org.gradle.api.artifacts.ExternalModuleDependency.html): no configurations.
 */
const DEPENDENCY_METHODS: ReadonlySet<string> = new Set([
  'because',
  'exclude',
  'version',
  'artifact',
  'attributes',
  'capabilities',
  'targetConfiguration',
  'setTargetConfiguration',
  'transitive',
  'setTransitive',
  'force',
  'setForce',
  'changing',
  'setChanging',
  'endorseStrictVersions',
  'doNotEndorseStrictVersions',
  'requireCapability',
  'requireCapabilities',
  'setReason',
  'strictly',
  'require',
  'prefer',
  'reject',
])

const NOT_CONFIGURATIONS = new Set([
  'def',
  'val',
  'var',
  'final',
  'const',
  'if',
  'else',
  'for',
  'while',
  'do',
  'when',
  'try',
  'return',
  'throw',
  'import',
  'println',
  'print',
  'apply',
  'exclude',
  'because',
  'constraints',
  'components',
  'modules',
  'attributesSchema',
  'artifactTypes',
  'registerTransform',
  'configurations',
  'project',
  'this',
])
/** Block headers whose body runs where they are (an `if` in `dependencies {}` declares dependencies too). */
const CONTROL = new Set(['if', 'else', 'for', 'while', 'do', 'try', 'catch', 'finally', 'when', 'switch'])
/** Declaration modifiers: `def x = …`, `val x = …`, `final String x = …`. */
const MODIFIERS = new Set([
  'def',
  'val',
  'var',
  'final',
  'const',
  'private',
  'public',
  'internal',
  'static',
  'lateinit',
])
/** Blocks where a plain `x = '1.0'` sets a project property. */
const PROPERTY_BLOCKS = new Set(['buildscript', 'allprojects', 'subprojects', 'ext'])
/** Calls whose first string names a block (`named("jvmTest") {`, `create("integrationTest") {`). */
const NAMING = new Set(['named', 'getByName', 'create', 'register', 'maybeCreate', 'getting', 'creating'])
/** Calls wrapping a dependency without changing what it is. */
const WRAPPERS = new Set(['platform', 'enforcedPlatform', 'testFixtures'])
/** Leading parts of a property's path that name where it is, not what: `project.ext.x`, `rootProject.extra["x"]`. */
const OWNERS = new Set([
  'project',
  'rootProject',
  'ext',
  'extra',
  'extraProperties',
  'extensions',
  'properties',
  'settings',
  'providers',
  'gradle',
])
/** Calls that read a property by its name: `property("x")`, `findProperty("x")`, `providers.gradleProperty("x")`. */
const PROPERTY_CALLS = new Set(['property', 'findProperty', 'getProperty', 'get', 'gradleProperty', 'getAt'])
/** Lines ending in one of these go on with the next. */
const CONTINUES_AFTER = new Set([',', '+', '.', '?.', '=', ':', '&&', '||', '->', '?:', '+='])
/** Lines starting with one of these continue the one before. */
const CONTINUES_BEFORE = new Set(['.', '?.', '?:', '&&', '||'])

/**
 * `catalogs`: a settings script's `dependencyResolutionManagement { versionCatalogs { … } }`; `catalog`: one catalog in
 * it (`libs { … }`, `create("libs") { … }`), whose `library`, `plugin` and `version` calls are read.
 */
type FrameKind = 'dependencies' | 'plugins' | 'ext' | 'closure' | 'catalogs' | 'catalog' | 'other'

/** An open block. */
interface Frame {
  kind: FrameKind
  label: string
  /** In a test source set's or suite's block (`commonTest.dependencies {`, `testing { suites { … } }`). */
  test: boolean
  /** In `buildscript { }`: the build script's own classpath. */
  buildscript: boolean
  /** Where a plain `x = '1.0'` sets a property: the top level, `ext {}`, `buildscript {}`, `allprojects {}`, `subprojects {}`. */
  properties: boolean
  top: boolean
  /** A block at the top level (`pluginManagement {`). */
  topChild: boolean
  /** In `allprojects {}` or `subprojects {}`: a closure parameter there (`proj ->`) is a project. */
  projects: boolean
  /**
   * In a dependency's own closure (`implementation(libs.zookeeper) { … }`): only a call of a configuration the
   * script's `dependencies {}` blocks declare with is read there (Groovy hands a call the dependency does not have to
   * the enclosing handler, which adds it); `exclude`, `because`, `transitive = false` and the rest are not.
   */
  ownClosure?: boolean
  /** In a catalog block: where its header starts (one catalog's `version` aliases are not another's). */
  catalog?: number
}

const TOP: Frame = {
  kind: 'other',
  label: '',
  test: false,
  buildscript: false,
  properties: true,
  top: true,
  topChild: false,
  projects: false,
}

type Why = 'unset' | 'catalog' | 'ambiguous' | 'cycle' | 'long' | 'expression'

/** A template or variable a value could not read: as written, and why. */
interface Missing {
  shown: string
  why: Why
}

/** A value: its text, a HOLE for each part that could not be read (named in `missing`, in order). */
interface Value {
  text: string
  missing: Missing[]
}

/** An assignment's value: the tokens it is written with. */
interface Definition {
  seq: Tokens
  start: number
  end: number
  /** The script that writes it: its value is evaluated there, where that script's `def` locals are visible. */
  owner: BuildScript
}

type Pending =
  | {kind: 'dependency'; start: number; end: number; frame: Frame}
  | {kind: 'plugin'; start: number; end: number}
  | {kind: 'catalog'; start: number; end: number; catalog: number}

export function discoverGradleBuild(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  return new BuildScript(file, text, context).read()
}

/** Scripts applied within scripts applied (`apply from:` in a script another applies): read this deep. */
const MAX_APPLIED_DEPTH = 8
/**
 * Applied scripts read for one build script, all depths together: scripts that each apply the next several times
 * would otherwise be read a number of times exponential in the depth.
 */
const MAX_APPLIED_READS = 64

/**
 * Where a script applied to another stands: how deep, the scripts above it, the one that applies it, and the reads
 * left to the build script they all serve (shared).
 */
interface Applying {
  depth: number
  chain: ReadonlySet<string>
  parent?: BuildScript
  reads: {left: number}
}

/** A script `apply from:` names, where it is in the tree (relative to the scan root), as written. */
interface Applied {
  path: string
  written: string
  line: number
}

/** Keys copied from a map variable to the names given it (`deps.kotlin = kotlin`), for one script. */
const MAX_COPIED = 100_000
/** The deepest folder whose build script a subproject's sees (folders from the scan root). */
const MAX_FOLDER_DEPTH = 32
/** Scripts a name is looked for in, above one (the applying ones, the folders' above). */
const MAX_PROVIDERS = 64
/** The build scripts of the folders above a build script, read once a run (null: no script there). */
const folderScripts = new WeakMap<DiscoverContext, Map<string, BuildScript | null>>()
/** The catalogs each build root's settings script declares (settingsCatalogs), read once per scan and root. */
const rootCatalogs = new WeakMap<DiscoverContext, Map<string, ReadonlySet<string>>>()

/** Templates for the root project's folder and this project's, as `apply from:` paths start with them. */
const ROOT_DIR = new Set(['rootDir', 'rootProject.rootDir', 'rootProject.projectDir', 'project.rootDir'])
const PROJECT_DIR = new Set(['projectDir', 'project.projectDir'])

const isPunct = (token: Token | undefined, value: string): boolean =>
  token !== undefined && token.kind === 'punct' && token.value === value
const isIdent = (token: Token | undefined, value?: string): boolean =>
  token !== undefined && token.kind === 'ident' && (value === undefined || token.value === value)
/** A string without templates. */
const isPlainString = (token: Token | undefined): boolean =>
  token !== undefined && token.kind === 'string' && (token.parts ?? []).every((part) => 'text' in part)

const hole = (shown: string, why: Why): Value => ({text: HOLE, missing: [{shown: elide(shown, 200), why}]})

class BuildScript {
  private readonly kotlin: boolean
  private readonly settings: boolean
  private readonly seq: Tokens
  private readonly variables = new Map<string, Definition[]>()
  private readonly memo = new Map<string, Value | 'cycle'>()
  private properties?: Map<string, string>
  private steps = MAX_STEPS
  /** listOf(name) of each list variable a dependency names, found once (its items are charged to `listItems` at each use). */
  private readonly lists = new Map<string, Value[] | undefined>()
  private listItems = MAX_LIST_ITEMS
  /** Whether `listItems` ran out (said once, where it did). */
  private listsSpent = false
  private readonly pending: Pending[] = []
  private readonly configurations = new Set<string>()
  private readonly components: Component[] = []
  private readonly skipped: Skipped[] = []
  /**
   * Dependencies written as a name this file does not define (`libs.metrics`, `deps.guava`), by the name's first part
   * (a catalog's name, `libs`): counted, reported once.
   */
  private readonly undefinedAccessors = new Map<string, {count: number; first: {shown: string; line: number}}>()
  /** Dependencies given as a call of a function the script defines (`ktor("server-core")`): counted, reported once. */
  private readonly computed: {count: number; first?: {shown: string; line: number}} = {count: 0}
  /** The functions the script defines (Kotlin `fun name(`, Groovy `def name(`), once found. */
  private definedFunctions?: ReadonlySet<string>
  /** The build script of the nearest folder above (null: none), once looked for. */
  private parentFolderScript?: BuildScript | null

  /** The scripts `apply from:` names that are in the tree, read once this one's variables are known. */
  private readonly applied: Applied[] = []
  /**
   * Names declared with `def`, `val`, a type…: local variables, "only visible in the scope where they have been
   * declared" (https://docs.gradle.org/current/userguide/writing_build_scripts.html#sec:local_variables), so neither
   * a script this one applies, nor the one applying it, nor a subproject sees them (nor the keys of their maps).
   */
  private readonly locals = new Set<string>()
  /** `deps.kotlin = kotlin`, `ext.deps = [build: build]`: a name given another variable of this script (a map), in order. */
  private readonly aliases: Array<[string, string]> = []
  /** The `version("alias", …)` calls of this settings script's catalogs, by catalog (its header's start) and alias. */
  private readonly catalogVersions = new Map<string, Value>()

  constructor(
    private readonly file: string,
    text: string,
    private readonly context: DiscoverContext,
    private readonly applying: Applying = {depth: 0, chain: new Set([file]), reads: {left: MAX_APPLIED_READS}},
  ) {
    this.kotlin = file.endsWith('.kts')
    this.settings = /(^|\/)settings\.gradle(\.kts)?$/.test(file)
    this.seq = tokenize(text, this.kotlin)
  }

  read(): DiscoverOutput {
    this.variablesOnly()
    // The configurations the `dependencies {}` blocks declare with, for the calls inside a dependency's own closure.
    for (const statement of this.pending)
      if (statement.kind === 'dependency' && !statement.frame.ownClosure) {
        const head = this.seq.tokens[statement.start]
        if (head?.kind === 'ident' && !NOT_CONFIGURATIONS.has(head.value)) this.configurations.add(head.value)
      }
    // A catalog's `version("alias", "1.0")` calls first: its libraries and plugins name them wherever they stand.
    for (const statement of this.pending) if (statement.kind === 'catalog') this.catalogVersion(statement)
    for (const statement of this.pending) {
      if (statement.kind === 'dependency') this.dependency(statement.start, statement.end, statement.frame)
      else if (statement.kind === 'plugin') this.plugin(statement.start, statement.end)
      else this.catalogEntry(statement)
    }
    this.reportUndefinedAccessors()
    this.reportComputed()
    return {components: this.components, skipped: this.skipped, errors: []}
  }

  /** This script's variables, those of the scripts it applies included; its dependencies not read. */
  private variablesOnly(): void {
    this.walk()
    this.copyAliases()
    this.readApplied()
  }

  /**
   * A map assigned another map variable of the script (`def kotlin = [:]; kotlin.plugin = "g:a:$v"; deps.kotlin =
   * kotlin`, android/architecture-components-samples' versions.gradle), or a map literal whose values are map
   * variables (`ext.deps = ["build": build]`, uber/NullAway's dependencies.gradle): in Groovy both hold the same map,
   * so `deps.kotlin.plugin` is `kotlin.plugin`. Its keys are copied under the new name (their definitions still
   * evaluated where they are written), in the order the assignments are written, 4 levels deep, bounded.
   */
  private copyAliases(): void {
    if (this.aliases.length === 0) return
    // Each name under its parent, and each parent under its own (`test.junit.api` under `test.junit`, under `test`).
    const children = new Map<string, string[]>()
    const indexed = new Set<string>()
    const index = (name: string) => {
      for (let dot = name.lastIndexOf('.'); dot > 0 && !indexed.has(name); dot = name.lastIndexOf('.')) {
        indexed.add(name)
        const parent = name.slice(0, dot)
        const list = children.get(parent)
        if (list === undefined) children.set(parent, [name])
        else list.push(name)
        name = parent
      }
    }
    for (const name of this.variables.keys()) index(name)
    let budget = MAX_COPIED
    const copy = (to: string, from: string, depth: number) => {
      const list = children.get(from)
      if (list === undefined || depth > 4) return
      for (let c = 0; c < list.length && budget > 0; c++) {
        const child = list[c]
        const name = to + child.slice(from.length)
        if (name.length > 200) continue
        budget--
        for (const definition of this.variables.get(child) ?? []) this.add(name, definition)
        index(name)
        copy(name, child, depth + 1)
      }
    }
    for (const [to, from] of this.aliases) if (to !== from && !to.startsWith(`${from}.`)) copy(to, from, 0)
  }

  /** Whether another script sees this name: a property of the project (`ext`, `extra`, a map key set on one), no local. */
  private exports(name: string): boolean {
    if (!this.variables.has(name)) return false
    const dot = name.indexOf('.')
    return !this.locals.has(dot === -1 ? name : name.slice(0, dot))
  }

  /**
   * The script that gives a name this one does not define: the one applying this one (then the one applying that…),
   * then, from the build script a project is configured with, the build scripts of the folders above it, nearest
   * first (a subproject sees its parent projects' properties; Renovate's gradle manager merges the variables of the
   * parent folders' scripts into a build file's, lib/modules/manager/gradle/utils.ts getVars). Only what they
   * export: never their `def` locals.
   */
  private provider(name: string): BuildScript | undefined {
    let hops = 0
    for (let script = this.next(); script !== undefined && hops < MAX_PROVIDERS; script = script.next(), hops++)
      if (script.exports(name)) return script
    return undefined
  }

  private next(): BuildScript | undefined {
    return this.applying.parent ?? this.folderParent()
  }

  /** Whether a name is known here: this script's (and what it applies), or one it is given. */
  private knows(name: string): boolean {
    return this.variables.has(name) || this.provider(name) !== undefined
  }

  /**
   * The build script of the nearest folder above this one's (`build.gradle` before `build.gradle.kts`), read once a
   * run for every script below it: its variables only, what it applies included. A settings script, a script
   * applied to another and buildSrc's (a build of its own) have none.
   */
  private folderParent(): BuildScript | undefined {
    if (this.settings || this.applying.depth > 0 || /(^|\/)buildSrc\//.test(this.file)) return undefined
    if (this.parentFolderScript !== undefined) return this.parentFolderScript ?? undefined
    this.parentFolderScript = null
    let cache = folderScripts.get(this.context)
    if (cache === undefined) {
      cache = new Map()
      folderScripts.set(this.context, cache)
    }
    let dir = posix.dirname(this.file)
    while (dir !== '.' && dir !== '/' && dir !== '') {
      dir = posix.dirname(dir)
      // Scripts more than 32 folders deep give none: a chain of parents (each read in turn) stays short.
      if (dir !== '.' && dir.split('/').length > MAX_FOLDER_DEPTH) continue
      for (const name of ['build.gradle', 'build.gradle.kts']) {
        const path = dir === '.' ? name : dir === '/' ? `/${name}` : `${dir}/${name}`
        let script = cache.get(path)
        if (script === undefined) {
          const text = this.context.exists?.(path) === false ? null : this.context.readText(path)
          script = text === null ? null : new BuildScript(path, text, this.context)
          // Set before reading: a script reads its own folder parent in turn, above it.
          cache.set(path, script)
          script?.variablesOnly()
        }
        if (script !== null) {
          this.parentFolderScript = script
          return script
        }
      }
    }
    return undefined
  }

  /**
   * The names of the functions the script defines: Kotlin's `fun ktor(name: String) = "io.ktor:ktor-$name:$ktor"`
   * (an extension `fun String.x(` is not looked at), Groovy's `def dep(name) {…}`. One pass over the tokens.
   */
  private functions(): ReadonlySet<string> {
    if (this.definedFunctions !== undefined) return this.definedFunctions
    const names = new Set<string>()
    const {tokens} = this.seq
    const keyword = this.kotlin ? 'fun' : 'def'
    for (let t = 0; t + 2 < tokens.length; t++)
      if (isIdent(tokens[t], keyword) && isIdent(tokens[t + 1]) && isPunct(tokens[t + 2], '('))
        names.add(tokens[t + 1].value)
    this.definedFunctions = names
    return names
  }

  /**
   * Dependencies the script computes by calling a function of its own (`compileOnly(ktor("server-core"))` with
   * `fun ktor(name: String) = "io.ktor:ktor-$name:$ktor"`): the script is never run, so what the call returns is not
   * known. Said once, with how many and the first, rather than passed over as `project(":x")` is.
   */
  private reportComputed(): void {
    const {count, first} = this.computed
    if (count === 0 || first === undefined) return
    this.skipped.push({
      file: this.file,
      line: first.line,
      reason: 'unsupported',
      message: `${count === 1 ? 'a dependency is' : `${count} dependencies are`} computed by a function this script defines (the first ${elide(first.shown, 200)}), which is not run: not listed`,
    })
  }

  /**
   * Dependencies written as names this file does not define are passed over: a version catalog's accessors
   * (`libs.x`, listed by gradle-version-catalog from `gradle/libs.versions.toml`), or a map another script defines.
   * Without a catalog in the tree at Gradle's default place, nothing else lists them: said once, with how many.
   */
  private reportUndefinedAccessors(): void {
    if (this.undefinedAccessors.size === 0) return
    for (const path of pathsAbove(this.file, 'gradle/libs.versions.toml')) if (this.context.exists?.(path)) return
    // A catalog the settings script declares (`versionCatalogs { create("libs") { library(…) } }`): read there, its
    // entries listed. Only the accessors of the catalogs it names are; `deps.x` beside a catalog `libs` is said.
    const declared = this.settingsCatalogs()
    let count = 0
    let first: {shown: string; line: number} | undefined
    for (const [root, seen] of this.undefinedAccessors) {
      if (declared.has(root)) continue
      count += seen.count
      if (first === undefined || seen.first.line < first.line) first = seen.first
    }
    if (count === 0 || first === undefined) return
    this.skipped.push({
      file: this.file,
      line: first.line,
      reason: 'unsupported',
      message: `${count === 1 ? 'a dependency is' : `${count} dependencies are`} written as names this file does not define (the first ${elide(first.shown, 200)}) and no version catalog is at gradle/libs.versions.toml: not listed (names of a map this reader does not follow, or that buildSrc defines)`,
    })
  }

  // ---- Statements and blocks ----

  /**
   * One pass over the statements: blocks opened and closed, assignments recorded as variables, the statements of
   * `dependencies {}` and `plugins {}` blocks kept to read once every variable of the file is known.
   */
  private walk(): void {
    const {tokens} = this.seq
    const stack: Frame[] = [TOP]
    let i = 0
    while (i < tokens.length) {
      const token = tokens[i]
      if (token.kind === 'newline' || isPunct(token, ';')) {
        i++
        continue
      }
      if (isPunct(token, '}')) {
        if (stack.length > 1) stack.pop()
        i++
        continue
      }
      const frame = stack[stack.length - 1]
      const end = this.statementEnd(i)
      const opens = end < tokens.length && isPunct(tokens[end], '{')
      if (end > i) this.statement(i, end, frame, opens)
      if (opens) {
        stack.push(this.child(frame, i, end))
        i = end + 1
      } else i = Math.max(end, i + 1)
    }
  }

  /**
   * Where the statement from `start` ends: a line break (unless the line goes on: it ends in `,`, `+`, `=`… or the
   * next starts with `.`), `;`, `}`, or a `{` opening a block (the statement is then its header). Bracketed groups are
   * passed over whole.
   */
  private statementEnd(start: number): number {
    const {tokens, match} = this.seq
    let last: Token | undefined
    let j = start
    while (j < tokens.length) {
      const token = tokens[j]
      if (token.kind === 'newline') {
        if (last !== undefined && last.kind === 'punct' && CONTINUES_AFTER.has(last.value)) {
          j++
          continue
        }
        let next = j + 1
        while (next < tokens.length && tokens[next].kind === 'newline') next++
        const after = tokens[next]
        if (after !== undefined && after.kind === 'punct' && CONTINUES_BEFORE.has(after.value)) {
          j = next
          continue
        }
        return j
      }
      if (token.kind === 'punct') {
        const value = token.value
        if (value === ';' || value === '}' || value === '{') return j
        if ((value === '(' || value === '[') && match[j] > j) {
          last = tokens[match[j]]
          j = match[j] + 1
          continue
        }
      }
      last = token
      j++
    }
    return tokens.length
  }

  private statement(start: number, end: number, frame: Frame, opens: boolean): void {
    if (frame.kind === 'closure') return
    if (frame.kind === 'catalog' && frame.catalog !== undefined) {
      // A header too: `library(…).version {` opens a rich version.
      this.pending.push({kind: 'catalog', start, end, catalog: frame.catalog})
      return
    }
    // In a dependency's own closure an assignment sets the dependency's property (`transitive = false`), no variable.
    if (frame.ownClosure) {
      this.pending.push({kind: 'dependency', start, end, frame})
      return
    }
    if (this.appliedScript(start, end, frame)) return
    if (this.assignment(start, end, frame, opens)) return
    if (frame.kind === 'dependencies') this.pending.push({kind: 'dependency', start, end, frame})
    else if (frame.kind === 'plugins') this.pending.push({kind: 'plugin', start, end})
  }

  /**
   * `apply from: 'gradle/dependencies.gradle'` (Groovy) or `apply(from = "…")` (Kotlin): a script applied to this one
   * (https://docs.gradle.org/current/userguide/plugins.html#sec:script_plugins), read as Renovate's gradle manager
   * reads it: its variables are this script's (Kafka's `versions` and `libs` maps) and its own dependencies are
   * listed where it writes them. A path relative to this script's folder, to `$rootDir` (the nearest folder above
   * with a settings script) or `$projectDir`, in `file(…)` or `rootProject.file(…)` too, is read when it is in the
   * scanned tree; anything else (a URL, a path computed otherwise or leaving the tree) is reported, not fetched.
   */
  private appliedScript(start: number, end: number, frame: Frame): boolean {
    const {tokens} = this.seq
    // `project.apply from: …`, and `proj.apply from: …` in `allprojects { proj -> … }` or `subprojects {}` (the
    // project the closure configures): the same script applied to a project.
    if (isIdent(tokens[start]) && isPunct(tokens[start + 1], '.') && isIdent(tokens[start + 2], 'apply')) {
      const receiver = tokens[start].value
      const from = isPunct(tokens[start + 3], '(') ? start + 4 : start + 3
      if (!isIdent(tokens[from], 'from') || from >= end) return false
      if (receiver !== 'project' && receiver !== 'rootProject' && !frame.projects) {
        const target = tokens[from + 2]
        const written = target?.kind === 'string' && from + 2 < end ? (target.raw ?? target.value) : undefined
        this.reportApplied(
          tokens[start].line,
          written,
          `to ${elide(receiver, 100)}, an object stewards does not follow`,
        )
        return true
      }
      start += 2
    }
    if (!isIdent(tokens[start], 'apply')) return false
    const from = isPunct(tokens[start + 1], '(') ? start + 2 : start + 1
    if (!isIdent(tokens[from], 'from') || from >= end) return false
    let at = from + 2
    let base: 'script' | 'root' = 'script'
    // `file('…')`, `project.file("…")`, `rootProject.file('…')`.
    if (isIdent(tokens[at], 'rootProject') && isPunct(tokens[at + 1], '.')) {
      base = 'root'
      at += 2
    } else if (isIdent(tokens[at], 'project') && isPunct(tokens[at + 1], '.')) at += 2
    if (isIdent(tokens[at], 'file') && isPunct(tokens[at + 1], '(')) at += 2
    else if (base === 'root') at = -1
    const target = at >= 0 && at < end ? tokens[at] : undefined
    const written = target?.kind === 'string' ? (target.raw ?? target.value) : undefined
    const line = tokens[start].line
    const where = target?.kind === 'string' ? this.appliedPath(target, base) : {why: 'a path computed in the script'}
    if ('path' in where) {
      // Read once per chain: a script that applies itself, or one above it, again adds nothing.
      if (!this.applying.chain.has(where.path) && !this.applied.some((applied) => applied.path === where.path))
        this.applied.push({path: where.path, written: written ?? '', line})
      return true
    }
    this.reportApplied(line, written, where.why)
    return true
  }

  /** Where an applied script's path (a string) is in the tree, or why it is not read. */
  private appliedPath(token: Token, base: 'script' | 'root'): {path: string} | {why: string} {
    const parts = token.parts ?? []
    let rest = token.value
    if (parts.length > 0 && !parts.every((part) => 'text' in part)) {
      const [first, ...others] = parts
      if ('text' in first || !others.every((part) => 'text' in part)) return {why: 'a path computed in the script'}
      if (ROOT_DIR.has(first.expr)) base = 'root'
      else if (!PROJECT_DIR.has(first.expr)) return {why: 'a path computed in the script'}
      rest = others.map((part) => ('text' in part ? part.text : '')).join('')
      if (!rest.startsWith('/')) return {why: 'a path computed in the script'}
      rest = rest.slice(1)
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) return {why: 'a script at a URL, which stewards does not fetch'}
    else if (rest.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rest))
      return {why: 'an absolute path, outside the scanned tree'}
    const dir = base === 'root' ? this.rootDir() : posix.dirname(this.file)
    const path = posix.normalize(dir === '.' ? rest : `${dir}/${rest}`)
    if (path === '..' || path.startsWith('../') || path === '.' || rest === '')
      return {why: 'a path outside the scanned tree'}
    if (this.applying.depth >= MAX_APPLIED_DEPTH) return {why: `applied more than ${MAX_APPLIED_DEPTH} scripts deep`}
    return {path}
  }

  /** The root project's folder: the nearest folder at or above this script's with a settings script, else its own. */
  private rootDir(): string {
    for (const name of ['settings.gradle', 'settings.gradle.kts'])
      for (const path of pathsAbove(this.file, name))
        if (this.context.exists?.(path) ?? this.context.readText(path) !== null) return posix.dirname(path)
    return posix.dirname(this.file)
  }

  private reportApplied(line: number, written: string | undefined, why: string): void {
    const what = written === undefined ? '' : ` "${elide(written, 200)}"`
    this.skipped.push({
      file: this.file,
      line,
      reason: 'unsupported',
      message: `applies another script${what} (apply from), ${why}: the dependencies and variables it declares are not read, so dependencies written with them here are not listed`,
    })
  }

  /**
   * The scripts applied to this one, in order: each read as a build script whose variables this one's may name (and
   * which may name this one's), its dependencies listed at their own file and lines.
   */
  private readApplied(): void {
    for (const {path, written, line} of this.applied) {
      if (this.applying.reads.left <= 0) {
        this.reportApplied(line, written, `past the ${MAX_APPLIED_READS} applied scripts read for one build script`)
        continue
      }
      this.applying.reads.left--
      const text = this.context.readText(path)
      if (text === null) {
        // A missing script is said here; one there but unreadable is the context's error (told once).
        if (!this.context.exists?.(path)) this.reportApplied(line, written, 'which is not in the scanned tree')
        continue
      }
      const chain = new Set(this.applying.chain).add(path)
      const {reads} = this.applying
      const script = new BuildScript(path, text, this.context, {
        depth: this.applying.depth + 1,
        chain,
        parent: this,
        reads,
      })
      const out = script.read()
      appendAll(this.components, out.components)
      appendAll(this.skipped, out.skipped ?? [])
      // What it exports (its project's properties) is this script's too; its `def` locals are not.
      for (const [name, definitions] of script.variables)
        if (script.exports(name)) for (const definition of definitions) this.add(name, definition)
      this.memo.clear()
    }
  }

  /** The block a header opens: what is read in it. */
  private child(frame: Frame, start: number, end: number): Frame {
    const {tokens, match} = this.seq
    // Nothing is read inside a closure: the same frame serves every block in it (100,000 nested braces).
    if (frame.kind === 'closure') return frame
    let label = ''
    let test = false
    for (let j = start; j < end; ) {
      const token = tokens[j]
      if (token.kind === 'ident') {
        label = token.value
        if (isGradleTestConfiguration(token.value)) test = true
        const named = tokens[j + 2]
        if (
          NAMING.has(token.value) &&
          isPunct(tokens[j + 1], '(') &&
          named?.kind === 'string' &&
          isGradleTestConfiguration(named.value)
        )
          test = true
      } else if ((isPunct(token, '(') || isPunct(token, '[')) && match[j] > j && match[j] < end) {
        j = match[j] + 1
        continue
      }
      j++
    }
    const control = start < end && CONTROL.has(tokens[start].value) && tokens[start].kind === 'ident'
    // What a block inside `dependencies {}` or `plugins {}` holds is not read (a dependency's own closure,
    // `constraints {}`), unless the block is an `if`, a loop or a `try`.
    const closure: Frame = {...frame, kind: 'closure', properties: false, top: false, topChild: false}
    // A dependency's own closure (its header a declaration: `implementation(libs.zookeeper) {`) is read for the
    // configuration calls in it; a block in it (`version { … }`) and any other block are not.
    if (frame.kind === 'dependencies' && !control && !frame.ownClosure) {
      const head = tokens[start]
      if (head?.kind === 'ident' && !NOT_CONFIGURATIONS.has(head.value) && end > start + 1)
        return {...closure, kind: 'dependencies', ownClosure: true}
    }
    if (frame.kind === 'dependencies' || frame.kind === 'plugins' || frame.kind === 'catalog')
      return control && !frame.ownClosure ? frame : closure
    if (control) return {...frame, top: false}
    // One catalog of `versionCatalogs {}` (`libs {`, `create("libs") {`), named as its header names it.
    if (frame.kind === 'catalogs') return {...closure, kind: 'catalog', catalog: start}
    let kind: FrameKind = 'other'
    if (label === 'dependencies' && !this.settings) kind = 'dependencies'
    else if (
      label === 'versionCatalogs' &&
      this.settings &&
      frame.topChild &&
      frame.label === 'dependencyResolutionManagement'
    )
      kind = 'catalogs'
    else if (label === 'plugins' && (frame.top || (frame.topChild && frame.label === 'pluginManagement')))
      kind = 'plugins'
    else if (label === 'ext') kind = 'ext'
    return {
      kind,
      label,
      test: frame.test || test,
      buildscript: frame.buildscript || label === 'buildscript',
      properties: kind === 'ext' || (frame.top && PROPERTY_BLOCKS.has(label)),
      top: false,
      topChild: frame.top,
      projects: frame.projects || label === 'allprojects' || label === 'subprojects',
    }
  }

  // ---- Variables ----

  /**
   * Records an assignment as a variable and says whether the statement was one: `def x = '1.0'`, `val x = "1.0"`,
   * `String x = '1.0'`, `ext.x = '1.0'`, `project.ext.x = …`, `extra["x"] = "1.0"`, `ext['x'] = …`, `x = '1.0'` where
   * it sets a property (see Frame.properties), `ext.set('x', '1.0')`, `val x by extra("1.0")`; a Groovy map
   * (`ext.versions = [kotlin: '1.9.0']`) as one variable per key (`versions.kotlin`).
   */
  private assignment(start: number, end: number, frame: Frame, opens: boolean): boolean {
    const {tokens, match} = this.seq
    let equals = -1
    let adds = false
    for (let j = start; j < end; ) {
      if (isPunct(tokens[j], '=') || isPunct(tokens[j], '+=')) {
        equals = j
        adds = tokens[j].value === '+='
        break
      }
      if ((isPunct(tokens[j], '(') || isPunct(tokens[j], '[')) && match[j] > j) j = match[j] + 1
      else j++
    }
    let k = start
    while (k < end && tokens[k].kind === 'ident' && MODIFIERS.has(tokens[k].value)) k++
    const declared = k > start
    if (equals === -1) return this.setCall(start, end, frame) || this.delegated(k, end, declared)
    if (opens || equals + 1 >= end) return true
    // `versions += [kotlin: '1.9.0']` (Kafka's gradle/dependencies.gradle) adds keys to a map; any other `+=` no value.
    if (adds) {
      const path = declared ? null : this.path(this.seq, start, equals)
      if (path !== null && (frame.properties || OWNERS.has(path[0]))) this.define(ownName(path), equals + 1, end, true)
      return true
    }
    let name: string | undefined
    let local = false
    const left = equals - k
    if (declared || (left === 2 && isIdent(tokens[k]) && isIdent(tokens[k + 1]))) {
      local = true
      // `x`, `String x` (Groovy), `x: String` or `x: String?` (Kotlin).
      if (left === 1 && isIdent(tokens[k])) name = tokens[k].value
      else if (left === 2 && isIdent(tokens[k]) && isIdent(tokens[k + 1])) name = tokens[k + 1].value
      else if (left >= 3 && isIdent(tokens[k]) && isPunct(tokens[k + 1], ':')) name = tokens[k].value
    } else {
      const path = this.path(this.seq, start, equals)
      if (path === null) return true
      if (!frame.properties && !OWNERS.has(path[0])) return true
      name = ownName(path)
    }
    if (name !== undefined) {
      if (local) this.locals.add(name)
      const aliases = this.aliases.length
      this.define(name, equals + 1, end)
      // `ext.deps = deps` after `def deps = [:]` (android/architecture-components-samples' versions.gradle): the
      // project's `deps` is now that map, its keys seen by other scripts.
      const alias = this.aliases[aliases]
      if (!local && alias !== undefined && alias[0] === name && alias[1] === name) this.locals.delete(name)
    }
    return true
  }

  /** `ext.set('x', '1.0')`, `extra.set("x", "1.0")`, `project.ext.set(…)`, `set('x', …)` in `ext {}`. */
  private setCall(start: number, end: number, frame: Frame): boolean {
    const {tokens, match} = this.seq
    let j = start
    while (j + 1 < end && isIdent(tokens[j]) && OWNERS.has(tokens[j].value) && isPunct(tokens[j + 1], '.')) j += 2
    if (!isIdent(tokens[j], 'set') || !isPunct(tokens[j + 1], '(') || (j === start && frame.kind !== 'ext'))
      return false
    const close = match[j + 1]
    if (close === -1 || close >= end || !isPlainString(tokens[j + 2]) || !isPunct(tokens[j + 3], ',')) return false
    this.define(tokens[j + 2].value, j + 4, close)
    return true
  }

  /** `val x by extra("1.0")` (Kotlin). */
  private delegated(k: number, end: number, declared: boolean): boolean {
    const {tokens, match} = this.seq
    if (!declared || !isIdent(tokens[k])) return false
    let j = k + 1
    if (isPunct(tokens[j], ':')) j += 2
    if (!isIdent(tokens[j], 'by') || !isIdent(tokens[j + 1], 'extra') || !isPunct(tokens[j + 2], '(')) return false
    const close = match[j + 2]
    if (close === -1 || close >= end) return false
    this.define(tokens[k].value, j + 3, close)
    return true
  }

  /** A variable's definition; a Groovy map literal defines one per key (only those, with `mapOnly`). */
  private define(name: string, start: number, end: number, mapOnly = false, depth = 0): void {
    const {tokens, match} = this.seq
    while (start < end && tokens[start].kind === 'newline') start++
    while (end > start && tokens[end - 1].kind === 'newline') end--
    if (isPunct(tokens[start], '[') && match[start] === end - 1) {
      const entries = this.arguments(this.seq, start + 1, match[start])
      let map = false
      for (const [a, b] of entries) {
        const key = tokens[a]
        if ((key.kind === 'ident' || isPlainString(key)) && isPunct(tokens[a + 1], ':') && a + 2 < b) {
          map = true
          // A map in the map (`[kotlin: [plugin: '…']]`) is a variable per key too, 4 levels deep.
          if (depth < 4) this.define(`${name}.${key.value}`, a + 2, b, false, depth + 1)
          else this.add(`${name}.${key.value}`, {seq: this.seq, start: a + 2, end: b, owner: this})
        }
      }
      if (map) return
    }
    if (mapOnly) return
    this.add(name, {seq: this.seq, start, end, owner: this})
    const path = this.path(this.seq, start, end)
    if (path !== null && this.aliases.length < MAX_COPIED) this.aliases.push([name, ownName(path)])
  }

  private add(name: string, definition: Definition): void {
    if (name.length > 200) return
    const definitions = this.variables.get(name)
    if (definitions === undefined) this.variables.set(name, [definition])
    // Past a few definitions the name is ambiguous anyway: kept bounded.
    else if (definitions.length < 8) definitions.push(definition)
  }

  /**
   * A property path: `a.b.c`, with `[ 'key' ]` subscripts and `property("key")`-like calls as parts; null for
   * anything else.
   */
  private path(seq: Tokens, start: number, end: number): string[] | null {
    const {tokens, match} = seq
    const parts: string[] = []
    let j = start
    while (j < end) {
      const token = tokens[j]
      if (token.kind === 'ident') {
        if (isPunct(tokens[j + 1], '(') && j + 1 < end) {
          const close = match[j + 1]
          if (!PROPERTY_CALLS.has(token.value) || close !== j + 3 || !isPlainString(tokens[j + 2])) return null
          parts.push(tokens[j + 2].value)
          j = close + 1
        } else {
          parts.push(token.value)
          j++
        }
      } else if (isPunct(token, '[') && parts.length > 0) {
        if (match[j] !== j + 2 || !isPlainString(tokens[j + 1])) return null
        parts.push(tokens[j + 1].value)
        j += 3
      } else return null
      if (j >= end) break
      if (isPunct(tokens[j], '.') || isPunct(tokens[j], '?.')) {
        j++
        if (j >= end) return null
      } else if (!isPunct(tokens[j], '[')) return null
    }
    return parts.length > 0 ? parts : null
  }

  /** The value an expression gives: strings (their templates filled in), numbers, variables, joined by `+`. */
  private evaluate(seq: Tokens, start: number, end: number, depth: number): Value | null {
    const {tokens, match} = seq
    while (start < end && tokens[start].kind === 'newline') start++
    while (end > start && tokens[end - 1].kind === 'newline') end--
    if (start >= end) return null
    if (depth > MAX_DEPTH || --this.steps < 0) return hole(source(seq, start, end), 'expression')
    // `findProperty("x") ?: "1.0"`: the default where the left side is not set here.
    for (let j = start; j < end; ) {
      const token = tokens[j]
      if (isPunct(token, '?:')) {
        const left = this.evaluate(seq, start, j, depth + 1)
        if (left !== null && left.missing.length === 0) return left
        return this.evaluate(seq, j + 1, end, depth + 1) ?? left
      }
      if ((isPunct(token, '(') || isPunct(token, '[') || isPunct(token, '{')) && match[j] > j && match[j] < end)
        j = match[j] + 1
      else j++
    }
    const terms = splitTopLevel(seq, start, end, '+')
    if (terms.length === 1) return this.term(seq, start, end, depth)
    let text = ''
    const missing: Missing[] = []
    let looked = false
    for (const [a, b] of terms) {
      const value = this.term(seq, a, b, depth) ?? hole(source(seq, a, b), 'expression')
      if (value.missing.length > 0 || !(b === a + 1 && tokens[a].kind !== 'ident')) looked = true
      text += value.text
      for (const item of value.missing) missing.push(item)
      if (looked && text.length > MAX_VALUE) return hole(source(seq, start, end), 'long')
    }
    return {text, missing}
  }

  /** One term: a string, a number, a parenthesised expression, a variable or property. */
  private term(seq: Tokens, start: number, end: number, depth: number): Value | null {
    const {tokens, match} = seq
    while (start < end && tokens[start].kind === 'newline') start++
    // What converts without changing the text: `as String`, `!!`, `.toString()`, a provider's `.get()`.
    for (;;) {
      while (end > start && tokens[end - 1].kind === 'newline') end--
      if (end - start > 1 && isPunct(tokens[end - 1], '!!')) end--
      else if (end - start > 2 && isIdent(tokens[end - 2], 'as')) end -= 2
      else if (end - start > 3 && isPunct(tokens[end - 1], '?') && isIdent(tokens[end - 3], 'as')) end -= 3
      else if (
        end - start > 4 &&
        isPunct(tokens[end - 1], ')') &&
        isPunct(tokens[end - 2], '(') &&
        (isIdent(tokens[end - 3], 'toString') || isIdent(tokens[end - 3], 'get')) &&
        isPunct(tokens[end - 4], '.')
      )
        end -= 4
      else break
    }
    if (start >= end) return null
    const first = tokens[start]
    if (end === start + 1 && first.kind === 'string') return this.interpolate(first, depth)
    if (end === start + 1 && first.kind === 'number') return {text: first.value, missing: []}
    if (isPunct(first, '(') && match[start] === end - 1) return this.evaluate(seq, start + 1, end - 1, depth + 1)
    const path = this.path(seq, start, end)
    return path === null ? null : this.lookup(ownName(path), path.join('.'), depth)
  }

  /** A string's text, its templates filled in. */
  private interpolate(token: Token, depth: number): Value {
    const parts = token.parts ?? []
    if (parts.every((part) => 'text' in part)) return {text: token.value, missing: []}
    let text = ''
    const missing: Missing[] = []
    for (const part of parts) {
      if ('text' in part) {
        text += part.text
        continue
      }
      const value = part.braces
        ? this.template(part.expr, depth)
        : this.lookup(ownName(part.expr.split('.')), `$${part.expr}`, depth)
      if (text.length + value.text.length > MAX_VALUE) {
        // What is before it is kept (a coordinate's group and artifact); the rest is one part that is too long.
        missing.push(hole(token.raw ?? '', 'long').missing[0])
        return {text: text + HOLE, missing}
      }
      text += value.text
      for (const item of value.missing) missing.push(item)
    }
    return {text, missing}
  }

  /** `${expression}`. */
  private template(expression: string, depth: number): Value {
    const shown = `\${${expression}}`
    if (expression.length > MAX_TEMPLATE || depth > MAX_DEPTH) return hole(shown, 'expression')
    const seq = tokenize(expression, this.kotlin)
    const value = this.evaluate(seq, 0, seq.tokens.length, depth + 1)
    if (value === null) return hole(shown, 'expression')
    // A template that is one variable not read is shown as written: `${version}`.
    return value.text === HOLE && value.missing.length === 1 ? hole(shown, value.missing[0].why) : value
  }

  /**
   * A variable of the file (every definition giving the same value), else a property of the nearest
   * gradle.properties above the file that has it.
   */
  private lookup(name: string, shown: string, depth: number): Value {
    const known = this.memo.get(name)
    if (known === 'cycle') return hole(shown, 'cycle')
    if (known !== undefined) return known
    const definitions = this.variables.get(name)
    if (definitions !== undefined) {
      this.memo.set(name, 'cycle')
      let value: Value | undefined
      for (const definition of definitions) {
        const found =
          definition.owner.evaluate(definition.seq, definition.start, definition.end, depth + 1) ??
          hole(source(definition.seq, definition.start, definition.end), 'expression')
        if (value === undefined) value = found
        else if (found.text !== value.text || shownOf(found) !== shownOf(value)) {
          value = hole(shown, 'ambiguous')
          break
        }
      }
      let result = value ?? hole(shown, 'expression')
      if (result.text.length > MAX_VALUE) result = hole(shown, 'long')
      this.memo.set(name, result)
      return result
    }
    // A script applied to another sees the properties that one sets, a subproject its parents' (not their locals).
    const provider = this.provider(name)
    if (provider !== undefined) return provider.lookup(name, shown, depth + 1)
    const property = this.property(name)
    if (property !== undefined) return property.length > MAX_VALUE ? hole(shown, 'long') : {text: property, missing: []}
    return hole(shown, name.startsWith('libs.') ? 'catalog' : 'unset')
  }

  /** A property of gradle.properties: the file's folder first, then each folder above it within the scan. */
  private property(name: string): string | undefined {
    if (this.properties === undefined) {
      this.properties = new Map()
      for (const path of pathsAbove(this.file, 'gradle.properties')) {
        const text = this.context.readText(path)
        if (text === null) continue
        for (const [key, value] of readProperties(text)) if (!this.properties.has(key)) this.properties.set(key, value)
      }
    }
    return this.properties.get(name)
  }

  // ---- Dependencies ----

  /** A statement of a `dependencies {}` block: `configuration(arguments)` or `configuration arguments`. */
  private dependency(start: number, end: number, frame: Frame): void {
    const {tokens, match} = this.seq
    let a = start
    // `if (…) implementation '…'`, `else implementation '…'`.
    for (;;) {
      while (a < end && tokens[a].kind === 'newline') a++
      if ((isIdent(tokens[a], 'if') || isIdent(tokens[a], 'while')) && isPunct(tokens[a + 1], '(') && match[a + 1] > a)
        a = match[a + 1] + 1
      else if (isIdent(tokens[a], 'else')) a++
      else break
    }
    if (a >= end) return
    const head = tokens[a]
    if (frame.ownClosure && !this.configurations.has(head.value)) {
      // A coordinate given to a name that is no method of a dependency (ExternalModuleDependency's): Gradle hands
      // the call to the dependencies {} block, which adds it if the project has that configuration. This file does
      // not use it at the top level of a dependencies {} block, so that is not known here: said, not listed.
      const after = tokens[a + 1]
      const given = after?.kind === 'string' || (isPunct(after, '(') && tokens[a + 2]?.kind === 'string')
      if (head.kind === 'ident' && given && !DEPENDENCY_METHODS.has(head.value) && !NOT_CONFIGURATIONS.has(head.value))
        this.skipped.push({
          file: this.file,
          line: head.line,
          reason: 'unsupported',
          message: `${elide(source(this.seq, a, end), 200)}: in a dependency's own closure, ${elide(head.value, 100)} is a configuration only if the project has one of that name, and no dependencies {} block of this file uses it: not listed`,
        })
      return
    }
    const next = tokens[a + 1]
    const close = isPunct(next, '(') && a + 1 < end ? match[a + 1] : -1
    if (head.kind === 'ident' && !NOT_CONFIGURATIONS.has(head.value)) {
      if (close > a && close < end) {
        if (head.value !== 'add') this.declarations(head.value, a + 2, close, true, frame, 0)
        // `add("implementation", "g:a:v")`.
        else if (isPlainString(tokens[a + 2]) && isPunct(tokens[a + 3], ','))
          this.declarations(tokens[a + 2].value, a + 4, close, true, frame, 0)
        return
      }
      if (a + 1 < end && (next.kind === 'string' || next.kind === 'ident' || isPunct(next, '[')))
        this.declarations(head.value, a + 1, end, false, frame, 0)
      return
    }
    // `"implementation"("g:a:v")` (Kotlin).
    if (isPlainString(head) && close > a && close < end) this.declarations(head.value, a + 2, close, true, frame, 0)
  }

  /**
   * The arguments of one configuration: strings `'g:a:v'` (several, or a Groovy list of them), a map
   * (`group: 'g', name: 'a', version: 'v'`; Kotlin's `group = "g", …` in parentheses; Kotlin's positional
   * `("g", "a", "v")`), `platform(…)` and the like around either, a variable holding `'g:a:v'`. Anything else
   * (`project(":x")`, `files(…)`, `libs.x`, `kotlin("stdlib")`) is not a package.
   */
  private declarations(
    configuration: string,
    start: number,
    end: number,
    parens: boolean,
    frame: Frame,
    depth: number,
  ): void {
    const {tokens, match} = this.seq
    const scope = scopeOf(configuration, frame)
    const named = new Map<string, [number, number]>()
    const positional: Array<[number, number]> = []
    let first: Token | undefined
    for (const [a, b] of this.arguments(this.seq, start, end)) {
      first ??= tokens[a]
      const key = tokens[a]
      const separator = tokens[a + 1]
      if (
        (key.kind === 'ident' || isPlainString(key)) &&
        a + 2 < b &&
        (isPunct(separator, ':') || (parens && isPunct(separator, '=')))
      ) {
        if (!named.has(key.value)) named.set(key.value, [a + 2, b])
      } else positional.push([a, b])
    }
    if (named.has('name') && first !== undefined) {
      const field = (key: string) => {
        const range = named.get(key)
        return range === undefined ? undefined : this.evaluate(this.seq, range[0], range[1], 0)
      }
      const group = field('group') ?? {text: '', missing: []}
      const artifact = field('name')
      if (artifact === null || artifact === undefined || group === null) return
      const version = named.has('version')
        ? (field('version') ?? hole(rangeSource(this.seq, named.get('version')!), 'expression'))
        : undefined
      this.declare(group, artifact, version, first, scope)
      return
    }
    // Kotlin's `implementation("g", "a", "v")`, the version also a variable or an expression
    // (`compileOnly("io.insert-koin", "koin-core", koin)`: the Kotlin DSL's `DependencyHandler.implementation(group,
    // name, version)` takes any String), read as the map notation's `version:` is.
    const literal = ([a, b]: [number, number]) =>
      b === a + 1 && tokens[a].kind === 'string' && !tokens[a].value.includes(':')
    if (
      this.kotlin &&
      parens &&
      (positional.length === 2 || positional.length === 3) &&
      literal(positional[0]) &&
      literal(positional[1])
    ) {
      const [group, artifact] = positional.slice(0, 2).map(([a]) => this.interpolate(tokens[a], 0))
      const third = positional[2]
      const version =
        third === undefined
          ? undefined
          : literal(third)
            ? this.interpolate(tokens[third[0]], 0)
            : (this.evaluate(this.seq, third[0], third[1], 0) ?? hole(rangeSource(this.seq, third), 'expression'))
      this.declare(group, artifact, version, tokens[positional[0][0]], scope)
      return
    }
    for (const [a, b] of positional) {
      const token = tokens[a]
      if (isPunct(token, '[') && match[a] === b - 1) {
        // A Groovy list: `implementation(['g:a:1', 'g:b:1'])`.
        if (depth < 4) this.declarations(configuration, a + 1, b - 1, false, frame, depth + 1)
        continue
      }
      if (isIdent(token) && WRAPPERS.has(token.value) && isPunct(tokens[a + 1], '(') && match[a + 1] === b - 1) {
        if (depth < 4) this.declarations(configuration, a + 2, b - 1, true, frame, depth + 1)
        continue
      }
      if (
        isIdent(token) &&
        isPunct(tokens[a + 1], '(') &&
        match[a + 1] === b - 1 &&
        !WRAPPERS.has(token.value) &&
        this.functions().has(token.value)
      ) {
        this.computed.count++
        this.computed.first ??= {shown: `${token.value}(…)`, line: token.line}
        continue
      }
      const path = this.path(this.seq, a, b)
      if (path !== null) {
        // A variable holding a whole coordinate; a catalog accessor or anything not defined here is passed over.
        const name = ownName(path)
        // A variable holding a list of coordinates (Kafka's `testRuntimeOnly runtimeTestLibs`): each item.
        if (!this.lists.has(name)) this.lists.set(name, this.listOf(name, 0))
        const items = this.lists.get(name)
        if (items !== undefined) {
          if (this.listsSpent || items.length > this.listItems) {
            if (!this.listsSpent)
              this.skipped.push({
                file: this.file,
                line: token.line,
                reason: 'unsupported',
                message: `${elide(path.join('.'), 200)}: the lists given to configurations here and after add up to more than ${MAX_LIST_ITEMS} items, stewards' limit for one file: their items are not listed`,
              })
            this.listsSpent = true
            continue
          }
          this.listItems -= items.length
          for (const item of items) this.coordinate(item, token, scope, true)
          continue
        }
        if (!this.knows(name)) {
          const seen = this.undefinedAccessors.get(path[0])
          if (seen) seen.count++
          else this.undefinedAccessors.set(path[0], {count: 1, first: {shown: path.join('.'), line: token.line}})
          continue
        }
        // A coordinate whose version could not be read is listed without it, and said (Kafka's `$versions.scala`).
        this.coordinate(this.lookup(name, path.join('.'), 0), token, scope, true)
        continue
      }
      if (!this.hasString(a, b)) continue
      const value = this.evaluate(this.seq, a, b, 0)
      if (value !== null) this.coordinate(value, token, scope, true)
    }
  }

  /**
   * The coordinates of a variable bound once to a Groovy list literal (`runtimeTestLibs = [libs.a, 'g:b:1']`), each
   * item read where it is written: Gradle adds each item of a list given to a configuration (its
   * DynamicAddDependencyMethods flattens the arguments' collections). An item that names a variable is looked up, a
   * string evaluated; anything else (`project(':x')`, a catalog accessor) is passed over. undefined when the name is
   * not bound once to a list (a map `[k: v]` included).
   */
  private listOf(name: string, depth: number): Value[] | undefined {
    if (depth > MAX_DEPTH) return undefined
    const definitions = this.variables.get(name)
    if (definitions === undefined) return this.provider(name)?.listOf(name, depth + 1)
    if (definitions.length !== 1) return undefined
    const {seq, owner} = definitions[0]
    const {tokens, match} = seq
    let {start, end} = definitions[0]
    while (start < end && tokens[start].kind === 'newline') start++
    while (end > start && tokens[end - 1].kind === 'newline') end--
    if (!isPunct(tokens[start], '[') || match[start] !== end - 1) return undefined
    const values: Value[] = []
    for (const [a, b] of owner.arguments(seq, start + 1, end - 1)) {
      if (isPunct(tokens[a + 1], ':') || isPunct(tokens[a], ':')) return undefined
      const path = owner.path(seq, a, b)
      if (path !== null) {
        const item = ownName(path)
        if (owner.knows(item)) values.push(owner.lookup(item, path.join('.'), depth + 1))
        continue
      }
      let string = false
      let call = false
      for (let t = a; t < b; t++) {
        if (tokens[t].kind === 'string') string = true
        else if (isPunct(tokens[t], '(')) call = true
      }
      const value = string && !call ? owner.evaluate(seq, a, b, depth + 1) : null
      if (value !== null) values.push(value)
    }
    return values
  }

  /** Whether an argument is, or joins, a string (not a call such as `kotlin("stdlib")`). */
  private hasString(start: number, end: number): boolean {
    const {tokens, match} = this.seq
    for (let j = start; j < end; ) {
      const token = tokens[j]
      if (token.kind === 'string') return true
      if ((isPunct(token, '(') || isPunct(token, '[')) && match[j] > j) {
        // A call's arguments are the call's: `files("a.jar")`.
        if (j > start && isIdent(tokens[j - 1])) return false
        j = match[j] + 1
        continue
      }
      j++
    }
    return false
  }

  /** Arguments split at top-level commas, line breaks around each left out; empty ones dropped. */
  private arguments(seq: Tokens, start: number, end: number): Array<[number, number]> {
    const {tokens} = seq
    const out: Array<[number, number]> = []
    const push = (a: number, b: number) => {
      while (a < b && tokens[a].kind === 'newline') a++
      while (b > a && tokens[b - 1].kind === 'newline') b--
      if (a < b) out.push([a, b])
    }
    for (const [a, b] of splitTopLevel(seq, start, end, ',')) push(a, b)
    return out
  }

  /**
   * `group:artifact[:version[:classifier]][@extension]` (the classifier and extension name the file, not the
   * package). A string that is not coordinates is passed over; one whose group or artifact is a template that could
   * not be read is reported.
   */
  private coordinate(value: Value, at: Token, scope: Scope, report: boolean): void {
    let text = value.text
    const extension = text.indexOf('@', text.lastIndexOf(':') + 1)
    if (extension !== -1) text = text.slice(0, extension)
    const fields = text.split(':', 5)
    if (fields.length < 2 || fields.length > 4) return
    let used = 0
    const field = (index: number): Value | undefined => {
      if (index >= fields.length) return undefined
      const holes = count(fields[index])
      const missing = value.missing.slice(used, used + holes)
      used += holes
      return {text: fields[index], missing}
    }
    const group = field(0)!
    const artifact = field(1)!
    const version = field(2)
    if (!report && (!ID.test(group.text) || !ID.test(artifact.text))) return
    this.declare(group, artifact, version, at, scope)
  }

  /** One package: listed, with a note when its version is not one exact version. */
  private declare(group: Value, artifact: Value, version: Value | undefined, at: Token, scope: Scope): void {
    if (!ID.test(group.text) || !ID.test(artifact.text)) {
      const missing = [...group.missing, ...artifact.missing]
      if (missing.length > 0 && ID_WITH_HOLES.test(group.text) && ID_WITH_HOLES.test(artifact.text))
        this.skipped.push({
          file: this.file,
          line: at.line,
          reason: missing[0].why === 'unset' ? 'unset-variable' : 'unsupported',
          message: `${elide(shownOf(group), 200)}:${elide(shownOf(artifact), 200)}: the group or artifact uses ${describe(missing[0])}: not listed`,
        })
      return
    }
    const name = `${group.text}:${artifact.text}`
    this.push(name, version, at, scope, false)
  }

  /** `scope` undefined: none said (a catalog's library, as gradle-version-catalog lists one: declared, maybe unused). */
  private push(name: string, written: Value | undefined, at: Token, scope: Scope | undefined, plugin: boolean): void {
    const shown = written === undefined || written.text === '' ? undefined : elide(shownOf(written), 200)
    const {version, note} = versionOf(name, written, plugin)
    if (note !== undefined) this.skipped.push(unresolvedVersion(this.file, at.line, note))
    this.components.push(
      manifestComponent(this.file, {
        ecosystem: 'maven',
        name,
        version,
        ref: shown === undefined ? name : `${name}:${shown}`,
        line: at.line,
        column: at.column,
        direct: true,
        ...(scope === undefined ? {} : {scope}),
      }),
    )
  }

  // ---- Version catalogs of a settings script ----

  /**
   * `version("alias", "1.0")` in a catalog a settings script declares
   * (https://docs.gradle.org/current/userguide/version_catalogs.html, "Declaring a version catalog in the settings
   * file"): what `versionRef("alias")` names in that catalog.
   */
  private catalogVersion(statement: {start: number; end: number; catalog: number}): void {
    const {tokens, match} = this.seq
    const {start, end} = statement
    if (!isIdent(tokens[start], 'version') || !isPunct(tokens[start + 1], '(') || match[start + 1] >= end) return
    const args = this.arguments(this.seq, start + 2, match[start + 1])
    if (args.length !== 2) return
    const alias = this.evaluate(this.seq, args[0][0], args[0][1], 0)
    const value = this.evaluate(this.seq, args[1][0], args[1][1], 0)
    if (alias === null || alias.missing.length > 0 || value === null) return
    this.catalogVersions.set(`${statement.catalog} ${alias.text}`, value)
  }

  /**
   * A library or plugin a settings script's catalog declares, listed as gradle-version-catalog lists those of a TOML
   * catalog: `library("alias", "group", "artifact")` or `library("alias", "group:artifact[:version]")`, then
   * `.version("1.0")`, `.versionRef("alias")` or `.withoutVersion()`; `plugin("alias", "id")` then `.version(…)` or
   * `.versionRef(…)` (its marker artifact, `id:id.gradle.plugin`, dev). A rich version (`.version { strictly(…) }`)
   * is not read: listed without a version, with a word. `bundle(…)` and `from(…)` name no package.
   */
  private catalogEntry(statement: {start: number; end: number; catalog: number}): void {
    const {tokens, match} = this.seq
    const {start, end} = statement
    const head = tokens[start]
    const plugin = isIdent(head, 'plugin')
    if ((!plugin && !isIdent(head, 'library')) || !isPunct(tokens[start + 1], '(')) return
    const close = match[start + 1]
    if (close <= start + 1 || close >= end) return
    const args = this.arguments(this.seq, start + 2, close).map(([a, b]) => this.evaluate(this.seq, a, b, 0))
    if (args.some((arg) => arg === null || arg.missing.length > 0)) return
    const values = (args as Value[]).map((arg) => arg.text)
    let name: string
    let written: Value | undefined
    if (plugin) {
      if (values.length !== 2 || !ID.test(values[1])) return
      name = gradlePluginMarker(values[1])
    } else if (values.length === 3) {
      if (!ID.test(values[1]) || !ID.test(values[2])) return
      name = `${values[1]}:${values[2]}`
    } else if (values.length === 2) {
      const parts = values[1].split(':')
      if ((parts.length !== 2 && parts.length !== 3) || !ID.test(parts[0]) || !ID.test(parts[1])) return
      name = `${parts[0]}:${parts[1]}`
      if (parts.length === 3) written = {text: parts[2], missing: []}
    } else return
    // The chained call that gives the version: `.version("1.0")`, `.versionRef("alias")`, `.withoutVersion()`.
    let j = close + 1
    while (j < end && tokens[j].kind === 'newline') j++
    if (j < end && isPunct(tokens[j], '.') && tokens[j + 1]?.kind === 'ident') {
      const call = tokens[j + 1].value
      const open = j + 2
      if (isPunct(tokens[open], '(') && match[open] > open && match[open] < end) {
        const inner = this.arguments(this.seq, open + 1, match[open])
        const value = inner.length === 1 ? this.evaluate(this.seq, inner[0][0], inner[0][1], 0) : null
        if (call === 'version') written = value ?? hole(rangeSource(this.seq, [open + 1, match[open]]), 'expression')
        else if (call === 'versionRef') {
          const alias = value === null || value.missing.length > 0 ? undefined : value.text
          written =
            (alias === undefined ? undefined : this.catalogVersions.get(`${statement.catalog} ${alias}`)) ??
            hole(`versionRef(${rangeSource(this.seq, [open + 1, match[open]])})`, 'expression')
        }
      } else if (call === 'version') written = hole('a rich version { … }', 'expression')
    }
    this.push(name, written, head, plugin ? 'dev' : undefined, plugin)
  }

  /**
   * The names of the version catalogs the settings script of this build (../rootDir) declares with entries it writes
   * itself (`library(…)`, `plugin(…)`): their `libs.x` accessors are listed where the settings script declares them.
   * Read from its tokens, so a commented-out `versionCatalogs {` declares nothing: a block of
   * `versionCatalogs { … }` whose catalogs are `create("libs") { … }` (Kotlin; `register`, `maybeCreate` as well) or
   * `libs { … }` (Groovy), by the name written.
   */
  private settingsCatalogs(): ReadonlySet<string> {
    const root = this.rootDir()
    let cache = rootCatalogs.get(this.context)
    if (cache === undefined) {
      cache = new Map()
      rootCatalogs.set(this.context, cache)
    }
    const known = cache.get(root)
    if (known !== undefined) return known
    const names = new Set<string>()
    cache.set(root, names)
    for (const name of ['settings.gradle', 'settings.gradle.kts']) {
      const path = posix.join(root, name)
      if (this.context.exists?.(path) === false) continue
      const text = this.context.readText(path)
      if (text === null || !text.includes('versionCatalogs')) continue
      for (const catalog of declaredCatalogs(tokenize(text, name.endsWith('.kts')))) names.add(catalog)
    }
    return names
  }

  // ---- Plugins ----

  /**
   * A statement of a `plugins {}` block: `id 'x' version 'v'`, `id("x") version "v"`, `id("x").version("v")`,
   * `kotlin("jvm") version "v"` (`org.jetbrains.kotlin.jvm`), `apply false` after any. Its package is the plugin's
   * marker artifact (`id:id.gradle.plugin`), as gradle-version-catalog lists a catalog's plugins. Without a version
   * (a core plugin such as `java`, or one whose version settings give) it is not a package; `alias(libs.plugins.x)`
   * is the catalog's.
   */
  private plugin(start: number, end: number): void {
    const {tokens, match} = this.seq
    const head = tokens[start]
    if (!isIdent(head, 'id') && !isIdent(head, 'kotlin')) return
    let id: [number, number]
    let j: number
    if (isPunct(tokens[start + 1], '(') && match[start + 1] > start && match[start + 1] < end) {
      id = [start + 2, match[start + 1]]
      j = match[start + 1] + 1
    } else if (isIdent(head, 'id') && tokens[start + 1]?.kind === 'string' && start + 1 < end) {
      id = [start + 1, start + 2]
      j = start + 2
    } else return
    const value = this.evaluate(this.seq, id[0], id[1], 0)
    if (value === null || value.missing.length > 0) return
    const name = isIdent(head, 'kotlin') ? `org.jetbrains.kotlin.${value.text}` : value.text
    if (!ID.test(name)) return
    if (j < end && isPunct(tokens[j], '.')) j++
    if (j >= end || !isIdent(tokens[j], 'version')) return
    j++
    let range: [number, number]
    if (isPunct(tokens[j], '(') && match[j] > j && match[j] < end) range = [j + 1, match[j]]
    else {
      let stop = j
      while (stop < end && !isIdent(tokens[stop], 'apply')) stop++
      range = [j, stop]
    }
    const version = this.evaluate(this.seq, range[0], range[1], 0) ?? hole(rangeSource(this.seq, range), 'expression')
    this.push(gradlePluginMarker(name), version, tokens[id[0]], 'dev', true)
  }
}

/** A property's own name: its path without the owners before it (`project.ext.x` is `x`). */
function ownName(path: string[]): string {
  let k = 0
  while (k < path.length - 1 && OWNERS.has(path[k])) k++
  return path.slice(k).join('.')
}

/**
 * Test configurations, test source sets' and suites' blocks, the build script's classpath, and the tools' of
 * TOOL_CONFIGURATION are `dev`; every other configuration (`implementation`, `api`, `compileOnly`, `runtimeOnly`,
 * a custom one) `prod`.
 */
function scopeOf(configuration: string, frame: Frame): Scope {
  if (frame.buildscript || frame.test) return 'dev'
  return isGradleTestConfiguration(configuration) || TOOL_CONFIGURATION.test(configuration) ? 'dev' : 'prod'
}

/** The version to list, and why there is none when there is not. */
function versionOf(name: string, written: Value | undefined, plugin: boolean): {version?: string; note?: string} {
  if (written === undefined || written.text === '')
    return {
      note: plugin
        ? `${name}: no version`
        : `${name}: no version in the build script (a platform, BOM or plugin such as Spring's dependency management may give one)`,
    }
  const shown = elide(shownOf(written), 200)
  if (written.missing.length > 0) {
    const missing = written.missing[0]
    const what = shown === missing.shown ? describe(missing) : `${shown} uses ${describe(missing)}`
    return {note: `${name}: version ${what}: listed without a version`}
  }
  const text = gradleStrictVersion(written.text)
  if (isVersionRange(text)) return {note: `${name}: version ${shown} is a range: listed without a version`}
  if (isGradleDynamicVersion(text) || exactMavenVersion(text) === undefined)
    return {
      note: `${name}: version ${shown} is not an exact version (a dynamic version such as 1.+ or latest.release, or another character than letters, digits and . _ + -): listed without a version`,
    }
  return {version: text}
}

function describe(missing: Missing): string {
  switch (missing.why) {
    case 'unset':
      return `${missing.shown}, which neither this file, the scripts it applies, the build scripts of the folders above it (their project properties), nor a gradle.properties above it in the scanned tree sets`
    case 'catalog':
      return `${missing.shown}, a version catalog's (gradle-version-catalog lists the catalog's entries)`
    case 'ambiguous':
      return `${missing.shown}, which this file (or a script it applies) sets to different values`
    case 'cycle':
      return `${missing.shown}, which this file (or a script it applies) defines through itself`
    case 'long':
      return `${missing.shown}, which gives more than ${MAX_VALUE} characters`
    case 'expression':
      return `${missing.shown}, an expression stewards does not evaluate`
  }
}

/** A value as written where it could not be read: each HOLE replaced by what it stands for. */
function shownOf(value: Value): string {
  if (value.missing.length === 0) return value.text
  let index = 0
  let out = ''
  let from = 0
  for (let i = value.text.indexOf(HOLE); i !== -1; i = value.text.indexOf(HOLE, i + 1)) {
    out += value.text.slice(from, i) + (value.missing[index++]?.shown ?? '')
    from = i + 1
  }
  return out + value.text.slice(from)
}

function count(text: string): number {
  let n = 0
  for (let i = text.indexOf(HOLE); i !== -1; i = text.indexOf(HOLE, i + 1)) n++
  return n
}

/** Tokens as written (roughly: strings re-quoted), for a message; at most a few hundred characters. */
function source(seq: Tokens, start: number, end: number): string {
  let out = ''
  for (let j = start; j < end && out.length < 400; j++) {
    const token = seq.tokens[j]
    if (token.kind === 'newline') continue
    const text = token.kind === 'string' ? `"${token.raw ?? token.value}"` : token.value
    out += out === '' || token.kind === 'punct' || seq.tokens[j - 1]?.kind === 'punct' ? text : ` ${text}`
  }
  return out
}

function rangeSource(seq: Tokens, range: [number, number]): string {
  return source(seq, range[0], range[1])
}

/** The token ranges of [start, end) between the `separator`s outside brackets (a bracket closed inside the range). */
function splitTopLevel(seq: Tokens, start: number, end: number, separator: string): Array<[number, number]> {
  const {tokens, match} = seq
  const parts: Array<[number, number]> = []
  let from = start
  for (let j = start; j < end; ) {
    const token = tokens[j]
    if (isPunct(token, separator)) {
      parts.push([from, j])
      from = j + 1
    } else if ((isPunct(token, '(') || isPunct(token, '[') || isPunct(token, '{')) && match[j] > j && match[j] < end) {
      j = match[j] + 1
      continue
    }
    j++
  }
  parts.push([from, end])
  return parts
}

/** Kotlin's ways of declaring a catalog in `versionCatalogs {}`: `create("libs") {`, `register(…)`, `maybeCreate(…)`. */
const CATALOG_FACTORIES = new Set(['create', 'register', 'maybeCreate'])

/**
 * The catalogs the `versionCatalogs { … }` blocks of a settings script's tokens declare with a `library(` or
 * `plugin(` call in them, by name: only a block right inside a top-level `dependencyResolutionManagement { … }`, the
 * one place Gradle takes it and the settings reader lists its entries from (catalogEntry), so a catalog is either
 * listed or its accessors reported. One pass over the tokens (the brackets matched once by the tokenizer).
 */
function declaredCatalogs(seq: Tokens): string[] {
  const {tokens, match} = seq
  const names: string[] = []
  const inside = enclosingBraces(tokens, match)
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!isIdent(tokens[i], 'versionCatalogs')) continue
    // The block it stands in, headed by a top-level `dependencyResolutionManagement` (newlines between them).
    const block = inside[i]
    let head = block - 1
    while (head >= 0 && tokens[head].kind === 'newline') head--
    if (block < 0 || head < 0 || !isIdent(tokens[head], 'dependencyResolutionManagement') || inside[head] !== -1)
      continue
    let open = i + 1
    while (open < tokens.length && tokens[open].kind === 'newline') open++
    const close = match[open]
    if (!isPunct(tokens[open], '{') || close <= open) continue
    // Each catalog: its header at the block's top level, then its own `{ … }`.
    for (let j = open + 1; j < close; j++) {
      let name: string | undefined
      let body = -1
      const token = tokens[j]
      if (token.kind === 'ident' && CATALOG_FACTORIES.has(token.value) && isPunct(tokens[j + 1], '(')) {
        const end = match[j + 1]
        if (end <= j + 1 || end >= close) continue
        if (end === j + 3 && tokens[j + 2].kind === 'string' && tokens[j + 2].parts?.every((part) => 'text' in part))
          name = tokens[j + 2].value
        body = end + 1
      } else if (token.kind === 'ident') {
        name = token.value
        body = j + 1
      }
      if (body < 0 || body >= close) continue
      while (body < close && tokens[body].kind === 'newline') body++
      if (!isPunct(tokens[body], '{') || match[body] <= body || match[body] >= close) continue
      const bodyEnd = match[body]
      if (name !== undefined && writesEntries(tokens, body, bodyEnd)) names.push(name)
      j = bodyEnd
    }
    i = close
  }
  return names
}

/** For each token, the index of the innermost `{` whose block holds it; -1 at the top level. One pass. */
function enclosingBraces(tokens: readonly Token[], match: Tokens['match']): Int32Array {
  const inside = new Int32Array(tokens.length)
  const open: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    while (open.length > 0 && match[open[open.length - 1]] < i) open.pop()
    inside[i] = open.length > 0 ? open[open.length - 1] : -1
    if (isPunct(tokens[i], '{') && match[i] > i) open.push(i)
  }
  return inside
}

/** Whether the tokens between `from` and `to` call `library(` or `plugin(`. */
function writesEntries(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from + 1; k + 1 < to; k++)
    if ((isIdent(tokens[k], 'library') || isIdent(tokens[k], 'plugin')) && isPunct(tokens[k + 1], '(')) return true
  return false
}
