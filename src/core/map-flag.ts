/**
 * `--map FILE`, declared once for the commands that resolve (`scan`, `inventory --resolve`; here in core, like
 * `--artifact-hub-url` and `--registry-mirror`, so `inventory` declares it without loading the resolve stage): the
 * user's component → repository mapping, which always wins (`unresolved: REASON` declares an in-house component).
 */
import {Flags} from '@oclif/core'

/** `--map`; `dependsOn` for commands where it needs another flag (`inventory --resolve`). */
export function mapFlag(dependsOn?: string[]) {
  return Flags.string({
    description: `${dependsOn ? `with --${dependsOn.join(', --')}: ` : ''}YAML file of purl or image patterns → repository, which always wins (unresolved: REASON declares an in-house component)`,
    helpValue: 'FILE',
    ...(dependsOn ? {dependsOn} : {}),
  })
}
