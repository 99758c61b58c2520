/**
 * The images a Dockerfile's text names (the dockerfile format's files, and Compose's `build.dockerfile_inline`): every
 * `FROM`, `COPY --from=IMAGE`, `RUN --mount=from=IMAGE` and the `# syntax=` frontend, as images with the reference
 * as written. Parsed by dockerfile-ast (line continuations, the `escape` directive, heredocs); the words are processed
 * as BuildKit does (./shell-lex.ts: quotes, escapes, `${…}` modifiers).
 * Build arguments (https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact): the `ARG`s
 * before the first `FROM` are substituted with their defaults, or with the value the build passes (BuildInputs: Compose's
 * `build.args`); an argument without a default, or whose default
 * cannot be expanded, is reported, not guessed. BuildKit's automatic platform arguments (TARGETOS, …) are tried
 * with each platform of PLATFORMS: a `FROM binaries-$TARGETOS` that names a stage of the file for every one of
 * them is a stage reference. A `FROM` or `--from` naming an earlier stage (or a stage index) is the build's own
 * image and is skipped, as is `scratch`. `--platform` is kept as the purl's `platform` qualifier when it names one
 * platform.
 */
import type {Flag, From, Run} from 'dockerfile-ast'
import {PackageURL} from 'packageurl-js'
import {boundedQualifiers} from '../../core/purl-string.js'
import {lazyRequire} from '../../core/lazy-require.js'
import {imageComponent, parseImageRef} from '../../core/image-ref.js'
import type {Location} from '../../core/model.js'
import {emptyOutput, type Output} from '../output.js'
import type {DiscoverInput} from '../types.js'
import {type LexBudget, processWord} from './shell-lex.js'

/** dockerfile-ast, loaded the first time a Dockerfile is read (core/lazy-require.ts). */
const dockerfileAst = lazyRequire<typeof import('dockerfile-ast')>('dockerfile-ast')

/**
 * Platform arguments BuildKit sets for every build
 * (https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope).
 */
const TARGET_ARGS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']
const BUILD_ARGS = ['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']
const AUTOMATIC_ARGS = new Set([...TARGET_ARGS, ...BUILD_ARGS])

/**
 * The platforms a platform-dependent `FROM` is tried with: the ones Docker's official images and BuildKit's own
 * Dockerfiles build for. "Every platform" cannot be tried; a stage for each of these is what a file that
 * selects stages by platform has.
 */
const PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
  'linux/mips64le',
  'linux/loong64',
  'windows/amd64',
  'windows/arm64',
  'darwin/amd64',
  'darwin/arm64',
  'freebsd/amd64',
]

interface Scenario {
  build: string
  target: string
}

function platformValue(scenario: Scenario, name: string): string {
  const prefix = name.startsWith('TARGET') ? 'TARGET' : 'BUILD'
  const [os, arch, variant = ''] = (prefix === 'TARGET' ? scenario.target : scenario.build).split('/')
  const part = name.slice(prefix.length)
  if (part === 'PLATFORM') return variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`
  return part === 'OS' ? os : part === 'ARCH' ? arch : variant
}

const DEFAULT_SCENARIO: Scenario = {build: PLATFORMS[0], target: PLATFORMS[0]}

/** Why a value cannot be known here. */
interface Unknown {
  name: string
  why: string
  /**
   * The default could not be processed (over the limits, or a form BuildKit refuses): the file is not read
   * completely, an error; otherwise (no default, declared in a stage) the value is chosen at build time, a skip.
   */
  unreadable?: boolean
}

/** A global ARG's value: a string, unset (no default), or unknown (its default uses what is not known). */
interface ArgValue {
  value?: string
  unknown?: Unknown[]
  /** The automatic platform arguments it depends on. */
  platform: Set<string>
}

/** The outcome of a word: its value, or why it is not known; `platform` names the platform arguments read. */
type Evaluated = {ok: true; value: string; unknown: Unknown[]; platform: Set<string>} | {ok: false; message: string}

interface ArgDefinition {
  name: string
  /** The default as written (escapes and quotes kept), undefined when there is none. */
  raw?: string
  line: number
  /** Present when the build passes the argument (BuildInputs.args): its value, undefined when not known here. */
  given?: string | undefined
}

/** Bounds the platform trials on a hostile file (a trial re-expands the ARGs that depend on the platform). */
const TRIAL_BUDGET = 2_000_000

class Arguments {
  private readonly byScenario = new Map<string, Map<string, ArgValue>>()
  private readonly perDefinition: ArgValue[] = []
  private trialWork = 0
  /** The lexer's work over every word of the file, defaults and trials alike (shell-lex.ts LexBudget). */
  private readonly lexBudget: LexBudget = {work: 0}

  constructor(
    private readonly definitions: ArgDefinition[],
    private readonly escapeChar: string,
    private readonly stageArgs: Set<string>,
  ) {
    const args = new Map<string, ArgValue>()
    for (const definition of definitions) {
      const value = this.define(definition, args, DEFAULT_SCENARIO)
      this.perDefinition.push(value)
      args.set(definition.name, value)
    }
    this.byScenario.set(key(DEFAULT_SCENARIO), args)
  }

  /** The global ARGs as they are for one platform; only those that depend on the platform are expanded again. */
  private argsFor(scenario: Scenario): Map<string, ArgValue> | undefined {
    const cached = this.byScenario.get(key(scenario))
    if (cached) return cached
    const args = new Map<string, ArgValue>()
    for (const [i, definition] of this.definitions.entries()) {
      const first = this.perDefinition[i]
      if (first.platform.size > 0) {
        this.trialWork += (definition.raw?.length ?? 0) + 64
        if (this.trialWork > TRIAL_BUDGET) return undefined
      }
      args.set(definition.name, first.platform.size > 0 ? this.define(definition, args, scenario) : first)
    }
    this.byScenario.set(key(scenario), args)
    return args
  }

  private define(definition: ArgDefinition, args: Map<string, ArgValue>, scenario: Scenario): ArgValue {
    const {name, raw, line} = definition
    if ('given' in definition)
      return definition.given === undefined
        ? {unknown: [{name, why: 'is passed by the build from its environment: not known here'}], platform: new Set()}
        : {value: definition.given, platform: new Set()}
    if (raw === undefined) {
      // `ARG TARGETOS` (no default) in the global scope keeps the value BuildKit gives it.
      return AUTOMATIC_ARGS.has(name)
        ? {value: platformValue(scenario, name), platform: new Set([name])}
        : {platform: new Set()}
    }
    // A Dev Container template's Dockerfile (microsoft/vscode-dev-containers: `ARG VARIANT=${templateOption:imageVariant}`):
    // filled in when the template is applied, no syntax BuildKit reads; the image that uses it is skipped, not an error.
    if (raw.includes('${templateOption:'))
      return {
        unknown: [
          {
            name,
            why: `holds a Dev Container template option (\${templateOption:…}) in its default, filled in when the template is applied: not guessed`,
          },
        ],
        platform: new Set(),
      }
    const result = this.evaluateWith(raw, args, scenario)
    if (!result.ok)
      return {
        unknown: [{name, why: `cannot be expanded (its default on line ${line}: ${result.message})`, unreadable: true}],
        platform: new Set(),
      }
    if (result.unknown.length > 0) return {unknown: result.unknown, platform: result.platform}
    return {value: result.value, platform: result.platform}
  }

  /** A word of the `FROM` line (or `--from`), with the global ARGs of one platform. */
  evaluate(text: string, scenario: Scenario = DEFAULT_SCENARIO): Evaluated | undefined {
    const args = this.argsFor(scenario)
    return args && this.evaluateWith(text, args, scenario)
  }

  private evaluateWith(text: string, args: Map<string, ArgValue>, scenario: Scenario): Evaluated {
    const unknown: Unknown[] = []
    const platform = new Set<string>()
    // Nothing to process: the word is its value, however long (the lexer refuses more than 4096 characters).
    if (!/[$'"]/.test(text) && !text.includes(this.escapeChar)) return {ok: true, value: text, unknown, platform}
    const result = processWord(
      text,
      this.escapeChar,
      (name) => {
        const arg = args.get(name)
        if (arg) {
          for (const p of arg.platform) platform.add(p)
          if (arg.unknown) unknown.push(...arg.unknown.slice(0, 8))
          if (arg.value !== undefined || arg.unknown) return arg.value ?? ''
        }
        if (AUTOMATIC_ARGS.has(name)) {
          platform.add(name)
          return platformValue(scenario, name)
        }
        return undefined
      },
      this.lexBudget,
    )
    if (!result.ok) return result
    for (const name of result.unset) {
      const why = args.has(name)
        ? 'has no default; pass it with --build-arg and scan the result, or give it a default'
        : this.stageArgs.has(name)
          ? 'is declared in a stage, not before the first FROM: not read'
          : 'is not declared before the first FROM'
      unknown.push({name, why})
    }
    return {ok: true, value: result.value, unknown, platform}
  }
}

function key(scenario: Scenario): string {
  return `${scenario.build} ${scenario.target}`
}

interface Range {
  start: {line: number; character: number}
}

/** What a build gives a Dockerfile beyond its text: Compose's `build.args` and `build.additional_contexts`. */
export interface BuildInputs {
  /**
   * Build arguments by name (`--build-arg NAME=VALUE`): the value, used instead of the ARG's default; or undefined
   * when the build passes it with a value not known here (Compose's `args: [NAME]`, from the environment).
   */
  args?: ReadonlyMap<string, string | undefined>
  /** Named build contexts: a `FROM`/`--from` naming one takes that context (listed where it is named), no image. */
  contexts?: ReadonlySet<string>
}

/** The images `input.text`, a Dockerfile, names; problems located in `input.file` at the text's own lines. */
export function dockerfileImages(input: DiscoverInput, build: BuildInputs = {}): Output {
  const out = emptyOutput()
  const dockerfile = dockerfileAst().DockerfileParser.parse(input.text)
  const escapeChar = dockerfile.getEscapeCharacter()
  const definitions: ArgDefinition[] = []
  let lines: string[] | undefined
  const initial = new Set(dockerfile.getInitialARGs())
  for (const arg of initial) {
    for (const property of arg.getProperties()) {
      const name = property.getName()
      if (!name) continue
      const range = property.getValueRange()
      if (range) lines ??= input.text.split('\n')
      const raw = range && lines ? rawText(lines, range, escapeChar) : undefined
      const given = build.args?.has(name) ? {given: build.args.get(name)} : {}
      definitions.push({name, raw, line: arg.getRange().start.line + 1, ...given})
    }
  }
  const stageArgs = new Set<string>()
  for (const arg of dockerfile.getARGs()) {
    if (initial.has(arg)) continue
    for (const property of arg.getProperties()) if (property.getName()) stageArgs.add(property.getName())
  }
  const args = new Arguments(definitions, escapeChar, stageArgs)
  // BuildKit takes a named context before a stage or an image of that name.
  const stages = new Set<string>([...(build.contexts ?? [])].map((name) => name.toLowerCase()))
  for (const from of dockerfile.getFROMs()) {
    const written = from.getImage()
    const range = from.getImageRange()
    if (written && range) {
      const location = at(input.file, range)
      const image = resolve(args, written, location, out, 'FROM', stages)
      if (image !== undefined) addImage(out, written, image, location, platformOf(from, args))
    } else {
      // `FROM` and nothing after it (or only flags): docker refuses to build it; said, not passed over.
      const {line, character} = from.getRange().start
      out.errors.push({
        file: input.file,
        line: line + 1,
        column: character + 1,
        code: 'invalid-image-ref',
        message: 'FROM names no image',
      })
    }
    const stage = from.getBuildStage()
    if (stage) stages.add(stage.toLowerCase())
  }
  // The image a `--from` names (COPY's, a mount's), unless it is a stage, a stage index or `scratch`.
  const fromImage = (written: string, location: Location, what: string) => {
    const image = resolve(args, written, location, out, what, stages)
    if (image !== undefined && !/^\d+$/.test(image)) addImage(out, written, image, location)
  }
  for (const copy of dockerfile.getCOPYs()) {
    // Not copy.getFromFlag(): dockerfile-ast 0.7 gives it only when --from is the one flag (`--link --from=x`).
    const flag = copy.getFlags().find((f: Flag) => f.getName() === 'from')
    const written = flag?.getValue()
    const range = flag?.getValueRange()
    if (!written || !range) continue
    const location = at(input.file, range)
    // BuildKit processes the word with no variables and refuses the build when that changes it (dockerfile2llb
    // toCommand: "variable expansion is not supported for --from, define a new stage with FROM using ARG from global
    // scope as a workaround"): a variable, and also quotes or an escape character. No image is pulled.
    if (written.includes('$')) {
      out.errors.push({
        ...location,
        code: 'invalid-variable',
        message: `COPY --from "${written}": BuildKit refuses variables in --from (variable expansion is not supported for --from); name a stage made with FROM instead`,
      })
      continue
    }
    // dockerfile-ast gives the value with its escape characters taken out: the written text is the range's.
    lines ??= input.text.split('\n')
    const raw = range.start.line === range.end.line ? rawText(lines, range, escapeChar) : written
    if (/['"]/.test(raw) || raw.includes(escapeChar)) {
      const processed = processWord(raw, escapeChar, () => undefined, {work: 0})
      if (!processed.ok || processed.value !== raw) {
        out.errors.push({
          ...location,
          code: 'invalid-variable',
          message: `COPY --from "${raw}": BuildKit refuses a --from that its word processing changes (quotes or the escape character: variable expansion is not supported for --from); write the name bare`,
        })
        continue
      }
    }
    fromImage(written, location, 'COPY --from')
  }
  // `RUN --mount=type=bind,from=IMAGE,…`: BuildKit mounts the image (a stage or a named build context otherwise), as
  // COPY --from copies from it. A `from` is never expanded (a variable in it is refused); its quotes are processed.
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() !== 'RUN') continue
    for (const flag of (instruction as Run).getFlags()) {
      if (flag.getName() !== 'mount') continue
      // BuildKit reads the keys without case; only a bind (the default) or cache mount is made from an image (a
      // secret mount with `from` is refused, tmpfs and ssh mounts take nothing from one).
      const options = flag.getOptions()
      const option = (key: string) => options.find((o) => o.getName().toLowerCase() === key)
      const from = option('from')
      const written = from?.getValue()
      const range = from?.getValueRange()
      if (!written || !range) continue
      // Refused when the file is parsed, whatever the mount's type (instructions/commands_runmount.go parseMount:
      // "'from' doesn't support variable expansion, define alias stage instead"): a `$` but as the last character.
      const dollar = written.indexOf('$')
      if (dollar !== -1 && dollar !== written.length - 1) {
        out.errors.push({
          ...at(input.file, range),
          code: 'invalid-variable',
          message: `RUN --mount from "${written}": BuildKit refuses variables in a mount's from ('from' doesn't support variable expansion); name a stage made with FROM instead`,
        })
        continue
      }
      const type = option('type')?.getValue()?.toLowerCase() ?? 'bind'
      if (type !== 'bind' && type !== 'cache') continue
      fromImage(written, at(input.file, range), 'RUN --mount from')
    }
  }
  // `# syntax=docker/dockerfile:1.7`: the BuildKit frontend image that reads this file is pulled and run for the build.
  const frontend = syntaxDirective(input.text)
  if (frontend) addImage(out, frontend.image, frontend.image, {file: input.file, ...frontend.at})
  return out
}

/**
 * What a build that passes build arguments (Compose's `build.args`, a devcontainer.json's `build.args`) takes from a
 * Dockerfile of the tree beyond what the file alone gives, which the dockerfile format lists with the ARG defaults:
 * the images the arguments make known or change (`ARG BASE_IMAGE` without a default, `FROM node:${NODE}` with another
 * NODE), and the skips of images the file alone names that the arguments leave unknown. An image in `own` (one the
 * same project builds) is not taken.
 */
export function buildArgImages(
  input: DiscoverInput,
  build: BuildInputs,
  own: ReadonlySet<string> = new Set(),
): Pick<Output, 'components' | 'skipped'> {
  const alone = dockerfileImages(input)
  const built = dockerfileImages(input, build)
  const at = (purl: string | undefined, l: Location) => `${purl} ${l.line}:${l.column}`
  const known = new Set(alone.components.flatMap((c) => c.locations.map((l) => at(c.purl, l))))
  const listedLines = new Set(alone.components.flatMap((c) => c.locations.map((l) => l.line)))
  const components = []
  for (const component of built.components) {
    if (component.purl !== undefined && own.has(component.purl)) continue
    const locations = component.locations.filter((l) => !known.has(at(component.purl, l)))
    if (locations.length > 0) components.push({...component, locations})
  }
  const skipped = built.skipped.filter(
    (skip) => skip.reason === 'unset-variable' && skip.line !== undefined && listedLines.has(skip.line),
  )
  return {components, skipped}
}

/** The directives BuildKit knows; any other name ends the directives (buildkit frontend/dockerfile/parser/directives.go). */
const DIRECTIVES = new Set(['syntax', 'escape', 'check'])
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/

/**
 * The frontend image of a `# syntax=` directive, read as BuildKit's `DetectSyntax` reads it: a first line starting
 * with `#!` is a shebang and passed over; then directives are the leading lines written `# name=value` with a name
 * BuildKit knows, the first other line (an empty one, a plain comment, an instruction) ending them; the image is
 * the value up to its first space (the rest is arguments for the frontend). The first `syntax` is taken (BuildKit
 * refuses a file that writes two). Hand-written because dockerfile-ast reads no directive after a shebang line.
 */
function syntaxDirective(text: string): {image: string; at: {line: number; column: number}} | undefined {
  let start = 0
  let line = 1
  if (text.startsWith('#!')) {
    const end = text.indexOf('\n')
    if (end < 0) return undefined
    start = end + 1
    line = 2
  }
  // Directives are a few short lines: a bounded look, whatever the file holds after them.
  for (let n = 0; n < 16 && start < text.length; n++, line++) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const written = text.slice(start, end).replace(/\r$/, '')
    if (!written.startsWith('#')) return undefined
    const body = written.slice(1).replace(/^\s+/, '')
    const match = DIRECTIVE.exec(body)
    if (!match || !DIRECTIVES.has(match[1].toLowerCase())) return undefined
    if (match[1].toLowerCase() === 'syntax') {
      const image = match[2].split(' ')[0]
      const column = written.length - body.length + body.indexOf(match[2], match[1].length) + 1
      return {image, at: {line, column}}
    }
    if (newline < 0) return undefined
    start = newline + 1
  }
  return undefined
}

/** The text of an ARG default as written, continuation lines joined (BuildKit processes it as one word). */
function rawText(
  lines: string[],
  range: {start: {line: number; character: number}; end: {line: number; character: number}},
  escapeChar: string,
): string {
  if (range.start.line === range.end.line)
    return stripCr(lines[range.start.line] ?? '').slice(range.start.character, range.end.character)
  const parts: string[] = []
  for (let line = range.start.line; line <= range.end.line && line < lines.length; line++) {
    let part = stripCr(lines[line])
    if (line === range.end.line) part = part.slice(0, range.end.character)
    if (line === range.start.line) part = part.slice(range.start.character)
    else if (/^[ \t]*#/.test(part) || part.trim() === '') continue
    const trimmed = part.trimEnd()
    parts.push(line < range.end.line && trimmed.endsWith(escapeChar) ? trimmed.slice(0, -1) : part)
  }
  return parts.join('')
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}

/**
 * The image a `FROM` or `--from` names, or undefined when it names a stage, `scratch`, or is not known (then a
 * skip or an error says why).
 */
function resolve(
  args: Arguments,
  written: string,
  location: Location,
  out: Output,
  what: string,
  stages: Set<string>,
): string | undefined {
  const isStage = (value: string) => value === 'scratch' || stages.has(value.toLowerCase())
  const skip = (message: string) =>
    out.skipped.push({file: location.file, line: location.line, reason: 'unset-variable', message})
  // A Dev Container template's Dockerfile (devcontainers/templates): `${templateOption:name}` is filled in when the
  // template is applied, and is no build argument BuildKit reads.
  if (written.includes('${templateOption:')) {
    skip(
      `${what} "${written}" holds a Dev Container template option (\${templateOption:…}), filled in when the template is applied: not guessed`,
    )
    return undefined
  }
  const result = args.evaluate(written)
  if (!result) return undefined
  if (!result.ok) {
    out.errors.push({...location, code: 'invalid-variable', message: `${what} "${written}": ${result.message}`})
    return undefined
  }
  if (result.unknown.length > 0) {
    const named = new Map<string, string>()
    for (const u of result.unknown) if (!named.has(u.name)) named.set(u.name, u.why)
    const parts = [...named].slice(0, 8).map(([name, why]) => `build argument ${name} ${why}`)
    if (result.platform.size > 0) parts.push(platformNote(result.platform))
    const message = `${what} "${written}": ${parts.join('; ')}`
    if (result.unknown.some((u) => u.unreadable)) out.errors.push({...location, code: 'invalid-variable', message})
    else skip(message)
    return undefined
  }
  let value = result.value
  if (result.platform.size > 0) {
    const values = new Map<string, string>()
    const distinct = new Set<string>()
    for (const scenario of scenariosFor(result.platform)) {
      const trial = args.evaluate(written, scenario)
      // Past the file's budgets (trials, substitutions) the image is not known: the file is not read completely.
      if (!trial?.ok) {
        const why = trial ? trial.message : 'trying each platform takes more than the file allows'
        out.errors.push({
          ...location,
          code: 'invalid-variable',
          message: `${what} "${written}": ${platformNote(result.platform)}; ${why}`,
        })
        return undefined
      }
      if (trial.unknown.length > 0) {
        skip(`${what} "${written}": ${platformNote(result.platform)}; it cannot be expanded for each platform`)
        return undefined
      }
      values.set(label(scenario, result.platform), trial.value)
      distinct.add(trial.value)
      // Two values, one of them no stage: the answer is known, the other platforms need not be tried.
      if (distinct.size > 1 && [...distinct].some((v) => !isStage(v))) break
    }
    if ([...distinct].every(isStage)) return undefined
    if (distinct.size > 1) {
      const [platform, other] = [...values].find(([, v]) => !isStage(v)) as [string, string]
      skip(
        `${what} "${written}": ${platformNote(result.platform)}; for ${platform} it is "${other}", which is not a stage of this file: scan the image of each platform you build`,
      )
      return undefined
    }
    value = [...distinct][0]
  }
  if (isStage(value)) return undefined
  if (value.includes('{{') || value.includes('{%')) {
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `${what} "${written}" is a template, not an image: render the file and scan the result`,
    })
    return undefined
  }
  return value
}

function label(scenario: Scenario, names: Set<string>): string {
  const build = [...names].some((n) => n.startsWith('BUILD'))
  const target = [...names].some((n) => n.startsWith('TARGET'))
  if (build && target) return `${scenario.target} built on ${scenario.build}`
  return build ? `build platform ${scenario.build}` : scenario.target
}

function platformNote(names: Set<string>): string {
  const list = [...names].sort()
  const [verb, what] =
    list.length > 1
      ? ['are', 'automatic platform arguments, not --build-args']
      : ['is', 'an automatic platform argument, not a --build-arg']
  return `${list.join(', ')} ${verb} set by BuildKit for each platform it builds for (${what})`
}

/** The platforms to try: each of PLATFORMS as target, as build platform, or both (all pairs) when both are read. */
function scenariosFor(names: Set<string>): Scenario[] {
  const target = [...names].some((n) => n.startsWith('TARGET'))
  const build = [...names].some((n) => n.startsWith('BUILD'))
  const scenarios: Scenario[] = []
  for (const t of target ? PLATFORMS : [DEFAULT_SCENARIO.target])
    for (const b of build ? PLATFORMS : [DEFAULT_SCENARIO.build]) scenarios.push({build: b, target: t})
  return scenarios
}

/**
 * `--platform=linux/arm64` processed as BuildKit does; undefined for the build's own platform (`$BUILDPLATFORM`,
 * `$TARGETPLATFORM`), for a value that is not known, and for a list (`linux/amd64,linux/arm64`), which names no
 * one platform.
 */
function platformOf(from: From, args: Arguments): string | undefined {
  const flag = from.getFlags().find((f: Flag) => f.getName() === 'platform')
  const value = flag?.getValue()
  if (!value) return undefined
  const result = args.evaluate(value)
  if (!result?.ok || result.platform.size > 0 || result.unknown.length > 0) return undefined
  if (result.value === '' || result.value.includes(',')) return undefined
  return result.value
}

function addImage(out: Output, written: string, image: string, location: Location, platform?: string): void {
  const parsed = parseImageRef(image)
  if (!parsed.ok) {
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `invalid image reference "${image}": ${parsed.message}`,
    })
    return
  }
  const component = imageComponent(parsed.image, written, location, 'manifest')
  if (platform && component.purl) {
    const purl = PackageURL.fromString(component.purl)
    purl.qualifiers = boundedQualifiers({...(purl.qualifiers ?? {}), platform})
    component.purl = purl.toString()
  }
  out.components.push(component)
}

function at(file: string, range: Range): Location {
  return {file, line: range.start.line + 1, column: range.start.character + 1}
}
