/**
 * Bot recognition (README "Bots"): rules as data (`rules/bots/default.yaml`, plus the user's `--bots` files and
 * `--bot` names), gitdm's `(Robots)` pseudo-company, and the user's `humans:` exceptions. Bots are counted
 * apart, with the rule that caught them, and kept out of every people figure.
 */
import {shippedPath, shownPath} from '../core/package-root.js'
import {z} from 'zod'
import {usageError} from '../core/errors.js'
import {readUserFile} from '../core/user-file.js'
import {MAX_SETTINGS_FILE_BYTES} from '../core/yaml-file.js'
import {parseYamlFile} from './yaml-file.js'
import {type LinearRegex, linearRegex} from '../core/linear-regex.js'

/** The pseudo-company gitdm gives automation accounts. */
export const ROBOTS = '(Robots)'

/** The bot rules shipped with stewards. */
export const shippedBotsFile = shippedPath('rules', 'bots', 'default.yaml')

export type BotField = 'email' | 'local' | 'name' | 'login'
const FIELDS: readonly BotField[] = ['email', 'local', 'name', 'login']

/** One rule, compiled; `citation` is where it is written (`file:line`). */
export interface BotRule {
  id: string
  field: BotField
  exact?: string
  pattern?: LinearRegex
  why: string
  citation: string
}

export interface BotAuthor {
  name: string
  email: string
  login?: string | null
}

export interface BotMatcher {
  /** The rule that marks this author as automation, unless a `humans:` exception names them. */
  match(author: BotAuthor): BotRule | undefined
  isBot(author: BotAuthor): boolean
}

export interface BotRules {
  bots: BotRule[]
  humans: BotRule[]
}

// Patterns come from our data, the user's own file or a scanned tree's settings: they run on RE2 (core/linear-regex.ts),
// in time linear in the value, which is bounded too.
const MAX_VALUE = 320
const MAX_PATTERN = 200

const Value = z.union([z.string().min(1), z.strictObject({pattern: z.string().min(1).max(MAX_PATTERN)})])
const Url = z.url({protocol: /^https?$/})
const Entry = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id')
      .optional(),
    email: Value.optional(),
    local: Value.optional(),
    name: Value.optional(),
    login: Value.optional(),
    why: z.string().min(1).optional(),
    source: z.union([Url, z.array(Url).min(1)]).optional(),
  })
  .refine((e) => FIELDS.filter((f) => e[f] !== undefined).length === 1, 'give exactly one of email, local, name, login')
const BotsFile = z.strictObject({
  bots: z.array(Entry.refine((e) => e.why !== undefined, 'a bot rule says `why`')).optional(),
  /** People the rules would wrongly catch: they stay people. */
  humans: z.array(Entry).optional(),
  /** Ids of rules (of earlier files, e.g. the shipped ones) to switch off. */
  disable: z.array(z.string()).optional(),
})

/** The shipped rules (unless `shipped: false`), then each file in order: its rules added, its `disable` applied. */
export async function loadBotRules(
  files: readonly string[] = [],
  options: {shipped?: boolean} = {},
): Promise<BotRules> {
  const paths = [...(options.shipped === false ? [] : [shippedBotsFile]), ...files]
  const rules: BotRules = {bots: [], humans: []}
  for (const file of paths) {
    const text = await readUserFile(file, 'the bot rules file', {maxBytes: MAX_SETTINGS_FILE_BYTES})
    const parsed = parseBotRules(text, shownPath(file))
    const disabled = new Set(parsed.disable)
    rules.bots = [...rules.bots.filter((rule) => !disabled.has(rule.id)), ...parsed.bots]
    rules.humans.push(...parsed.humans)
  }
  return rules
}

export function parseBotRules(text: string, file: string): BotRules & {disable: string[]} {
  const parsed = parseYamlFile(text, file, BotsFile)
  const compile = (list: 'bots' | 'humans') =>
    (parsed.data[list] ?? []).map((entry, i): BotRule => {
      const citation = `${file}:${parsed.lineAt([list, i])}`
      const field = FIELDS.find((f) => entry[f] !== undefined) as BotField
      const value = entry[field] as z.infer<typeof Value>
      const rule: BotRule = {id: entry.id ?? `${list}-${i + 1}`, field, why: entry.why ?? '', citation}
      if (typeof value === 'string') rule.exact = value.trim().toLowerCase()
      else {
        try {
          rule.pattern = linearRegex(value.pattern)
        } catch (error) {
          throw usageError('bots-invalid', `${citation}: ${(error as Error).message}`)
        }
      }
      return rule
    })
  return {bots: compile('bots'), humans: compile('humans'), disable: parsed.data.disable ?? []}
}

/** `configured`: further logins, e-mails or author names (exact, case-insensitive) of automation (`--bot`). */
export function botMatcher(rules: BotRules, configured: readonly string[] = []): BotMatcher {
  const extra = new Set(configured.map((entry) => entry.trim().toLowerCase()).filter(Boolean))
  const flagRule: BotRule = {id: 'configured', field: 'name', why: 'named with --bot', citation: '--bot'}
  const matches = (rule: BotRule, values: Record<BotField, string>) => {
    const value = values[rule.field]
    if (!value) return false
    return rule.exact !== undefined ? value === rule.exact : (rule.pattern as LinearRegex).test(value)
  }
  const match = (author: BotAuthor): BotRule | undefined => {
    const values = fieldsOf(author)
    if (rules.humans.some((rule) => matches(rule, values))) return undefined
    if (extra.has(values.name) || extra.has(values.email) || (values.login && extra.has(values.login))) return flagRule
    return rules.bots.find((rule) => matches(rule, values))
  }
  return {match, isBot: (author) => match(author) !== undefined}
}

function fieldsOf({name, email, login}: BotAuthor): Record<BotField, string> {
  const lowerEmail = email.trim().toLowerCase().slice(0, MAX_VALUE)
  return {
    email: lowerEmail,
    local: lowerEmail.split('@')[0].replace(/^\d+\+/, ''),
    name: name.trim().toLowerCase().slice(0, MAX_VALUE),
    login: (login ?? '').trim().toLowerCase().slice(0, MAX_VALUE),
  }
}
