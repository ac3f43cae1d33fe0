import { build } from 'esbuild'
const r = await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', mainFields: ['module','main'], write: false, metafile: true, outdir: '/tmp/wt2/metaout', splitting: true, logLevel: 'error' })
const out = r.metafile.outputs
const name = (p) => p.replace(/.*metaout\//, '')
const start = Object.keys(out).find((k) => out[k].entryPoint === (process.argv[2] ?? 'src/cli/serve.ts'))
const seen = new Set(); const stack = [start, Object.keys(out).find((k) => out[k].entryPoint === 'src/cli/main.ts')]
while (stack.length) { const k = stack.pop(); if (seen.has(k)) continue; seen.add(k); for (const i of out[k].imports) if (!i.external && i.kind !== 'dynamic-import') stack.push(i.path) }
const ins = {}; let total = 0
for (const k of seen) for (const [p, i] of Object.entries(out[k].inputs)) { const g = p.replace(/^node_modules\/((@[^/]+\/)?[^/]+)\/.*/, 'npm:$1'); ins[g] = (ins[g] ?? 0) + i.bytesInOutput; total += i.bytesInOutput }
console.log('static closure KB', (total/1024).toFixed(0))
console.log(Object.entries(ins).sort((a,b)=>b[1]-a[1]).slice(0, Number(process.argv[3] ?? 60)).map(([k,v])=>`${(v/1024).toFixed(1).padStart(7)}K ${k}`).join('\n'))
