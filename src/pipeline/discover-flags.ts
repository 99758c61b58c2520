/**
 * The flags that choose what discovery reads (`--include`, `--exclude`, `--max-file-size`, `--stdin-format`),
 * declared once for `scan` and `inventory`, and the settings they come to with the settings file's keys of the same
 * name (`include`, `exclude`, `maxFileSize`; flags win); and `inventory`'s settings, read only when there is a
 * file. Light to load: `inventory` imports it at start.
 */
import {Flags} from '@oclif/core'
import {parseSizeFlag} from '../core/size.js'
import type {ScanConfig} from './config.js'
import {findSettingsFile, flagOrSetting} from './settings-file.js'

export const discoverFlags = {
  include: Flags.string({
    description:
      'only read files matching this glob, relative to PATH or to the working directory (repeatable; a glob without / matches file names)',
    multiple: true,
  }),
  exclude: Flags.string({
    description:
      'skip files and directories matching this glob, relative to PATH or to the working directory (repeatable; past two runs of *, a glob may hold only literals, ?, *, ** and {a,b})',
    multiple: true,
  }),
  'max-file-size': Flags.string({
    description:
      'larger files are not read, and make the run incomplete (bytes, or with a unit: 512KB, 50MB; default 50MB)',
  }),
  'stdin-format': Flags.string({
    description: 'the format of `-` (standard input), e.g. npm-package-lock; default: recognised by its content',
  }),
}

export interface DiscoverSettings {
  include: string[]
  exclude: string[]
  /** Undefined: discovery's default (50 MiB). */
  maxFileSize?: number
  stdinFormat?: string
}

/**
 * The discover flags, else the settings' `include`, `exclude` and `maxFileSize` (a repeatable flag given once
 * replaces the key's whole list). The settings' size was checked as the file was read (./config.ts).
 */
export function discoverSettingsFrom(
  flags: {include?: string[]; exclude?: string[]; 'max-file-size'?: string; 'stdin-format'?: string},
  config: Pick<ScanConfig, 'include' | 'exclude' | 'maxFileSize'>,
): DiscoverSettings {
  const size = flags['max-file-size'] ?? config.maxFileSize
  return {
    include: flagOrSetting(flags.include, config.include),
    exclude: flagOrSetting(flags.exclude, config.exclude),
    maxFileSize: size === undefined ? undefined : parseSizeFlag(size, '--max-file-size'),
    stdinFormat: flags['stdin-format'],
  }
}

/**
 * The run's settings as ./config.ts `loadScanConfig` reads them, its reader loaded only when there is a file to
 * read: an `inventory` of a tree without one loads neither zod nor the other stages.
 */
export async function loadSettings(given: string | undefined, paths: readonly string[] = []): Promise<ScanConfig> {
  const found = findSettingsFile(given, paths)
  if (found === undefined) return {}
  const {loadFoundSettings} = await import('./config.js')
  return loadFoundSettings(found)
}
