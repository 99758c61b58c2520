/**
 * The requirements of Python projects declared the setuptools way, which many projects still use instead of
 * `pyproject.toml`: `setup.cfg` (setuptools' declarative config, ./setup-cfg.ts) and the literal keyword arguments of
 * `setup.py` (./setup-py.ts; the file is read, never run). Each value becomes requirement strings as setuptools makes
 * them (./requirements.ts), each a PEP 508 requirement read by lockfile-support/pep508.ts, listed as pyproject lists
 * its own.
 */
import {posix} from 'node:path'
import {createLineIndex} from '../../../core/line-index.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import type {Out} from './read.js'
import {readSetupCfg} from './setup-cfg.js'
import {readSetupPy} from './setup-py.js'

export const discoverer: Discoverer = {
  id: 'python-setup',
  description:
    'Python setup.cfg and setup.py (setuptools): install_requires, setup_requires, tests_require, extras_require',
  matches(file) {
    return /(^|\/)setup\.(cfg|py)$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  // setup.py is Python source: a `# -*- coding: latin-1 -*-` cookie names its encoding (PEP 263).
  pythonSource: (file) => /(^|\/)setup\.py$/.test(file),
  discover: ({file, text}) => discoverPythonSetup(file, text),
}

export function discoverPythonSetup(file: string, text: string): DiscoverOutput {
  const out: Out = {file, lines: createLineIndex(text), components: [], skipped: [], errors: []}
  if (isSetupPy(file, text)) readSetupPy(out, text)
  else readSetupCfg(out, text)
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}

/**
 * setup.py or setup.cfg: by the file's name; standard input (`--stdin-format python-setup`) has none, and is setup.cfg
 * when a line is an INI section header (`[metadata]`, `[options]`), which Python source never holds alone.
 */
function isSetupPy(file: string, text: string): boolean {
  const name = posix.basename(file)
  if (name === 'setup.py') return true
  if (name === 'setup.cfg') return false
  return !/^\[[\w.:-]+\][ \t]*\r?$/m.test(text)
}
