import {classifyClaim, type ClaimVerdict} from './claims/classify'
import {CitationResolver, type Resolution} from './citations/resolve'
import type {BriefcheckConfig} from './config'
import type {CorpusView} from './store/types'
import {extractFigures} from './figures/extract'
import {memoize} from './text/memo'
import type {Figure} from './figures/types'
import {readDraft, type DraftDocument} from './markdown/draft'
import type {IncrementalReader} from './markdown/incremental'
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
}

/** Draft → sentences → claims: the part of the pipeline that needs no corpus search. */
export function analyseDraft(text: string, corpus: CorpusView, config: BriefcheckConfig, reader?: IncrementalReader): DraftAnalysis {
  const draft = reader ? reader.read(text) : readDraft(text)
  const resolver = new CitationResolver(corpus, draft.footnotes)
  const sentences = draft.sentences.map((sentence) => analyseSentence(sentence, resolver))
  if (config.citationScope === 'paragraph') spreadParagraphCitations(sentences)
  return {draft, sentences, corpus, config, resolver}
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
