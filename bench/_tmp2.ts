import {readYaml} from '../src/discover/yaml.js'
import {readManifestImages} from '../src/discover/k8s-images.js'
const text = Array.from({length: 12_000}, (_, i) => `n: ${i}`).join('\n---\n')
for (let i = 0; i < 3; i++) {
  const t = process.cpuUsage()
  readYaml(text, 'x')
  const u = process.cpuUsage(t)
  console.log('12k tiny', (u.user + u.system) / 1000)
}
const pod =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: registry.example.com/many:1\n'
const many = Array.from({length: 10_000}, () => pod).join('---\n')
for (let i = 0; i < 3; i++) {
  const t = process.cpuUsage()
  const r = readManifestImages(many, 'x')
  const u = process.cpuUsage(t)
  console.log('10k pods', (u.user + u.system) / 1000, r.images.length)
}
