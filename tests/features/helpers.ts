import {TextDocument} from 'vscode-languageserver-textdocument'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG, type BriefcheckConfig} from '../../server/src/engine/config'
import {buildCorpus, type Corpus} from '../../server/src/engine/corpus/corpus'
import type {FeatureState} from '../../server/src/features/state'

export const AUTHORITY = `---
id: rva2021
title: Annual Report of the Harrow River Authority
author: Mira Castell
date: 2021-03-04
publisher: Harrow River Authority
---
The Harrow Dam stands 120 metres tall above the riverbed.

The reservoir holds 2.1 billion cubic metres of water.
`

export const GAZETTE = `---
title: Harrow Dam Marks Twenty Years
author: Tomas Reyes
date: 2022-06-10
---
The Harrow Dam stands 135 metres tall above the riverbed, engineers said.

A plaque at the crest reads \\[x\\](command:evil) \\<img src=x onerror=alert(1)> and honours the builders of the dam in 2002.
`

export const corpus: Corpus = buildCorpus([
  {path: '/corpus/river-authority.md', text: AUTHORITY},
  {path: '/corpus/valley-gazette.md', text: GAZETTE},
])

/** A document and the cursor marked `|` in its text (the css-language-features convention). */
export function atCursor(marked: string): {doc: TextDocument; pos: {line: number; character: number}} {
  const offset = marked.indexOf('|')
  const text = offset < 0 ? marked : marked.slice(0, offset) + marked.slice(offset + 1)
  const doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, text)
  return {doc, pos: doc.positionAt(Math.max(0, offset))}
}

export function stateFor(doc: TextDocument, config: Partial<BriefcheckConfig> = {}, extra: Partial<FeatureState> = {}): FeatureState {
  const full = {...DEFAULT_CONFIG, ...config}
  return {corpus, config: full, result: checkDraft(doc.getText(), {corpus, config: full}), workspaceRoot: '/ws', ...extra}
}
