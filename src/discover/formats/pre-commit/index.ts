/**
 * pre-commit's configuration, `.pre-commit-config.yaml` (https://pre-commit.com/#pre-commit-configyaml---repos): the
 * repositories whose hooks a project runs on every commit and in CI. pre-commit clones each at the `rev` written and
 * runs its code, so each is an upstream project of the repository's development, as a GitHub Action is.
 * - `repos[].repo` with its `rev`: a `generic` package (purl-spec's type for what no registry serves), name the
 *   repository's URL without its scheme and `.git` (`github.com/psf/black`), version the rev as written, purl
 *   `pkg:generic/github.com/psf/black@rev?vcs_url=git+URL@rev` (scp-like `git@host:path` as `ssh://git@host/path`):
 *   the vcs-url resolver names that repository, with no request. Scope `dev` (hooks run where code is written and
 *   checked, not in what is shipped), `direct: true`.
 * - A file that is a list of repositories (pre-commit before 1.0, read by pre-commit until 3.0, converted by
 *   `pre-commit migrate-config`, migrate_config.py `_migrate_map`) is read as that list under `repos`.
 * - `repo: local` and `repo: meta` are this repository's hooks and pre-commit's own: nothing to list, except a local
 *   hook of `language: docker_image`, whose `entry` is `docker run`'s `[OPTIONS] IMAGE [ARGS]` (./docker-run.ts):
 *   that image, `dev` and direct as the rest; and a local hook's `additional_dependencies`, as below (a local hook
 *   writes its language).
 * - `additional_dependencies` are installed into a hook's environment by the hook's language. The language is set by
 *   the hook repository's own `.pre-commit-hooks.yaml`, which is not fetched; when the configuration sets
 *   `language:` for the hook, `python` (PEP 508 requirements) and `node` (npm `name@range`) dependencies are listed
 *   as `dev` packages of PyPI and npm; others, and any whose language is not written here, are reported, not guessed.
 * Read with the project's YAML reader (positions for every node); everything else of the file is pre-commit's
 * settings, not read.
 */
import {appendAll} from '../../../core/arrays.js'
import {elide} from '../../../core/elide.js'
import type {Component, Location} from '../../../core/model.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {aliasTarget, isLocalRange, isRemoteRange, parseDescriptor} from '../../lockfile-support/npm-name.js'
import {parseRequirement} from '../../lockfile-support/pep508.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isScalar, isSeq, stringValue, type YamlNode} from '../../yaml-tree.js'
import {entryImage} from './docker-run.js'

export const discoverer: Discoverer = {
  id: 'pre-commit',
  description: 'pre-commit configuration: hook repositories at their rev, docker_image hooks, additional dependencies',
  matches: (file) => /(^|\/)\.pre-commit-config\.ya?ml$/.test(file),
  identify: (head) => /^repos:[ \t]*$/m.test(head) && /^[ \t-]+repo:[ \t]/m.test(head),
  discover,
}

/** A repository URL pre-commit can clone: a URL with a scheme, or scp-like `git@host:path`. */
const REPO_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/[^\s]+|[\w.-]+@[\w.-]+:[^\s]+)$/i
/** A git revision as written: a tag, a branch or a commit, no whitespace. */
const REV = /^\S{1,255}$/
/** npm package names (the registry's rules, loosely: what npm install accepts as a name). */
const NPM_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  appendAll(out.errors, yaml.errors)
  for (const doc of yaml.documents) {
    const root = doc.root
    // An empty file declares nothing.
    if (root === null) continue
    // The list format (module header): migrate-config puts it under `repos:` as it is.
    const repos = isSeq(root) ? root : isMap(root) ? at(root, 'repos') : root
    if (repos === undefined || !isSeq(repos)) {
      const problem = isMap(root)
        ? repos === undefined
          ? 'repos is missing: pre-commit requires the list of hook repositories'
          : 'repos must be a list'
        : 'a pre-commit configuration must be a mapping with repos'
      out.errors.push(errorAt(input.file, repos ?? root, 'invalid-entry', problem))
      continue
    }
    for (const [index, entry] of repos.items.entries()) repository(out, input.file, entry, `repos[${index}]`)
  }
  return out
}

/** One entry of `repos`: the repository at its rev, and what its hooks add. */
function repository(out: Output, file: string, entry: YamlNode, where: string): void {
  if (!isMap(entry)) {
    out.errors.push(errorAt(file, entry, 'invalid-entry', `${where} must be a mapping`))
    return
  }
  const repoNode = at(entry, 'repo')
  const repo = stringValue(repoNode)
  if (repoNode === undefined || repo === undefined) {
    out.errors.push(errorAt(file, repoNode ?? entry, 'invalid-entry', `${where}.repo must be a string`))
    return
  }
  const hooks = at(entry, 'hooks')
  const hookList = isSeq(hooks) ? hooks.items.filter(isMap) : []
  if (repo === 'meta') return
  if (repo === 'local') {
    // A local hook writes its language (pre-commit's LOCAL_HOOK_DICT requires it), and pre-commit installs its
    // additional_dependencies into that language's environment as for any hook (pytest-dev/pytest's `rst` hook:
    // `language: python`, `additional_dependencies: [pygments, restructuredtext_lint]`).
    for (const hook of hookList) {
      if (stringValue(at(hook, 'language')) === 'docker_image') dockerImage(out, file, hook)
      additionalDependencies(out, file, hook, repo)
    }
    return
  }
  const revNode = at(entry, 'rev')
  const rev = stringValue(revNode)
  const sha = revNode === undefined ? at(entry, 'sha') : undefined
  if (sha !== undefined && REPO_URL.test(repo)) {
    const problem = `${where}: sha: was renamed rev: in pre-commit 1.7; run pre-commit migrate-config`
    out.errors.push(errorAt(file, sha, 'invalid-entry', problem))
    return
  }
  if (!REPO_URL.test(repo) || rev === undefined || !REV.test(rev)) {
    const problem = !REPO_URL.test(repo)
      ? `${where}.repo "${elide(repo, 200)}" is not a repository URL`
      : `${where}.rev must be the revision of ${elide(repo, 200)}`
    out.errors.push(errorAt(file, REPO_URL.test(repo) ? (revNode ?? entry) : repoNode, 'invalid-entry', problem))
    return
  }
  out.components.push(repositoryComponent(repo, rev, locationOf(file, repoNode)))
  for (const hook of hookList) additionalDependencies(out, file, hook, repo)
}

/** The hook repository, as a package pinned to its rev and known by its URL (module header). */
function repositoryComponent(repo: string, rev: string, location: Location): Component {
  return gitPackageComponent(location.file, {
    url: repo,
    rev,
    ref: `${repo}@${rev}`,
    line: location.line,
    column: location.column,
    scope: 'dev',
    direct: true,
    origin: 'manifest',
  })
}

/** A local `docker_image` hook: the image its `entry` names after `docker run` options (./docker-run.ts). */
function dockerImage(out: Output, file: string, hook: YamlNode): void {
  const entryNode = at(hook, 'entry')
  const entry = stringValue(entryNode)
  const what = `docker_image hook ${elide(stringValue(at(hook, 'id')) ?? '?', 100)}`
  if (entryNode === undefined || entry === undefined) {
    out.errors.push(errorAt(file, entryNode ?? hook, 'invalid-entry', `${what} must name its image in entry`))
    return
  }
  const found = entryImage(entry)
  if (found.kind === 'unknown-option') {
    const message = `${what}: entry option "${elide(found.option, 100)}" is not a docker run option this reader knows, so which word is the image is not known; not listed`
    out.skipped.push({file, line: entryNode.line, reason: 'unsupported', message})
    return
  }
  if (found.kind !== 'image') {
    const why = found.kind === 'no-image' ? 'must name its image in entry' : `entry is not a command: ${found.why}`
    out.errors.push(errorAt(file, entryNode, 'invalid-entry', `${what} ${why}`))
    return
  }
  const before = out.components.length
  addImageRef(out, found.image, locationOf(file, entryNode), 'manifest')
  // The hook runs where code is written and checked, as every hook: `dev`, declared here.
  for (let index = before; index < out.components.length; index++)
    out.components[index] = {...out.components[index], scope: 'dev', direct: true}
}

/**
 * `additional_dependencies` of a hook (of a remote repository, or local): listed when the configuration sets the hook's
 * language to one whose requirement strings are read here, else reported (the hook repository sets it).
 */
function additionalDependencies(out: Output, file: string, hook: YamlNode, repo: string): void {
  const list = at(hook, 'additional_dependencies')
  if (list === undefined) return
  const id = stringValue(at(hook, 'id')) ?? '?'
  const what = `hook ${elide(id, 100)} of ${elide(repo, 200)}`
  if (!isSeq(list)) {
    out.errors.push(errorAt(file, list, 'invalid-entry', `additional_dependencies of ${what} must be a list`))
    return
  }
  if (list.items.length === 0) return
  const language = stringValue(at(hook, 'language'))
  if (language !== 'python' && language !== 'node') {
    const why =
      language === undefined
        ? repo === 'local'
          ? 'a local hook must write its language (pre-commit refuses one without it)'
          : "its language is set by the hook repository's .pre-commit-hooks.yaml, which is not fetched"
        : `requirements of language ${elide(language, 40)} are not read`
    out.skipped.push({
      file,
      line: list.line,
      reason: 'unsupported',
      message: `additional_dependencies of ${what}: ${why}; not listed`,
    })
    return
  }
  for (const item of list.items) {
    const spec = isScalar(item) ? stringValue(item) : undefined
    const component = spec === undefined ? undefined : dependency(file, language, spec.trim(), item)
    if (component === undefined)
      out.errors.push(
        errorAt(file, item, 'invalid-entry', `additional_dependencies of ${what}: not a ${language} requirement`),
      )
    else if (component !== null) out.components.push(component)
  }
}

/** One additional dependency; null when it is not a registry package (a path, a URL), undefined when invalid. */
function dependency(
  file: string,
  language: 'python' | 'node',
  spec: string,
  node: YamlNode,
): Component | null | undefined {
  const line = node.line
  const column = node.column
  if (language === 'python') {
    const requirement = parseRequirement(spec)
    if (requirement === undefined) return undefined
    if (requirement.kind === 'url') return null
    const name = normalizePypiName(requirement.name)
    return manifestComponent(file, {
      ecosystem: 'pypi',
      name,
      version: requirement.pinned,
      ref: spec,
      line,
      column,
      scope: 'dev',
      direct: true,
    })
  }
  const descriptor = parseDescriptor(spec)
  const target = aliasTarget(descriptor.range) ?? descriptor
  if (!NPM_NAME.test(target.name)) return undefined
  if (isLocalRange(target.range) || isRemoteRange(target.range)) return null
  const exact = /^=?v?(\d+\.\d+\.\d+(?:-[\w.-]+)?(?:\+[\w.-]+)?)$/.exec(target.range)?.[1]
  return manifestComponent(file, {
    ecosystem: 'npm',
    name: target.name,
    version: exact,
    ref: spec,
    line,
    column,
    scope: 'dev',
    direct: true,
  })
}
