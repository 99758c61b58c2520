import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {chartArchive, chartYaml, tarOf} from '../../tests/support/chart-archive.js'
import {isChartArchiveName, MAX_DEPTH, unpackChart} from './chart-archive.js'

const MB = 1024 * 1024
const budget = (max = 50 * MB) => ({left: max, max})
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

describe('chart archives', () => {
  it('names the subcharts Helm loads: a .tgz directly in a charts/ folder', () => {
    expect(
      ['charts/a-1.0.0.tgz', 'app/charts/a.tgz', 'a.tgz', 'charts/x/a.tgz', 'charts/a.tar.gz', 'mycharts/a.tgz'].map(
        isChartArchiveName,
      ),
    ).toEqual([true, true, false, false, false, false])
  })

  it('gives each regular file by ARCHIVE!/PATH, sorted, and unpacks the packaged charts inside', async () => {
    const inner = await chartArchive({'common/Chart.yaml': chartYaml('common'), 'common/values.yaml': 'a: 1\n'})
    const archive = await chartArchive({
      'redis/': {type: 'directory'},
      'redis/values.yaml': 'image: r\n',
      'redis/Chart.yaml': chartYaml('redis'),
      'redis/charts/common-1.0.0.tgz': inner,
      // Helm skips a subchart named _x or .x: it is a file of the chart, not unpacked.
      'redis/charts/_skipped-1.0.0.tgz': inner,
    })
    const unpacked = await unpackChart(archive, 'charts/redis-1.0.0.tgz', budget())
    expect(unpacked.errors).toEqual([])
    const nested = 'charts/redis-1.0.0.tgz!/redis/charts/common-1.0.0.tgz'
    expect([...unpacked.members.keys()]).toEqual([
      'charts/redis-1.0.0.tgz!/redis/Chart.yaml',
      'charts/redis-1.0.0.tgz!/redis/charts/_skipped-1.0.0.tgz',
      nested,
      `${nested}!/common/Chart.yaml`,
      `${nested}!/common/values.yaml`,
      'charts/redis-1.0.0.tgz!/redis/values.yaml',
    ])
    expect([...unpacked.archives]).toEqual([nested])
    expect(text(unpacked.members.get(`${nested}!/common/values.yaml`))).toBe('a: 1\n')
  })

  it('reads names longer than a tar header holds (PAX records)', async () => {
    const deep = `chart/${'folder/'.repeat(30)}values.yaml`
    const unpacked = await unpackChart(
      await chartArchive({'chart/Chart.yaml': chartYaml('chart'), [deep]: 'x: 1\n'}),
      'c.tgz',
      budget(),
    )
    expect(text(unpacked.members.get(`c.tgz!/${deep}`))).toBe('x: 1\n')
  })

  const refused = async (bytes: Uint8Array, max = 50 * MB) => {
    const unpacked = await unpackChart(bytes, 'charts/x.tgz', budget(max))
    expect(unpacked.members.size).toBe(0)
    expect(unpacked.errors).toHaveLength(1)
    expect(unpacked.errors[0]).toMatchObject({file: 'charts/x.tgz', code: 'chart-archive-not-read'})
    return unpacked.errors[0].message
  }

  it('refuses what is not a gzipped tar, and a truncated or corrupted one', async () => {
    const good = await tarOf({'x/Chart.yaml': chartYaml('x'), 'x/values.yaml': 'a: 1\n'})
    expect(await refused(new TextEncoder().encode('apiVersion: v2\n'))).toMatch(/^not a gzip archive \(/)
    expect(await refused(gzipSync('not a tar, but longer than one block of it '.repeat(20)))).toMatch(
      /^not a tar archive Helm and stewards read alike: the checksum field is not an octal number/,
    )
    // Cut inside the second member's header: its first member alone must not be taken for the archive.
    expect(await refused(gzipSync(good.subarray(0, 1100)))).toMatch(/^not a tar archive .*truncated inside a header/)
    const corrupted = Uint8Array.from(good)
    // A byte of the second member's name: its header's checksum no longer holds.
    corrupted[1030] ^= 0x01
    expect(await refused(gzipSync(corrupted))).toMatch(/^not a tar archive .*checksum does not match/)
    // The gzip stream itself cut short.
    const gz = gzipSync(good)
    expect(await refused(gz.subarray(0, gz.length - 10))).toMatch(/^not a gzip archive \(/)
  })

  it('stops inflating at --max-file-size: a gzip bomb is refused, not unpacked', async () => {
    const bomb = gzipSync(new Uint8Array(64 * MB))
    expect(bomb.length).toBeLessThan(MB)
    expect(await refused(bomb, 4 * MB)).toBe(
      'unpacks to more than the 4194304-byte limit (--max-file-size); its images and dependencies are not read',
    )
  })

  it('shares one budget between an archive and the archives inside it', async () => {
    const inner = await chartArchive({'b/Chart.yaml': chartYaml('b'), 'b/values.yaml': 'x'.repeat(3 * MB)})
    const outer = await chartArchive({'a/Chart.yaml': chartYaml('a'), 'a/charts/b.tgz': inner})
    const unpacked = await unpackChart(outer, 'a.tgz', budget(2 * MB))
    expect(unpacked.errors).toEqual([
      {
        file: 'a.tgz!/a/charts/b.tgz',
        code: 'chart-archive-not-read',
        // What the outer archive's own tar took is not left for the one inside.
        message: expect.stringMatching(
          /^unpacks to more than the 20\d{5} bytes left of the 2097152-byte limit \(--max-file-size\) an archive and the archives in it share;/,
        ),
      },
    ])
    expect(unpacked.members.has('a.tgz!/a/Chart.yaml')).toBe(true)
  })

  it("refuses a member path outside the chart's folder, as Helm does", async () => {
    const names = [
      '../evil/values.yaml',
      'x/..values.yaml',
      'x/../../evil.yaml',
      'x/../y.yaml',
      '/etc/values.yaml',
      'values.yaml',
      'x//../etc/a',
    ]
    for (const name of [...names, 'x\\..\\y.yaml', 'x/C:/values.yaml']) {
      const message = await refused(await chartArchive({'x/Chart.yaml': chartYaml('x'), [name]: 'a: 1\n'}))
      expect(message).toBe(
        `holds ${JSON.stringify(name)}, a path outside the chart's folder (Helm refuses it); its images and dependencies are not read`,
      )
    }
  })

  it('reads member paths as Helm does: cleaned, and with \\ for / in a name written on Windows', async () => {
    const unpacked = await unpackChart(
      await chartArchive({'x\\Chart.yaml': chartYaml('x'), 'x/docs/../values.yaml': 'a: 1\n'}),
      'x.tgz',
      budget(),
    )
    expect(unpacked.errors).toEqual([])
    expect([...unpacked.members.keys()]).toEqual(['x.tgz!/x/Chart.yaml', 'x.tgz!/x/values.yaml'])
  })

  it('refuses a second top folder (Helm would merge it into the first) and a member named with !/', async () => {
    expect(await refused(await chartArchive({'a/Chart.yaml': chartYaml('a'), 'b/values.yaml': 'image: x\n'}))).toBe(
      'holds 2 top folders (a, b); Helm would read them as one; its images and dependencies are not read',
    )
    const inner = await chartArchive({'inner/Chart.yaml': chartYaml('inner'), 'inner/values.yaml': 'image: real\n'})
    const shadow = await chartArchive({
      'x/Chart.yaml': chartYaml('x'),
      'x/charts/inner.tgz': inner,
      'x/charts/inner.tgz!/inner/values.yaml': 'image: decoy\n',
    })
    expect(await refused(shadow)).toBe(
      'holds "x/charts/inner.tgz!/inner/values.yaml", whose !/ names a file in an archive; its images and dependencies are not read',
    )
  })

  it('refuses an archive without a Chart.yaml in its top folder', async () => {
    expect(await refused(await chartArchive({'package/package.json': '{}'}))).toBe(
      'holds no Chart.yaml in its top folder: not a Helm chart; its images and dependencies are not read',
    )
    expect(await refused(await chartArchive({'./x/Chart.yaml': chartYaml('x')}))).toMatch(/no Chart\.yaml/)
  })

  it(`unpacks archives in archives at most ${MAX_DEPTH} deep`, async () => {
    let archive = await chartArchive({'c0/Chart.yaml': chartYaml('c0'), 'c0/values.yaml': 'image: deepest\n'})
    for (let level = 1; level <= MAX_DEPTH; level++)
      archive = await chartArchive({
        [`c${level}/Chart.yaml`]: chartYaml(`c${level}`),
        [`c${level}/charts/c.tgz`]: archive,
      })
    const unpacked = await unpackChart(archive, 'top.tgz', budget())
    expect(unpacked.archives.size).toBe(MAX_DEPTH - 1)
    expect(unpacked.errors).toHaveLength(1)
    expect(unpacked.errors[0].message).toBe(
      `a packaged chart inside ${MAX_DEPTH} others; its images and dependencies are not read`,
    )
    expect(unpacked.errors[0].file.split('!/')).toHaveLength(MAX_DEPTH + 1)
    expect([...unpacked.members.keys()].some((name) => name.endsWith('values.yaml'))).toBe(false)
  })
})
