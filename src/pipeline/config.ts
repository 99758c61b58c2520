import {existsSync, statSync} from 'node:fs'
import {Flags} from '@oclif/core'
import {dirname, join, relative, resolve} from 'node:path'
import {z} from 'zod'
import {CollectConfig} from '../collect/index.js'
import {SEVERITIES} from '../core/model.js'
import {readUserFile} from '../core/user-file.js'
import {parseYamlFile} from '../core/yaml-file.js'

/**
 * `.stewards.yaml`: the same settings as `scan`'s flags (the collecting keys are collect's `CollectConfig`). Strict: a
 * mistyped key is an error, not a silent default. `collect` and `people` read the same file and use the keys of
 * the flags they have.
 */
export const ScanConfig = z.strictObject({
  ...CollectConfig.shape,
  paths: z.array(z.string()).optional(),
  rules: z.array(z.string()).optional(),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  failOn: z.enum([...SEVERITIES, 'none']).optional(),
  format: z.string().optional(),
  output: z.array(z.string()).optional(),
  affiliations: z.array(z.string()).optional(),
  companies: z.string().optional(),
  overrides: z.string().optional(),
  entities: z.array(z.string()).optional(),
  lists: z.array(z.string()).optional(),
  map: z.string().optional(),
  includeDev: z.boolean().optional(),
  maxFileSize: z.string().optional(),
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  baseline: z.string().optional(),
})
export type ScanConfig = z.infer<typeof ScanConfig>

// An empty file is an empty configuration, not an error.
const ConfigFile = z.preprocess((value) => value ?? {}, ScanConfig)

/** Keys whose values are paths: resolved against the config file's directory, not the working directory. */
const PATH_KEYS = ['snapshot', 'companies', 'overrides', 'map', 'baseline', 'cacheDir'] as const
const PATH_LIST_KEYS = ['paths', 'affiliations', 'entities'] as const

export const CONFIG_FILE = '.stewards.yaml'

/** `--config FILE`, the same on every command that reads settings (`scan`, `collect`, `people`). */
export const configFlags = {
  config: Flags.string({
    description:
      'settings file (default: .stewards.yaml in the first PATH when it is a directory, else in the working directory)',
    helpValue: 'FILE',
  }),
}

/**
 * The settings of a run: `--config FILE`, else `.stewards.yaml` in the first PATH when it is a directory, else in
 * the working directory, else none. The one place a configuration file is found and read.
 */
export async function findConfig(configFlag: string | undefined, paths: readonly string[] = []): Promise<ScanConfig> {
  if (configFlag) return loadConfig(configFlag)
  const first = paths[0]
  const candidates = [first && isDirectory(first) ? join(first, CONFIG_FILE) : undefined, CONFIG_FILE]
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return loadConfig(candidate)
  return {}
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}

export async function loadConfig(file: string): Promise<ScanConfig> {
  const text = await readUserFile(file, 'the configuration file', {
    hint: 'check the --config path; without --config, .stewards.yaml is looked up in the first PATH, then the working directory',
  })
  const {data} = parseYamlFile(text, file, ConfigFile, 'config-invalid')
  return relativeTo(data, dirname(resolve(file)))
}

function relativeTo(config: ScanConfig, base: string): ScanConfig {
  const out: ScanConfig = {...config}
  // Relative to the working directory, so reports name files as the user would type them.
  const abs = (p: string) => relative(process.cwd(), resolve(base, p)) || '.'
  for (const key of PATH_KEYS) if (out[key]) out[key] = abs(out[key])
  for (const key of PATH_LIST_KEYS) if (out[key]) out[key] = out[key].map(abs)
  if (out.output) out.output = out.output.map((o) => o.replace(/^([a-z]+)=(.*)$/, (_m, f, p) => `${f}=${abs(p)}`))
  return out
}
