import {isValidGithubRepo} from '../../../core/repo-url.js'

/**
 * Go module paths whose repository follows from the path alone (no request). Sources:
 * - github.com, bitbucket.org: the path is `host/owner/name[/dir]` (https://go.dev/ref/mod#vcs-find).
 * - golang.org/x/NAME: mirrored at github.com/golang/NAME (https://pkg.go.dev/golang.org/x).
 * - k8s.io/NAME and sigs.k8s.io/NAME: go-import redirects to github.com/kubernetes/NAME and
 *   github.com/kubernetes-sigs/NAME (https://github.com/kubernetes/k8s.io/blob/main/apps/k8s-io/configmap-nginx.yaml).
 * - gopkg.in/PKG.vN → github.com/go-PKG/PKG, gopkg.in/USER/PKG.vN → github.com/USER/PKG (https://labix.org/gopkg.in).
 */

export interface ModuleRepo {
  repo: string
  directory?: string
  evidence: string
}

const SEGMENT = /^[A-Za-z0-9._~+-]+$/
/** A module path: a dotted host then path segments (https://go.dev/ref/mod#go-mod-file-ident). */
const MODULE_PATH = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:\/[A-Za-z0-9._~+-]+)*$/

export function isModulePath(path: string): boolean {
  return path.length <= 512 && MODULE_PATH.test(path) && !path.split('/').some((s) => s === '.' || s === '..')
}

/** Sub-directory of a module inside its repository, without the major-version suffix (`/v2`). */
export function moduleDirectory(rest: readonly string[]): string | undefined {
  const parts = rest.length > 0 && /^v(?:[2-9]|[1-9]\d+)$/.test(rest[rest.length - 1]) ? rest.slice(0, -1) : rest
  return parts.length > 0 && parts.every((p) => SEGMENT.test(p)) ? parts.join('/') : undefined
}

export function syntacticRepo(path: string): ModuleRepo | null {
  const [host, ...rest] = path.split('/')
  const mapped = (owner: string, name: string, remainder: string[], evidence: string): ModuleRepo | null => {
    if (!isValidGithubRepo(owner, name)) return null
    const directory = moduleDirectory(remainder)
    return {repo: `github.com/${owner}/${name}`, ...(directory ? {directory} : {}), evidence}
  }
  switch (host) {
    case 'github.com':
      return rest.length >= 2 ? mapped(rest[0], rest[1], rest.slice(2), 'Go module path on github.com') : null
    case 'bitbucket.org': {
      if (rest.length < 2 || !SEGMENT.test(rest[0]) || !SEGMENT.test(rest[1])) return null
      const directory = moduleDirectory(rest.slice(2))
      return {
        repo: `bitbucket.org/${rest[0]}/${rest[1]}`,
        ...(directory ? {directory} : {}),
        evidence: 'Go module path on bitbucket.org',
      }
    }
    case 'golang.org':
      return rest[0] === 'x' && rest.length >= 2
        ? mapped('golang', rest[1], rest.slice(2), 'golang.org/x/* is mirrored at github.com/golang/*')
        : null
    case 'k8s.io':
      return rest.length >= 1
        ? mapped('kubernetes', rest[0], rest.slice(1), 'k8s.io/* redirects to github.com/kubernetes/*')
        : null
    case 'sigs.k8s.io':
      return rest.length >= 1
        ? mapped('kubernetes-sigs', rest[0], rest.slice(1), 'sigs.k8s.io/* redirects to github.com/kubernetes-sigs/*')
        : null
    case 'gopkg.in':
      return gopkgIn(rest)
    default:
      return null
  }
}

function gopkgIn(rest: readonly string[]): ModuleRepo | null {
  const evidence = 'gopkg.in convention (labix.org/gopkg.in)'
  const versioned = /^([A-Za-z0-9][A-Za-z0-9_-]*)\.v\d+$/
  if (rest.length >= 1) {
    const single = versioned.exec(rest[0])
    if (single)
      return isValidGithubRepo(`go-${single[1]}`, single[1])
        ? {repo: `github.com/go-${single[1]}/${single[1]}`, evidence}
        : null
  }
  if (rest.length >= 2) {
    const pair = versioned.exec(rest[1])
    if (pair && isValidGithubRepo(rest[0], pair[1])) return {repo: `github.com/${rest[0]}/${pair[1]}`, evidence}
  }
  return null
}
