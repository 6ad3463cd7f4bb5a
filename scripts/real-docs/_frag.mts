import {readFileSync} from 'node:fs'
import {fragmentsOf, layoutBlocks} from '/work/wt-docs/server/src/engine/corpus/formats/pdf-layout'
const {getDocumentProxy} = await import('unpdf')
const pdf = await getDocumentProxy(new Uint8Array(readFileSync(process.argv[2])), {verbosity: 0})
const page = await pdf.getPage(Number(process.argv[3]))
const vp = page.getViewport({scale: 1})
const c = await page.getTextContent()
const fr = fragmentsOf(c.items as any, vp.transform)
if (process.argv[4] === 'f') for (const f of fr) console.log(Math.round(f.x0), Math.round(f.x1), Math.round(f.y), f.size, f.marker ? 'M' : '', f.text.slice(0, 70))
else for (const b of layoutBlocks(fr, Number(process.argv[5] ?? 9))) console.log(`--- [${Math.round(b.x0)}-${Math.round(b.x1)} ${Math.round(b.top)}-${Math.round(b.bottom)}] ` + b.lines.map((l) => l.text).join(' | ').slice(0, 300))
