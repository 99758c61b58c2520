import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'
import {inventoryJson} from '../support/inventory.js'
import {makeFifo} from '../support/fifo.js'

describe('inventory: CMake', () => {
  it('--json lists what real CMakeLists.txt and *.cmake files fetch with FetchContent, ExternalProject and CPM', async () => {
    // libcpr/cpr's CMakeLists.txt and cmake/ modules, CPM.cmake's fmt and gtest examples and the CMake Cookbook's
    // ExternalProject recipes (src/discover/formats/cmake/__fixtures__), under the names CMake reads.
    const fixtures = 'src/discover/formats/cmake/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-cmake-'))
    for (const [from, to] of [
      ['cpr/CMakeLists.txt', 'CMakeLists.txt'],
      ['cpr/cmake/zlib_external.cmake', 'cmake/zlib_external.cmake'],
      ['cpr/cmake/libpsl.cmake', 'cmake/libpsl.cmake'],
      ['cpr/cmake/clear_variable.cmake', 'cmake/clear_variable.cmake'],
      ['cpm-examples/fmt/CMakeLists.txt', 'examples/fmt/CMakeLists.txt'],
      ['cpm-examples/gtest/CMakeLists.txt', 'examples/gtest/CMakeLists.txt'],
      ['cmake-cookbook/fftw3/CMakeLists.txt', 'external/upstream/fftw3/CMakeLists.txt'],
      ['cmake-cookbook/message/CMakeLists.txt', 'external/upstream/message/CMakeLists.txt'],
      // What FetchContent downloaded into a build tree is not the project's: not read.
      ['cpm-examples/boost/CMakeLists.txt', 'build/_deps/boost-src/CMakeLists.txt'],
    ]) {
      await mkdir(join(dir, dirname(to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    }
    const json = await inventoryJson(dir)
    // Each file read once, by this format; the module that fetches nothing and the build tree are passed over.
    expect(json.files).toBe(7)
    expect(
      json.components
        .map(
          (c: {name: string; version?: string; scope: string; locations: Array<{file: string; line: number}>}) =>
            `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line} ${c.name}@${c.version ?? '-'} ${c.scope}`,
        )
        .sort(),
    ).toEqual([
      'CMakeLists.txt:309 github.com/curl/curl@curl-8_13_0 prod',
      'CMakeLists.txt:343 github.com/google/googletest@v1.14.0 prod',
      'CMakeLists.txt:385 github.com/cesanta/mongoose@7.7 prod',
      'cmake/libpsl.cmake:11 github.com/rockdaboot/libpsl@0.21.5 prod',
      'cmake/zlib_external.cmake:12 github.com/zlib-ng/zlib-ng@2.1.3 prod',
      'examples/fmt/CMakeLists.txt:9 github.com/fmtlib/fmt@7.1.3 prod',
      'examples/gtest/CMakeLists.txt:13 github.com/google/googletest@release-1.12.1 prod',
      'examples/gtest/CMakeLists.txt:9 github.com/cpm-cmake/testpack-fibonacci@v2.0 prod',
      'external/upstream/fftw3/CMakeLists.txt:13 www.fftw.org/fftw-3.3.8.tar.gz@- prod',
      'external/upstream/message/CMakeLists.txt:13 github.com/dev-cafe/message@- prod',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
      ),
    ).toEqual(['external/upstream/message/CMakeLists.txt:15 unresolved-version'])
  })

  it.skipIf(process.platform === 'win32')(
    'a CMakeLists.txt that cannot be read makes the run incomplete; a .cmake module that cannot be is passed over',
    async () => {
      // Every CMakeLists.txt is read by its name (Discoverer.named); a module only when its content calls a command.
      const dir = await mkdtemp(join(tmpdir(), 'stewards-cmake-unread-'))
      makeFifo(join(dir, 'CMakeLists.txt'))
      makeFifo(join(dir, 'helpers.cmake'))
      const r = await runCli(['inventory', dir, '--json'])
      expect(r.code).toBe(2)
      expect(
        JSON.parse(r.stdout).errors.map(
          (e: {file: string; code: string}) => `${e.file.slice(dir.length + 1)} ${e.code}`,
        ),
      ).toEqual(['CMakeLists.txt not-regular-file'])
    },
  )
})
