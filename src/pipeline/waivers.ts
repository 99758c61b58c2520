/**
 * Which waivers a run applies, and what it says about them (README "Waivers"). The one place a waivers file is found
 * and read: `--waivers FILE`, else `waivers:` in the settings (a file, or the list itself), else
 * `.stewards-waivers.yaml` in the first PATH (a directory), else in the working directory. `stewards evaluate`
 * without either applies the waivers its report recorded. Applying them is src/evaluate/waivers.ts, through judge.
 *
 * Trust: a waivers file inside a scanned PATH applies (a repository waiving its own findings is normal in CI), as a
 * `.stewards.yaml` there may already tune the rules; it is never silent: every waived finding keeps its mark, reason,
 * approver and file:line in every report, and every run with waivers says on stderr how many findings they waive,
 * naming the file and whether it came from the scanned tree.
 */
import {existsSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {formatPlace} from '../core/problem.js'
import type {ScanResult, Waiver, WaiverRecord} from '../core/model.js'
import {readUserFile} from '../core/user-file.js'
import {MAX_SETTINGS_FILE_BYTES, parseYamlFile} from '../core/yaml-file.js'
import {isInside} from '../core/inside.js'
import {applyWaivers, isExpired, judgingDay, placeWaivers, WaiversFile} from '../evaluate/index.js'
import {type ScanConfig, sameDirectory} from './config.js'
import {refuseLinkOut} from './config-trust.js'
import type {WaiverJudgement} from './judge.js'
import {alignColumns} from '../core/columns.js'
import {waiverCounts} from '../report/index.js'

export const WAIVERS_FILE = '.stewards-waivers.yaml'

/** The waivers of a run and where they were written. */
export interface WaiverSource {
  /** The waivers file, or the settings file holding them. */
  file: string
  /** Inside a scanned PATH other than the working directory: data from the tree being scanned. */
  inScannedTree: boolean
  waivers: Waiver[]
}

/** Reads a waivers file: a usage error naming file:line for any problem (exit 3). */
export async function readWaiversFile(file: string): Promise<Waiver[]> {
  const text = await readUserFile(file, 'the waivers file', {
    maxBytes: MAX_SETTINGS_FILE_BYTES,
    hint: `check the --waivers path (or waivers: in .stewards.yaml); without either, ${WAIVERS_FILE} is looked up in the first PATH, then the working directory`,
  })
  const {data, lineAt} = parseYamlFile(text, file, WaiversFile, 'waivers-invalid')
  return placeWaivers(data.waivers, file, lineAt)
}

/**
 * The waivers a run applies (see the module header); undefined when there are none to look for. `lookup` false:
 * no default file is looked for (`stewards evaluate` then keeps the report's own).
 */
export async function loadWaivers(
  flag: string | undefined,
  config: Pick<ScanConfig, 'waivers'>,
  paths: readonly string[] = [],
  lookup = true,
): Promise<WaiverSource | undefined> {
  const inTree = (file: string) => scannedTree(file, paths)
  if (flag) return {file: flag, inScannedTree: inTree(flag), waivers: await readWaiversFile(flag)}
  const setting = config.waivers
  if (typeof setting === 'string')
    return {file: setting, inScannedTree: inTree(setting), waivers: await readWaiversFile(setting)}
  if (setting) {
    const file = setting[0]?.file ?? '.stewards.yaml'
    return {file, inScannedTree: inTree(file), waivers: setting}
  }
  if (!lookup) return undefined
  const first = paths[0]
  const inPath = first && existsSync(first) && statSync(first).isDirectory() ? join(first, WAIVERS_FILE) : undefined
  if (inPath && existsSync(inPath)) {
    const fromTree = !sameDirectory(first, '.')
    // Data from the tree reads only the tree (config-trust.ts): a link from it to anywhere else is refused, unread.
    if (fromTree)
      refuseLinkOut(
        first,
        inPath,
        'a waivers file',
        'give the waivers file with --waivers FILE to trust it as your own',
      )
    return {file: inPath, inScannedTree: fromTree, waivers: await readWaiversFile(inPath)}
  }
  if (!existsSync(WAIVERS_FILE)) return undefined
  return {file: WAIVERS_FILE, inScannedTree: inTree(WAIVERS_FILE), waivers: await readWaiversFile(WAIVERS_FILE)}
}

/** Inside a scanned PATH that is not the working directory (the user's own place). */
function scannedTree(file: string, paths: readonly string[]): boolean {
  return paths.some((path) => path !== '-' && !sameDirectory(path, '.') && isInside(resolve(path), resolve(file)))
}

/** What judge applies: the waivers and the day the run's clock reads (UTC). */
export function waiverJudgement(
  waivers: readonly Waiver[] | undefined,
  now: Date = new Date(),
): WaiverJudgement | undefined {
  return waivers ? {waivers: [...waivers], today: judgingDay(now)} : undefined
}

/** At most this many expired or stale waivers are named one by one on stderr; the reports list them all. */
const MAX_NAMED = 10

/**
 * The lines a run with waivers prints on stderr (so CI logs show them): how many findings are waived and by which
 * file, each expired waiver (its findings gate again) and each stale one.
 */
export function waiverNotices(
  result: Pick<ScanResult, 'waivers' | 'summary'> & Partial<Pick<ScanResult, 'rules'>>,
  source?: WaiverSource,
): string[] {
  const entries = result.waivers?.entries ?? []
  if (entries.length === 0) return []
  const from = source
    ? ` by ${source.file}${source.inScannedTree ? ' (inside the scanned tree: data from that tree, applied; see README "Waivers")' : ''}`
    : ' by the waivers the report recorded'
  const lines = [
    `${result.summary.waived ?? 0} finding(s) waived${from}: ${waiverCounts(entries)}; judged on ${result.waivers?.judgedOn}`,
  ]
  const named = (status: WaiverRecord['status'], say: (w: WaiverRecord) => string) => {
    const list = entries.filter((w) => w.status === status)
    for (const w of list.slice(0, MAX_NAMED)) lines.push(`${formatPlace(w.file, w.line)}: ${say(w)}`)
    if (list.length > MAX_NAMED) lines.push(`${list.length - MAX_NAMED} more ${status} waiver(s): see the report`)
  }
  named(
    'expired',
    (w) =>
      `warning: waiver of ${w.rule} on ${w.repository} expired on ${w.expires} (approved by ${w.approvedBy}): it no longer applies [waiver-expired]`,
  )
  // A rule that was not evaluated is the likeliest reason: a typo, or a rule of another pack.
  const evaluated = result.rules ? new Set(result.rules.map((r) => r.id)) : undefined
  const why = (w: WaiverRecord) => (evaluated && !evaluated.has(w.rule) ? ` (no rule ${w.rule} was evaluated)` : '')
  named('stale', (w) => `waiver of ${w.rule} on ${w.repository} matches no finding${why(w)} [waiver-stale]`)
  return lines
}

/**
 * `stewards waivers list`: each waiver with its status. Against a report, as `scan` would judge it (active, expired,
 * stale); without one, only whether it has expired (`active` then means "not expired").
 */
export function listWaivers(
  waivers: readonly Waiver[],
  report: ScanResult | undefined,
  now: Date = new Date(),
): {judgedOn: string; againstReport: boolean; entries: WaiverRecord[]} {
  const today = judgingDay(now)
  if (report) {
    const judged = applyWaivers(report, waivers, today)
    return {judgedOn: today, againstReport: true, entries: judged.waivers?.entries ?? []}
  }
  const entries = waivers.map(
    (waiver): WaiverRecord => ({...waiver, status: isExpired(waiver, today) ? 'expired' : 'active', findings: 0}),
  )
  return {judgedOn: today, againstReport: false, entries}
}

/** `waivers list` as text: a summary line, then one row per waiver and its reason beneath. */
export function waiverTable(file: string, listed: ReturnType<typeof listWaivers>): string[] {
  const {entries} = listed
  const against = listed.againstReport ? 'against the report' : 'without a report: stale needs --report'
  const head = `${file}: ${entries.length} waiver(s), judged on ${listed.judgedOn} ${against} (${waiverCounts(entries)})`
  if (entries.length === 0) return [head]
  const rows = [
    ['STATUS', 'EXPIRES', 'RULE', 'REPOSITORY', 'APPROVED BY', 'WHERE'],
    ...entries.map((w) => [
      w.status,
      w.expires,
      w.rule,
      w.component ? `${w.repository} (${w.component})` : w.repository,
      w.approvedBy,
      formatPlace(w.file, w.line),
    ]),
  ].map((cells) => cells.map((cell) => cell.replace(/[\t\r\n]+/g, ' ')))
  const [header, ...lines] = alignColumns(rows)
  return [
    head,
    '',
    header,
    ...entries.flatMap((w, i) => [lines[i], `  reason: ${w.reason.replace(/[\t\r\n]+/g, ' ')}`]),
  ]
}
