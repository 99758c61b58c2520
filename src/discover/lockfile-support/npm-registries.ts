/**
 * The registries an npm project's own settings name, for the lockfiles that do not record them per package:
 * pnpm-lock.yaml (a package of the configured registry has no tarball URL) reads `.npmrc` beside it (`registry=`,
 * `@scope:registry=`, as pnpm does: https://pnpm.io/npmrc#registry), yarn berry's yarn.lock reads `.yarnrc.yml`
 * beside it (`npmRegistryServer`, `npmScopes.<scope>.npmRegistryServer`:
 * https://yarnpkg.com/configuration/yarnrc). A package of a registry other than the npm registry carries it as purl
 * `repository_url` (./npm-name.ts registryQualifiers), and is then never looked up by name on a public registry.
 *
 * Only those keys are read. These files also hold auth tokens (`//host/:_authToken=`, `npmAuthToken`): a line of
 * `.npmrc` is matched against the two keys before anything else is done with it, so no other value is ever kept,
 * which is also why it is read here by its lines rather than through an ini library that would parse every value.
 * Settings in the user's home folder or in the environment are not the tree's and are not read.
 */
import {posix} from 'node:path'
import {CORE_SCHEMA, load} from 'js-yaml'
import type {ScanError} from '../../core/model.js'
import type {DiscoverContext} from '../types.js'
import {lockfileError} from './problems.js'

export interface NpmRegistries {
  /** The registry the settings name for a package; undefined when they name none (the npm registry). */
  registryOf(name: string): string | undefined
  /** A settings file that could not be read whole (its registries are unknown): an error of the run. */
  errors: ScanError[]
}

/** No settings file: every package is the npm registry's. */
export const NO_REGISTRIES: NpmRegistries = {registryOf: () => undefined, errors: []}

function registries(defaultRegistry: string | undefined, scopes: Map<string, string>, errors: ScanError[] = []) {
  return {
    registryOf(name: string): string | undefined {
      const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined
      return (scope !== undefined ? scopes.get(scope) : undefined) ?? defaultRegistry
    },
    errors,
  }
}

/** `registry=URL` and `@scope:registry=URL` (ini: `;` and `#` comments, spaces around `=`, quoted values). */
const NPMRC_REGISTRY = /^\s*(@[^\s:=]+:)?registry\s*=\s*(.*?)\s*$/

/** The registries `.npmrc` beside `lockfile` names. */
export function npmrcRegistries(context: DiscoverContext, lockfile: string): NpmRegistries {
  const text = context.readText(posix.join(posix.dirname(lockfile), '.npmrc'), {keep: false})
  if (text === null) return NO_REGISTRIES
  let defaultRegistry: string | undefined
  const scopes = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const match = NPMRC_REGISTRY.exec(line)
    if (!match) continue
    const value = match[2].replace(/^(["'])(.*)\1$/, '$2')
    if (value === '') continue
    // The last one wins, as in ini files.
    if (match[1] === undefined) defaultRegistry = value
    else scopes.set(match[1].slice(0, -1), value)
  }
  return registries(defaultRegistry, scopes)
}

/** The registries `.yarnrc.yml` beside `lockfile` names. */
export function yarnrcRegistries(context: DiscoverContext, lockfile: string): NpmRegistries {
  const file = posix.join(posix.dirname(lockfile), '.yarnrc.yml')
  const text = context.readText(file, {keep: false})
  if (text === null) return NO_REGISTRIES
  let settings: unknown
  try {
    settings = load(text, {schema: CORE_SCHEMA, filename: file})
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const line = (error as {mark?: {line?: number}}).mark?.line
    return {
      registryOf: () => undefined,
      errors: [
        lockfileError(
          file,
          'invalid-yaml',
          `${message}: the registries it names are not known`,
          line === undefined ? undefined : line + 1,
        ),
      ],
    }
  }
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const server = (value: unknown) => {
    const url = record(value).npmRegistryServer
    return typeof url === 'string' && url !== '' ? url : undefined
  }
  const scopes = new Map<string, string>()
  for (const [scope, value] of Object.entries(record(record(settings).npmScopes))) {
    const url = server(value)
    if (url !== undefined) scopes.set(`@${scope.replace(/^@/, '')}`, url)
  }
  return registries(server(settings), scopes)
}
