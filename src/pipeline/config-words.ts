/**
 * A settings file's problems in stewards' words, each with a hint saying what to write: `concurrency: 1000 is more
 * than 64, the most it may be` and `a whole number from 1 to 64, e.g. concurrency: 4`, never zod's `Too big:
 * expected number to be <=64` or `Invalid input`; text written is named by its key, never quoted. One problem, the most useful first (an unknown key: often a typo
 * that also makes another key look wrong). Messages the schemas write themselves (a waiver's `say why the risk is
 * accepted`) are stewards' words already and are kept.
 */
import type {z} from 'zod'
import {suggest} from '../core/did-you-mean.js'
import {formatPlace} from '../core/problem.js'
import {kindOf, typeWords} from '../core/value-kind.js'
import {where, type YamlTree} from '../core/yaml-file.js'
import {typeIssue} from '../core/zod-issues.js'

type Issue = z.core.$ZodIssue
type Path = Array<string | number>

/**
 * An example of each key's value, as the hint shows it (`e.g. maxAge: 24h`). A `Record` over the keys: a key added
 * to the settings without an example is a type error (./config.ts checks the schema's keys against it).
 */
export const SETTING_EXAMPLES = {
  since: '2025-01-01',
  until: '2026-01-01',
  githubApiUrl: 'https://ghe.example.com/api/v3',
  onlyHost: 'true',
  maxCommits: '50000',
  cacheDir: '.cache/stewards',
  maxAge: '24h',
  profileMaxAge: '30d',
  offline: 'true',
  snapshot: 'snapshot.json',
  onRateLimit: 'wait',
  concurrency: '4',
  paths: '[deploy/]',
  rules: '[default]',
  params: '{single-org-majority: {max_share: 0.6}}',
  failOn: 'high',
  format: 'sarif',
  output: '[sarif=stewards.sarif]',
  affiliations: '[developers_affiliations1.txt]',
  companies: 'companies.yaml',
  overrides: 'affiliations.yaml',
  bots: '[bots.yaml]',
  staleAfter: '5',
  entities: '[entities/]',
  lists: '[us-bis-entity-list]',
  map: 'repos.yaml',
  includeDev: 'true',
  maxFileSize: '50MB',
  include: "['*.yaml']",
  exclude: "['test/**']",
  baseline: 'main.json',
  csvSheet: 'projects',
  artifactHubUrl: 'https://artifacthub.io',
  registryMirrors: '[https://artifactory.example.com/api/npm/npm-remote]',
  waivers: '.stewards-waivers.yaml',
} as const

const KEYS_HINT = 'keys are the scan flags in camelCase (failOn, cacheDir, includeDev...); see the README'
const WAIVER_HINT =
  'each waiver has rule, repository (OWNER/REPO), reason, approvedBy and expires (YYYY-MM-DD), and may have component (README "Waivers")'
const PARAMS_HINT = `params are {RULE: {NAME: VALUE}}, e.g. params: ${SETTING_EXAMPLES.params}`

/** zod's own English messages (its only locale in the bundle): replaced. A message the schema wrote is kept. */
const ZOD_WORDING = /^(Invalid|Too (big|small)|Unrecognized key|Expected)\b/

/** What the schema says of its keys: their names, a waiver's, and the bounds of a number key. */
export interface SettingsKeys {
  knownKeys: readonly string[]
  waiverKeys: readonly string[]
  bounds(key: string): [min: number, max?: number] | undefined
}

export interface SettingsProblem {
  message: string
  hint: string
}

/** The first problem of `error` (unknown keys first), as `file:line:column: key: words` and a hint. */
export function settingsProblem(error: z.ZodError, tree: YamlTree, keys: SettingsKeys): SettingsProblem {
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]
  const words = issueWords(issue, tree.value, keys)
  const at = words.key === undefined ? tree.positionAt(words.path) : tree.positionAt(words.path, words.key)
  return {message: `${formatPlace(tree.file, at.line, at.column)}: ${where(words.path)}${words.text}`, hint: words.hint}
}

interface Words {
  path: Path
  /** An unknown key: placed at the key, not its value. */
  key?: string
  text: string
  hint: string
}

function issueWords(issue: Issue, root: unknown, keys: SettingsKeys, prefix: Path = []): Words {
  const path = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')]
  const value = valueAt(root, path)
  const hint = hintFor(path)
  if (issue.code === 'unrecognized_keys') {
    const [key] = issue.keys
    return {path, key, text: `unknown key '${key}'`, hint: unknownKeyHint(key, path, keys)}
  }
  const last = path.at(-1)
  if (typeof last === 'string' && value === undefined)
    return {path: path.slice(0, -1), text: `missing required key '${last}'`, hint}
  if (path.length === 0) {
    return {
      path,
      text: `the settings are ${kindOf(value)}, not keys with values`,
      hint: `one key a line, e.g. failOn: high; ${KEYS_HINT}`,
    }
  }
  const shown = show(value)
  switch (issue.code) {
    case 'invalid_type': {
      // `waivers:` is a file or a list; its check is the list's (evaluate/waivers.ts), which would say "a list".
      if (path.length === 1 && path[0] === 'waivers')
        return {path, text: `a waivers file or a list of waivers is expected, not ${kindOf(value)}`, hint}
      const kinds = typeIssue(issue)
      const expected = kinds?.expected ?? typeWords(String(issue.expected))
      const received = issue.expected === 'int' && typeof value === 'number' ? shown : kindOf(value)
      return {path, text: `${expected} is expected, not ${received}`, hint}
    }
    case 'too_big':
    case 'too_small': {
      if (issue.origin === 'string' && ZOD_WORDING.test(issue.message)) return {path, text: 'may not be empty', hint}
      if (!ZOD_WORDING.test(issue.message)) return {path, text: issue.message, hint}
      const big = issue.code === 'too_big'
      const bound = big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum
      return {
        path,
        text: `${shown} is ${big ? 'more' : 'less'} than ${bound}, the ${big ? 'most' : 'least'} it may be`,
        hint: `${rangeOf(path, keys)}${hint}`,
      }
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String)
      const near = typeof value === 'string' ? suggest(value, allowed) : undefined
      return {
        path,
        text: `${typeof value === 'string' ? 'not' : `${shown} is not`} one of ${allowed.join(', ')}`,
        hint: `${near ? `did you mean ${near}? ` : ''}${hint}`,
      }
    }
    case 'invalid_union': {
      // A list whose entry is wrong: that entry, at its place (`githubApiUrl[1]: a string is expected, not a number`).
      const deeper = issue.errors.flat().find((inner) => inner.path.length > 0)
      if (deeper) return issueWords(deeper, root, keys, path)
      // A value of a type one branch takes, that the branch refuses (`maxFileSize: -5`): that branch's words.
      const typed = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type'))
      if (typed?.[0]) return issueWords(typed[0], root, keys, path)
      const expected = [
        ...new Set(
          issue.errors
            .flat()
            .map((inner) => (inner.code === 'invalid_type' ? typeWords(String(inner.expected)) : undefined)),
        ),
      ].filter((w): w is string => w !== undefined)
      return {
        path,
        text: `${expected.length > 0 ? expected.join(' or ') : 'another value'} is expected, not ${typeof value === 'number' ? shown : kindOf(value)}`,
        hint,
      }
    }
    default:
      // A check the schema words itself (a waiver's rule id, its repository, a date) is kept; zod's wording is not.
      return ZOD_WORDING.test(issue.message)
        ? {path, text: `${typeof value === 'string' ? 'this text' : shown} is not accepted here`, hint}
        : {path, text: issue.message, hint}
  }
}

function unknownKeyHint(key: string, path: Path, keys: SettingsKeys): string {
  const inWaiver = path[0] === 'waivers'
  if (!inWaiver && path.length > 0) return hintFor(path)
  const known = inWaiver ? keys.waiverKeys : keys.knownKeys
  const camel = key.replace(/[-_]([a-z])/g, (_m, c: string) => c.toUpperCase())
  const near = known.includes(camel) ? camel : suggest(key, known)
  const base = inWaiver ? WAIVER_HINT : KEYS_HINT
  if (!inWaiver && /token|secret|password/i.test(key))
    return `secrets do not belong in files: set GITHUB_TOKEN (or GH_TOKEN) in the environment; ${KEYS_HINT}`
  return near ? `did you mean ${near}? ${base}` : base
}

/** What to write at `path`: the key's example, or the shape of a waiver or of params. */
function hintFor(path: Path): string {
  const [key] = path
  if (key === 'waivers' && path.length > 1) return WAIVER_HINT
  if (key === 'params') return PARAMS_HINT
  const example = SETTING_EXAMPLES[key as keyof typeof SETTING_EXAMPLES]
  return example === undefined ? KEYS_HINT : `e.g. ${String(key)}: ${example}`
}

/** `a whole number from 1 to 64, ` for a bounded number key. */
function rangeOf(path: Path, keys: SettingsKeys): string {
  const bounds = path.length === 1 ? keys.bounds(String(path[0])) : undefined
  if (bounds === undefined) return ''
  const [min, max] = bounds
  return max === undefined ? `a whole number from ${min}, ` : `a whole number from ${min} to ${max}, `
}

/**
 * A wrong value as a message shows it: a number or a boolean as written, text never (named by its key: a token
 * pasted under the wrong key must not reach a CI log; tests/trust/canary.test.ts).
 */
function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  return kindOf(value)
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[step]
  }
  return current
}
