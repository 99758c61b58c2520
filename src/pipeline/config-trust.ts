/**
 * Who may set what in a settings file. A `.stewards.yaml` found inside a scanned PATH is data from the tree
 * being scanned (a vendor's repository, a pull request): it may tune the judgement (rules, parameters, the
 * window, globs) and name files inside the tree (a snapshot, a map, affiliation files), but it may not choose where
 * the token is sent or where files are written, nor read anything outside the tree (links followed). A file the user named (`--config`) or the one in the
 * working directory is the user's own: every key is honoured, and a report path in it stays inside its
 * directory. Flags always win. Documented in README.md ("Settings files and trust").
 */
import {existsSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {DEFAULT_MAX_COMMITS} from '../collect/index.js'
import {namesUnder} from '../core/names-under.js'
import {usageError} from '../core/errors.js'
import {isInside} from '../core/inside.js'
import {parseSizeFlag} from '../core/size.js'
import type {YamlPath} from '../core/yaml-file.js'
import {DEFAULT_MAX_FILE_SIZE} from '../discover/index.js'
import {PACKS_ROOT} from '../evaluate/index.js'
import type {ScanConfig} from './config.js'
import {thousands} from '../core/figures.js'

/** Where a settings file came from: `--config`, the working directory, or inside a scanned PATH. */
export type ConfigOrigin = 'given' | 'working-directory' | 'scanned-path'

/**
 * Keys that send or write: never from a scanned tree. The cache is both read and written, and shared by every
 * scan of the user: a tree cannot point it anywhere.
 */
const REFUSED_IN_TREE: Partial<Record<keyof ScanConfig, string>> = {
  githubApiUrl: 'choose where the GitHub token is sent',
  output: 'choose where reports are written',
  cacheDir: 'choose where the cache is written and read',
  artifactHubUrl: 'choose where the names of its chart repositories are sent',
  registryMirrors: 'send the names of packages from other registries to public ones',
}

/** Keys naming files or directories read: from a scanned tree, only inside it. */
const READ_KEYS = [
  'paths',
  'snapshot',
  'map',
  'overrides',
  'baseline',
  'companies',
  'affiliations',
  'entities',
  'rules',
  'waivers',
  // Bot rule files: read by attribution, and missing here until a tree's `bots: [../../.kube/config]` was read.
  'bots',
] as const

/**
 * Keys bounding what a run may spend (memory, requests): a scanned tree may lower them, never raise them past the
 * default (a `maxFileSize: 1TB` let a 145 MB lockfile take 118 s and 1.1 GB). The user's own settings and flags may.
 * `concurrency` needs no entry: its schema caps it at 64 for every settings file.
 */
const CAPPED_IN_TREE: Record<'maxFileSize' | 'maxCommits', {cap: number; shown: string; flag: string}> = {
  maxFileSize: {cap: DEFAULT_MAX_FILE_SIZE, shown: '50MB', flag: '--max-file-size SIZE'},
  maxCommits: {cap: DEFAULT_MAX_COMMITS, shown: thousands(DEFAULT_MAX_COMMITS), flag: '--max-commits N'},
}

/**
 * A file found in a scanned tree (its `.stewards.yaml`, its `.stewards-waivers.yaml`) is data from that tree: one that
 * links out of it is refused before it is read, so nothing outside the tree is parsed, let alone quoted in an error.
 */
export function refuseLinkOut(tree: string, file: string, what: string, hint: string): void {
  if (isInside(tree, file)) return
  throw usageError('config-untrusted', `${file}: ${what} inside a scanned path links outside it; it is not read`, hint)
}

export interface TrustContext {
  /** The settings file as named (for messages). */
  file: string
  origin: ConfigOrigin
  lineAt(path: YamlPath): number
}

const TRUST_HINT = (file: string) =>
  `give it as a flag, in --config FILE or in .stewards.yaml of the working directory; --config ${file} trusts this file as your own`

/** Throws a usage error naming file:line for the first setting this file may not make. */
export function checkTrust(config: ScanConfig, context: TrustContext): void {
  const base = dirname(resolve(context.file))
  const where = (key: string, index?: number) =>
    `${context.file}:${context.lineAt(index === undefined ? [key] : [key, index])}: ${key}`
  if (context.origin === 'scanned-path') {
    for (const [key, what] of Object.entries(REFUSED_IN_TREE)) {
      if (config[key as keyof ScanConfig] === undefined) continue
      throw usageError(
        'config-untrusted',
        `${where(key)}: a settings file inside a scanned path cannot ${what}`,
        TRUST_HINT(context.file),
      )
    }
    for (const [key, {cap, shown, flag}] of Object.entries(CAPPED_IN_TREE)) {
      const value = config[key as keyof typeof CAPPED_IN_TREE]
      if (value === undefined) continue
      if ((typeof value === 'number' ? value : parseSizeFlag(value, key)) <= cap) continue
      throw usageError(
        'config-untrusted',
        `${where(key)}: a settings file inside a scanned path may lower ${key}, not raise it past ${shown}`,
        `give ${flag} on the command line, or --config ${context.file} to trust this file as your own`,
      )
    }
    for (const key of READ_KEYS) {
      const value = config[key]
      const list = value === undefined ? [] : Array.isArray(value) ? value : [value]
      list.forEach((entry, i) => {
        // Waivers written inline name no file.
        if (typeof entry !== 'string') return
        if (key === 'rules' && isShippedPack(entry)) return
        const path = resolve(base, entry)
        if (isInside(base, path)) {
          // A folder of rules or organisation files is read whole: a link in it may not lead out either.
          const out = key === 'rules' || key === 'entities' ? linkOut(base, path) : undefined
          if (out !== undefined)
            throw usageError(
              'config-untrusted',
              `${where(key, Array.isArray(value) ? i : undefined)}: '${entry}' holds ${out}, a link outside ${displayDir(context.file)}; a settings file inside a scanned path reads only files inside it`,
              TRUST_HINT(context.file),
            )
          // Files and folders only: a device node in the tree (an archive unpacked as root) would be read up to
          // the size limit, and a pipe would be read as its writer writes. The user's own flags may name either.
          if (isFileOrFolder(path)) return
          throw usageError(
            'config-untrusted',
            `${where(key, Array.isArray(value) ? i : undefined)}: '${entry}' is a FIFO, socket or device; a settings file inside a scanned path names only files and folders`,
            TRUST_HINT(context.file),
          )
        }
        throw usageError(
          'config-untrusted',
          `${where(key, Array.isArray(value) ? i : undefined)}: '${entry}' is outside ${displayDir(context.file)}; a settings file inside a scanned path reads only files inside it`,
          TRUST_HINT(context.file),
        )
      })
    }
    return
  }
  // The user's own file: every key, but a report it names stays in the directory it governs.
  config.output?.forEach((entry, i) => {
    const path = /^[a-z]+=(.*)$/.exec(entry)?.[1]
    if (path === undefined || path === '-' || isInside(base, resolve(base, path))) return
    throw usageError(
      'config-output-outside',
      `${where('output', i)}: '${path}' is outside ${displayDir(context.file)}, the directory this settings file governs`,
      'give that report path with --output on the command line',
    )
  })
}

/**
 * The first YAML file under the folder `dir` (as the rule and entity loaders list them) that leads outside `tree` once
 * links are followed; undefined for a file, or a folder whose files all stay inside.
 */
function linkOut(tree: string, dir: string): string | undefined {
  let names: string[]
  try {
    if (!statSync(dir).isDirectory()) return undefined
    names = namesUnder(dir)
  } catch {
    // Unreadable: its reader says why.
    return undefined
  }
  return names.find((name) => /\.ya?ml$/i.test(name) && !isInside(tree, join(dir, name)))
}

/** True for a file or a folder, or a path that does not exist (its reader says so); false for a FIFO or a device. */
function isFileOrFolder(path: string): boolean {
  try {
    const info = statSync(path, {throwIfNoEntry: false})
    return info === undefined || info.isFile() || info.isDirectory()
  } catch {
    // Unreadable (no permission...): its reader says why.
    return true
  }
}

/** A shipped pack is named, not a path (`default`, `strict`): see src/evaluate/load.ts. */
export function isShippedPack(spec: string): boolean {
  return /^[a-z0-9-]+$/.test(spec) && existsSync(join(PACKS_ROOT, spec))
}

function displayDir(file: string): string {
  const dir = dirname(file)
  return dir === '.' ? 'the working directory' : `${dir}/`
}
