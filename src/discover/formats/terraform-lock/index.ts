/**
 * Terraform / OpenTofu dependency lock files, `.terraform.lock.hcl`
 * (https://developer.hashicorp.com/terraform/language/files/dependency-lock): one `provider "HOST/NAMESPACE/TYPE"`
 * block per provider with its selected `version`. Read line by line: `terraform init` writes this small, fixed
 * subset of HCL (no expressions, one attribute per line), and no maintained pure-JS HCL parser exists.
 */
import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'terraform-lock',
  description: 'Terraform/OpenTofu .terraform.lock.hcl (providers)',
  matches(file) {
    return /(^|\/)\.terraform\.lock\.hcl$/.test(file) && !/(^|\/)\.terraform\//.test(file)
  },
  // The first line `terraform init` writes, and `tofu init` (OpenTofu) in its own name.
  identify: (head) => /^# This file is maintained automatically by "(terraform|tofu) init"\./.test(head),
  discover({file, text}) {
    return discoverTerraformLock(file, text)
  },
}

/** A provider source address: hostname / namespace / type (https://developer.hashicorp.com/terraform/language/providers/requirements#source-addresses). */
const ADDRESS = /^[a-z0-9.-]+(?::\d+)?\/[A-Za-z0-9][A-Za-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,63}$/i
const BLOCK = /^provider\s+"([^"]*)"\s*\{\s*$/
const VERSION = /^version\s*=\s*"([^"]*)"\s*$/

export function discoverTerraformLock(file: string, text: string): DiscoverOutput {
  const components: Component[] = []
  const errors: ScanError[] = []
  let open: {address: string; line: number; column: number; version?: string} | undefined
  let depth = 0
  const close = () => {
    if (!open) return
    if (!ADDRESS.test(open.address))
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `provider "${open.address.slice(0, 120)}": not HOST/NAMESPACE/TYPE`,
          open.line,
          open.column,
        ),
      )
    else if (!open.version || !/^[0-9A-Za-z.+-]{1,64}$/.test(open.version))
      errors.push(
        lockfileError(file, 'invalid-entry', `provider "${open.address}": no version`, open.line, open.column),
      )
    else
      components.push(
        packageComponent(file, {
          ecosystem: 'terraform',
          name: open.address.toLowerCase(),
          version: open.version,
          ref: open.address,
          line: open.line,
          column: open.column,
          // No `direct`: the lock file holds every provider the whole configuration needs, its child modules' too
          // (terraform-aws-modules/eks brings tls, cloudinit, time and null), and does not say which the root
          // module requires itself: that is in its .tf files, not here.
        }),
      )
    open = undefined
  }
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return
    const block = BLOCK.exec(line)
    if (block && depth === 0) {
      open = {address: block[1], line: index + 1, column: raw.indexOf('"') + 2}
      depth = 1
      return
    }
    // terraform init writes nothing else at the top level: a line there is not read, and said so (a provider written
    // on one line, `provider "h/n/t" { version = "1" }`, was dropped without a word).
    if (depth === 0)
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `line not read: only provider "HOST/NAMESPACE/TYPE" { blocks, one attribute a line, are expected here`,
          index + 1,
          raw.length - raw.trimStart().length + 1,
        ),
      )
    if (depth === 1 && open) {
      const version = VERSION.exec(line)
      if (version) open.version = version[1]
    }
    // Nested blocks and lists (`hashes = [ ... ]`) only need their brackets counted.
    for (const char of line.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
      if (char === '{' || char === '[') depth++
      else if (char === '}' || char === ']') depth--
    }
    if (depth <= 0) {
      close()
      depth = 0
    }
  })
  if (open) {
    errors.push(
      lockfileError(
        file,
        'invalid-lockfile',
        `provider "${open.address.slice(0, 120)}": block not closed`,
        open.line,
        open.column,
      ),
    )
  }
  return {components, errors}
}
