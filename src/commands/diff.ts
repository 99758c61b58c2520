import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../core/command.js'
import {ExitCode} from '../core/errors.js'
import {type Finding, SEVERITIES, type Severity} from '../core/model.js'
import {diffFindings, reachesThreshold} from '../pipeline/baseline.js'

export default class Diff extends BaseCommand {
  static summary = 'Compare two JSON reports: new, worsened, improved and resolved findings.'

  static description =
    `A finding is identified by its rule and repository. With --fail-on, exits 1 when a new or worsened finding reaches that severity (the same gate as scan --baseline).`

  static examples = [
    '<%= config.bin %> <%= command.id %> main.json pr.json',
    '<%= config.bin %> <%= command.id %> main.json pr.json --fail-on high --json',
  ]

  static args = {
    base: Args.string({description: 'the earlier JSON report (stewards scan --format json)', required: true}),
    head: Args.string({description: 'the later JSON report', required: true}),
  }

  static flags = {
    'fail-on': Flags.string({
      description: 'exit 1 when a new or worsened finding reaches this severity',
      options: [...SEVERITIES, 'none'],
      default: 'none',
    }),
  }

  static enableJsonFlag = true

  async run() {
    const {args, flags} = await this.parse(Diff)
    // Imported here: the pipeline module loads every stage, which a diff of two reports does not need.
    const {readReport} = await import('../pipeline/scan.js')
    const [base, head] = [await readReport(args.base), await readReport(args.head)]
    const diff = diffFindings(base.findings, head.findings)
    const brief = (f: Finding) => ({ruleId: f.ruleId, severity: f.severity, repo: f.repo, message: f.message})
    const out = {
      added: diff.added.map(brief),
      worsened: diff.worsened.map((w) => ({...brief(w.finding), was: w.was})),
      improved: diff.improved.map((w) => ({...brief(w.finding), was: w.was})),
      removed: diff.removed.map(brief),
      unchanged: diff.unchanged.length,
    }
    if (!this.jsonEnabled()) {
      const line = (tag: string, f: {severity: string; ruleId: string; repo: string; was?: string}) =>
        this.log(`${tag} ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${f.repo}${f.was ? ` (was ${f.was})` : ''}`)
      for (const f of out.added) line('+ new     ', f)
      for (const f of out.worsened) line('↑ worse   ', f)
      for (const f of out.improved) line('↓ better  ', f)
      for (const f of out.removed) line('- resolved', f)
      this.log(
        `${out.added.length} new, ${out.worsened.length} worsened, ${out.improved.length} improved, ${out.removed.length} resolved, ${out.unchanged} unchanged`,
      )
    }
    const gating = [...diff.added, ...diff.worsened.map((w) => w.finding)]
    if (reachesThreshold(gating, flags['fail-on'] as Severity | 'none')) {
      if (this.jsonEnabled()) this.logJson(out)
      this.exit(ExitCode.findings)
    }
    return out
  }
}
