import {readFileSync} from 'node:fs'
const {getDocumentProxy} = await import('unpdf')
const pdf = await getDocumentProxy(new Uint8Array(readFileSync(process.argv[2])), {verbosity: 0})
const n = Number(process.argv[3] ?? 1)
const page = await pdf.getPage(n)
const vp = page.getViewport({scale: 1})
console.log('view', vp.width, vp.height, vp.transform)
const c = await page.getTextContent()
for (const it of c.items as any[]) if (it.str?.trim()) console.log(it.transform.map((x: number) => Math.round(x * 10) / 10).join(','), Math.round(it.width), JSON.stringify(it.str.slice(0, 60)), it.fontName)
