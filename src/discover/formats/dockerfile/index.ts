/**
 * Dockerfiles and Containerfiles: the image of every `FROM` and of `COPY --from=IMAGE`, as images with the
 * reference as written. Parsed by dockerfile-ast (line continuations, the `escape` directive, heredocs).
 * Build arguments (https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact): the `ARG`s
 * before the first `FROM` are substituted with their defaults; an argument without a default is reported, not
 * guessed. A `FROM` or `--from` naming an earlier stage (or a stage index) is the build's own image and is
 * skipped, as is `scratch`. `--platform` is kept as the purl's `platform` qualifier when it names one platform.
 */
import {posix} from 'node:path'
import type {Flag, From} from 'dockerfile-ast'
import {lazyRequire} from '../../../core/lazy-require.js'
import {PackageURL} from 'packageurl-js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Location} from '../../../core/model.js'
import {emptyOutput, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {substitute} from '../../variables.js'

export const discoverer: Discoverer = {
  id: 'dockerfile',
  description: 'Dockerfile / Containerfile: FROM images (ARG defaults substituted) and COPY --from images',
  matches: isDockerfile,
  // The first instruction of a Dockerfile is FROM, or ARG before it (comments and parser directives above).
  identify: (head) => /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:FROM|ARG)[ \t]+\S/i.test(head),
  discover,
}

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`; not `Dockerfile.dockerignore`. */
export function isDockerfile(file: string): boolean {
  const base = posix.basename(file)
  if (/\.dockerignore$/i.test(base)) return false
  return (
    /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/.test(base) ||
    /^[\w.-]+\.(Dockerfile|dockerfile|Containerfile)$/.test(base)
  )
}

/** dockerfile-ast, loaded the first time a Dockerfile is read (core/lazy-require.ts). */
const dockerfileAst = lazyRequire<typeof import('dockerfile-ast')>('dockerfile-ast')

/** Platform arguments BuildKit sets for every build (https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope). */
const AUTOMATIC_ARGS = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
])

interface Range {
  start: {line: number; character: number}
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const dockerfile = dockerfileAst().DockerfileParser.parse(input.text)
  const args = new Map<string, string | undefined>()
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty()
    const name = property?.getName()
    if (!name) continue
    const raw = property?.getValue() ?? undefined
    args.set(name, raw === undefined ? undefined : expandArg(raw, args))
  }
  const lookup = (name: string) => args.get(name)
  const stages = new Set<string>()
  for (const from of dockerfile.getFROMs()) {
    const written = from.getImage()
    const range = from.getImageRange()
    if (written && range) {
      const location = at(input.file, range)
      const image = resolveArgs(written, lookup, location, out, 'FROM')
      if (image !== undefined && image !== 'scratch' && !stages.has(image.toLowerCase())) {
        addImage(out, written, image, location, platformOf(from, lookup))
      }
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
  for (const copy of dockerfile.getCOPYs()) {
    const flag = copy.getFromFlag()
    const written = flag?.getValue()
    const range = flag?.getValueRange()
    if (!written || !range) continue
    const location = at(input.file, range)
    const image = resolveArgs(written, lookup, location, out, 'COPY --from')
    if (image === undefined || stages.has(image.toLowerCase()) || /^\d+$/.test(image)) continue
    addImage(out, written, image, location)
  }
  return out
}

/** An ARG default may use earlier ARGs; unset ones stay empty, as in `docker build`. */
function expandArg(raw: string, args: Map<string, string | undefined>): string {
  const result = substitute(raw, {escape: '\\$', lookup: (name) => args.get(name)})
  return result.ok ? result.value : raw
}

function resolveArgs(
  written: string,
  lookup: (name: string) => string | undefined,
  location: Location,
  out: Output,
  what: string,
): string | undefined {
  if (!written.includes('$')) return written
  const result = substitute(written, {escape: '\\$', lookup})
  if (!result.ok) {
    out.errors.push({...location, code: 'invalid-variable', message: `${what} "${written}": ${result.message}`})
    return undefined
  }
  if (result.unset.length > 0) {
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unset-variable',
      message: `${what} "${written}": build argument ${result.unset.join(', ')} has no default; pass it with --build-arg and scan the result, or give it a default`,
    })
    return undefined
  }
  return result.value
}

/** `--platform=linux/arm64` as written, substituted; undefined for the build's own platform (`$BUILDPLATFORM`). */
function platformOf(from: From, lookup: (name: string) => string | undefined): string | undefined {
  const flag = from.getFlags().find((f: Flag) => f.getName() === 'platform')
  const value = flag?.getValue()
  if (!value) return undefined
  let automatic = false
  const result = substitute(value, {
    escape: '\\$',
    lookup: (name) => {
      if (AUTOMATIC_ARGS.has(name)) automatic = true
      return lookup(name)
    },
  })
  if (!result.ok || automatic || result.unset.length > 0 || result.value === '') return undefined
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
    purl.qualifiers = {...(purl.qualifiers ?? {}), platform}
    component.purl = purl.toString()
  }
  out.components.push(component)
}

function at(file: string, range: Range): Location {
  return {file, line: range.start.line + 1, column: range.start.character + 1}
}
