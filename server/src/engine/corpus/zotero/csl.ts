import type {CslItem} from '../../citations/csl-item'
import type {ZoteroCreator, ZoteroItem} from './library'

/**
 * Zotero items as CSL-JSON, the input of citeproc: the item type and field names follow the
 * mapping Zotero itself uses for its CSL export (Zotero.Schema.CSL_TYPE_MAPPINGS and
 * CSL_TEXT_MAPPINGS), for the fields a policy writer's notes and bibliographies print.
 */

const TYPES: Record<string, string> = {
  book: 'book',
  bookSection: 'chapter',
  journalArticle: 'article-journal',
  magazineArticle: 'article-magazine',
  newspaperArticle: 'article-newspaper',
  thesis: 'thesis',
  letter: 'personal_communication',
  manuscript: 'manuscript',
  interview: 'interview',
  webpage: 'webpage',
  report: 'report',
  bill: 'bill',
  case: 'legal_case',
  hearing: 'bill',
  statute: 'legislation',
  blogPost: 'post-weblog',
  forumPost: 'post',
  conferencePaper: 'paper-conference',
  encyclopediaArticle: 'entry-encyclopedia',
  dictionaryEntry: 'entry-dictionary',
  preprint: 'article',
  dataset: 'dataset',
  standard: 'standard',
  presentation: 'speech',
  document: 'article',
}

/** CSL variable ← Zotero fields, first present wins. */
const TEXT: Array<[string, string[]]> = [
  ['title', ['title', 'caseName', 'nameOfAct', 'subject']],
  ['container-title', ['publicationTitle', 'bookTitle', 'websiteTitle', 'blogTitle', 'proceedingsTitle', 'encyclopediaTitle', 'dictionaryTitle', 'forumTitle', 'reporter', 'code']],
  ['collection-title', ['series', 'seriesTitle']],
  ['publisher', ['publisher', 'institution', 'university', 'label', 'distributor', 'company', 'court', 'organization']],
  ['publisher-place', ['place']],
  ['volume', ['volume', 'codeVolume', 'reporterVolume']],
  ['issue', ['issue']],
  ['page', ['pages', 'codePages', 'firstPage']],
  ['number', ['reportNumber', 'billNumber', 'number', 'publicLawNumber', 'docketNumber']],
  ['genre', ['reportType', 'thesisType', 'websiteType', 'letterType', 'manuscriptType', 'genre', 'postType']],
  ['edition', ['edition']],
  ['section', ['section']],
  ['DOI', ['DOI']],
  ['URL', ['url']],
  ['ISBN', ['ISBN']],
  ['ISSN', ['ISSN']],
  ['language', ['language']],
  ['abstract', ['abstractNote']],
  ['container-title-short', ['journalAbbreviation']],
  ['title-short', ['shortTitle']],
]

const NAME_ROLES: Record<string, string> = {
  author: 'author',
  contributor: 'author',
  editor: 'editor',
  seriesEditor: 'collection-editor',
  translator: 'translator',
  bookAuthor: 'container-author',
  director: 'director',
  interviewer: 'interviewer',
  recipient: 'recipient',
  reviewedAuthor: 'reviewed-author',
  cosponsor: 'author',
  sponsor: 'author',
}

/** A Zotero item as a CSL-JSON item with `id`. */
export function toCslItem(item: ZoteroItem, id: string): CslItem {
  const csl: CslItem = {id, type: TYPES[item.type] ?? 'article'}
  const record = csl as unknown as Record<string, unknown>
  for (const [variable, fields] of TEXT) {
    const value = fields.map((f) => item.fields[f]).find((v) => v !== undefined && v.trim() !== '')
    if (value !== undefined) record[variable] = value.trim()
  }
  const issued = zoteroDate(item.fields.date)
  if (issued) csl.issued = {'date-parts': [issued.split('-').map(Number)]}
  const accessed = zoteroDate(item.fields.accessDate)
  if (accessed) csl.accessed = {'date-parts': [accessed.split('-').map(Number)]}
  for (const creator of item.creators) {
    const role = NAME_ROLES[creator.type] ?? 'author'
    const list = ((record[role] as CslItem['author']) ??= [])
    list!.push(cslName(creator))
  }
  return csl
}

function cslName(creator: ZoteroCreator): {family?: string; given?: string; literal?: string} {
  if (creator.single || !creator.firstName) return creator.single ? {literal: creator.lastName} : {family: creator.lastName}
  return {family: creator.lastName, given: creator.firstName}
}

/**
 * Zotero's stored date ("2019-06-12 June 12, 2019", "2019-00-00 2019", "2019-06-00 June 2019")
 * as ISO "2019-06-12", "2019" or "2019-06"; a plain ISO date (accessDate) as itself.
 */
export function zoteroDate(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? '')
  if (!m || m[1] === '0000') return undefined
  if (m[2] === '00') return m[1]
  if (m[3] === '00') return `${m[1]}-${m[2]}`
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** A creator's name as one string: "Anna Borshchevskaya", or an organisation's name. */
export function creatorName(creator: ZoteroCreator): string {
  return creator.single ? creator.lastName.trim() : [creator.firstName, creator.lastName].map((s) => s.trim()).filter(Boolean).join(' ')
}
