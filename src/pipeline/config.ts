import {dirname, relative, resolve} from 'node:path'
import {z} from 'zod'
import {CollectConfig} from '../collect/index.js'
import {SEVERITIES, type Waiver} from '../core/model.js'
import {parseDuration} from '../core/duration.js'
import {StewardsError, usageError} from '../core/errors.js'
import {parseSizeFlag} from '../core/size.js'
import {readUserFile} from '../core/user-file.js'
import {parseDate} from '../core/window.js'
import {formatPlace, formatProblem} from '../core/problem.js'
import {MAX_SETTINGS_FILE_BYTES, parseYamlTree, type YamlPath} from '../core/yaml-file.js'
import {placeWaivers, WaiverEntry, WaiversSetting} from '../evaluate/index.js'
import {type ConfigOrigin, checkTrust, isShippedPack, refuseLinkOut} from './config-trust.js'
import {CSV_SHEETS, REPORT_FORMATS} from '../report/index.js'
import {SETTING_EXAMPLES, type SettingsKeys, settingsProblem} from './config-words.js'
import {findSettingsFile, type SettingsFile} from './settings-file.js'

/**
 * `.stewards.yaml`: the same settings as `scan`'s flags (the collecting keys are collect's `CollectConfig`). Strict: a
 * mistyped key is an error, not a silent default. `collect` and `people` read the same file and use the keys of
 * the flags they have.
 */
const ScanConfigSchema = z.strictObject({
  ...CollectConfig.shape,
  paths: z.array(z.string()).optional(),
  rules: z.array(z.string()).optional(),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  failOn: z.enum([...SEVERITIES, 'none']).optional(),
  // Checked as the file is read, at their line: a report format, and FORMAT=FILE entries (the flags' parsing,
  // pipeline/flags.ts, named the flag and quoted the text, without the file).
  format: z.enum(REPORT_FORMATS).optional(),
  output: z
    .array(
      z
        .string()
        .refine((entry) => /^[a-z]+=./.test(entry), 'not FORMAT=FILE')
        .refine(
          (entry) => !/^[a-z]+=./.test(entry) || (REPORT_FORMATS as readonly string[]).includes(entry.split('=')[0]),
          `not a report format before =: one of ${REPORT_FORMATS.join(', ')}`,
        ),
    )
    .optional(),
  affiliations: z.array(z.string()).optional(),
  companies: z.string().optional(),
  overrides: z.string().optional(),
  bots: z.array(z.string()).optional(),
  staleAfter: z.number().int().min(1).max(100).optional(),
  entities: z.array(z.string()).optional(),
  lists: z.array(z.string()).optional(),
  map: z.string().optional(),
  includeDev: z.boolean().optional(),
  // A size as --max-file-size takes it (`50MB`), or a number of bytes as YAML reads `maxFileSize: 1048576`.
  maxFileSize: z.union([z.string(), z.number().int().min(0).transform(String)]).optional(),
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  baseline: z.string().optional(),
  csvSheet: z.enum(CSV_SHEETS).optional(),
  artifactHubUrl: z.string().optional(),
  registryMirrors: z.array(z.string()).optional(),
  /** A waivers file, or the waivers themselves (README "Waivers"). */
  waivers: WaiversSetting.optional(),
})
export const ScanConfig = ScanConfigSchema
/** The settings as read: `waivers` written inline carry the settings file and line of each. */
export type ScanConfig = Omit<z.infer<typeof ScanConfigSchema>, 'waivers'> & {waivers?: string | Waiver[]}

// An empty file is an empty configuration, not an error.
const ConfigFile = z.preprocess((value) => value ?? {}, ScanConfigSchema)

// Every key has an example for its hints (./config-words.ts): a key added without one is a type error here.
const EXAMPLES: Record<keyof z.infer<typeof ScanConfigSchema>, string> = SETTING_EXAMPLES

/** What the settings' problems are worded from: the keys, a waiver's keys, the bounds of a number key. */
const SETTINGS_KEYS: SettingsKeys = {
  knownKeys: Object.keys(EXAMPLES),
  waiverKeys: Object.keys(WaiverEntry.shape),
  bounds(key) {
    const field = ScanConfigSchema.shape[key as keyof typeof ScanConfigSchema.shape]
    const inner = field instanceof z.ZodOptional ? field.unwrap() : field
    if (!(inner instanceof z.ZodNumber)) return undefined
    const finite = (n: number | null) => (n !== null && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined)
    const min = finite(inner.minValue)
    return min === undefined ? undefined : [min, finite(inner.maxValue)]
  },
}

/**
 * The settings as the schema reads them, or a usage error at the file's line in stewards' words, with a hint
 * saying what to write (./config-words.ts): never zod's own wording.
 */
function parseSettings(
  text: string,
  file: string,
): {data: z.infer<typeof ConfigFile>; lineAt(path: YamlPath): number; placeAt(path: YamlPath): string} {
  const {tree, problems} = parseYamlTree(text, file)
  const [first] = problems
  if (first || tree === undefined)
    throw usageError('config-invalid', first ? formatProblem(first) : `${file}: not read`)
  const result = ConfigFile.safeParse(tree.value)
  if (!result.success) {
    const {message, hint} = settingsProblem(result.error, tree, SETTINGS_KEYS)
    throw usageError('config-invalid', message, hint)
  }
  return {
    data: result.data,
    lineAt: (path) => tree.lineAt(path),
    placeAt: (path) => {
      const at = tree.positionAt(path)
      return formatPlace(file, at.line, at.column)
    },
  }
}

/** Keys whose values are paths: resolved against the config file's directory, not the working directory. */
const PATH_KEYS = ['snapshot', 'companies', 'overrides', 'map', 'baseline', 'cacheDir'] as const
const PATH_LIST_KEYS = ['paths', 'affiliations', 'entities', 'bots'] as const

export {CONFIG_FILE, configFlags, sameDirectory} from './settings-file.js'

/**
 * The settings of a run: `--config FILE`, else `.stewards.yaml` in the first PATH (a directory), else in the
 * working directory; none is an empty configuration. The one place a configuration file is read (./settings-file.ts
 * finds it). A file inside a scanned PATH is trusted less (./config-trust.ts).
 */
export async function loadScanConfig(given: string | undefined, paths: readonly string[] = []): Promise<ScanConfig> {
  const found = findSettingsFile(given, paths)
  return found === undefined ? {} : loadFoundSettings(found)
}

/** The settings file findSettingsFile found, read by its rules of trust (one inside a scanned PATH may not link out). */
export async function loadFoundSettings(found: SettingsFile): Promise<ScanConfig> {
  if (found.tree !== undefined)
    refuseLinkOut(
      found.tree,
      found.file,
      'a settings file',
      `give it with --config ${found.file} to trust it as your own`,
    )
  return loadConfig(found.file, found.origin)
}

/** Reads one settings file; `origin` decides which keys it may set (./config-trust.ts). */
export async function loadConfig(file: string, origin: ConfigOrigin = 'given'): Promise<ScanConfig> {
  const text = await readUserFile(file, 'the configuration file', {
    maxBytes: MAX_SETTINGS_FILE_BYTES,
    hint: 'check the --config path; without --config, .stewards.yaml is looked up in the first PATH, then the working directory',
  })
  const {data: read, lineAt, placeAt} = parseSettings(text, file)
  const {waivers, ...rest} = read
  const data: ScanConfig = {
    ...rest,
    ...(waivers === undefined
      ? {}
      : {waivers: typeof waivers === 'string' ? waivers : placeWaivers(waivers, file, lineAt)}),
  }
  checkValues(data, placeAt)
  checkTrust(data, {file, origin, lineAt})
  return relativeTo(data, dirname(resolve(file)))
}

/**
 * Settings written as text that flags read (durations, dates, sizes), checked as the file is read: a bad value is
 * an error at its place in the file, with the flag's hint (`.stewards.yaml:4:9: maxAge: not a duration`), not a
 * flag's error the user never gave. The text is never quoted (a token written under the wrong key is still a token).
 */
const VALUE_CHECKS: ReadonlyArray<
  [
    key: 'maxAge' | 'profileMaxAge' | 'since' | 'until' | 'maxFileSize',
    check: (text: string, key: string) => unknown,
    what: string,
  ]
> = [
  ['maxAge', parseDuration, 'a duration'],
  ['profileMaxAge', parseDuration, 'a duration'],
  ['since', parseDate, 'a date'],
  ['until', parseDate, 'a date'],
  ['maxFileSize', parseSizeFlag, 'a size'],
]

function checkValues(config: ScanConfig, placeAt: (path: Array<string | number>) => string): void {
  for (const [key, check, what] of VALUE_CHECKS) {
    const value = config[key]
    if (value === undefined) continue
    try {
      check(value, key)
    } catch (error) {
      if (!(error instanceof StewardsError)) throw error
      throw usageError(error.code, `${placeAt([key])}: ${key}: not ${what}`, error.hint)
    }
  }
}

function relativeTo(config: ScanConfig, base: string): ScanConfig {
  const out: ScanConfig = {...config}
  // Relative to the working directory, so reports name files as the user would type them.
  const abs = (p: string) => relative(process.cwd(), resolve(base, p)) || '.'
  for (const key of PATH_KEYS) if (out[key]) out[key] = abs(out[key])
  if (typeof out.waivers === 'string') out.waivers = abs(out.waivers)
  // `cncf-gitdm` names the cached CNCF files, not a path.
  for (const key of PATH_LIST_KEYS) if (out[key]) out[key] = out[key].map((p) => (p === 'cncf-gitdm' ? p : abs(p)))
  if (out.output)
    out.output = out.output.map((o) => o.replace(/^([a-z]+)=(.*)$/, (_m, f, p) => `${f}=${p === '-' ? p : abs(p)}`))
  // A rule entry is a shipped pack's name or a path, and a path is relative to the file like every other.
  if (out.rules) out.rules = out.rules.map((r) => (isShippedPack(r) ? r : abs(r)))
  return out
}
