/**
 * Deterministic generators for benchmark corpora and drafts. Brief `i` depends only on the
 * seed and `i`, so the 100-brief corpus is the first 100 briefs of the 1,000-brief corpus, and
 * drafts (which draw their facts from the first 100 briefs' subjects) find matching, and
 * sometimes conflicting, sources in every corpus size.
 */
import {citationKey} from '../../server/src/engine/corpus/keys'
import {Rng, seedOf} from './prng'
import {DOMAINS, World, cap, type Domain, type FigureKind} from './vocab'

export const SEED = 20261122
/** Bump when generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 3

const world = new World(SEED)

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

/** What a brief is about: enough to write it, and for drafts to cite it. */
export interface BriefPlan {
  index: number
  domain: Domain
  places: string[]
  people: string[]
  year: number
  date: string
  title: string
  authors: string[]
  publisher: string
  url: string
  id?: string
  key: string
  words: number
}

export function planBrief(index: number): BriefPlan {
  const rng = new Rng(seedOf('brief', SEED, index))
  const domain = rng.zipf(DOMAINS, 0.4)
  const places = [rng.zipf(world.places, 1.3), rng.zipf(world.places, 1.3), rng.zipf(world.places, 0.8)]
  const people = Array.from({length: 6}, () => rng.zipf(world.people, 1.5))
  const year = rng.int(2012, 2025)
  const month = rng.int(1, 12)
  const day = rng.int(1, 28)
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const title = briefTitle(rng, domain, places[0])
  const authors = rng.chance(0.15) ? [] : Array.from({length: rng.int(1, 3)}, () => rng.zipf(world.people, 1.2))
  const publisher = fill(rng.pick(domain.bodies), places[0], rng)
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const url = `https://example.org/${domain.name}/${year}/${slug}-${index}`
  const id = rng.chance(0.2) ? `${places[0].toLowerCase()}${year}${domain.name}${index}` : undefined
  const key = id ?? citationKey({authors, title, date}, new Set())
  const words = Math.round(Math.max(300, Math.min(3500, rng.normal(1200, 480))))
  return {index, domain, places, people, year, date, title, authors, publisher, url, id, key, words}
}

function briefTitle(rng: Rng, domain: Domain, place: string): string {
  const base = fill(rng.pick(domain.titles), place, rng)
  const forms = [
    () => `${base}: ${cap(rng.pick(domain.topics))} in ${place}`,
    () => `${place} ${base}`,
    () => `${base} — ${cap(rng.pick(domain.topics))} after ${rng.int(2010, 2025)}`,
    () => `${cap(rng.pick(domain.topics))} and ${rng.pick(domain.topics)}: ${base}`,
  ]
  return rng.pick(forms)()
}

function fill(template: string, place: string, rng: Rng): string {
  return template.replace(/\{P\}/g, place).replace(/\{N\}/g, () => rng.pick(world.stormNames))
}

// ---------------------------------------------------------------- figures

/** A metric's canonical value for a place: briefs about the same place mostly agree. */
function canonical(domain: Domain, place: string, metric: string, kind: FigureKind): number {
  const r = new Rng(seedOf('fact', domain.name, place, metric))
  switch (kind) {
    case 'count':
      return Math.round(Math.pow(10, 1.7 + r.next() * 4.5))
    case 'percent':
      return Math.round((2 + r.next() * 95) * 10) / 10
    case 'money':
      return Math.round(Math.pow(10, 0.3 + r.next() * 9.5))
    case 'length':
      return Math.round(Math.pow(10, 0.5 + r.next() * 2.7))
    case 'area':
      return Math.round(Math.pow(10, 1 + r.next() * 4))
    case 'weight':
      return Math.round(Math.pow(10, 2 + r.next() * 4))
    case 'power':
      return Math.round(Math.pow(10, 1 + r.next() * 3.5))
    case 'duration':
      return r.int(2, 40)
    case 'rate':
      return Math.round((1 + r.next() * 400) * 10) / 10
    case 'volume':
      return Math.round((0.2 + r.next() * 9) * 10) / 10
  }
}

function withCommas(n: number): string {
  const [whole, frac] = String(n).split('.')
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '')
}

function numberWords(n: number): string {
  if (n <= 12) return SMALL[n]
  if (n < 20) return ['thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'][n - 13]
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${SMALL[n % 10]}` : '')
  return withCommas(n)
}

/** Writes a value of a kind the way briefs do: digits, words, scales, units, bounds. */
function figureText(rng: Rng, kind: FigureKind, value: number): string {
  const bound = rng.chance(0.2) ? rng.pick(['about ', 'roughly ', 'nearly ', 'more than ', 'at least ', 'almost ', 'up to ']) : ''
  switch (kind) {
    case 'count':
      if (value >= 1_000_000 && rng.chance(0.6)) return `${bound}${(value / 1_000_000).toFixed(1)} million`
      if (value < 100 && rng.chance(0.4)) return bound + numberWords(value)
      return bound + withCommas(value)
    case 'percent':
      return bound + (rng.chance(0.6) ? `${value}%` : rng.chance(0.5) ? `${value} percent` : `${value} per cent`)
    case 'money': {
      const cur = rng.pick(['$', '$', '$', '€', '£'])
      if (value >= 1e9) return `${bound}${cur}${(value / 1e9).toFixed(2).replace(/0$/, '')} billion`
      if (value >= 1e6) return `${bound}${cur}${(value / 1e6).toFixed(1)} million`
      if (value < 10) return `${bound}${cur}${value.toFixed(2)}`
      return bound + cur + withCommas(value)
    }
    case 'length': {
      const unit = rng.pick(['km', 'kilometers', 'kilometres', 'miles', 'metres', 'meters'])
      return `${bound}${value < 100 && rng.chance(0.3) ? numberWords(value) : withCommas(value)} ${unit}`
    }
    case 'area':
      return `${bound}${withCommas(value)} ${rng.pick(['hectares', 'acres', 'square kilometres', 'square miles'])}`
    case 'weight':
      return `${bound}${withCommas(value)} ${rng.pick(['tonnes', 'tons', 'metric tons'])}`
    case 'power':
      return value >= 1000 ? `${bound}${(value / 1000).toFixed(1)} GW` : `${bound}${withCommas(value)} ${rng.pick(['MW', 'megawatts'])}`
    case 'duration': {
      const unit = rng.pick(['days', 'weeks', 'months', 'years', 'minutes', 'hours'])
      return `${bound}${value <= 12 && rng.chance(0.6) ? SMALL[value] : value} ${unit}`
    }
    case 'rate':
      return `${bound}${value} ${rng.pick(['cases per 100,000', 'megabits per second', 'per 1,000 residents', 'trips per hour'])}`
    case 'volume':
      return `${bound}${value} ${rng.pick(['billion cubic metres', 'million litres', 'billion gallons'])}`
  }
}

function dateText(rng: Rng, year: number): string {
  const m = rng.int(0, 11)
  const d = rng.int(1, 28)
  switch (rng.int(0, 7)) {
    case 0:
      return `in ${MONTHS[m]} ${year}`
    case 1:
      return `on ${MONTHS[m]} ${d}, ${year}`
    case 2:
      return `on ${d} ${MONTHS[m]} ${year}`
    case 3:
      return `by the end of ${year}`
    case 4:
      return `in fiscal year ${year}`
    case 5:
      return `in ${year}`
    case 6:
      return `between ${MONTHS[m]} and ${MONTHS[Math.min(11, m + rng.int(1, 4))]} ${year}`
    default:
      return `as of ${SHORT_MONTHS[m]} ${d}, ${year}`
  }
}

// ---------------------------------------------------------------- sentences

interface Ctx {
  rng: Rng
  plan: BriefPlan
  /** Perturb canonical values this often (sources that disagree). */
  perturb: number
}

function place(c: Ctx): string {
  return c.rng.chance(0.7) ? c.plan.places[0] : c.rng.pick(c.plan.places)
}

function body(c: Ctx): string {
  return fill(c.rng.pick(c.plan.domain.bodies), place(c), c.rng)
}

function person(c: Ctx): string {
  return c.rng.chance(0.8) ? c.rng.pick(c.plan.people) : c.rng.zipf(world.people, 1.5)
}

function object(c: Ctx): string {
  return fill(c.rng.pick(c.plan.domain.objects), place(c), c.rng)
}

function topic(c: Ctx): string {
  return c.rng.pick(c.plan.domain.topics)
}

function value(c: Ctx, metric: {noun: string; kind: FigureKind}, where: string): number {
  let v = canonical(c.plan.domain, where, metric.noun, metric.kind)
  if (c.rng.chance(c.perturb)) {
    const factor = c.rng.pick([0.5, 0.8, 0.9, 1.1, 1.25, 1.5, 2])
    v = metric.kind === 'percent' || metric.kind === 'rate' || metric.kind === 'volume' ? Math.round(v * factor * 10) / 10 : Math.max(1, Math.round(v * factor))
  }
  return v
}

const ROLES = ['chair', 'director', 'spokesperson', 'chief economist', 'minister', 'head of research', 'deputy mayor', 'senior analyst']
const QUOTE_HEADS = [
  'a serious setback for', 'the only responsible course for', 'long overdue and badly needed in', 'a promise we intend to keep on',
  'not enough to fix', 'the first real test of', 'a turning point for', 'a burden that families cannot carry in',
  'the price of years of neglect of', 'exactly what we warned about', 'a good start but no solution for',
]
const CONNECTORS = ['However, ', 'In addition, ', 'By contrast, ', 'Meanwhile, ', 'Even so, ', 'As a result, ', 'At the same time, ', '']
/** A sentence start with an optional connector ("However, …"), capitalised either way. */
function lead(rng: Rng, rest: string): string {
  const connector = rng.pick(CONNECTORS)
  return connector ? connector + rest : cap(rest)
}

const VERBS_UP = ['rose to', 'reached', 'climbed to', 'increased to', 'grew to', 'stood at']
const VERBS_DOWN = ['fell to', 'dropped to', 'declined to', 'was cut to', 'shrank to']

/** One factual sentence: a metric of a place with a figure, a date, a body or a person. */
function factSentence(c: Ctx): string {
  const {rng} = c
  const metric = rng.pick(c.plan.domain.metrics)
  const where = place(c)
  const v = figureText(rng, metric.kind, value(c, metric, where))
  const year = c.plan.year - rng.int(0, 4)
  const d = dateText(rng, year)
  const forms = [
    () => `${cap(d)}, ${metric.noun} in ${where} stood at ${v}, according to the ${body(c)}.`,
    () => `The ${body(c)} reported that ${metric.noun} ${rng.pick(VERBS_UP)} ${v} ${d}.`,
    () => `${cap(metric.noun)} for ${object(c)} was ${v} ${d}, ${rng.chance(0.5) ? 'up' : 'down'} from ${figureText(rng, metric.kind, value(c, metric, where + 'prev'))} a year earlier.`,
    () => `${person(c)}, ${rng.pick(ROLES)} of the ${body(c)}, said ${metric.noun} had ${rng.pick(VERBS_DOWN).replace(' to', '')} to ${v}.`,
    () => lead(rng, `${metric.noun} in ${where} ${rng.pick(VERBS_UP)} ${v} ${d}, the highest level since ${year - rng.int(3, 15)}.`),
    () => `The ${body(c)} estimates ${metric.noun} at between ${v} and ${figureText(rng, metric.kind, value(c, metric, where) * 2)}.`,
    () => `According to ${person(c)}, ${metric.noun} was ${v} in ${year}, and ${object(c)} accounted for ${figureText(rng, 'percent', canonical(c.plan.domain, where, 'share' + metric.noun, 'percent'))} of it.`,
    () => lead(rng, `${object(c)} added ${v} to ${metric.noun} ${d}.`),
    () => `Of the ${figureText(rng, 'count', canonical(c.plan.domain, where, 'total', 'count'))} ${rng.pick(['households', 'residents', 'firms', 'workers', 'schools'])} surveyed in ${where}, ${figureText(rng, 'percent', value(c, {noun: 'surveyshare', kind: 'percent'}, where))} named ${topic(c)} as the main concern.`,
    () => `${cap(metric.noun)} ${rng.pick(VERBS_DOWN)} ${v} after ${object(c)} was ${rng.pick(['approved', 'suspended', 'expanded', 'delayed', 'cancelled'])} ${d}.`,
  ]
  return rng.pick(forms)()
}

function quotePhrase(c: Ctx): string {
  return `${c.rng.pick(QUOTE_HEADS)} ${topic(c)} in ${place(c)}`
}

function quoteSentence(c: Ctx): string {
  const {rng} = c
  const q = quotePhrase(c)
  const forms = [
    () => `"${cap(q)}," said ${person(c)}, ${rng.pick(ROLES)} of the ${body(c)}.`,
    () => `${person(c)} told reporters that the decision was "${q}."`,
    () => `In a statement, the ${body(c)} called ${object(c)} “${q}”.`,
    () => `“${cap(q)},” ${person(c)} wrote in ${MONTHS[rng.int(0, 11)]} ${c.plan.year}.`,
  ]
  return rng.pick(forms)()
}

function fillerSentence(c: Ctx): string {
  const {rng} = c
  const forms = [
    () => `The ${body(c)} has not said how it will pay for ${topic(c)}.`,
    () => lead(rng, `critics argue that ${topic(c)} in ${place(c)} has been neglected for years.`),
    () => `The decision followed months of negotiations between the ${body(c)} and the ${body(c)}.`,
    () => `${person(c)} of the ${body(c)} warned that ${topic(c)} would remain a problem for ${place(c)}.`,
    () => `We recommend that the ${body(c)} publish quarterly figures on ${topic(c)}.`,
    () => `In our view, ${topic(c)} deserves more attention than it gets in ${place(c)}.`,
    () => `Will the ${body(c)} keep its promise on ${topic(c)}?`,
    () => `This brief examines ${topic(c)} and ${topic(c)} in ${place(c)}.`,
    () => `${cap(object(c))} remains the most visible part of the debate over ${topic(c)}.`,
    () => `Officials in ${place(c)} point to ${topic(c)} as the reason for the delay.`,
    () => `Neither side has published the data behind its claims about ${topic(c)}.`,
    () => lead(rng, `the ${body(c)} should weigh ${topic(c)} against ${topic(c)} before it decides.`),
  ]
  return rng.pick(forms)()
}

function paragraph(c: Ctx, sentences: number): string {
  const out: string[] = []
  for (let i = 0; i < sentences; i++) {
    const r = c.rng.next()
    out.push(r < 0.5 ? factSentence(c) : r < 0.6 ? quoteSentence(c) : fillerSentence(c))
  }
  return out.join(' ')
}

function countWords(text: string): number {
  let n = 0
  for (const _ of text.matchAll(/\S+/g)) n++
  return n
}

function yamlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

// ---------------------------------------------------------------- briefs

/** The Markdown text (YAML front matter, headings, paragraphs, lists, tables) of brief `index`. */
export function briefText(index: number): {plan: BriefPlan; text: string} {
  const plan = planBrief(index)
  const c: Ctx = {rng: new Rng(seedOf('body', SEED, index)), plan, perturb: 0.15}
  const {rng} = c
  const fm = ['---']
  if (plan.id) fm.push(`id: ${plan.id}`)
  fm.push(`title: ${yamlString(plan.title)}`)
  if (plan.authors.length === 1) fm.push(`author: ${yamlString(plan.authors[0])}`)
  else if (plan.authors.length > 1) fm.push('authors:', ...plan.authors.map((a) => `  - ${yamlString(a)}`))
  fm.push(`date: ${plan.date}`, `publisher: ${yamlString(plan.publisher)}`, `url: ${plan.url}`, '---', '')
  const parts: string[] = [fm.join('\n'), `# ${plan.title}`, `*${fillerSentence(c)}*`]
  let words = 0
  while (words < plan.words) {
    const heading = `## ${cap(topic(c))}${rng.chance(0.3) ? ` in ${place(c)}` : ''}`
    parts.push(heading)
    const paragraphs = rng.int(2, 4)
    for (let p = 0; p < paragraphs && words < plan.words; p++) {
      const r = rng.next()
      let block: string
      if (r < 0.1) block = Array.from({length: rng.int(3, 5)}, () => `- ${factSentence(c)}`).join('\n')
      else if (r < 0.14) block = table(c)
      else if (r < 0.18) block = `> ${quoteSentence(c)}`
      else block = paragraph(c, rng.int(3, 7))
      words += countWords(block)
      parts.push(block)
    }
  }
  return {plan, text: parts.join('\n\n') + '\n'}
}

function table(c: Ctx): string {
  const metric = c.rng.pick(c.plan.domain.metrics)
  const rows = ['| Place | Year | ' + cap(metric.noun) + ' |', '| --- | ---: | ---: |']
  for (let i = 0; i < c.rng.int(2, 5); i++) {
    const where = c.rng.pick(c.plan.places)
    rows.push(`| ${where} | ${c.plan.year - i} | ${figureText(c.rng, metric.kind, value(c, metric, where))} |`)
  }
  return rows.join('\n')
}

// ---------------------------------------------------------------- drafts

/**
 * A draft of about `words` words that writes about the subjects of the first `sources` briefs:
 * front matter, headings, paragraphs with figures (some conflicting), footnotes, pandoc keys,
 * author–date citations, links to source URLs, quotations (some misworded), lists, one table,
 * a code span, opinions and questions.
 */
export function draftText(words: number, sources = 100, seed = SEED): string {
  const rng = new Rng(seedOf('draft', seed, words))
  const plans = Array.from({length: sources}, (_, i) => planBrief(i))
  const parts: string[] = ['---', `title: "Draft: ${words} words"`, 'author: "Bench Writer"', 'date: 2026-11-22', '---', '', '# Policy options for the coming year', '']
  const notes: string[] = []
  let count = 0
  let section = 0
  let tableDone = false
  while (count < words) {
    const plan = rng.pick(plans)
    const c: Ctx = {rng, plan, perturb: 0.3}
    parts.push(`## ${++section}. ${cap(topic(c))} in ${plan.places[0]}`, '')
    for (let p = 0; p < rng.int(2, 5) && count < words; p++) {
      const r = rng.next()
      let block: string
      if (r < 0.12) {
        block = Array.from({length: rng.int(3, 6)}, () => `- ${cite(c, factSentence(c), notes)}`).join('\n')
      } else if (!tableDone && count > words / 3) {
        tableDone = true
        block = table(c)
      } else if (r < 0.18) {
        block = `> ${quoteSentence(c)}`
      } else {
        const sentences: string[] = []
        for (let s = 0; s < rng.int(3, 7); s++) {
          const k = rng.next()
          if (k < 0.55) sentences.push(cite(c, factSentence(c), notes))
          else if (k < 0.7) sentences.push(cite(c, quoteSentence(c), notes))
          else if (k < 0.75) sentences.push(`Source notes are tracked in \`notes-v${rng.int(1, 9)}.${rng.int(0, 9)}-${plan.year}.csv\`, and **figures** are quoted as the sources give them.`)
          else sentences.push(fillerSentence(c))
        }
        block = sentences.join(rng.chance(0.2) ? '\n' : ' ')
      }
      count += countWords(block)
      parts.push(block, '')
    }
  }
  parts.push(...notes.map((n, i) => `[^${i + 1}]: ${n}`), '')
  return parts.join('\n')
}

function cite(c: Ctx, sentence: string, notes: string[]): string {
  const {rng, plan} = c
  const r = rng.next()
  const body = sentence.replace(/([.?!]["”]?)$/, '')
  const end = sentence.slice(body.length)
  if (r < 0.25) {
    notes.push(`${plan.authors[0] ?? plan.publisher}, "${plan.title}," ${plan.publisher}, ${plan.date}, ${plan.url}.`)
    return `${sentence}[^${notes.length}]`
  }
  if (r < 0.45) return `${body} [@${plan.key}]${end}`
  if (r < 0.55) return `${body} (${plan.authors[0]?.split(' ').pop() ?? plan.publisher.split(' ')[0]} ${plan.year})${end}`
  if (r < 0.65) return `${body}, as [${plan.publisher}](${plan.url}) reports${end}`
  return sentence
}

/** The text with one figure in a paragraph near the middle changed: a one-sentence edit. */
export function editOneSentence(text: string): {text: string; offset: number} {
  const lines = text.split('\n')
  let offset = 0
  const mid = Math.floor(lines.length / 2)
  for (let i = 0; i < lines.length; i++) {
    if (i >= mid && /^[A-Z“"]/.test(lines[i])) {
      const m = /\d/.exec(lines[i])
      if (m) {
        const pos = offset + m.index
        const digit = text[pos] === '7' ? '3' : '7'
        return {text: text.slice(0, pos) + digit + text.slice(pos + 1), offset: pos}
      }
    }
    offset += lines[i].length + 1
  }
  throw new Error('no figure to edit')
}
