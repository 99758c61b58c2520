/** Loads the ten shared projects of ../shared/affiliation as collected projects (tests only). */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {readCommitsFile} from '../../src/attribute/offline-input.js'
import {readGovernanceDir} from '../../src/collect/governance/index.js'
import type {CollectedProject} from '../../src/core/model.js'
import {sharedDir} from '../support/cli.js'

export const affiliationDir = join(sharedDir, 'affiliation')
export const hasShared = existsSync(join(affiliationDir, 'EXPECTED.json'))
if (!hasShared) console.warn(`SKIPPED: ${affiliationDir} is absent; the shared-corpus attribution tests do not run`)

export const gitdmFile = join(affiliationDir, 'gitdm-subset.txt')
export const companiesFile = join(affiliationDir, 'gitdm-companies.yaml')

// biome-ignore lint/suspicious/noExplicitAny: EXPECTED.json is read as data and compared field by field
export function expectedProjects(): Record<string, any> {
  return hasShared ? JSON.parse(readFileSync(join(affiliationDir, 'EXPECTED.json'), 'utf8')).projects : {}
}

export function projectDir(repo: string): string {
  return join(affiliationDir, repo.replace('/', '__'))
}

/** The 2024 window of the corpus (author dates in UTC). */
export async function loadSharedProject(repo: string): Promise<CollectedProject> {
  const {commits, problems} = await readCommitsFile(join(projectDir(repo), 'commits.json'))
  if (problems.length) throw new Error(`${repo}: ${problems[0].message}`)
  return {
    repo,
    source: 'snapshot',
    status: 'ok',
    window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
    commits,
    governance: await readGovernanceDir(join(projectDir(repo), 'governance')),
    profiles: {},
  }
}
