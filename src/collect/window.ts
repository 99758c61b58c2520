import type {CommitRecord} from '../core/model.js'
import {compare} from '../core/compare.js'

/** Sorted by author date (UTC) then sha, like the shared corpus: same input, same bytes. */
export function sortCommits(commits: CommitRecord[]): CommitRecord[] {
  return [...commits].sort((a, b) => Date.parse(a.author.date) - Date.parse(b.author.date) || compare(a.sha, b.sha))
}

/** `123+login@users.noreply.github.com` and `login@users.noreply.github.com` carry the login themselves. */
export function loginFromNoreply(email: string): string | null {
  const match = /^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9-]{0,38})@users\.noreply\.github\.com$/i.exec(email)
  return match ? match[1] : null
}
