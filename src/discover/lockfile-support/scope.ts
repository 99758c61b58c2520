/**
 * How broad a scope is: who gets a package. `prod` reaches everyone who installs the project, `optional` those who ask
 * for an extra, `peer` those whose project provides it, `dev` only the project's own developers. A package a lockfile
 * reaches several ways (locked once per group, per marker, per path through the graph) has the broadest of them;
 * what a dev-only package depends on is dev too (the narrower of the two). One table for the formats that weigh
 * scopes (bun-lock, pdm-lock, pylock-toml).
 */
import type {Scope} from '../../core/model.js'

const BREADTH: Readonly<Record<Scope, number>> = {prod: 4, optional: 3, peer: 2, dev: 1}

/** True when `a` reaches more people than `b`; any scope is broader than an unknown one. */
export function isBroader(a: Scope | undefined, b: Scope | undefined): boolean {
  return (a === undefined ? 0 : BREADTH[a]) > (b === undefined ? 0 : BREADTH[b])
}

/** The narrower of two scopes (the first on a tie): the scope of a dependency reached through a package of `b`. */
export function narrowerScope(a: Scope, b: Scope): Scope {
  return BREADTH[a] <= BREADTH[b] ? a : b
}

/**
 * Package entries by identity: a package locked more than once (once per group, per marker) is one entry, with the
 * broadest of its scopes (pdm-lock, pylock-toml).
 */
export class BroadestScope<T extends {scope?: Scope}> {
  private readonly byKey = new Map<string, T>()

  /** Adds `entry` under `key`, or widens the scope of the entry already there. */
  add(key: string, entry: T): void {
    const before = this.byKey.get(key)
    if (before === undefined) this.byKey.set(key, entry)
    else if (isBroader(entry.scope, before.scope)) before.scope = entry.scope
  }

  values(): T[] {
    return [...this.byKey.values()]
  }
}

/**
 * Group names (Bundler groups, pixi features) that say their packages are for development, not for running the
 * project: Rails' `development` and `test` (what `bundle config set without 'development test'` and Heroku's default
 * leave out), and the names real projects give to tests, linters, type checking, documentation, benchmarks and CI.
 * One list for the formats that decide dev by a group's name (gemfile, the pixi manifests).
 */
export const DEVELOPMENT_GROUPS: ReadonlySet<string> = new Set([
  'development',
  'dev',
  'test',
  'tests',
  'testing',
  'ci',
  'lint',
  'linters',
  'linting',
  'rubocop',
  'typing',
  'mypy',
  'pre-commit',
  'doc',
  'docs',
  'documentation',
  'rdoc',
  'yard',
  'benchmark',
  'benchmarks',
  'coverage',
])
