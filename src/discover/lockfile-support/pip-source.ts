/**
 * Where pip takes a requirement from, as far as a requirements file (or conda's `pip:` list, which conda hands to
 * pip as one) says it, shared by the pip-requirements and conda-environment formats:
 * - a URL's fragment (`#egg=`, `#subdirectory=`): ./pypi-index.ts `splitPipUrl`;
 * - the index list: `--index-url` replaces it, `--extra-index-url` adds to it, in the order written
 *   (pip/_internal/req/req_file.py `handle_option_line`), starting from PyPI.
 * Written by hand: pip's own rules, which no JS library applies.
 */
import {isPublicRegistry} from '../../core/public-registries.js'
import {urlWithoutCredentials} from '../../core/redact.js'
import {indexQualifiers} from './pypi-index.js'
import {trimEnd} from '../../core/trim-end.js'

/** PyPI, where pip's index list starts. */
export const PYPI_INDEX = 'https://pypi.org/simple'

/** One index option, in the order written. */
export interface IndexOption {
  kind: 'index' | 'extra-index'
  url: string
}

/** pip's index list, PyPI at first; insertion-ordered, each index once. */
export function pipIndexes(inherited?: ReadonlySet<string>): Set<string> {
  return new Set(inherited ?? [PYPI_INDEX])
}

/** pip's index list after one option: `--index-url` replaces the list, `--extra-index-url` adds to it. */
export function applyIndexOption(indexes: Set<string>, option: IndexOption): void {
  const url = trimEnd(urlWithoutCredentials(option.url).trim(), '/')
  if (url === '') return
  if (option.kind === 'index') indexes.clear()
  indexes.add(url)
}

/**
 * The `repository_url` a named requirement carries with these indexes: one index other than PyPI is carried. With
 * PyPI among several, pip may take the package from any of them (PyPI included): nothing is carried. With several
 * and none of them PyPI, the package never comes from PyPI: the `--index-url` (the first) is carried, so that no
 * resolver looks the name up on PyPI, where a same-named project is another one.
 */
export function indexesQualifiers(indexes: ReadonlySet<string>): Record<string, string> | undefined {
  for (const index of indexes) if (isPublicRegistry('pypi', index)) return undefined
  return indexQualifiers(indexes.values().next().value)
}

/**
 * pip fills in environment variables written `${NAME}` (upper-case letters, digits, `_`) when it reads a requirements
 * file (pip/_internal/req/req_file.py `ENV_VAR_RE`, `expand_env_variables`;
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/#using-environment-variables), from the
 * environment of the run: unknown here. In a URL's user and password only (`https://${TOKEN}@host/…`), it hides a
 * credential and changes nothing else.
 */
const PIP_ENV_VAR = /\$\{[A-Z0-9_]+\}/

/** Whether `text` (a URL's user and password removed) holds an environment variable pip fills in. */
export function fillsInEnvironment(text: string): boolean {
  return PIP_ENV_VAR.test(text) && PIP_ENV_VAR.test(urlWithoutCredentials(text))
}

/**
 * Pipenv keeps a URL's environment variables (`$NAME`, `${NAME}`) unexpanded in the Pipfile and the lock and fills
 * them in when it reads them (https://pipenv.pypa.io/en/latest/credentials.html). In the user and password they hide
 * a credential, removed here anyway; anywhere else the URL is not known, and is never taken as written.
 */
const PIPENV_VARIABLE = /\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_])/

/** A Pipenv URL without its user and password; undefined when what is left holds an environment variable. */
export function pipenvKnownUrl(url: string): string | undefined {
  const clean = urlWithoutCredentials(url)
  return PIPENV_VARIABLE.test(clean) ? undefined : clean
}
