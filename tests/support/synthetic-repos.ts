import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {hex, prng} from './prng.js'

/**
 * Synthetic repositories for the GitHub emulator (its fixture layout: github-emulator/README.md), for the
 * scale simulation and bench: `count` repositories `synth-N/repo-M`, each with a few commits in 2024 by people
 * of a shared pool (example.com addresses, fictional) and an OWNERS file. Seeded: the same on every machine.
 */
export function writeSyntheticRepos(root: string, count: number, seed = 18): string[] {
  const random = prng(seed)
  const repos: string[] = []
  for (let i = 0; i < count; i++) {
    const owner = `synth-${i % 50}`
    const name = `repo-${i}`
    const dir = join(root, `${owner}__${name}`)
    mkdirSync(join(dir, 'governance'), {recursive: true})
    const commits = Array.from({length: 2 + Math.floor(random() * 5)}, (_, c) => {
      const who = `dev${Math.floor(random() * 40)}`
      const date = new Date(Date.UTC(2024, Math.floor(random() * 11), 1 + c, 12)).toISOString()
      const person = {name: `Dev ${who}`, email: `${who}@example.com`, date}
      return {sha: hex(random, 40), author: person, committer: person, login: who}
    })
    commits.sort((a, b) => a.committer.date.localeCompare(b.committer.date))
    writeFileSync(join(dir, 'commits.json'), JSON.stringify(commits))
    const owners = [...new Set(commits.map((c) => c.login))].slice(0, 2)
    writeFileSync(join(dir, 'governance', 'OWNERS'), `approvers:\n${owners.map((o) => `- ${o}\n`).join('')}`)
    repos.push(`github.com/${owner}/${name}`)
  }
  return repos
}

/** Adds a commit dated `date` to a synthetic repository (the incremental-refresh tests). */
export function addSyntheticCommit(root: string, repo: string, date: string, login: string, sha: string): void {
  const [owner, name] = repo.split('/').slice(-2)
  const file = join(root, `${owner}__${name}`, 'commits.json')
  const commits = JSON.parse(readFileSync(file, 'utf8'))
  const person = {name: `Dev ${login}`, email: `${login}@example.com`, date}
  commits.push({sha, author: person, committer: person, login})
  writeFileSync(file, JSON.stringify(commits))
}
