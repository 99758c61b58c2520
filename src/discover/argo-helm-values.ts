/**
 * The values an Argo CD source gives its Helm chart, as Argo CD gives them to Helm
 * (https://argo-cd.readthedocs.io/en/stable/user-guide/helm/: "parameters > valuesObject > values > valueFiles"):
 * - `helm.valuesObject`, or, when there is none, `helm.values`: Argo CD takes one or the other, never both merged
 *   (argo-cd's `ApplicationSourceHelm.ValuesYAML`: valuesObject when set, else the values string). `helm.values` is
 *   values as one string of YAML. Written as a literal block (`values: |`), the string's lines are the file's, and its
 *   nodes are placed on them; written any other way (quoted, folded), every node is placed at the string, which is
 *   all the file tells.
 * - `helm.parameters` (`- name: image.tag` / `value: v2`) over them: Argo CD hands them to Helm as `--set`, and they
 *   are set as ./set-values.ts sets `--set` values (list indexes `jobs[0].image.tag`, escapes `kubernetes\.io/os`). A
 *   name Helm would refuse is not applied, and said so when it may set an image: an image tag it sets would otherwise
 *   be reported wrong.
 * `valueFiles` are files of the chart's repository, not of this tree: not read. Written by hand: Helm's own merge is
 * Go (`chartutil.CoalesceTables`, ./set-values.ts mergeValues), and the YAML trees here keep positions no library
 * merge keeps.
 */
import type {ScanError, Skipped} from '../core/model.js'
import {elide} from '../core/elide.js'
import {readEmbeddedYaml} from './embedded-yaml.js'
import {applySetValues, type SetValue} from './set-values.js'
import {at, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode, type YamlSeq} from './yaml-tree.js'

export interface ValuesReport {
  errors: ScanError[]
  skipped: Skipped[]
}

/** A parameter name that may set an image: a segment naming an image, or one of an image block's keys. */
const IMAGE_PATH = /(?:^|[.\]])(?:[A-Za-z0-9_-]*image[A-Za-z0-9_-]*|tag|digest|registry|repository)(?:$|[.[])/i

/**
 * `helm` (an Argo CD source's `helm` map): the values it gives the chart, merged; undefined when it gives none.
 * `filledInBy` names what fills in `{{ }}` in them before Helm reads them (an ApplicationSet's generators).
 */
export function argoHelmValues(
  helm: YamlNode | undefined,
  text: string,
  file: string,
  report: ValuesReport,
  filledInBy?: string,
): YamlMap | undefined {
  if (!isMap(helm)) return undefined
  const object = helm.entries.get('valuesObject')
  let values = isMap(object) ? object : valuesString(helm.entries.get('values'), text, file, report, filledInBy)
  const parameters = helm.entries.get('parameters')
  if (isSeq(parameters)) values = applyParameters(values, parameters, file, report)
  return values
}

/**
 * `helm.values`: its YAML read, its nodes placed in the file (line by line for a literal block). Values that hold
 * `{{ }}` for `filledInBy` are YAML only once it has filled them in (an ApplicationSet with `goTemplate` may write
 * `key: {{ default "0" .x }}`, which Argo CD renders before Helm reads it): such values that do not parse as they are
 * written are one `unsupported` skip, not errors of the file.
 */
function valuesString(
  node: YamlNode | undefined,
  text: string,
  file: string,
  report: ValuesReport,
  filledInBy: string | undefined,
) {
  const templated = filledInBy !== undefined && isScalar(node) && node.text.includes('{{')
  const errors: ScanError[] = []
  const root = readEmbeddedYaml(node, text, file, templated ? errors : report.errors)
  if (templated && errors.length > 0) {
    report.skipped.push({
      file,
      line: node.line,
      reason: 'unsupported',
      message: `helm.values: filled in by ${filledInBy} ({{ }}) before Helm reads them, and not YAML as written (${errors[0].message} at line ${errors[0].line}); not read`,
    })
    return undefined
  }
  return isMap(root) ? root : undefined
}

/** `helm.parameters` set over `values` as `helm --set` sets them. */
function applyParameters(
  values: YamlMap | undefined,
  parameters: YamlSeq,
  file: string,
  report: ValuesReport,
): YamlMap | undefined {
  const pairs: SetValue[] = []
  // The name's node, for a refused name's line.
  const names = new Map<SetValue, YamlNode>()
  for (const parameter of parameters.items) {
    const nameNode = at(parameter, 'name')
    const key = stringValue(nameNode)
    const value = at(parameter, 'value')
    if (key === undefined || nameNode === undefined || value === undefined) continue
    const pair = {key, value}
    pairs.push(pair)
    names.set(pair, nameNode)
  }
  return applySetValues(values, pairs, parameters, (pair, why) => {
    // Reported where it may set an image (a key of an image block, or a block named like one); else it changes no
    // image and would only be noise (`hosts[x].host`).
    if (!IMAGE_PATH.test(pair.key)) return
    report.skipped.push({
      file,
      line: (names.get(pair) ?? pair.value).line,
      reason: 'unsupported',
      message: `Argo CD parameter ${elide(pair.key, 200)} is not applied (its name ${why}): an image it sets is reported as the values give it`,
    })
  })
}
