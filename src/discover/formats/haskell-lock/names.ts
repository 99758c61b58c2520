/**
 * Hackage package names and versions, as Cabal defines them (Cabal-syntax Distribution.Types.PackageName: components
 * of letters and digits joined by `-`, each with at least one letter; Distribution.Types.Version: numbers joined by
 * `.`). Bounded lengths; no regular expression here backtracks.
 */
import type {Component} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'

const COMPONENT = /^[A-Za-z0-9]{1,64}$/
const VERSION = /^[0-9]{1,9}(?:\.[0-9]{1,9}){0,15}$/

export function isPackageName(name: string): boolean {
  if (name.length === 0 || name.length > 128) return false
  return name.split('-').every((part) => COMPONENT.test(part) && /[A-Za-z]/.test(part))
}

export function isVersion(version: string): boolean {
  return VERSION.test(version)
}

/**
 * A package identifier `name-version` (`Cabal-syntax-3.16.1.0`): split at its last `-`, the version being what
 * follows it. undefined when it is not one.
 */
export function splitPackageId(id: string): {name: string; version: string} | undefined {
  const dash = id.lastIndexOf('-')
  if (dash <= 0) return undefined
  const name = id.slice(0, dash)
  const version = id.slice(dash + 1)
  return isPackageName(name) && isVersion(version) ? {name, version} : undefined
}

/**
 * Stack's Hackage location (`aeson-2.2.3.0@sha256:…,1234`, in a lock's `hackage:` or a stack.yaml's `extra-deps`)
 * as a component at `at`; undefined when it names no package and version.
 */
export function hackageLocation(
  file: string,
  value: string,
  at: {line: number; column: number},
): Component | undefined {
  const id = splitPackageId(value.split('@')[0])
  if (!id) return undefined
  return packageComponent(file, {
    ecosystem: 'hackage',
    name: id.name,
    version: id.version,
    ref: value.slice(0, 200),
    line: at.line,
    column: at.column,
  })
}
