import {readFile} from 'node:fs/promises'
import {dirname, relative, resolve} from 'node:path'
import {isMap, LineCounter, parseDocument} from 'yaml'
import {z} from 'zod'
import {usageError} from '../core/errors.js'
import {SEVERITIES} from '../core/model.js'

/** `.stewards.yaml`: the same settings as `scan`'s flags. Strict: a mistyped key is an error, not a silent default. */
export const ScanConfig = z.strictObject({
  paths: z.array(z.string()).optional(),
  rules: z.array(z.string()).optional(),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  failOn: z.enum([...SEVERITIES, 'none']).optional(),
  format: z.string().optional(),
  output: z.array(z.string()).optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  offline: z.boolean().optional(),
  cacheDir: z.string().optional(),
  maxAge: z.string().optional(),
  snapshot: z.string().optional(),
  githubApiUrl: z.string().optional(),
  affiliations: z.array(z.string()).optional(),
  companies: z.string().optional(),
  overrides: z.string().optional(),
  entities: z.array(z.string()).optional(),
  lists: z.array(z.string()).optional(),
  map: z.string().optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  includeDev: z.boolean().optional(),
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  baseline: z.string().optional(),
  onRateLimit: z.enum(['wait', 'stop']).optional(),
})
export type ScanConfig = z.infer<typeof ScanConfig>

/** Keys whose values are paths: resolved against the config file's directory, not the working directory. */
const PATH_KEYS = ['snapshot', 'companies', 'overrides', 'map', 'baseline', 'cacheDir'] as const
const PATH_LIST_KEYS = ['paths', 'affiliations', 'entities'] as const

export async function loadConfig(file: string): Promise<ScanConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw usageError('config-unreadable', `${file}: cannot read the configuration file (${(error as Error).message})`)
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true})
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const line = e.linePos?.[0].line ?? 1
    throw usageError('config-invalid', `${file}:${line}: ${e.message.split('\n')[0]}`)
  }
  // A small alias budget: configuration files have no reason to expand aliases much.
  const data = doc.toJS({maxAliasCount: 100}) ?? {}
  const result = ScanConfig.safeParse(data)
  if (!result.success) {
    const issue = result.error.issues[0]
    const path = issue.path.map(String)
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : path[0]
    const line = key ? lineOfKey(doc, lines, key) : 1
    throw usageError('config-invalid', `${file}:${line}: ${[...path, ...(issue.code === 'unrecognized_keys' ? issue.keys : [])].join('.') || 'config'}: ${issue.message}`)
  }
  return relativeTo(result.data, dirname(resolve(file)))
}

function lineOfKey(doc: ReturnType<typeof parseDocument>, lines: LineCounter, key: string): number {
  if (!isMap(doc.contents)) return 1
  for (const pair of doc.contents.items) {
    const k = pair.key as {value?: unknown; range?: [number, number, number]}
    if (k?.value === key && k.range) return lines.linePos(k.range[0]).line
  }
  return 1
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
