/**
 * Repository URL normalisation: the one place that turns what registries write (git+https, git://, ssh,
 * scp-like `git@host:o/r.git` also after a scheme, npm shorthands `o/r` and `github:o/r`, `.git`, `#readme`,
 * `/tree/<ref>/<dir>`, forge pages) into a repository key `host/owner/name` (host lower-case, path as written) and
 * an optional directory. Forges known by their URL layout: GitHub, GitLab (subgroups, reserved words), Bitbucket,
 * Codeberg, Gitee, SourceHut git; other hosts only where the field is declared a repository.
 * Written by hand: hosted-git-info knows the npm shorthands but neither GitLab subgroups nor our key format.
 * GitHub owner and repository names are checked by collect's rules (src/collect/repo-name.ts), so whatever
 * resolve accepts, collect can fetch (legacy owners like `a--b` and `name-` included).
 */
import {isValidLogin, isValidOwner, isValidRepoName} from './repo-name.js'

export interface RepoRef {
  /** `github.com/owner/name`; other hosts `host/path`. */
  repo: string
  directory?: string
}

export interface NormaliseOptions {
  /**
   * The field is declared to be a source repository (npm `repository`, Packagist `source.url`, a go-import
   * meta tag): any git host is accepted. Otherwise (home pages, project URLs) only known forges are.
   */
  vcs?: boolean
}

/** Repository names on the other two-segment forges: GitHub's character set. */
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/
const PATH_SEGMENT = /^[A-Za-z0-9._~+-]+$/

/** First path segments of github.com that are product pages, not owners. */
const GITHUB_RESERVED = new Set([
  'about',
  'apps',
  'collections',
  'enterprise',
  'explore',
  'features',
  'login',
  'marketplace',
  'orgs',
  'pricing',
  'settings',
  'sponsors',
  'topics',
  'users',
])

/** Forges whose repositories are exactly `owner/name` (GitLab allows subgroups, handled apart). */
const TWO_SEGMENT_FORGES = new Set(['github.com', 'bitbucket.org', 'codeberg.org', 'gitee.com'])

/** npm `repository` shorthands: https://docs.npmjs.com/cli/v10/configuring-npm/package-json#repository */
const SHORTHAND_HOSTS: Record<string, string> = {github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org'}

export function isValidGithubRepo(owner: string, name: string): boolean {
  return isValidOwner(owner) && isValidRepoName(name)
}

export function normaliseRepoUrl(input: string, options: NormaliseOptions = {}): RepoRef | null {
  const text = input.trim()
  if (!text || text.length > 2048) return null
  // Control characters are never part of a repository URL; the URL parser would silently drop some of them
  // (`https://git\nhub.com/o/r` reads as github.com), so a value holding one is not a URL at all.
  if (/[\u0000-\u001f\u007f]/.test(text)) return null
  const shorthand =
    /^(?:(github|gitlab|bitbucket):)?([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+?)(?:\.git)?(?:#.*)?$/.exec(text)
  if (shorthand && !text.includes('//')) {
    const host = SHORTHAND_HOSTS[shorthand[1] ?? 'github']
    return fromHostPath(host, [shorthand[2], shorthand[3]], options)
  }
  // GitLab's shorthand takes subgroups too (`gitlab:group/sub/project`), as npm's hosted-git-info reads it.
  const gitlab = /^gitlab:([A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9._-]+){2,19})(?:#.*)?$/.exec(text)
  if (gitlab && !text.includes('//')) return fromHostPath('gitlab.com', gitlab[1].split('/'), options)
  const url = toUrl(text)
  if (!url) return null
  // SSH's own port names the same server (`ssh://git@github.com:22/o/r`); another port may be another one.
  const sshDefault = url.port === '22' && /^(?:git\+)?ssh:$/i.test(url.protocol)
  const host = (sshDefault ? url.hostname : url.host).toLowerCase().replace(/^www\./, '')
  if (!HOST.test(host)) return null
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode)
  if (segments.some((s) => s === null)) return null
  return fromHostPath(host, segments as string[], options)
}

function fromHostPath(host: string, segments: string[], options: NormaliseOptions): RepoRef | null {
  if (host === 'gitlab.com') return fromGitlab(segments)
  if (TWO_SEGMENT_FORGES.has(host)) {
    if (segments.length < 2) return null
    const owner = segments[0]
    const name = stripGit(segments[1])
    if (host === 'github.com' && (GITHUB_RESERVED.has(owner.toLowerCase()) || !isValidGithubRepo(owner, name)))
      return null
    if (host !== 'github.com' && !(PATH_SEGMENT.test(owner) && REPO_NAME.test(name))) return null
    return withDirectory(`${host}/${owner}/${name}`, treeDirectory(segments.slice(2), host))
  }
  if (host === 'git.sr.ht') return fromSourcehut(segments)
  // sr.ht is SourceHut's project hub (`sr.ht/~user/project` lists a project's repositories, trackers...): no repository.
  if (host === 'sr.ht') return null
  // Unknown hosts: only where the field is declared to be a repository, and kept as host/path.
  if (!options.vcs || segments.length === 0) return null
  // SourceForge (Allura): a project's repository is the tool mounted at `/p/<project>/<mount>` (`code`), its pages
  // under it (`/ci/<ref>/tree/`); other tools share the layout (`/p/<project>/bugs`), so only where declared a repository.
  if (host === 'sourceforge.net') {
    if (segments[0] !== 'p' || segments.length < 3) return null
    segments = segments.slice(0, 3)
  }
  // A self-hosted GitLab (or Heptapod): `-` is never a group or project name (path_regex.rb), it starts a page.
  const dash = segments.indexOf('-')
  if (dash !== -1) segments = segments.slice(0, dash)
  if (segments.length === 0) return null
  const path = segments.map((s, i) => (i === segments.length - 1 ? stripGit(s) : s))
  if (!path.every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..')) return null
  return {repo: `${host}/${path.join('/')}`}
}

/**
 * GitLab's reserved path words (lib/gitlab/path_regex.rb): TOP_LEVEL_ROUTES are never a namespace (`/groups/x`,
 * `/users/x` are pages, not projects); PROJECT_WILDCARD_ROUTES are never a group or a project name, so the first
 * of them after `namespace/project` starts a page of that project (`/-/issues`, and the pages of older GitLab
 * without `/-/`: `/tree/<ref>/<dir>`, `/blob/...`, `/wikis/...`).
 */
const GITLAB_TOP_LEVEL = new Set(
  '- .well-known abuse_reports admin api assets autocomplete ci dashboard explore files groups health_check help import invites jwt oauth profile projects public s search sent_notifications snippets u unsubscribes uploads users'.split(
    ' ',
  ),
)
const GITLAB_PROJECT_PAGES = new Set(
  '- badges blame blob builds commits create create_dir edit files find_file new preview raw refs tree update wikis'.split(
    ' ',
  ),
)

/**
 * GitLab: `group/sub/project`, with `/-/tree/<ref>/<dir>` (or the older `/tree/<ref>/<dir>`) for directories.
 * `/issues` also ends the project: GitLab redirects it to `/-/issues`, and npm (hosted-git-info's bugs template)
 * writes a GitLab package's `bugs` so. A project named `issues` in a subgroup would be read as its subgroup.
 */
function fromGitlab(segments: string[]): RepoRef | null {
  if (segments.length === 0 || GITLAB_TOP_LEVEL.has(segments[0].toLowerCase())) return null
  let end = segments.findIndex((s, i) => i >= 2 && (GITLAB_PROJECT_PAGES.has(s.toLowerCase()) || s === 'issues'))
  if (end === -1) end = segments.length
  const project = segments.slice(0, end).map(stripGit)
  if (project.length < 2 || !project.every((s) => PATH_SEGMENT.test(s))) return null
  const rest = segments.slice(segments[end] === '-' ? end + 1 : end)
  return withDirectory(`gitlab.com/${project.join('/')}`, treeDirectory(rest, 'gitlab.com'))
}

/**
 * SourceHut git (https://man.sr.ht/git.sr.ht/): `~user/name`, its pages under it, `/tree/<ref>/item/<dir...>` a
 * directory. A known forge, so a home page there names the repository too.
 */
function fromSourcehut(segments: string[]): RepoRef | null {
  if (segments.length < 2 || !/^~[a-z_][a-z0-9_-]*$/i.test(segments[0])) return null
  const name = stripGit(segments[1])
  if (!isValidRepoName(name)) return null
  const rest = segments.slice(2)
  const directory = rest[0] === 'tree' && rest[2] === 'item' ? pathDirectory(rest.slice(3)) : undefined
  return withDirectory(`git.sr.ht/${segments[0]}/${name}`, directory)
}

/**
 * `tree/<ref>/<dir...>` (GitHub, GitLab), `src/<ref>/<dir...>` (Bitbucket) or `src/branch/<ref>/<dir...>` (Gitea and
 * Forgejo: codeberg.org) names a directory; anything else none.
 */
function treeDirectory(rest: string[], host: string): string | undefined {
  if (host === 'codeberg.org')
    return rest[0] === 'src' && /^(?:branch|tag|commit)$/.test(rest[1] ?? '') ? pathDirectory(rest.slice(3)) : undefined
  const marker = host === 'bitbucket.org' ? 'src' : 'tree'
  return rest[0] === marker ? pathDirectory(rest.slice(2)) : undefined
}

/** The directory path segments name, when there are some and all are plain names. */
function pathDirectory(dir: string[]): string | undefined {
  if (dir.length === 0 || !dir.every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..')) return undefined
  return dir.join('/')
}

function withDirectory(repo: string, directory: string | undefined): RepoRef {
  return directory ? {repo, directory} : {repo}
}

function toUrl(text: string): URL | null {
  let value = text.replace(/^git\+/, '')
  // scp-like syntax: git@github.com:owner/name.git
  const scp = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?!\/\/)(.+)$/.exec(value)
  if (scp && !/^[a-z]+:\/\//i.test(value)) value = `ssh://${scp[1]}/${scp[2]}`
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (/^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(value)) value = `https://${value}`
    else return null
  }
  // scp-like path after a scheme, `git+ssh://git@github.com:owner/name.git` (as vue-chartjs@5.3.1 is published):
  // no URL parser takes it (the port is not a number). npm's hosted-git-info reads the last `:` after the `@` as
  // the start of the path (lib/parse-url.js, correctUrl); a password (`user:pass@`) is not a path, a numeric port
  // (`ssh://host:2222/o/r`) stays a port.
  value = value.replace(/^([a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?[A-Za-z0-9.-]+):(?![^/]*@)(?!\d*(?:\/|$))/i, '$1/')
  try {
    const url = new URL(value)
    if (!['http:', 'https:', 'git:', 'ssh:', 'git+ssh:'].includes(url.protocol)) return null
    return url
  } catch {
    return null
  }
}

function stripGit(segment: string): string {
  return segment.endsWith('.git') ? segment.slice(0, -4) : segment
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/**
 * The repository a VCS install URL names (pip `git+https://github.com/o/r.git@ref#egg=x`, purl `vcs_url`), when its
 * host is a known forge: the `vcs+` prefix, the `@ref` revision, the query and the fragment are not part of it.
 */
export function vcsUrlRepository(url: string): RepoRef | undefined {
  const bare = url
    .replace(/^(git|hg|svn|bzr)\+/, '')
    .replace(/#.*$/, '')
    .replace(/\?.*$/, '')
  return normaliseRepoUrl(withoutRevision(bare)) ?? undefined
}

/**
 * The URL without its `@revision`: the first `@` of the path (after `scheme://authority/`, or after scp-like
 * `user@host:`), since a forge's repository path holds none, and a branch may hold `/` (`@feature/x`).
 */
function withoutRevision(url: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/.exec(url)
  const scp = scheme ? null : /^[^/:]*:/.exec(url)
  const pathStart = scheme ? scheme[0].length : scp ? scp[0].length : 0
  const at = url.indexOf('@', pathStart)
  return at === -1 ? url : url.slice(0, at)
}

/**
 * Web pages of a repository key's forge, for links in reports: the repository, a commit, an account. The rules are
 * each forge's own URL layout: GitHub (and GitHub Enterprise Server, any other host), Gitea/Forgejo (codeberg.org)
 * and Gitee use `/commit/SHA`; GitLab `/-/commit/SHA`; Bitbucket `/commits/SHA`. Null for anything that is not a
 * commit id or an account name, so untrusted text never becomes a URL.
 */
const COMMIT_PATH: Record<string, string> = {'gitlab.com': '/-/commit/', 'bitbucket.org': '/commits/'}
const SHA = /^[0-9a-f]{7,64}$/

function forgeKey(key: string): string | null {
  const [host, ...path] = key.split('/')
  return HOST.test(host.toLowerCase()) && path.length >= 2 && path.every((s) => PATH_SEGMENT.test(s)) ? key : null
}

export function repoWebUrl(key: string): string | null {
  const repo = forgeKey(key)
  return repo ? `https://${repo}` : null
}

export function commitWebUrl(key: string, sha: string): string | null {
  const repo = forgeKey(key)
  if (!repo || !SHA.test(sha)) return null
  return `https://${repo}${COMMIT_PATH[key.split('/')[0].toLowerCase()] ?? '/commit/'}${sha}`
}

export function accountWebUrl(key: string, login: string): string | null {
  const repo = forgeKey(key)
  if (!repo || !isValidLogin(login)) return null
  return `https://${key.split('/')[0].toLowerCase()}/${login}`
}
