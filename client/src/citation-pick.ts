import * as vscode from 'vscode'
import type {LanguageClient} from 'vscode-languageclient/node'
import {SEARCH_SOURCES, parseSources, sourcePickItem, type SourceInfo} from './sources'

/** Milliseconds of typing pause before the library is searched. */
const SEARCH_DELAY_MS = 150

type Item = vscode.QuickPickItem & {source: SourceInfo}

/**
 * The "Insert citation…" picker (issue #16): every source at first, filtered by the editor as
 * the writer types (title, authors, year); after a pause the server searches the whole library
 * for the typed words — authors, years, titles and the words of the sources' passages — and its
 * hits are shown even when the editor's own filter would hide them. Resolves to the picked
 * source, or undefined when cancelled.
 */
export async function pickCitation(client: LanguageClient, sources: SourceInfo[]): Promise<SourceInfo | undefined> {
  const pick = vscode.window.createQuickPick<Item>()
  pick.title = 'Insert citation'
  pick.placeholder = 'Author, year, title or words of the passage'
  pick.matchOnDescription = true
  pick.matchOnDetail = true
  const all: Item[] = sources.map((source) => ({...sourcePickItem(source), source}))
  pick.items = all
  let timer: NodeJS.Timeout | undefined
  let asked = 0
  pick.onDidChangeValue((value) => {
    clearTimeout(timer)
    if (value.trim().length < 2) {
      pick.items = all
      return
    }
    timer = setTimeout(async () => {
      const ticket = ++asked
      pick.busy = true
      const found = parseSources(await client.sendRequest(SEARCH_SOURCES, {query: value}).catch(() => []))
      if (ticket !== asked) return
      pick.busy = false
      const hits = new Set(found.map((s) => s.key))
      // Server hits first and always shown; the rest stay for the editor's own filter.
      pick.items = [...found.map((source) => ({...sourcePickItem(source), source, alwaysShow: true})), ...all.filter((i) => !hits.has(i.source.key))]
    }, SEARCH_DELAY_MS)
  })
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.source)
      pick.hide()
    })
    pick.onDidHide(() => {
      clearTimeout(timer)
      resolve(undefined)
      pick.dispose()
    })
    pick.show()
  })
}
