/** A CSL name: a person (`family`, `given`) or an organisation (`literal`). */
export interface CslName {
  family?: string
  given?: string
  literal?: string
}

/** CSL date: `date-parts` ([[2019, 6, 12]]) or a `raw` string. */
export interface CslDate {
  'date-parts'?: number[][]
  raw?: string
}

/**
 * One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the
 * input citeproc formats and the form `.json` bibliographies are written in. Only the variables
 * Briefcheck reads or writes are typed; any other passes through.
 */
export interface CslItem {
  id: string
  type: string
  title?: string
  author?: CslName[]
  editor?: CslName[]
  issued?: CslDate
  accessed?: CslDate
  'container-title'?: string
  publisher?: string
  URL?: string
  DOI?: string
  [variable: string]: unknown
}
