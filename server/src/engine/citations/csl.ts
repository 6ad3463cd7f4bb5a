import {existsSync, readFileSync} from 'node:fs'
import {isAbsolute, join, resolve} from 'node:path'
import {familyName} from '../corpus/keys'
import type {SourceMeta} from '../corpus/types'
import {sourceToCsl, type CslItem} from './csl-item'

/**
 * Footnotes and bibliography entries formatted by citeproc-js (the CSL processor Zotero and
 * pandoc's citeproc ports follow) with any CSL style: the bundled ones by id
 * (`chicago-note-bibliography`, the default, `apa`, `chicago-author-date`, `modern-language-
 * association`, `harvard-cite-them-right`, `ieee`, `vancouver`; scripts/csl-data.mjs copies them
 * into dist/csl/) or a `.csl` file by path. Output is Markdown: citeproc's plain-text format with
 * italics as `*…*`, so a note reads as the style prints it.
 */

/** The default style: Chicago notes and bibliography with full notes (a draft need not have a bibliography for its notes to stand alone). */
export const DEFAULT_CSL_STYLE = 'chicago-fullnote-bibliography'
export const DEFAULT_LOCALE = 'en-US'

/** What to format with. */
export interface CslOptions {
  /** A bundled style id or a path to a `.csl` file (relative to `baseDir`). */
  style?: string
  /** A CSL locale (`en-US`, `de-DE`…); the bundled ones, else the style's default or en-US. */
  locale?: string
  /** Folder a relative style path is taken from (the workspace, the config file's folder). */
  baseDir?: string
}

interface CiteprocEngine {
  setOutputFormat(format: string): void
  updateItems(ids: string[]): void
  makeCitationCluster(cites: Array<{id: string; locator?: string; label?: string}>): string
  makeBibliography(): [unknown, string[]] | false
}

interface Citeproc {
  Engine: new (sys: object, style: unknown, lang?: string, forceLang?: boolean) => CiteprocEngine
  Output: {Formats: Record<string, Record<string, unknown>>}
}

/** Folders the bundled CSL data may be in: beside the bundle, or dist/ of a source checkout. */
function dataDirs(): string[] {
  return [join(__dirname, 'csl'), resolve(__dirname, '..', '..', '..', '..', 'dist', 'csl')]
}

let citeprocModule: Citeproc | undefined

/** citeproc-js, loaded on first use (bundled apart in dist/vendor/). */
function citeproc(): Citeproc {
  if (!citeprocModule) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('citeproc') as Citeproc
    // Markdown output: citeproc's text format with emphasis marked the Markdown way.
    loaded.Output.Formats.markdown ??= {
      ...loaded.Output.Formats.text,
      '@font-style/italic': '*%%STRING%%*',
      '@font-style/oblique': '*%%STRING%%*',
      '@font-weight/bold': '**%%STRING%%**',
    }
    citeprocModule = loaded
  }
  return citeprocModule
}

/** Reads a bundled style or locale (`style-apa`, `locale-en-US`), or undefined. */
function bundled(name: string): unknown {
  for (const dir of dataDirs()) {
    const file = join(dir, `${name}.json`)
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'))
  }
  return undefined
}

/** Ids of the bundled styles. */
export const BUNDLED_STYLES = ['chicago-note-bibliography', 'chicago-fullnote-bibliography', 'chicago-author-date', 'apa', 'modern-language-association', 'harvard-cite-them-right', 'ieee', 'vancouver']

/** A style by id or path: parsed JSON (bundled) or the XML of a .csl file. Throws with a reason. */
export function loadStyle(style: string, baseDir = process.cwd()): unknown {
  if (/\.csl$/i.test(style) || style.includes('/') || style.includes('\\')) {
    const path = isAbsolute(style) ? style : resolve(baseDir, style)
    if (!existsSync(path)) throw new Error(`CSL style file not found: ${path}`)
    return readFileSync(path, 'utf8')
  }
  const found = bundled(`style-${style}`)
  if (!found) throw new Error(`unknown CSL style "${style}" (bundled: ${BUNDLED_STYLES.join(', ')}; or give a path to a .csl file)`)
  return found
}

/**
 * A formatter for one style and locale. citeproc keeps state per engine (which items were
 * cited, for "Ibid." and short notes): every call formats its item as a first citation.
 * Not re-entrant (one engine, its item replaced per call); the engine is synchronous.
 */
export class CslFormatter {
  private readonly items = new Map<string, CslItem>()
  private readonly style: unknown
  private readonly locale: string

  constructor(options: CslOptions = {}) {
    this.style = loadStyle(options.style ?? DEFAULT_CSL_STYLE, options.baseDir)
    this.locale = options.locale ?? DEFAULT_LOCALE
  }

  /** One citeproc engine per output format: making one parses the style (tens of ms). */
  private readonly engines = new Map<string, CiteprocEngine>()

  private engine(item: CslItem, format: string): CiteprocEngine {
    // The latest record under each id: a source's metadata may change between calls.
    this.items.clear()
    this.items.set(item.id, item)
    let engine = this.engines.get(format)
    if (!engine) {
      const sys = {
        retrieveItem: (id: string) => this.items.get(id),
        retrieveLocale: (lang: string) => bundled(`locale-${lang}`) ?? bundled(`locale-${DEFAULT_LOCALE}`),
      }
      engine = new (citeproc().Engine)(sys, this.style, this.locale, true)
      engine.setOutputFormat(format)
      this.engines.set(format, engine)
    }
    // Registering only this item resets citeproc's record of earlier citations, so every note
    // is a first note (makeCitationCluster itself leaves the registry as it was).
    engine.updateItems([item.id])
    return engine
  }

  /** The note (or in-text citation) for an item, with a pin-cite such as "p. 7" as its locator. */
  note(item: CslItem, pin?: string, format = 'markdown'): string {
    return this.memo(['note', format, pin ?? '', item], () => {
      const locator = pin ? parseLocator(pin) : undefined
      return this.engine(item, format).makeCitationCluster([{id: item.id, ...locator}]).trim()
    })
  }

  /** The bibliography entry for an item. */
  bibliography(item: CslItem, format = 'markdown'): string {
    return this.memo(['bibliography', format, item], () => {
      const made = this.engine(item, format).makeBibliography()
      return made ? made[1].join('').trim() : ''
    })
  }

  /**
   * Formatted strings by what they were made from. citeproc takes tens of milliseconds per
   * citation (measured 30–40 ms on this machine), and quick fixes format the same few sources
   * again on every request.
   */
  private readonly made = new Map<string, string>()

  private memo(parts: unknown[], make: () => string): string {
    const id = JSON.stringify(parts)
    let text = this.made.get(id)
    if (text === undefined) {
      if (this.made.size >= MEMO_LIMIT) this.made.clear()
      this.made.set(id, (text = make()))
    }
    return text
  }
}

/** "p. 7" → {locator: "7", label: "page"}; "pp. 7–9", "para. 4", "sec. 2", "chap. 3" likewise. */
export function parseLocator(pin: string): {locator: string; label: string} {
  const m = /^\s*(pp?|page|pages|para|paras|sec|chap|§)\.?\s*(.+?)\s*$/i.exec(pin)
  if (!m) return {locator: pin.trim(), label: 'page'}
  const kind = m[1].toLowerCase()
  const label = kind.startsWith('p') && kind !== 'para' && kind !== 'paras' ? 'page' : kind.startsWith('para') ? 'paragraph' : kind === 'chap' ? 'chapter' : 'section'
  return {locator: m[2], label}
}

/** Formatted notes kept per formatter. */
const MEMO_LIMIT = 2_000

const formatters = new Map<string, CslFormatter>()

/** A formatter per style, locale and folder, made once. Throws when the style cannot be loaded. */
export function cslFormatter(options: CslOptions = {}): CslFormatter {
  const id = JSON.stringify([options.style ?? DEFAULT_CSL_STYLE, options.locale ?? DEFAULT_LOCALE, options.baseDir ?? ''])
  let formatter = formatters.get(id)
  if (!formatter) formatters.set(id, (formatter = new CslFormatter(options)))
  return formatter
}

/** A source's note in a style: its CSL record (Zotero items) or one made from its metadata. */
export function formatSourceNote(source: SourceMeta, pin: string | undefined, options: CslOptions = {}): string {
  return cslFormatter(options).note(source.csl ?? sourceToCsl(source, familyName), pin)
}
