/**
 * Which settings file a run reads, and `--config FILE`: found without loading the reader (./config.ts loads zod,
 * the collecting, rules and report modules). `inventory` finds no file in most trees, and then loads none of them.
 */
import {existsSync, realpathSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {Flags} from '@oclif/core'
import type {ConfigOrigin} from './config-trust.js'

export const CONFIG_FILE = '.stewards.yaml'

/**
 * `--config FILE`, the same on the commands that read settings by their PATHs (`scan`, `inventory`, `collect`,
 * `people`...); `evaluate`, which has no PATH, declares its own (the working directory's file, judging keys only).
 */
export const configFlags = {
  config: Flags.string({
    description:
      'settings file (default: .stewards.yaml in the first PATH, else in the working directory); one inside a scanned PATH cannot send, write or read outside it, nor raise --max-file-size or --max-commits, and is not read if it links outside it',
    helpValue: 'FILE',
  }),
}

/** The settings file of a run, how far it is trusted, and for a file of a scanned tree, that tree. */
export interface SettingsFile {
  file: string
  origin: ConfigOrigin
  /** The scanned PATH the file is in (origin `scanned-path`): it may not link out of it. */
  tree?: string
}

/**
 * `--config FILE`, else `.stewards.yaml` in the first PATH (a directory), else in the working directory; undefined
 * when there is none (an empty configuration). The first PATH's file is the working directory's when the first
 * PATH is the working directory.
 */
export function findSettingsFile(given: string | undefined, paths: readonly string[] = []): SettingsFile | undefined {
  if (given) return {file: given, origin: 'given'}
  const first = paths[0]
  if (first && existsSync(first) && statSync(first).isDirectory()) {
    const inPath = join(first, CONFIG_FILE)
    if (existsSync(inPath))
      return sameDirectory(first, '.')
        ? {file: inPath, origin: 'working-directory'}
        : {file: inPath, origin: 'scanned-path', tree: first}
  }
  return existsSync(CONFIG_FILE) ? {file: CONFIG_FILE, origin: 'working-directory'} : undefined
}

/** Both paths lead to the same place, links resolved (false when either does not exist). */
export function sameDirectory(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b)
  } catch {
    return false
  }
}

/** A repeatable flag given at least once replaces the settings key's whole list; else the key's list, or none. */
export function flagOrSetting<T>(flag: readonly T[] | undefined, setting: readonly T[] | undefined): T[] {
  return [...(flag && flag.length > 0 ? flag : (setting ?? []))]
}
