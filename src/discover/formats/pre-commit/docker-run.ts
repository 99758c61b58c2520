/**
 * The image a `docker_image` hook runs, read from its `entry`. pre-commit runs
 * `docker run --rm -u … -v …:/src:rw,Z --workdir /src` followed by `shlex.split(entry)` and the hook's args
 * (pre_commit/languages/docker_image.py `run_hook`, lang_base.py `hook_cmd`), so `entry` is `[OPTIONS] IMAGE [ARGS]`
 * of `docker run`: any of its options may come before the image, some with a value (`--net none`, `-e K=V`). No
 * library splits a shell-quoted command as Python's shlex does and then knows docker's options, hence this file.
 * The options are docker/cli's (cli/command/container/opts.go and run.go at commit
 * 28f756087eea5fa301f3fbf12b01ae62f91521c2, hidden ones included), parsed as its flag library (spf13/pflag) does:
 * `--name value`, `--name=value`, `-e value`, `-eVALUE`, `-e=VALUE`, combined short flags (`-it`, `-ite K=V`), `--`
 * before the image. An option docker does not have (or a newer one) is never guessed: whether it takes a value
 * decides which word is the image.
 */
import {shlexSplit} from '../../lockfile-support/shlex.js'

/** `docker run` options that take no value (`bool` in docker/cli's reference). */
const LONG_SWITCHES: ReadonlySet<string> = new Set([
  'detach',
  'disable-content-trust',
  'help',
  'init',
  'interactive',
  'no-healthcheck',
  'oom-kill-disable',
  'privileged',
  'publish-all',
  'quiet',
  'read-only',
  'rm',
  'sig-proxy',
  'tty',
  'use-api-socket',
])

/** `docker run` options that take a value; `net`, `net-alias`, `dns-opt` (hidden) and `kernel-memory` (deprecated) too. */
const LONG_VALUED: ReadonlySet<string> = new Set([
  'add-host',
  'annotation',
  'attach',
  'blkio-weight',
  'blkio-weight-device',
  'cap-add',
  'cap-drop',
  'cgroup-parent',
  'cgroupns',
  'cidfile',
  'cpu-count',
  'cpu-percent',
  'cpu-period',
  'cpu-quota',
  'cpu-rt-period',
  'cpu-rt-runtime',
  'cpu-shares',
  'cpus',
  'cpuset-cpus',
  'cpuset-mems',
  'detach-keys',
  'device',
  'device-cgroup-rule',
  'device-read-bps',
  'device-read-iops',
  'device-write-bps',
  'device-write-iops',
  'dns',
  'dns-opt',
  'dns-option',
  'dns-search',
  'domainname',
  'entrypoint',
  'env',
  'env-file',
  'expose',
  'gpus',
  'group-add',
  'health-cmd',
  'health-interval',
  'health-retries',
  'health-start-interval',
  'health-start-period',
  'health-timeout',
  'hostname',
  'io-maxbandwidth',
  'io-maxiops',
  'ip',
  'ip6',
  'ipc',
  'isolation',
  'kernel-memory',
  'label',
  'label-file',
  'link',
  'link-local-ip',
  'log-driver',
  'log-opt',
  'mac-address',
  'memory',
  'memory-reservation',
  'memory-swap',
  'memory-swappiness',
  'mount',
  'name',
  'net',
  'net-alias',
  'network',
  'network-alias',
  'oom-score-adj',
  'pid',
  'pids-limit',
  'platform',
  'publish',
  'pull',
  'restart',
  'runtime',
  'security-opt',
  'shm-size',
  'stop-signal',
  'stop-timeout',
  'storage-opt',
  'sysctl',
  'tmpfs',
  'ulimit',
  'user',
  'userns',
  'uts',
  'volume',
  'volume-driver',
  'volumes-from',
  'workdir',
])

/** Short forms: `-d -i -P -q -t` take no value; `-a -c -e -h -l -m -p -u -v -w` take one. */
const SHORT_SWITCHES = 'diPqt'
const SHORT_VALUED = 'acehlmpuvw'

/** What `entry` names: the image, or why it names none this reader can tell. */
export type EntryImage =
  | {kind: 'image'; image: string}
  | {kind: 'unknown-option'; option: string}
  | {kind: 'no-image'}
  | {kind: 'bad-quoting'; why: string}

/** The image of a `docker_image` hook's `entry`. */
export function entryImage(entry: string): EntryImage {
  const words = shlexSplit(entry)
  if (typeof words === 'string') return {kind: 'bad-quoting', why: words}
  let index = 0
  while (index < words.length) {
    const word = words[index]
    if (word === '--') {
      index += 1
      break
    }
    if (!word.startsWith('-') || word === '-') break
    const taken = word.startsWith('--') ? longOption(word) : shortOptions(word)
    if (taken === undefined) return {kind: 'unknown-option', option: word}
    index += taken
  }
  const image = words[index]
  return image === undefined || image === '' ? {kind: 'no-image'} : {kind: 'image', image}
}

/** Words an option takes (itself and its value), or undefined for an option docker does not have. */
function longOption(word: string): number | undefined {
  const equals = word.indexOf('=')
  const name = word.slice(2, equals === -1 ? undefined : equals)
  if (LONG_SWITCHES.has(name)) return 1
  if (LONG_VALUED.has(name)) return equals === -1 ? 2 : 1
  return undefined
}

/** pflag's shorthand cluster: switches, then at most one valued flag whose value is the rest or the next word. */
function shortOptions(word: string): number | undefined {
  for (let at = 1; at < word.length; at++) {
    const flag = word[at]
    if (!SHORT_SWITCHES.includes(flag) && !SHORT_VALUED.includes(flag)) return undefined
    // `-d=true`, `-e=K=V`: the rest of the word after `=` is the value (`-d=` alone is an error in pflag).
    if (word[at + 1] === '=' && at + 2 < word.length) return 1
    // `-eK=V`: the rest of the word is the value; `-e K=V`: the next word is.
    if (SHORT_VALUED.includes(flag)) return at + 1 < word.length ? 1 : 2
  }
  return 1
}
