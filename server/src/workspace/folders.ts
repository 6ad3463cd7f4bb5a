import {createHash} from 'node:crypto'
import {join, resolve} from 'node:path'
import {isInsideFolder} from '../engine/paths'
import {cacheFolder, DiskCorpusCache} from './corpus-cache'
import {WorkspaceSession} from './session'

/** How the server opens a folder: trust, the configured cache folder, where problems go. */
export interface FolderOptions {
  trusted: boolean
  /** The cache folder the client configured (`initializationOptions.cacheDir`), if any. */
  cacheDir?: string
  log: (message: string) => void
  /** A shared store published a new corpus for this folder's session (status and re-check as after indexing). */
  onStoreChange?: (session: WorkspaceSession) => void
}

/**
 * The workspace folders of a multi-root workspace, each with its own briefcheck.json, corpus
 * and engine (as VS Code's Markdown and ESLint servers serve each folder apart); folders come
 * and go at run time (`workspace/didChangeWorkspaceFolders`). A file belongs to the innermost
 * folder holding it; a file outside every folder to the first, except a file of a folder
 * removed at run time, which no folder serves any more.
 */
export class WorkspaceFolders {
  private readonly sessions: WorkspaceSession[] = []
  private readonly removed = new Set<string>()
  /** The folders served now: one live list every session reads (untrusted reads stay inside it). */
  private readonly roots: string[] = []

  constructor(
    roots: string[],
    private readonly options: FolderOptions,
  ) {
    if (roots.length === 0) throw new Error('a workspace needs at least one folder')
    // Several folders under one configured cache folder: one subfolder each, so no folder's cache replaces another's.
    this.roots.push(...roots)
    for (const root of roots) this.sessions.push(this.open(root, roots.length > 1))
  }

  all(): readonly WorkspaceSession[] {
    return this.sessions
  }

  /** Opens a folder added at run time (with a cache subfolder of its own); undefined when it is served already. */
  add(root: string): WorkspaceSession | undefined {
    this.removed.delete(resolve(root))
    if (this.sessions.some((s) => resolve(s.root) === resolve(root))) return undefined
    this.roots.push(root)
    const session = this.open(root, true)
    this.sessions.push(session)
    return session
  }

  /** Stops serving a folder; the last folder stays (a server always has one). Returns the session removed. */
  remove(root: string): WorkspaceSession | undefined {
    const at = this.sessions.findIndex((s) => resolve(s.root) === resolve(root))
    if (at < 0 || this.sessions.length === 1) return undefined
    const [session] = this.sessions.splice(at, 1)
    this.roots.splice(this.roots.indexOf(session.root), 1)
    this.removed.add(resolve(root))
    return session
  }

  /** The session of the folder holding `path` (a file system path), else the first folder's (see the class). */
  sessionFor(path: string | undefined): WorkspaceSession | undefined {
    if (path === undefined) return this.sessions[0]
    let best: WorkspaceSession | undefined
    for (const session of this.sessions) {
      if (!isInsideFolder(path, session.root)) continue
      if (!best || resolve(session.root).length > resolve(best.root).length) best = session
    }
    if (best) return best
    return [...this.removed].some((root) => isInsideFolder(path, root)) ? undefined : this.sessions[0]
  }

  private open(root: string, ownCache: boolean): WorkspaceSession {
    const asked = this.options.cacheDir
    const own = asked && ownCache ? join(asked, createHash('sha1').update(root).digest('hex').slice(0, 12)) : asked
    const {dir, problem} = cacheFolder(root, own)
    if (problem) this.options.log(`cache: ${problem}`)
    const {log, onStoreChange} = this.options
    const session: WorkspaceSession = new WorkspaceSession({
      root,
      folders: this.roots,
      trusted: this.options.trusted,
      cache: new DiskCorpusCache(dir, log),
      log,
      onStoreChange: onStoreChange && (() => onStoreChange(session)),
    })
    return session
  }
}
