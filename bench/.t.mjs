const m = await import('/work/main/dist/chunks/chunk-ZZZFGLAZ.js')
const n = +process.env.N || 3
for (const p of process.argv.slice(2)) {
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const inv = await m.discoverPaths([p], {})
    console.log((performance.now() - t).toFixed(1), inv.components.length, p.replace(/.*corpus\//, ''))
  }
}
