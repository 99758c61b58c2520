import type {FixtureRepo} from '../fixtures.js'
import {key, sha1} from '../fixtures.js'
import {blobJson, gitBlobSha, verificationJson} from '../accounts.js'
import {blocked, notFound, queryString, send, type Sent, utc, idOf} from '../http.js'
import type {Route, RouteContext} from './types.js'

/**
 * `GET /repos/{o}/{r}` (case-insensitive), `/repositories/{id}`, 301 for renamed repositories; commits (list
 * and one), contents (directory listings and base64 files), git blobs by id, as GitHub's REST API answers them.
 */
export function reposRoute(options: {maxPerPage?: number}): Route {
  return {
    name: 'repos',
    handle(ctx) {
      if (ctx.method !== 'GET') return null
      const {fixtures, path} = ctx
      let m = /^\/repositories\/(\d+)(\/.*)?$/.exec(path)
      if (m) {
        const repo = [...fixtures.repos.values()].find((r) => r.id === Number(m![1]))
        return repo ? repoRoute(ctx, repo, m[2] ?? '', options) : send(ctx.res, 404, notFound())
      }
      m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path)
      if (!m) return null
      const repo = fixtures.repos.get(key(decodeURIComponent(m[1]), decodeURIComponent(m[2])))
      if (!repo) return send(ctx.res, 404, notFound())
      if (repo.renamedTo) {
        const [o, n] = repo.renamedTo.split('/')
        const target = fixtures.repos.get(key(o, n))
        if (target)
          return send(
            ctx.res,
            301,
            {message: 'Moved Permanently', url: `${ctx.apiBase}/repositories/${target.id}`},
            ctx.req,
            {location: `${ctx.apiBase}/repositories/${target.id}${m[3] ?? ''}${queryString(ctx.query)}`},
          )
      }
      return repoRoute(ctx, repo, m[3] ?? '', options)
    },
  }
}

function repoRoute(ctx: RouteContext, repo: FixtureRepo, rest: string, options: {maxPerPage?: number}): Sent {
  const {res, req, query} = ctx
  if (repo.status === 404 || repo.status === 451)
    return send(res, repo.status, repo.status === 451 ? blocked() : notFound())
  const empty = repo.status === 409 || repo.commits.length === 0
  if (rest === '') return send(res, 200, ctx.full ? fullRepo(ctx, repo) : repo.meta, req, {}, ctx.pad)
  if (rest === '/commits') {
    if (empty)
      return send(res, 409, {message: 'Git Repository is empty.', documentation_url: 'https://docs.github.com/rest'})
    return listCommits(ctx, repo, options)
  }
  let m = /^\/commits\/([^/]+)$/.exec(rest)
  if (m) {
    const sha = ctx.resolveRef(repo, decodeURIComponent(m[1]))
    return sha
      ? send(res, 200, commitJson(ctx, repo, repo.bySha.get(sha)!), req, {}, ctx.pad)
      : send(res, 422, {message: `No commit found for SHA: ${m[1]}`})
  }
  m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest)
  if (m) {
    const blob = blobJson(repo, m[1])
    return blob ? send(res, 200, blob, req, {}, ctx.pad) : send(res, 404, notFound())
  }
  m = /^\/contents(?:\/(.*))?$/.exec(rest)
  if (m) {
    if (empty) return send(res, 404, {message: 'This repository is empty.'})
    const sha = ctx.resolveRef(repo, query.get('ref') ?? String(repo.meta.default_branch))
    if (!sha) return send(res, 404, {message: `No commit found for the ref ${query.get('ref')}`})
    return contents(ctx, repo, decodeURIComponent(m[1] ?? '').replace(/\/+$/, ''))
  }
  return send(res, 404, notFound())
}

function listCommits(ctx: RouteContext, repo: FixtureRepo, options: {maxPerPage?: number}): Sent {
  const {query, res, req} = ctx
  const start = ctx.resolveRef(repo, query.get('sha') ?? String(repo.meta.default_branch))
  if (!start) return send(res, 404, {message: 'Not Found'})
  const reachable = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    const sha = stack.pop()!
    if (reachable.has(sha)) continue
    reachable.add(sha)
    stack.push(...(repo.bySha.get(sha)?.parents ?? []))
  }
  // GitHub's since/until filter on the committer date.
  const since = query.get('since') ? Date.parse(query.get('since')!) : -Infinity
  const until = query.get('until') ? Date.parse(query.get('until')!) : Infinity
  let all = repo.commits.filter(
    (c) => reachable.has(c.sha) && Date.parse(c.committer.date) >= since && Date.parse(c.committer.date) <= until,
  )
  // `path`: the commits that changed it. The tree is the same at every commit: only the oldest added it.
  const path = ctx.query.get('path')
  if (path !== null) all = repo.files.has(path) ? all.slice(-1) : []
  const perPage = Math.min(options.maxPerPage ?? 100, Math.max(1, Number(query.get('per_page') ?? 30) || 30))
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
  const last = Math.max(1, Math.ceil(all.length / perPage))
  const link = paginationLink(ctx, page, last, `/repos/${repo.owner}/${repo.name}/commits`)
  return send(
    res,
    200,
    all.slice((page - 1) * perPage, page * perPage).map((c) => commitJson(ctx, repo, c)),
    req,
    link ? {link} : {},
    ctx.pad,
  )
}

function paginationLink(ctx: RouteContext, page: number, last: number, path: string): string | null {
  const at = (n: number) => {
    const q = new URLSearchParams(ctx.query)
    q.set('page', String(n))
    return `<${ctx.linkBase}${path}?${q}>`
  }
  const parts: string[] = []
  if (page > 1) parts.push(`${at(page - 1)}; rel="prev"`)
  if (page < last) parts.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`)
  if (page > 1) parts.push(`${at(1)}; rel="first"`)
  return parts.length > 0 ? parts.join(', ') : null
}

function contents(ctx: RouteContext, repo: FixtureRepo, path: string): Sent {
  const {res, req} = ctx
  const file = repo.files.get(path)
  if (file !== undefined) {
    return send(
      res,
      200,
      {
        type: 'file',
        encoding: 'base64',
        name: path.split('/').pop(),
        path,
        size: Buffer.byteLength(file),
        content: Buffer.from(file).toString('base64'),
      },
      req,
      {},
      ctx.pad,
    )
  }
  const prefix = path === '' ? '' : `${path}/`
  const names = new Map<string, 'file' | 'dir'>()
  for (const name of repo.files.keys()) {
    if (!name.startsWith(prefix)) continue
    const rest = name.slice(prefix.length)
    const slash = rest.indexOf('/')
    names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'dir')
  }
  if (names.size === 0 && path !== '') return send(res, 404, notFound())
  return send(
    res,
    200,
    [...names].sort().map(([name, type]) => {
      const content = repo.files.get(prefix + name)
      const sha = content === undefined ? sha1(`tree ${prefix}${name}`) : gitBlobSha(content)
      return {type, name, path: prefix + name, sha}
    }),
    req,
    {},
    ctx.pad,
  )
}

function commitJson(ctx: RouteContext, repo: FixtureRepo, c: FixtureRepo['commits'][number]) {
  const base = ctx.apiBase
  const core = {
    sha: c.sha,
    node_id: `C_${c.sha.slice(0, 12)}`,
    // GitHub's REST API reports commit dates in UTC.
    commit: {
      author: {...c.author, date: utc(c.author.date)},
      committer: {...c.committer, date: utc(c.committer.date)},
      message: c.message,
      ...verificationJson(c.verified),
    },
    url: `${base}/repos/${repo.owner}/${repo.name}/commits/${c.sha}`,
    author: c.login ? {login: c.login, id: idOf(c.login), type: 'User'} : null,
    committer: null,
    parents: c.parents.map((sha) => ({sha, url: `${base}/repos/${repo.owner}/${repo.name}/commits/${sha}`})),
  }
  if (!ctx.full) return core
  // The rest of GitHub's commit object (https://docs.github.com/en/rest/commits/commits#list-commits).
  const web = `https://github.com/${repo.owner}/${repo.name}`
  return {
    ...core,
    commit: {
      ...core.commit,
      tree: {
        sha: c.sha.split('').reverse().join(''),
        url: `${base}/repos/${repo.owner}/${repo.name}/git/trees/${c.sha}`,
      },
      url: `${base}/repos/${repo.owner}/${repo.name}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: {verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null},
      ...verificationJson(c.verified),
    },
    html_url: `${web}/commit/${c.sha}`,
    comments_url: `${base}/repos/${repo.owner}/${repo.name}/commits/${c.sha}/comments`,
    author: c.login ? userObject(base, c.login) : null,
    committer: userObject(base, 'web-flow'),
    parents: c.parents.map((sha) => ({
      sha,
      url: `${base}/repos/${repo.owner}/${repo.name}/commits/${sha}`,
      html_url: `${web}/commit/${sha}`,
    })),
  }
}

/** GitHub's simple-user object, as commits, issues and pull requests embed it. */
function userObject(base: string, login: string) {
  const url = `${base}/users/${login}`
  return {
    login,
    id: idOf(login),
    node_id: `MDQ6VXNlcj${idOf(login)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${idOf(login)}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  }
}

/** The repository object with GitHub's URL templates and counters (https://docs.github.com/en/rest/repos/repos#get-a-repository). */
function fullRepo(ctx: RouteContext, repo: FixtureRepo) {
  const url = `${ctx.apiBase}/repos/${repo.owner}/${repo.name}`
  const templates = Object.fromEntries(
    [
      'forks',
      'keys',
      'collaborators',
      'teams',
      'hooks',
      'issue_events',
      'events',
      'assignees',
      'branches',
      'tags',
      'blobs',
      'git_tags',
      'git_refs',
      'trees',
      'statuses',
      'languages',
      'stargazers',
      'contributors',
      'subscribers',
      'subscription',
      'commits',
      'git_commits',
      'comments',
      'issue_comment',
      'contents',
      'compare',
      'merges',
      'archive',
      'downloads',
      'issues',
      'pulls',
      'milestones',
      'notifications',
      'labels',
      'releases',
      'deployments',
    ].map((name) => [`${name}_url`, `${url}/${name.replace(/_/g, '/')}`]),
  )
  return {
    ...repo.meta,
    node_id: `R_kgDO${repo.id}`,
    owner: userObject(ctx.apiBase, repo.owner),
    html_url: `https://github.com/${repo.owner}/${repo.name}`,
    description: `The ${repo.name} project`,
    url,
    ...templates,
    git_url: `git://github.com/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@github.com:${repo.owner}/${repo.name}.git`,
    clone_url: `https://github.com/${repo.owner}/${repo.name}.git`,
    homepage: null,
    size: 12345,
    stargazers_count: 100,
    watchers_count: 100,
    language: 'Go',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 10,
    open_issues_count: 5,
    topics: ['cloud-native', 'kubernetes'],
    visibility: 'public',
    network_count: 10,
    subscribers_count: 20,
  }
}
