import {describe, expect, it} from 'vitest'
import {columnBars, horizontalBars, stackedShareBars} from './charts.js'

/** The SVG charts are drawn as text: widths proportional to the values, labels escaped, shares as core/percent writes them. */
function rects(svg: string): Array<{x: number; width: number; title: string}> {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*><title>([^<]*)<\/title><\/rect>/g)].map(
    (m) => ({x: Number(m[1]), width: Number(m[2]), title: m[3]}),
  )
}

describe('HTML charts', () => {
  it('splits a stacked bar in proportion to the values, each segment with its count and share', () => {
    const svg = stackedShareBars(
      'commits per organisation',
      [
        {
          label: 'example/widget',
          segments: [
            {label: 'Example Corp', value: 3, color: '#0072B2'},
            {label: 'Independent', value: 1, color: '#E69F00'},
            {label: 'Nobody', value: 0, color: '#000000'},
          ],
        },
      ],
      'commits',
    )
    const [corp, independent, ...rest] = rects(svg)
    expect(rest).toEqual([])
    expect(corp.title).toBe('Example Corp: 3 commits (75.0%)')
    expect(independent.title).toBe('Independent: 1 commits (25.0%)')
    expect(corp.width / independent.width).toBeCloseTo(3, 1)
    // Segments follow each other along the bar.
    expect(independent.x).toBeCloseTo(corp.x + corp.width, 1)
    expect(svg).toContain('>4 commits</text>')
  })

  it('draws horizontal bars against a common total, the longest bar for the largest value', () => {
    const svg = horizontalBars(
      'commits per country',
      [
        {label: 'US', value: 6, color: '#0072B2'},
        {label: 'DE', value: 2, color: '#E69F00'},
      ],
      10,
      'commits',
    )
    const [us, de] = rects(svg)
    expect(us.title).toBe('US: 6 commits (60.0%)')
    expect(de.title).toBe('DE: 2 commits (20.0%)')
    expect(us.width / de.width).toBeCloseTo(3, 1)
    expect(svg).toContain('>60.0% (6)</text>')
  })

  it('escapes labels from untrusted data and states the chart in aria-label', () => {
    const svg = columnBars('findings <by> severity', [{label: '<script>x</script>', value: 2, color: '#D55E00'}])
    expect(svg).toContain('aria-label="findings &lt;by&gt; severity"')
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
  })
})
