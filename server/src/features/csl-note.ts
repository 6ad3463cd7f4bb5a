import {formatSourceNote} from '../engine/citations/csl'
import type {SourceMeta} from '../engine/corpus/types'
import type {FeatureState} from './state'

/**
 * The footnote text for citing `source` (issue #16): citeproc with the configured CSL style and
 * locale, the pin-cite as its locator. A style that cannot be loaded (a missing .csl file) or an
 * item citeproc rejects falls back to the plain reference with the pin-cite after it, and the
 * reason goes to `log` once per style.
 */
export function noteText(state: FeatureState, source: SourceMeta, pin?: string, log?: (message: string) => void): string {
  try {
    return formatSourceNote(source, pin, {style: state.config.cslStyle, locale: state.config.locale, baseDir: state.workspaceRoot})
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (log && !told.has(reason)) {
      told.add(reason)
      log(`citation style: ${reason}`)
    }
    const flat = source.reference.replace(/\s+/g, ' ').trim()
    return pin ? `${flat.replace(/[.\s]+$/, '')}, ${pin}` : flat
  }
}

const told = new Set<string>()
