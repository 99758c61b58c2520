import {Flags} from '@oclif/core'

/** `--rules PACK|FILE|DIR` (repeatable), shared by the commands that load rules. */
export const rulesFlags = {
  rules: Flags.string({
    description: 'Rule pack name (default, strict), pack folder, pack file or rule file; repeatable. Default: default',
    multiple: true,
  }),
}
