import {appendAll} from '../core/arrays.js'
import {usageError} from '../core/errors.js'
import {readUserFile} from '../core/user-file.js'
import {readScanResult} from '../report/index.js'

/**
 * The repositories `stewards collect` works on: named on the command line, the projects of a saved scan report
 * (`--from REPORT.json`), or a list file (`--repos FILE`: one repository a line, `#` comments). The caller keeps its shard of them
 * (`--shard I/N`, src/core/shard.ts) once the names are parsed, so `etcd-io/etcd` and `github.com/etcd-io/etcd`
 * land on the same worker.
 */
export interface TargetOptions {
  args: string[]
  from?: string
  reposFile?: string
}

export async function collectTargets(options: TargetOptions): Promise<string[]> {
  const repos = [...options.args]
  if (options.from) {
    const report = readScanResult(await readText(options.from, '--from'), options.from)
    appendAll(
      repos,
      report.projects.map((p) => p.repo),
    )
  }
  if (options.reposFile) {
    const lines = (await readText(options.reposFile, '--repos')).split(/\r?\n/)
    for (const line of lines) {
      const repo = line.replace(/#.*/, '').trim()
      if (repo) repos.push(repo)
    }
  }
  if (repos.length === 0)
    throw usageError(
      'no-repos',
      'no repository to collect',
      'name repositories, or give --from REPORT.json (a scan --format json) or --repos FILE',
    )
  return [...new Set(repos)]
}

/** Through the one reader of users' files: the file named, the reason in words (core/user-file.ts). */
function readText(file: string, flag: string): Promise<string> {
  return readUserFile(file, `the ${flag} file`, {
    hint:
      flag === '--from'
        ? 'pass a JSON report written by `stewards scan --format json`'
        : 'a text file of repositories, one a line',
  })
}
