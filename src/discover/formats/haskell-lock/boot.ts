/**
 * GHC's boot packages that a freeze pins but cabal-install never builds from a repository: they ship with the
 * compiler, in its own package database, and the plan takes the installed one. Counted, not listed (as
 * julia-manifest counts Julia's standard library), so that `pkg:hackage/rts` or `pkg:hackage/ghc` is never a
 * package to look up.
 *
 * The set is cabal-install's `nonReinstallablePackages` (haskell/cabal cabal-install/src/Distribution/Client/
 * Dependency.hs, at f5319cdb: "packages which cannot be rebuilt using a GHC installation and Hackage-published source
 * distribution"; the solver constrains each to its installed instance, `dontInstallNonReinstallablePackages`), plus
 * `rts`, GHC's runtime system, registered in GHC's package database with no source distribution (Cabal's
 * `hackRtsPackage` reads it from the installed package index; cabal-install's solver tests model it as an installed
 * package only).
 *
 * Since cabal-install 3.16 (haskell/cabal f30b90cd, "Support getting nonreinstallable units from GHC"), a GHC that
 * names its wired-in units (GHC 9.14 and later, whose `base` is 4.22 or later) leaves only `ghc` and `ghc-internal`
 * to the installed instance, and `base`, `template-haskell` and the others may be built from Hackage. A freeze does
 * not say which GHC or cabal-install made it: when it pins `base` 4.22 or later, only `ghc`, `ghc-internal` and `rts`
 * are counted, the others listed as the Hackage packages they may be.
 */
import type {Pin} from './cabal-freeze.js'

const NON_REINSTALLABLE = [
  'base',
  'ghc-bignum',
  'ghc-internal',
  'ghc-prim',
  'ghc',
  'integer-gmp',
  'integer-simple',
  'template-haskell',
]
/** What stays the installed instance with a GHC that names its wired-in units (cabal-install `dependOnWiredIns`). */
const WIRED_IN = ['ghc', 'ghc-internal']
const RTS = 'rts'

/** The boot packages among the pins, the names counted, and the message saying so. */
export function bootPackages(pins: Pin[]): {pins: Pin[]; names: Set<string>; message: string} {
  const reinstallableBase = pins.some((pin) => pin.name === 'base' && atLeast(pin.version, [4, 22]))
  const names = new Set([...(reinstallableBase ? WIRED_IN : NON_REINSTALLABLE), RTS])
  const boot = pins.filter((pin) => names.has(pin.name))
  const listed = [...new Set(boot.map((pin) => pin.name))].sort()
  const count = boot.length
  const they = count === 1 ? 'it ships' : 'they ship'
  const message = `${count} GHC boot package${count === 1 ? '' : 's'} (${listed.join(', ')}: ${they} with GHC, and cabal-install takes the installed one, never a download): not listed`
  return {pins: boot, names, message}
}

/** Whether a version (digits and dots, checked by isVersion) is at least `least`. */
function atLeast(version: string, least: number[]): boolean {
  const parts = version.split('.').map(Number)
  for (let index = 0; index < least.length; index++) {
    const part = parts[index] ?? 0
    if (part !== least[index]) return part > least[index]
  }
  return true
}
