/**
 * The tag a chart's templates give an image whose values name none: read from where the templates build it from
 * `.Chart.AppVersion`. Most charts write `{{ .Values.image.tag | default .Chart.AppVersion }}` (the tag is the
 * appVersion as written), but some put a literal before it: prometheus-community's node-exporter, kube-state-metrics
 * and systemd-exporter write `default (printf "v%s" .Chart.AppVersion) .Values.image.tag`, its admission-webhook
 * `print "v" .Chart.AppVersion`, so the image pulled is `:v1.12.1` for appVersion 1.12.1. Templates are not rendered
 * (no Go template engine here); the uses of `.Chart.AppVersion` are recognised by the text around them:
 * - a tag default: `default <appVersion>`, `| default <appVersion>`, `coalesce … <appVersion>` (the appVersion as it
 *   is); `printf "P%sS" <appVersion>` and `print "P" <appVersion>` (the literal P before it, S after it; a leading
 *   `:` is the tag's separator, as cert-manager's `printf ":%s"`); a bare `{{ <appVersion> }}` right after the `:` of
 *   an image reference (`repo:v{{ .Chart.AppVersion }}`);
 * - not a tag: a condition (`if`, `with`, `semverCompare`) or a label (`version: {{ .Chart.AppVersion | quote }}`);
 * - passed to a helper in a `dict` (`dict "defaultVersion" .Chart.AppVersion`, grafana's loki and tempo charts): read
 *   where the templates use that key (`coalesce .service.tag .defaultVersion`) as above;
 * - a tag built in a way not read: the appVersion passed to a helper otherwise (`tuple`, `list`, `include`), put in a
 *   variable, or written with a literal that is not tag characters.
 * A use is taken for an image block when the template text around it (its action, and the `define` it is in or else
 * the line it is on) names the block's values path (`.Values.image`); otherwise all the chart's uses count. One way of
 * building the tag among them: that tag. None, several, or one not read: no tag is given, and the caller lists the
 * image without one. The same reading finds the blocks given to Bitnami's `common.images.image` (`bitnamiImageRoots`).
 */
import {posix} from 'node:path'
import type {DiscoverContext} from '../../types.js'

/** How the templates write the tag: the appVersion with a literal before and after it. */
interface TagForm {
  prefix: string
  suffix: string
}

interface TagUse {
  /** Where in the templates (`templates/_helpers.tpl:85`). */
  at: string
  /** The literal around the appVersion; undefined when the tag is built in a way not read (`why`). */
  form?: TagForm
  why?: string
  /** The key of a `dict` the appVersion is passed to a helper under (`"defaultVersion"`), read as `.defaultVersion`. */
  alias?: string
  /** The template text around the use (its action and the `define` before it): which values it reads. */
  scope: string
}

/** What the templates say of the tag of an image block without one. */
export type AppVersionTag = {tag: string} | {missing: string}

/** The chart's templates, as far as they are read; `undefined` when its `templates/` folder is not in the tree. */
export interface ChartTemplates {
  dir: string
  uses: TagUse[]
  /**
   * The values paths of the image blocks the templates give Bitnami's `common.images.image` helper with the chart's
   * `global` (`include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global)`).
   */
  commonImageRoots: Set<string>
}

const MAX_FILES = 500
const MAX_BYTES = 16 * 1024 * 1024
const MAX_DEPTH = 6
const MAX_USES = 2000
const MAX_OCCURRENCES = 10_000
const MAX_ALIASES = 16
/** A template action longer than this is not read for a tag. */
const MAX_ACTION = 4000
/** How far back the `define` of a use is looked for. */
const MAX_DEFINE = 8000

const TAG_CHARS = /^[\w.-]*$/
const APP_VERSION = /[\w$.]*\bChart\.AppVersion\b/g

/** The uses of `.Chart.AppVersion` in the templates of the chart in `chartDir`. */
export function chartTemplates(chartDir: string, context: DiscoverContext): ChartTemplates | undefined {
  const dir = chartDir === '.' || chartDir === '' ? 'templates' : posix.join(chartDir, 'templates')
  const listDir = context.listDir
  if (listDir === undefined || listDir(dir) === null) return undefined
  const uses: TagUse[] = []
  const commonImageRoots = new Set<string>()
  const texts: {path: string; text: string}[] = []
  const budget = {files: 0, bytes: 0}
  const walk = (folder: string, depth: number) => {
    for (const name of listDir(folder) ?? []) {
      if (budget.files >= MAX_FILES || budget.bytes >= MAX_BYTES || uses.length >= MAX_USES) return
      const path = `${folder}/${name}`
      if (/\.(?:tpl|ya?ml)$/i.test(name)) {
        const text = context.readText(path, {keep: false})
        if (text === null) {
          if (depth < MAX_DEPTH && listDir(path) !== null) walk(path, depth + 1)
          continue
        }
        budget.files++
        budget.bytes += text.length
        texts.push({path, text})
        bitnamiImageRoots(text, commonImageRoots)
        templateUses(text, path, uses, APP_VERSION)
      } else if (depth < MAX_DEPTH && !name.includes('.') && listDir(path) !== null) walk(path, depth + 1)
    }
  }
  walk(dir, 0)
  // The appVersion passed to a helper in a dict (`dict "defaultVersion" .Chart.AppVersion`, grafana's loki and tempo
  // charts; external-secrets' `"chartAppVersion"`): what the helpers do with `.defaultVersion` is the tag's form.
  const aliases = new Map<string, TagUse[]>()
  // Each key is one more pass over the templates: a few, as a chart's helpers take (more are not followed).
  for (const use of uses) if (use.alias !== undefined && aliases.size < MAX_ALIASES) aliases.set(use.alias, [])
  for (const [key, found] of aliases) {
    const token = new RegExp(`[\\w$.]*\\.${key}\\b`, 'g')
    for (const {path, text} of texts) templateUses(text, path, found, token)
  }
  for (const use of uses) {
    if (use.alias === undefined) continue
    const found = (aliases.get(use.alias) ?? []).filter((inner) => inner.alias === undefined)
    const forms = new Set(found.map((inner) => (inner.form ? `${inner.form.prefix}%s${inner.form.suffix}` : '?')))
    if (found.length > 0 && forms.size === 1 && found[0].form !== undefined) {
      use.form = found[0].form
      delete use.why
    }
  }
  return {dir, uses, commonImageRoots}
}

/**
 * Bitnami's common library chart (bitnami/charts bitnami/common/templates/_images.tpl, `common.images.image`):
 * `$registryName := default .imageRoot.registry ((.global).imageRegistry)`, so a non-empty `global.imageRegistry`
 * wins over the block's own `registry`. The blocks given to it are those a template includes it with, as
 * `"imageRoot" .Values.<path>` beside `"global" .Values.global` in the same `dict`.
 */
function bitnamiImageRoots(text: string, roots: Set<string>): void {
  let seen = 0
  for (const match of text.matchAll(/include\s+"common\.images\.image"\s*\(\s*dict\b([^()]{0,1000})\)/g)) {
    if (++seen > MAX_OCCURRENCES) return
    const args = match[1]
    const root = /"imageRoot"\s+\$?\.Values\.([\w.-]+)(?![\w.-])/.exec(args)
    if (root !== null && /"global"\s+\$?\.Values\.global(?![\w.-])/.test(args)) roots.add(root[1])
  }
}

/** The tag the templates give the image block at `path` (`kubeRBACProxy.image`) when its values name none. */
export function appVersionTag(templates: ChartTemplates | undefined, appVersion: string, path: string): AppVersionTag {
  if (templates === undefined)
    return {
      missing: "its chart's templates, which choose the tag, are not in the tree (no templates/ beside Chart.yaml)",
    }
  const mention = new RegExp(`\\.Values\\.${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`)
  const named = templates.uses.filter((use) => mention.test(use.scope))
  const uses = named.length > 0 ? named : templates.uses
  if (uses.length === 0)
    return {
      missing: `its chart's templates (${templates.dir}) do not default a tag to .Chart.AppVersion in a way read here`,
    }
  const unread = uses.find((use) => use.form === undefined)
  if (unread !== undefined)
    return {
      missing: `its chart's templates build the tag from .Chart.AppVersion in a way not read here (${unread.at}: ${unread.why})`,
    }
  const forms = new Map<string, TagUse>()
  for (const use of uses) forms.set(`${use.form?.prefix}%s${use.form?.suffix}`, use)
  if (forms.size > 1)
    return {
      missing: `its chart's templates build the tag from .Chart.AppVersion in more than one way (${[...forms.values()]
        .slice(0, 3)
        .map((use) => `${use.at}: ${shown(use.form as TagForm)}`)
        .join(', ')}), and which one is this image's is not known here`,
    }
  const form = uses[0].form as TagForm
  return {tag: `${form.prefix}${appVersion}${form.suffix}`}
}

function shown(form: TagForm): string {
  return [form.prefix && `"${form.prefix}"`, 'appVersion', form.suffix && `"${form.suffix}"`]
    .filter(Boolean)
    .join(' + ')
}

/** The uses of `.Chart.AppVersion` as an image tag in one template's text. */
function templateUses(text: string, file: string, uses: TagUse[], token: RegExp): void {
  const TOKEN = new RegExp(token.source, 'g')
  let lineStart = 0
  let line = 1
  let seen = 0
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    // Each occurrence looks back at most MAX_ACTION characters: their number is bounded, not only the uses kept.
    if (uses.length >= MAX_USES || ++seen > MAX_OCCURRENCES) return
    const index = match.index
    for (let i = text.indexOf('\n', lineStart); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
      line++
      lineStart = i + 1
    }
    const window = text.slice(Math.max(0, index - MAX_ACTION), index)
    const open = window.lastIndexOf('{{')
    if (open === -1 || window.indexOf('}}', open) !== -1) continue
    const start = index - window.length + open
    const close = text.indexOf('}}', index)
    if (close === -1 || close - start > MAX_ACTION) continue
    const action = text.slice(start, close + 2)
    const use = classify(action, index - start, match[0].length, text, start, close + 2)
    if (use === undefined) continue
    const before = text.slice(Math.max(0, start - MAX_DEFINE), start)
    let define = -1
    for (const found of before.matchAll(/\{\{-?\s*define\s/g)) define = found.index
    uses.push({
      ...use,
      at: `${file}:${line}`,
      scope:
        (define === -1 ? text.slice(Math.max(lineStart, start - MAX_DEFINE), start) : before.slice(define)) + action,
    })
  }
}

/** What one use of the appVersion in an action (`{{ … }}`, the token at `offset`) says of a tag; undefined: not a tag. */
function classify(
  action: string,
  offset: number,
  length: number,
  text: string,
  start: number,
  end: number,
): Pick<TagUse, 'form' | 'why' | 'alias'> | undefined {
  const inner = action.replace(/^\{\{-?\s*/, '')
  if (/^(?:if|with|else|range|end)\b/.test(inner) || /\bsemver(?:Compare)?\b/.test(action)) return undefined
  const before = action.slice(0, offset)
  const printf = /\bprintf\s+"([^"%\\]*)%[sv]([^"%\\]*)"\s*$/.exec(before)
  const print = /\bprint\s+"([^"\\]*)"\s*$/.exec(before)
  if (printf !== null || print !== null) {
    const prefix = (printf?.[1] ?? print?.[1] ?? '').replace(/^:/, '')
    const suffix = printf?.[2] ?? ''
    if (TAG_CHARS.test(prefix) && TAG_CHARS.test(suffix)) return {form: {prefix, suffix}}
    return {why: `the appVersion is written between "${prefix}" and "${suffix}"`}
  }
  if (/(?:\bdefault|\bcoalesce(?:\s+\S+)*?)\s+$/.test(before)) return {form: {prefix: '', suffix: ''}}
  if (/:?=\s*$/.test(before)) return {why: 'the appVersion is put in a variable'}
  const bare = /^\{\{-?\s*$/.test(before) && /^\s*-?\}\}$/.test(action.slice(offset + length))
  if (bare) {
    const lineBefore = text.slice(Math.max(0, text.lastIndexOf('\n', start - 1) + 1), start)
    const lineAfter = text.slice(end, Math.min(text.length, end + 200))
    const tagged = /:([\w.-]*)$/.exec(lineBefore)
    if (tagged === null || /\s$/.test(lineBefore)) return undefined
    return {form: {prefix: tagged[1], suffix: /^[\w.-]*/.exec(lineAfter)?.[0] ?? ''}}
  }
  const key = /\bdict\b/.test(action) ? /"([A-Za-z_]\w*)"\s*$/.exec(before)?.[1] : undefined
  if (key !== undefined) return {why: `the appVersion is passed to a template helper as ${key}`, alias: key}
  if (/\b(?:dict|tuple|list|include|template)\b/.test(action))
    return {why: 'the appVersion is passed to a template helper'}
  return undefined
}
