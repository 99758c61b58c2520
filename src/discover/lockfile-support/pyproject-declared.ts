/**
 * What a Python project's manifest declares, by name: the requirements a lockfile's reader takes for the project's
 * direct dependencies, each with the widest scope of the lists that name it. A pyproject.toml: `[project]`
 * dependencies prod, its extras optional, PEP 735 groups and PDM's and uv's dev-dependencies dev (shared by
 * pylock-toml and poetry-lock). A Pipfile: `[packages]` prod, `[dev-packages]` dev, other categories optional, as the
 * pipfile format scopes them (shared by pipfile-lock and pylock-toml, for a pylock.toml pipenv wrote).
 */
import type {Scope} from '../../core/model.js'
import {normalizePypiName} from '../../core/package-names.js'
import {parseRequirement} from './pep508.js'
import {isBroader} from './scope.js'
import {isTomlTable, pipfileCategories, type TomlTable, tomlAt} from './toml.js'

export function declaredScopes(table: TomlTable): Map<string, Scope> {
  const direct = new Map<string, Scope>()
  const note = (list: unknown, scope: Scope) => {
    if (!Array.isArray(list)) return
    for (const item of list) {
      // `{include-group = "…"}` tables of PEP 735 name groups, not packages.
      const parsed = typeof item === 'string' ? parseRequirement(item) : undefined
      if (parsed === undefined) continue
      const name = normalizePypiName(parsed.name)
      if (isBroader(scope, direct.get(name))) direct.set(name, scope)
    }
  }
  note(tomlAt(table, ['project', 'dependencies']), 'prod')
  for (const path of [
    ['project', 'optional-dependencies'],
    ['dependency-groups'],
    ['tool', 'pdm', 'dev-dependencies'],
  ]) {
    const groups = tomlAt(table, path)
    if (!isTomlTable(groups)) continue
    for (const list of Object.values(groups)) note(list, path[0] === 'project' ? 'optional' : 'dev')
  }
  note(tomlAt(table, ['tool', 'uv', 'dev-dependencies']), 'dev')
  return direct
}

export function pipfileDeclared(table: TomlTable): Map<string, Scope> {
  const declared = new Map<string, Scope>()
  for (const [category, packages] of pipfileCategories(table)) {
    const scope: Scope = category === 'packages' ? 'prod' : category === 'dev-packages' ? 'dev' : 'optional'
    for (const name of Object.keys(packages)) {
      const key = normalizePypiName(name)
      if (isBroader(scope, declared.get(key))) declared.set(key, scope)
    }
  }
  return declared
}
