import type {SniffFile} from './sniff.js'
import type {Component, ScanError, Skipped} from '../core/model.js'

export interface DiscoverInput {
  /** Path relative to the scan root, with `/` separators: what reports print. */
  file: string
  /** Decoded text (BOM sniffed, strict UTF-8). */
  text: string
}

export interface DiscoverContext {
  /**
   * Reads another file under the scan root (kustomize resources); null when missing or unreadable. The text is kept
   * for the next read of the same file unless `keep` is false (a format that keeps what it parsed of it, and may read
   * many large files: Maven's module POMs).
   */
  readText(file: string, options?: {keep?: boolean}): string | null
  /** The names in a folder under the scan root, sorted; null when it is missing, unreadable or outside the root. */
  listDir?(dir: string): string[] | null
  /** Whether a file is there under the scan root, readable or not (a chart's Chart.yaml makes its templates such). */
  exists?(file: string): boolean
}

export interface DiscoverOutput {
  components: Component[]
  skipped?: Skipped[]
  errors?: ScanError[]
}

/** One file format. `matches` is a cheap path-only test; `discover` never throws for bad input. */
export interface Discoverer {
  id: string
  description: string
  matches(file: string): boolean
  /**
   * For names any file may have (`*.json`): `matches` only makes the file a candidate, and its first
   * SNIFF_BYTES (./sniff.ts), as text, decide. A file that fails is passed over silently: no skip, no error.
   * `tail` gives the last SNIFF_BYTES of a longer file, read on demand, for a marker that may be written last;
   * `file` its name and whole text, for a format that must read further to decide.
   */
  sniff?(head: string, tail?: () => string | undefined, file?: SniffFile): boolean
  /**
   * For input without a name (`-`, standard input): true when the first SNIFF_BYTES, as text, are surely this
   * format (a generated lockfile's marker line, a top-level key only it has). Formats that cannot tell leave it
   * out; the user then names the format with --stdin-format. Defaults to `sniff`.
   */
  identify?(head: string, tail?: () => string | undefined, file?: SniffFile): boolean
  /**
   * For a sniffing format: the files it reads by their name alone (Google Cloud Build's `cloudbuild.yaml`, CMake's
   * `CMakeLists.txt`), with no sniff, where other names it matches are sniffed. Such a file's head is not read first,
   * and one that cannot be read is an error, as for a format without a sniff (./sniff.ts sniffsFile).
   */
  named?(file: string): boolean
  /**
   * For a format that reads every file of a kind no other format names (k8s-manifest: any `.yaml`): a file a
   * sniffing format keeps by its content is that format's alone, not this one's too (a Concourse pipeline is no
   * Kubernetes manifest, and must not be reported as a broken one). Applied by sniffing() in ./sniff.ts.
   */
  fallback?: boolean
  /**
   * Whether the file is Python source (setup.py): then it is decoded as Python decodes it, by the encoding a PEP 263
   * coding cookie in its first two lines names (./python-coding.ts), not as UTF-8 only.
   */
  pythonSource?(file: string): boolean
  discover(input: DiscoverInput, context: DiscoverContext): DiscoverOutput
}
