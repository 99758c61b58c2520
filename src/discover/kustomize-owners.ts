/**
 * What kustomize makes of a manifest's images, as far as the tree writes it, shared by the k8s-manifest and
 * kustomization formats (which never import each other):
 *
 * - the kustomizations that list a manifest file in their `resources`, `components` or `bases` (in its own folder or
 *   a folder above it), and their `images:` overrides: `kustomize build` gives the image an override names the
 *   override's image (sigs.k8s.io/kustomize api/filters/imagetag), never the one the manifest writes;
 * - the image names a Makefile sets when the project is built, with `kustomize edit set image NAME=VALUE` run in a
 *   kustomization's folder. This is kubebuilder's and Operator SDK's scaffold
 *   (https://book.kubebuilder.io/quick-start#deploy-on-the-cluster, `make deploy IMG=<some-registry>/<project-name>:tag`;
 *   its Makefile: `cd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}`): the manifest's
 *   `image: controller:latest` is a placeholder `make` replaces with `$(IMG)`, no image on Docker Hub.
 */
import {posix} from 'node:path'
import type {ImageOverride} from './image-override.js'
import {trimEnd} from '../core/trim-end.js'
import {folderListing} from './folder-listing.js'
import {perScan} from './per-scan.js'
import type {DiscoverContext} from './types.js'
import {readYaml} from './yaml.js'
import {isMap, toPlain} from './yaml-tree.js'

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile']
/** A Makefile larger than this is not searched (scaffolded ones are a few KB). */
const MAX_MAKEFILE = 1 << 20

/** A kustomization that builds a manifest file, and the overrides kustomize applies to it on the way, innermost first. */
export interface Including {
  /** The kustomization file. */
  file: string
  overrides: Array<{override: ImageOverride; dir: string}>
  /** The folders of the kustomizations on the way, its own first, the one that lists the file last. */
  folders: string[]
}

export interface BuildTimeImage {
  /** The Makefile and the line of the `cd` that runs `kustomize edit set image`. */
  file: string
  line: number
  /** `NAME=VALUE` as written (`controller=${IMG}`). */
  set: string
}

interface Listing {
  file: string
  listed: Set<string>
  overrides: ImageOverride[]
}

const kustomizations = perScan(() => new Map<string, Listing | null>())
const makeFacts = perScan(() => new Map<string, MakeFacts>())

/**
 * The kustomizations that build a manifest file and are built themselves (no other one found includes them): those
 * that list it, directly or through the folders they list (an overlay's `resources: [../base]`), looked for in the
 * file's folder, the folders above it and their subfolders (kubebuilder's `config/default` lists `../manager`).
 */
export function includingKustomizations(file: string, context: DiscoverContext): Including[] {
  const found: Array<{dir: string} & Reach> = []
  for (const dir of candidateFolders(posix.dirname(file), context)) {
    const reach = reachedFrom(dir, context)?.get(file)
    if (reach) found.push({dir, ...reach})
  }
  return found
    .filter((k) => !found.some((other) => other !== k && other.through.has(k.dir)))
    .map((k) => ({file: k.file, overrides: k.overrides, folders: [k.dir, ...k.through]}))
}

const candidates = perScan(() => new Map<string, readonly string[]>())

/**
 * The folders a kustomization building a file of `dir` may be in: `dir`, the folders above it, and their entries
 * (a folder's entries are all candidates: a file among them has no kustomization, which its listing tells), and the
 * entries of an `overlays` folder among them: kustomize's own layout, `someApp/base/` built by
 * `someApp/overlays/<variant>/` (https://kubectl.docs.kubernetes.io/guides/introduction/kustomize/, "overlays"). Once
 * per folder and scan: the manifests of one folder share them.
 */
function candidateFolders(dir: string, context: DiscoverContext): readonly string[] {
  const cache = candidates(context)
  const known = cache.get(dir)
  if (known) return known
  const out = new Set<string>()
  for (const folder of foldersAbove(posix.join(dir, '_'))) {
    out.add(folder)
    const names = folderListing(folder, context) ?? []
    if (names.length > MAX_FOLDER) continue
    for (const name of names) out.add(posix.join(folder, name))
    if (!names.includes(OVERLAYS)) continue
    const overlays = posix.join(folder, OVERLAYS)
    const variants = folderListing(overlays, context) ?? []
    if (variants.length <= MAX_FOLDER) for (const name of variants) out.add(posix.join(overlays, name))
  }
  const list = [...out]
  cache.set(dir, list)
  return list
}

/** The folder kustomize's documentation keeps the variants of a base in. */
const OVERLAYS = 'overlays'
/** A folder with more names than this is not looked into for kustomizations (a monorepo's root may be). */
const MAX_FOLDER = 500
/** As the kustomization format's limit: overlays deeper than this are a cycle or a mistake. */
const MAX_DEPTH = 16

/** How a kustomization reaches a path it builds: the overrides on the way, innermost first, and the folders it goes through. */
interface Reach {
  file: string
  overrides: Including['overrides']
  through: ReadonlySet<string>
}

const reaches = perScan(() => new Map<string, ReadonlyMap<string, Reach> | null>())

/**
 * Every path the kustomization in `dir` lists, directly or through the folders it lists, with how it reaches it; null
 * when `dir` has none. Once per kustomization and scan (every manifest of the folders around looks it up). The folders
 * are walked depth first in the order they are listed, each once: a path is reached the first way the walk finds it.
 */
function reachedFrom(dir: string, context: DiscoverContext): ReadonlyMap<string, Reach> | null {
  const cache = reaches(context)
  const known = cache.get(dir)
  if (known !== undefined) return known
  const root = kustomizationIn(dir, context)
  let out: Map<string, Reach> | null = null
  if (root) {
    const found = new Map<string, Reach>()
    const seen = new Set([dir])
    const walk = (listing: Listing, at: string, depth: number, outer: Reach['overrides'], through: string[]) => {
      // The overrides of the folders on the way: this one's first, the root's last.
      const overrides = [...listing.overrides.map((override) => ({override, dir: at})), ...outer]
      const reach: Reach = {file: root.file, overrides, through: new Set(through)}
      for (const entry of listing.listed) if (!found.has(entry)) found.set(entry, reach)
      if (depth >= MAX_DEPTH) return
      for (const entry of listing.listed) {
        if (seen.has(entry)) continue
        seen.add(entry)
        const inner = kustomizationIn(entry, context)
        if (inner) walk(inner, entry, depth + 1, overrides, [...through, entry])
      }
    }
    walk(root, dir, 0, [], [])
    out = found
  }
  cache.set(dir, out)
  return out
}

/**
 * The image names set when the project is built by a Makefile, in this folder or one above it, that runs
 * `kustomize edit set image NAME=...` after a `cd` to `dir`.
 */
export function buildTimeImages(dir: string, context: DiscoverContext): Map<string, BuildTimeImage> {
  const out = new Map<string, BuildTimeImage>()
  for (const folder of foldersAbove(posix.join(dir, '_'))) {
    for (const set of makefileFacts(folder, context).sets)
      if (set.dir === dir && !out.has(set.name)) out.set(set.name, set.image)
  }
  return out
}

/** A placeholder image a Makefile sets before it writes a kustomization's build to a file. */
export interface RenderedPlaceholder {
  set: BuildTimeImage
  /** The folder `kustomize edit set image` runs in. */
  dir: string
  /** The Makefile and line that write the build to the file, and the folder of the kustomization built. */
  render: {file: string; line: number; dir: string}
}

/**
 * The image names that are placeholders in a file a Makefile writes with `kustomize build DIR > FILE`: kubebuilder's
 * `make build-installer` (testdata/project-v4/Makefile: `cd config/manager && "$(KUSTOMIZE)" edit set image
 * controller=${IMG}`, then `"$(KUSTOMIZE)" build config/default > dist/install.yaml`). A name a `kustomize edit set
 * image NAME=...` sets earlier in the same recipe, in DIR or a folder DIR's kustomization builds, is one: kustomize
 * gives the image named NAME the name and tag the value holds (api/filters/imagetag), so an image of the file still
 * named NAME was rendered from the placeholder (`IMG ?= controller:latest`, or `controller:$(VERSION)`), and one
 * rendered with a real `IMG` has another name, listed as written.
 */
export function renderedPlaceholders(file: string, context: DiscoverContext): Map<string, RenderedPlaceholder> {
  const out = new Map<string, RenderedPlaceholder>()
  for (const folder of foldersAbove(file)) {
    const {sets, renders} = makefileFacts(folder, context)
    for (const render of renders) {
      if (render.output !== file && !(render.option && posix.dirname(file) === render.output)) continue
      for (const set of sets) {
        const before = set.image.file === render.file && set.recipe === render.recipe && set.image.line < render.line
        if (!before || out.has(set.name) || !builds(render.dir, set.dir, context)) continue
        out.set(set.name, {
          set: set.image,
          dir: set.dir,
          render: {file: render.file, line: render.line, dir: render.dir},
        })
      }
    }
  }
  return out
}

/** Whether the kustomization in `dir` builds the one in `folder`: the same folder, or one it lists on the way. */
function builds(dir: string, folder: string, context: DiscoverContext): boolean {
  return dir === folder || reachedFrom(dir, context)?.has(folder) === true
}

/** `a/b/file` → `a/b`, `a`, `.`. */
function foldersAbove(file: string): string[] {
  const out: string[] = []
  let dir = posix.dirname(file)
  for (;;) {
    out.push(dir)
    if (dir === '.' || dir === '/' || dir === '') return out
    dir = posix.dirname(dir)
  }
}

function exists(file: string, context: DiscoverContext): boolean {
  return context.exists ? context.exists(file) : true
}

function kustomizationIn(dir: string, context: DiscoverContext): Listing | null {
  const cache = kustomizations(context)
  const cached = cache.get(dir)
  if (cached !== undefined) return cached
  let found: Listing | null = null
  // With listings, a folder's names tell which kustomization file it has (and a file, none) without a look at each.
  const names = context.listDir ? folderListing(dir, context) : undefined
  for (const name of KUSTOMIZATION_NAMES) {
    const file = posix.join(dir, name)
    if (names !== undefined ? !names?.includes(name) : !exists(file, context)) continue
    const text = context.readText(file)
    if (text === null) continue
    found = readListing(file, text)
    break
  }
  cache.set(dir, found)
  return found
}

/**
 * The files a kustomization lists and its overrides, read leniently: a kustomization that is not valid is the
 * kustomization format's error, and lists nothing here.
 */
function readListing(file: string, text: string): Listing | null {
  const root = readYaml(text, file, {keepUnknownTags: 'quietly'}).documents.find((doc) => doc.root !== null)?.root
  if (!isMap(root)) return null
  const plain = toPlain(root) as Record<string, unknown>
  const dir = posix.dirname(file)
  const listed = new Set<string>()
  for (const key of ['resources', 'components', 'bases']) {
    const entries = plain[key]
    if (!Array.isArray(entries)) continue
    // `../base/` is the folder `../base`, as the kustomization format reads it.
    for (const entry of entries)
      if (typeof entry === 'string') listed.add(trimEnd(posix.normalize(posix.join(dir, entry)), '/', 1))
  }
  const overrides: ImageOverride[] = []
  const images = Array.isArray(plain.images) ? plain.images : []
  for (const item of images) {
    const {name, newName, newTag, digest} = (item ?? {}) as Record<string, unknown>
    if (typeof name !== 'string' || name === '') continue
    overrides.push({
      name,
      ...(typeof newName === 'string' ? {newName} : {}),
      ...(typeof newTag === 'string' ? {newTag} : {}),
      ...(typeof digest === 'string' ? {digest} : {}),
    })
  }
  return {file, listed, overrides}
}

/**
 * `cd DIR && ... kustomize edit set image NAME=VALUE` in a recipe line (a `\` line break goes on), DIR relative to the
 * Makefile's folder (one with a variable in it is not followed): the last `cd` before the command on its line.
 */
const CD = /\bcd[ \t]+(["']?)([^\s"'&;|()$]+)\1[ \t]*&&/g
const SET_IMAGE = /\bedit[ \t]+set[ \t]+image[ \t]+["']?([^\s"'=]+)=((?:\$\([^()\s]*\)|\$\{[^{}\s]*\}|[^\s"';&|()$])*)/g
/**
 * `kustomize build DIR > FILE` (`>>` too; `$(KUSTOMIZE)`, `"$(KUSTOMIZE)"`, `bin/kustomize`, or `kubectl kustomize
 * DIR`), DIR and FILE relative to the Makefile's folder or the `cd` before on the line; up to four flags between them
 * are passed over. A DIR or FILE with a variable in it is not followed.
 */
const RENDER =
  /(?:kustomize[)}"']{0,3}[ \t]+build|kubectl[ \t]+kustomize)[ \t]+(["']?)([^\s"'&;|()$<>]+)\1(?:[ \t]+[^\s<>&;|]+){0,4}[ \t]*>>?[ \t]*(["']?)([^\s"'&;|()$<>]+)\3/gi
/**
 * `kustomize build DIR -o OUT` (`--output OUT`, `--output=OUT`): kustomize writes the build to the file OUT, or, when
 * OUT is a folder, one file per object in it (kustomize/commands/build/build.go, `--output`).
 */
const RENDER_OPTION =
  /(?:kustomize[)}"']{0,3}[ \t]+build|kubectl[ \t]+kustomize)[ \t]+(["']?)([^\s"'&;|()$<>-][^\s"'&;|()$<>]*)\1(?:[ \t]+[^\s<>&;|]+){0,4}?[ \t]+(?:-o|--output)(?:=|[ \t]+)(["']?)([^\s"'&;|()$<>]+)\3/gi
/** A recipe line longer than this is not read (a scaffold's are under a hundred characters). */
const MAX_LINE = 4096

interface MakeSet {
  dir: string
  name: string
  image: BuildTimeImage
  /** The rule whose recipe runs it (the n-th recipe of the Makefile), when it is on a recipe's line. */
  recipe?: number
}

/** A recipe line that writes a kustomization's build to a file: `$(KUSTOMIZE) build config/default > dist/install.yaml`. */
interface MakeRender {
  /** The folder of the kustomization built and the file written, both from the scan's root. */
  dir: string
  output: string
  /** Written with `-o`/`--output`, which kustomize takes for a folder (one file per object) when it is one. */
  option?: true
  file: string
  line: number
  recipe: number
}

interface MakeFacts {
  sets: MakeSet[]
  renders: MakeRender[]
}

/**
 * Every `kustomize edit set image` a Makefile in this folder runs after a `cd`, and every kustomization build it writes
 * to a file (`> FILE`, `>> FILE`), in order, each with the recipe it is part of.
 */
function makefileFacts(folder: string, context: DiscoverContext): MakeFacts {
  const cache = makeFacts(context)
  const known = cache.get(folder)
  if (known) return known
  const found: MakeFacts = {sets: [], renders: []}
  const names = context.listDir ? folderListing(folder, context) : undefined
  for (const name of MAKEFILE_NAMES) {
    const file = posix.join(folder, name)
    if (names !== undefined ? !names?.includes(name) : !exists(file, context)) continue
    const text = context.readText(file)
    if (text === null || text.length > MAX_MAKEFILE || !text.includes('set image')) continue
    for (const {text: line, number, recipe} of recipeLines(text)) {
      // A comment (`# cd config/manager && ...`) runs nothing.
      if (line.length > MAX_LINE || /^\s*#/.test(line)) continue
      const cds = [...line.matchAll(CD)]
      const cdBefore = (index: number) => cds.findLast((c) => c.index < index)?.[2]
      if (line.includes('set'))
        for (const match of line.matchAll(SET_IMAGE)) {
          const cd = cdBefore(match.index)
          if (cd === undefined) continue
          found.sets.push({
            dir: posix.normalize(posix.join(folder, cd)),
            name: match[1],
            image: {file, line: number, set: `${match[1]}=${match[2]}`},
            recipe,
          })
        }
      if (recipe === undefined || !/kustomize/i.test(line)) continue
      const renders = [
        ...(line.includes('>') ? line.matchAll(RENDER) : []),
        ...(line.includes('-o') ? line.matchAll(RENDER_OPTION) : []),
      ]
      for (const match of renders) {
        const base = posix.join(folder, cdBefore(match.index) ?? '.')
        found.renders.push({
          dir: posix.normalize(posix.join(base, match[2])),
          output: trimEnd(posix.normalize(posix.join(base, match[4])), '/', 1),
          ...(match[0].includes('>') ? {} : {option: true as const}),
          file,
          line: number,
          recipe,
        })
      }
    }
  }
  cache.set(folder, found)
  return found
}

/**
 * Lines joined where one ends with `\`, as make joins them, each with the number of its first line and, for a recipe
 * line (one that starts with a tab), the number of its recipe: a recipe goes on over blank and comment lines, as make
 * reads it (https://www.gnu.org/software/make/manual/html_node/Recipe-Syntax.html), and ends at any other line.
 */
function* recipeLines(text: string): Generator<{text: string; number: number; recipe?: number}> {
  const lines = text.split('\n')
  let recipe = 0
  let inRecipe = false
  for (let i = 0; i < lines.length; i++) {
    const number = i + 1
    let line = lines[i].replace(/\r$/, '')
    while (line.endsWith('\\') && i + 1 < lines.length && line.length <= MAX_LINE) {
      i++
      line = `${line.slice(0, -1)} ${lines[i].replace(/\r$/, '')}`
    }
    if (line.startsWith('\t')) {
      if (!inRecipe) recipe++
      inRecipe = true
      yield {text: line, number, recipe}
      continue
    }
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) inRecipe = false
    yield {text: line, number}
  }
}

/**
 * Why an override leaves a placeholder a Makefile sets when the project is built: the override names an image `make`
 * sets in its kustomization's folder and renames it to nothing else (kubebuilder's scaffold writes `name: controller`,
 * `newName: controller`, `newTag: latest`, what `make deploy` wrote with its default `IMG ?= controller:latest`).
 */
export function placeholderOverride(
  override: ImageOverride,
  sets: ReadonlyMap<string, BuildTimeImage>,
): BuildTimeImage | undefined {
  const set = sets.get(override.name)
  return set && (!override.newName || override.newName === override.name) ? set : undefined
}

/** `Makefile:152 runs \`kustomize edit set image controller=${IMG}\` in config/manager`. */
export function buildTimeWords(set: BuildTimeImage, dir: string): string {
  return `${set.file}:${set.line} runs \`kustomize edit set image ${set.set}\` in ${dir}`
}

/** `Makefile:152 runs \`kustomize edit set image controller=${IMG}\` in config/manager, and Makefile:153 writes this file with \`kustomize build config/default\``. */
export function renderedWords(placeholder: RenderedPlaceholder): string {
  const {render} = placeholder
  const line = render.file === placeholder.set.file ? `line ${render.line}` : `${render.file}:${render.line}`
  return `${buildTimeWords(placeholder.set, placeholder.dir)}, and ${line} writes this file with \`kustomize build ${render.dir}\``
}
