import {classifyClaim, type ClaimVerdict} from './claims/classify'
import {CitationResolver, type Resolution} from './citations/resolve'
import {readDraftBibliography, type DraftBibliography} from './citations/draft-bibliography'
import type {BriefcheckConfig} from './config'
import type {CorpusView} from './store/types'
import {extractFigures} from './figures/extract'
import {memoize} from './text/memo'
import type {Figure} from './figures/types'
import type {DraftDocument} from './markdown/draft'
import {IncrementalReader} from './markdown/incremental'
import type {Pausable} from './slices'
import type {Citation, DraftSentence} from './types'

/** Everything the checks need to know about one draft sentence. */
export interface SentenceAnalysis {
  sentence: DraftSentence
  /** Figures, with offsets into `sentence.text`. */
  figures: Figure[]
  verdict: ClaimVerdict
  /** Citations that apply to it (its own, or its paragraph's with `citationScope: paragraph`). */
  citations: Array<{citation: Citation; resolution: Resolution; inherited?: boolean}>
  /** Corpus sources it cites. */
  citedSources: number[]
}

export interface DraftAnalysis {
  draft: DraftDocument
  sentences: SentenceAnalysis[]
  corpus: CorpusView
  config: BriefcheckConfig
  resolver: CitationResolver
  /** The draft's own bibliography (issue #16); empty without `bibliography:` / `references:`. */
  bibliography: DraftBibliography
}

/** What an analysis reads besides the text. */
export interface AnalysisInput {
  corpus: CorpusView
  config: BriefcheckConfig
  /** The same document's previous parse, so an edit re-parses only the blocks it touched. */
  reader?: IncrementalReader
  /** The draft already read (the engine shares one read between a check and the outline). */
  draft?: DraftDocument
  draftPath?: string
}

/**
 * Draft → sentences → claims, the part of the pipeline that needs no corpus search, as pausable
 * work (slices.ts): the read and the sentences pause as they go.
 */
export function* analysing(text: string, input: AnalysisInput): Pausable<DraftAnalysis> {
  const {corpus, config} = input
  const draft = input.draft ?? (yield* (input.reader ?? new IncrementalReader()).reading(text))
  const bibliography = readDraftBibliography(draft.frontmatter, input.draftPath)
  const resolver = new CitationResolver(corpus, draft.footnotes, bibliography)
  const sentences: SentenceAnalysis[] = []
  // A pause after each sentence: the first analysis of a sentence reads its figures and
  // classifies it, up to a millisecond; runInSlices reads the clock between steps.
  for (const sentence of draft.sentences) {
    sentences.push(analyseSentence(sentence, resolver))
    yield
  }
  if (config.citationScope === 'paragraph') spreadParagraphCitations(sentences)
  return {draft, sentences, corpus, config, resolver, bibliography}
}

// Pure functions of the sentence text, memoised: a re-check meets the same sentences again.
const figuresOf = memoize(extractFigures)
const verdictOf = memoize((text: string): ClaimVerdict => classifyClaim({text, figureCount: figuresOf(text).length}))

export function analyseSentence(sentence: DraftSentence, resolver: CitationResolver): SentenceAnalysis {
  const figures = figuresOf(sentence.analysisText)
  const verdict: ClaimVerdict = sentence.blockKind === 'cell' ? {claim: false, reason: 'fragment'} : verdictOf(sentence.analysisText)
  const citations = sentence.citations
    .map((citation) => ({citation, resolution: resolver.resolve(citation)}))
    .filter((c) => c.resolution.status !== 'not-a-citation')
  return {sentence, figures, verdict, citations, citedSources: sourcesOf(citations)}
}

function sourcesOf(citations: SentenceAnalysis['citations']): number[] {
  const out: number[] = []
  for (const {resolution} of citations) if (resolution.status === 'source' && !out.includes(resolution.source)) out.push(resolution.source)
  return out
}

/** With paragraph scope, a citation in a paragraph's last sentence covers the paragraph. */
function spreadParagraphCitations(sentences: SentenceAnalysis[]): void {
  let i = 0
  while (i < sentences.length) {
    let j = i
    while (j + 1 < sentences.length && sentences[j + 1].sentence.blockIndex === sentences[i].sentence.blockIndex) j++
    const last = sentences[j]
    if (last.citations.length > 0) {
      for (let k = i; k < j; k++) {
        if (sentences[k].citations.length === 0) {
          sentences[k].citations = last.citations.map((c) => ({...c, inherited: true}))
          sentences[k].citedSources = last.citedSources
        }
      }
    }
    i = j + 1
  }
}
