import {resolve} from 'node:path'
import {isInsideFolder} from '../engine/paths'
import type {WorkspaceSession} from './session'

/**
 * The workspace folders of a multi-root workspace, each with its own briefcheck.json, corpus
 * and engine (as VS Code's Markdown and ESLint servers serve each folder apart). A file
 * belongs to the innermost folder holding it; a file outside every folder to the first.
 */
export class WorkspaceFolders {
  constructor(private readonly sessions: WorkspaceSession[]) {
    if (sessions.length === 0) throw new Error('a workspace needs at least one folder')
  }

  all(): readonly WorkspaceSession[] {
    return this.sessions
  }

  /** The session of the folder holding `path` (a file system path), else the first folder's. */
  sessionFor(path: string | undefined): WorkspaceSession {
    if (path === undefined) return this.sessions[0]
    let best: WorkspaceSession | undefined
    for (const session of this.sessions) {
      if (!isInsideFolder(path, session.root)) continue
      if (!best || resolve(session.root).length > resolve(best.root).length) best = session
    }
    return best ?? this.sessions[0]
  }
}
