/**
 * The names of pip requirements files the pip-requirements format reads on its own: `requirements*.txt`,
 * `*-requirements.txt`, `*.requirements.txt`, any `.txt` in a `requirements/` folder at any depth below it
 * (`requirements/pytorch/test.txt`), and the same names in `.in` (what pip-tools and `uv pip compile` read to write
 * the pinned `.txt`: the project's own declarations). One rule for the formats that say whether a file they name is
 * read (pyproject's dynamic dependencies, conda-environment's `-r` includes): plug-ins do not import each other.
 */
import {posix} from 'node:path'

export function isRequirementsName(file: string): boolean {
  const base = posix.basename(file)
  return (
    /^(.*[-_.])?requirements([-_.].*)?\.(?:txt|in)$/i.test(base) ||
    /(?:^|\/)requirements\/(?:[^/]+\/)*[^/]+\.(?:txt|in)$/.test(file)
  )
}

/** How messages name those files. */
export const REQUIREMENTS_NAMES =
  'requirements*.txt, *-requirements.txt, any .txt under a requirements/ folder, and the same names in .in'

/**
 * A constraints file (`constraints.txt`, `requirements/constraints.txt`, Airflow's `constraints-3.12.txt`): it pins
 * the versions of what other files require and installs nothing (https://pip.pypa.io/en/stable/user_guide/#constraints-files).
 */
export function isConstraintsName(file: string): boolean {
  return /(?:^|[-_.])constraints?(?:[-_.]|$)/i.test(posix.basename(file).replace(/\.(?:txt|in)$/i, ''))
}
