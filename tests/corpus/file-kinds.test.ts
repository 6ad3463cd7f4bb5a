// One list per fact (issue #12): the file kinds the corpus loader reads are the ones the server
// watches and re-indexes on. Editing a `.xhtml` or `.bibtex` source once changed nothing.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {glob} from 'tinyglobby'
import {describe, expect, it} from 'vitest'
import {BIBLIOGRAPHY_ENDINGS, BIBLIOGRAPHY_NAMES, SOURCE_EXTENSIONS} from '../../server/src/engine/corpus/file-kinds'
import {findCorpusFiles} from '../../server/src/engine/corpus/load'
import {WATCH_GLOB} from '../../server/src/protocol/server'
import {WorkspaceSession} from '../../server/src/workspace/session'

const names = [...[...SOURCE_EXTENSIONS].map((ext) => `source${ext}`), ...BIBLIOGRAPHY_ENDINGS.map((ending) => `refs${ending}`), ...BIBLIOGRAPHY_NAMES]

describe('corpus file kinds', () => {
  it.each(names)('%s is read by the loader, watched, and re-indexed on change', async (name) => {
    const root = mkdtempSync(join(tmpdir(), 'briefcheck-kinds-'))
    mkdirSync(join(root, '.git'))
    mkdirSync(join(root, 'briefs'))
    writeFileSync(join(root, 'briefcheck.json'), JSON.stringify({corpus: ['briefs']}))
    const path = join(root, 'briefs', name)
    writeFileSync(path, 'x')
    // The loader reads it…
    expect((await findCorpusFiles(['briefs'], root)).files).toContain(path)
    // …the client is asked to watch it…
    expect(await glob(WATCH_GLOB, {cwd: root, dot: true})).toContain(`briefs/${name}`)
    // …and a change to it re-indexes the corpus.
    const session = new WorkspaceSession({root, folders: [root], trusted: true, log: () => undefined})
    expect(await session.touchesCorpus([path])).toBe(true)
    expect(await session.touchesCorpus([join(root, 'briefs', 'notes.odt')])).toBe(false)
  })
})
