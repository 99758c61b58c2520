/**
 * Opens the HTML report in headless Chromium (driven by playwright-core): no console error, no request beyond the
 * file itself, the executive summary first, charts drawn, sorting works, injected markup inert, and in print every
 * evidence block expanded with the screen-only chrome gone. The page and its screenshot land in a temporary folder
 * (named on stderr) for a person to look at.
 *
 * Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium` (`apt-get install chromium`; .ci/run installs it),
 * else a browser `npx playwright-core install chromium` downloaded. Without one the suite is skipped, saying so on
 * stderr, like the ../shared suites without their data.
 */
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {type Browser, type Page, chromium} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {renderHtml} from '../../src/report/formats/html/index.js'
import {loadFixture} from './support.js'

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  try {
    candidates.push(chromium.executablePath())
  } catch {
    // playwright-core knows no downloaded browser.
  }
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!))
}

const CHROMIUM = findChromium()
if (!CHROMIUM)
  console.warn(
    'SKIPPED: the HTML browser test finds no Chromium (apt-get install chromium, npx playwright-core install chromium, or CHROMIUM_PATH)',
  )
const outputDir = mkdtempSync(join(tmpdir(), 'stewards-html-browser-'))
const htmlFile = join(outputDir, 'report.html')

describe.skipIf(!CHROMIUM)('HTML report in Chromium', () => {
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []
  const requests: string[] = []
  const dialogs: string[] = []

  beforeAll(async () => {
    writeFileSync(htmlFile, renderHtml(loadFixture()))
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = await browser.newPage({viewport: {width: 1280, height: 900}})
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    page.on('request', (request) => requests.push(request.url()))
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    await page.goto(pathToFileURL(htmlFile).href, {waitUntil: 'load'})
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('logs no error and requests nothing but the file itself', () => {
    expect(consoleErrors).toEqual([])
    expect(requests).toEqual([pathToFileURL(htmlFile).href])
  })

  it('keeps injected markup inert', async () => {
    expect(dialogs).toEqual([])
    expect(await page.title()).toBe('stewards report')
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(1)
    // Shown as text (inside closed details, hence textContent rather than innerText).
    expect(await page.locator('body').textContent()).toContain("</td><script>document.title='pwned'</script>")
  })

  it('opens with the executive summary: the verdict, the data window, listed organisations highlighted', async () => {
    const summary = page.locator('main > section').first()
    expect(await summary.getAttribute('id')).toBe('summary')
    expect(await summary.locator('.verdict').textContent()).toBe(
      '7 projects need review (worst finding: 1 critical, 4 high, 1 medium, 1 low); incomplete: 1 partly collected; 1 component without an upstream repository',
    )
    expect(await summary.textContent()).toContain('Data collected for the window 2024-01-01 to 2025-01-01')
    const box = await summary.boundingBox()
    expect(box?.y).toBeLessThan(300)
    // Repositories link to their forge page.
    expect(await summary.locator('a').first().getAttribute('href')).toBe(
      'https://github.com/acme-widgets/widget-operator',
    )
  })

  it('renders the charts as SVG with visible bars', async () => {
    for (const id of ['chart-organizations', 'chart-countries', 'chart-severities']) {
      const chart = page.locator(`#${id} svg.chart`)
      const box = await chart.boundingBox()
      expect(box?.width, id).toBeGreaterThan(300)
      expect(box?.height, id).toBeGreaterThan(40)
      const rects = chart.locator('rect')
      let drawn = 0
      for (let i = 0; i < (await rects.count()); i++) {
        const r = await rects.nth(i).boundingBox()
        if (r && r.width > 0 && r.height > 0) drawn++
      }
      expect(drawn, id).toBeGreaterThanOrEqual(3)
    }
  })

  it('sorts the projects table by the clicked column', async () => {
    const firstColumn = () => page.locator('#projects-table tbody tr td:first-child').allInnerTexts()
    const column = (n: number) => page.locator(`#projects-table tbody tr td:nth-child(${n})`).allInnerTexts()
    expect(await firstColumn()).toEqual([
      'github.com/acme-widgets/widget-operator',
      'github.com/oldcorp/legacy-queue',
      'github.com/solace-data/vaguedb-operator',
      'github.com/indie-collective/parsekit',
      'github.com/tinyproj/left-padder',
      'github.com/ghost-org/vanished',
      'github.com/community-logkit/logkit',
    ])
    const repository = page.locator('#projects-table th', {hasText: 'Repository'}).locator('button')
    await repository.click()
    expect(await firstColumn()).toEqual([
      'github.com/acme-widgets/widget-operator',
      'github.com/community-logkit/logkit',
      'github.com/ghost-org/vanished',
      'github.com/indie-collective/parsekit',
      'github.com/oldcorp/legacy-queue',
      'github.com/solace-data/vaguedb-operator',
      'github.com/tinyproj/left-padder',
    ])
    expect(await page.locator('#projects-table th', {hasText: 'Repository'}).getAttribute('aria-sort')).toBe(
      'ascending',
    )
    await repository.click()
    expect((await firstColumn())[0]).toBe('github.com/tinyproj/left-padder')
    // Numbers sort as numbers, and projects without a figure go last either way.
    await page.locator('#projects-table th', {hasText: 'Bus factor'}).locator('button').click()
    expect(await column(7)).toEqual(['1', '1', '2', '5', '6', '-', '-'])
    await page.locator('#projects-table th', {hasText: 'Human commits'}).locator('button').click()
    expect(await column(9)).toEqual(['0', '14', '60', '90', '412', '530', '-'])
    await page.locator('#projects-table th', {hasText: 'Human commits'}).locator('button').click()
    expect(await column(9)).toEqual(['530', '412', '90', '60', '14', '0', '-'])
  })

  it('shows a visible badge on new and worsened findings', async () => {
    const badges = page.locator('details.finding summary .base-new, details.finding summary .base-updated')
    expect(await badges.allInnerTexts()).toEqual(['new', 'worse', 'new', 'new'])
    for (let i = 0; i < (await badges.count()); i++) {
      const box = await badges.nth(i).boundingBox()
      expect(box?.width).toBeGreaterThan(10)
    }
  })

  it('prints every evidence block expanded, without the screen-only chrome', async () => {
    const closed = page.locator('details.project:not([open])').first()
    expect(await closed.locator('table').first().isVisible()).toBe(false)
    await page.emulateMedia({media: 'print'})
    try {
      expect(await closed.locator('table').first().isVisible()).toBe(true)
      expect(await page.locator('.screen-only').first().isVisible()).toBe(false)
      const pdf = await page.pdf({format: 'A4'})
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await page.emulateMedia({media: 'screen'})
    }
    expect(await closed.locator('table').first().isVisible()).toBe(false)
  })

  it('shows the evidence of a finding when opened, and saves a screenshot', async () => {
    const finding = page.locator('details.finding').first()
    await finding.locator('summary').click()
    await expect.poll(() => finding.locator('table').first().isVisible()).toBe(true)
    expect(await finding.textContent()).toContain('MAINTAINERS.md:5')
    await page.screenshot({path: join(outputDir, 'report.png'), fullPage: true})
    expect(existsSync(join(outputDir, 'report.png'))).toBe(true)
    process.stderr.write(`html-browser: page and screenshot in ${outputDir}\n`)
    expect(consoleErrors).toEqual([])
  })
})
