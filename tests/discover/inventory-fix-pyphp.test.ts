import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

type Row = {purl?: string; ref: string; locations: Array<{file: string; line: number; column?: number}>}

describe('inventory: Python and PHP lockfiles that were refused', () => {
  it('--json reads a poetry.lock without lock-version, a numeric composer.lock version, a mix.lock charlist and quoted pip includes', async () => {
    // dependabot-core fixtures (each format's __fixtures__) under the names their tools read, and a requirements.txt
    // whose -r/-c paths are quoted (pip splits option lines with shlex) and whose -c is a URL (not fetched).
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-fix-pyphp-'))
    for (const [from, to] of [
      ['poetry-lock/__fixtures__/dependabot-core/poetry.lock', 'poetry.lock'],
      ['composer-lock/__fixtures__/dependabot-core-integer-version/composer.lock', 'composer.lock'],
      ['mix-lock/__fixtures__/dependabot-core-charlist-mix.lock', 'mix.lock'],
    ])
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    await writeFile(
      join(dir, 'requirements.txt'),
      `-r "base.txt"\n-c 'pins.txt'\n-c "https://raw.githubusercontent.com/apache/airflow/constraints-2.7.2/constraints-3.11.txt"\nflask\n`,
    )
    await writeFile(join(dir, 'base.txt'), 'requests==2.31.0\n')
    await writeFile(join(dir, 'pins.txt'), 'flask==3.0.0\n')
    const json = await inventoryJson(dir)
    expect(json.files).toBe(4)
    expect(
      json.components.map(
        (c: Row) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.purl ?? c.ref}`,
      ),
    ).toEqual([
      'poetry.lock:1:1 pkg:pypi/certifi@2018.10.15',
      'poetry.lock:9:1 pkg:pypi/chardet@3.0.4',
      'composer.lock:9:9 pkg:composer/composer/installers@v1.6.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fcomposer%2Finstallers.git%40cfcca6b1b60bc4974324efb5783c13dca6932b5b',
      // Its version from the quoted constraints file.
      'requirements.txt:4:1 pkg:pypi/flask@3.0.0',
      'mix.lock:2:3 pkg:generic/github.com/dependabot-fixtures/phoenix@178ce1a2344515e9145599970313fcc190d4b881?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fdependabot-fixtures%2Fphoenix.git%40178ce1a2344515e9145599970313fcc190d4b881',
      'poetry.lock:17:1 pkg:pypi/idna@2.5',
      'mix.lock:1:3 pkg:hex/mime@1.2.0',
      'mix.lock:3:3 pkg:hex/phoenix_pubsub@1.0.2',
      'mix.lock:4:3 pkg:hex/plug@1.2.0',
      'mix.lock:5:3 pkg:hex/poison@2.2.0',
      'poetry.lock:25:1 pkg:pypi/requests@2.18.0',
      // From the quoted include.
      'base.txt:1:1 pkg:pypi/requests@2.31.0',
      'poetry.lock:39:1 pkg:pypi/urllib3@1.21.1',
      'composer.lock:129:9 pkg:composer/wpackagist-plugin/ga-google-analytics@20180828?download_url=https%3A%2F%2Fdownloads.wordpress.org%2Fplugin%2Fga-google-analytics.20180828.zip',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string; message: string}) =>
          `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason} ${s.message}`,
      ),
    ).toEqual([
      'requirements.txt:3 remote-resource constraints file https://raw.githubusercontent.com/apache/airflow/constraints-2.7.2/constraints-3.11.txt is a URL: not fetched',
    ])
  })
})
