import {relative} from 'node:path'
import {pathToFileURL} from 'node:url'
import {ALL_CHECKS} from '../engine/checks'
import {docs} from '../engine/checks/define'
import type {FileReport} from './report'

const LEVEL = {error: 'error', warning: 'warning', information: 'note', hint: 'note'} as const

/** SARIF 2.1.0 for code-scanning dashboards; regions are one-based as SARIF requires. */
export function formatSarif(reports: FileReport[], cwd: string, version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'briefcheck',
            version,
            informationUri: docs('').replace(/#$/, ''),
            rules: ALL_CHECKS.map((c) => ({id: c.id, shortDescription: {text: c.description}, helpUri: docs(c.id), defaultConfiguration: {level: LEVEL[c.defaultSeverity]}})),
          },
        },
        originalUriBaseIds: {SRCROOT: {uri: pathToFileURL(cwd + '/').href}},
        results: reports.flatMap((r) =>
          r.messages.map((m) => ({
            ruleId: m.ruleId,
            level: LEVEL[m.severity],
            message: {text: m.reason},
            locations: [
              {
                physicalLocation: {
                  artifactLocation: {uri: relative(cwd, r.path).split('\\').join('/'), uriBaseId: 'SRCROOT'},
                  region: {
                    startLine: m.range.start.line + 1,
                    startColumn: m.range.start.character + 1,
                    endLine: m.range.end.line + 1,
                    endColumn: m.range.end.character + 1,
                  },
                },
              },
            ],
            relatedLocations: m.evidence.map((e, i) => ({
              id: i + 1,
              message: {text: `${e.title}: ${e.text}`},
              physicalLocation: {
                artifactLocation: {uri: pathToFileURL(e.path).href},
                region: {startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1},
              },
            })),
          })),
        ),
      },
    ],
  }
  return JSON.stringify(sarif, null, 2) + '\n'
}
