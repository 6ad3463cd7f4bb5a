/**
 * Vocabulary for generated policy briefs: invented places, people and bodies, and per-domain
 * metrics with their units. Written for the benchmark (no corpus text is copied); names are
 * built from syllables so a 10,000-brief corpus has a realistic, long-tailed vocabulary with
 * collisions (the same dam, agency or minister in many briefs, with different figures).
 */
import {Rng, seedOf} from './prng'

const PLACE_HEADS = [
  'Har', 'Lark', 'Vey', 'Tol', 'Sker', 'Cal', 'Brack', 'Mor', 'Fen', 'Ash', 'Wyn', 'Dun', 'Kel', 'Ros', 'Tarn', 'Bel',
  'Cor', 'Ald', 'Ven', 'Quar', 'Stav', 'Elm', 'Gris', 'Hollin', 'Iver', 'Jas', 'Kern', 'Lom', 'Marr', 'Nev', 'Ost',
  'Pell', 'Rud', 'Sal', 'Thorn', 'Ull', 'Vard', 'Wex', 'Yar', 'Zel', 'Bram', 'Carra', 'Dell', 'Esk', 'Fair', 'Glen',
  'Hallow', 'Kirr', 'Lun', 'Mira', 'Nor', 'Orr', 'Pen', 'Quin', 'Ran', 'Sev', 'Tav', 'Vol', 'Wend', 'Aber',
]
const PLACE_TAILS = [
  'row', 'port', 'ra', 'land', 'in', 'der', 'wick', 'ford', 'mouth', 'by', 'ton', 'vale', 'mere', 'ham', 'stead',
  'wood', 'field', 'gate', 'ria', 'ovia', 'esh', 'ak', 'enne', 'ova', 'stan', 'holm', 'bridge', 'moor', 'haven',
]
const GIVEN = [
  'Mira', 'Tomas', 'Daniel', 'Sun-Hee', 'Anna', 'Marcus', 'Yuki', 'Amara', 'Rafael', 'Ingrid', 'Kwame', 'Leila',
  'Omar', 'Priya', 'Sofia', 'Jonas', 'Helena', 'Arjun', 'Chloe', 'Mateo', 'Nadia', 'Pieter', 'Fatima', 'Elias',
  'Grace', 'Hiroshi', 'Isabel', 'Joaquín', 'Katarzyna', 'Lars', 'Mei', 'Nkechi', 'Oskar', 'Paulo', 'Rania', 'Samuel',
  'Teodora', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zofia', 'Aidan', 'Beatriz', 'Chen', 'Dalia', 'Emeka',
  'Farah', 'Gustav', 'Hana', 'Ivan', 'Jamal', 'Kiri', 'Lucía', 'Malik', 'Noor', 'Olga', 'Ravi', 'Siobhan', 'Tariq',
]
const FAMILY_HEADS = [
  'Castell', 'Reyes', 'Okafor', 'Park', 'Brightwater', 'Tanabe', 'Villa', 'Mensah', 'Lindqvist', 'Haddad', 'Novak',
  'Achterberg', 'Dubois', 'Ferreira', 'Gallo', 'Holm', 'Ibarra', 'Jansen', 'Kowal', 'Larsen', 'Moreau', 'Nakamura',
  'Osei', 'Petrov', 'Quist', 'Rossi', 'Santos', 'Takahashi', 'Umar', 'Vance', 'Weller', 'Xu', 'Yilmaz', 'Zeller',
  'Abbas', 'Bauer', 'Chowdhury', 'Demir', 'Eriksen', 'Fischer', 'Grant', 'Hale', 'Iqbal', 'Joshi', 'Keller',
]
const FAMILY_TAILS = ['', '', '', 'son', 'ova', 'ez', 'er', 'ini', 'berg', 'ström', 'ley', 'ski', 'ado', 'ari', 'well', 'ton']
const PARTICLES = ['', '', '', '', '', '', '', 'van ', 'de ', 'al-', 'da ', 'von ']

export interface Domain {
  name: string
  /** Bodies: "{P}" is a place. */
  bodies: string[]
  /** Things a figure can be about, with the figure kind. */
  metrics: Array<{noun: string; kind: FigureKind}>
  /** Concrete objects (a dam, a line, a clinic): "{P}" is a place. */
  objects: string[]
  /** Topic words for filler sentences. */
  topics: string[]
  /** Title words. */
  titles: string[]
}

export type FigureKind = 'count' | 'percent' | 'money' | 'length' | 'area' | 'weight' | 'power' | 'duration' | 'rate' | 'volume'

export const DOMAINS: Domain[] = [
  {
    name: 'transit',
    bodies: ['{P} Regional Transit Authority', '{P} City Council', 'Department of Transport', '{P} Ledger', 'State Auditor of {P}'],
    metrics: [
      {noun: 'annual boardings', kind: 'count'}, {noun: 'the fare for a standard adult trip', kind: 'money'},
      {noun: 'the operating budget', kind: 'money'}, {noun: 'the share of costs covered by fares', kind: 'percent'},
      {noun: 'the length of the new light rail segment', kind: 'length'}, {noun: 'the bus fleet', kind: 'count'},
      {noun: 'peak-hour frequency', kind: 'duration'}, {noun: 'the capital backlog', kind: 'money'},
    ],
    objects: ['the {P} Green Line', 'the {P} Crosstown route', 'the {P} congestion charge', 'the {P} bus depot'],
    topics: ['ridership', 'fares', 'congestion', 'service cuts', 'capital projects', 'electric buses', 'commuters', 'the operating reserve'],
    titles: ['Fare Vote', 'Moving {P}', 'Budget Summary', 'Capital Audit', 'Congestion Charge', 'The Last Bus'],
  },
  {
    name: 'energy',
    bodies: ['{P} Grid Operator', '{P} Public Utility Commission', 'Ministry of Energy', '{P} Herald', '{P} Observatory'],
    metrics: [
      {noun: 'customers without power', kind: 'count'}, {noun: 'peak demand', kind: 'power'},
      {noun: 'installed wind capacity', kind: 'power'}, {noun: 'the average household bill', kind: 'money'},
      {noun: 'the outage', kind: 'duration'}, {noun: 'the reserve margin', kind: 'percent'},
      {noun: 'the cost of the storm response', kind: 'money'}, {noun: 'new transmission lines', kind: 'length'},
    ],
    objects: ['the {P} interconnector', 'the {P} gas plant', 'the {P} substation', 'Winter Storm {N}'],
    topics: ['blackouts', 'winterisation', 'tariffs', 'the grid', 'renewables', 'storage', 'demand response', 'price caps'],
    titles: ['Paying for Winter', 'Power Restored', 'Cold Weather Order', 'Storm Review', 'Keeping the Lights On'],
  },
  {
    name: 'water',
    bodies: ['{P} River Authority', '{P} Basin Commission', 'Ministry of Water', '{P} Gazette', '{P} Water Institute'],
    metrics: [
      {noun: 'reservoir storage', kind: 'volume'}, {noun: 'the height of the dam', kind: 'length'},
      {noun: 'irrigated farmland', kind: 'area'}, {noun: 'the share of the river allocated downstream', kind: 'percent'},
      {noun: 'the drought', kind: 'duration'}, {noun: 'households on water restrictions', kind: 'count'},
      {noun: 'the cost of the pipeline', kind: 'money'}, {noun: 'rainfall', kind: 'length'},
    ],
    objects: ['the {P} Dam', 'the {P} aqueduct', 'the {P} treaty', 'the {P} reservoir'],
    topics: ['water sharing', 'drought', 'irrigation', 'allocations', 'groundwater', 'the basin', 'flood defences'],
    titles: ['Water Sharing', 'Drought Update', 'Marks Twenty Years', 'Annual Report', 'A Thirsty Basin'],
  },
  {
    name: 'health',
    bodies: ['{P} Public Health Agency', 'Ministry of Health', '{P} Health Association', '{P} Ledger', '{P} Medical Board'],
    metrics: [
      {noun: 'vaccination coverage among school entrants', kind: 'percent'}, {noun: 'confirmed cases', kind: 'count'},
      {noun: 'the incidence rate', kind: 'rate'}, {noun: 'clinic waiting times', kind: 'duration'},
      {noun: 'the programme budget', kind: 'money'}, {noun: 'hospital admissions', kind: 'count'},
      {noun: 'the exemption rate', kind: 'percent'}, {noun: 'doses administered', kind: 'count'},
    ],
    objects: ['the {P} outbreak', 'the {P} evening clinics', 'the {P} exemption rule', 'the {P} district hospital'],
    topics: ['measles', 'exemptions', 'vaccine uptake', 'outreach', 'school entry', 'hospital capacity', 'surveillance'],
    titles: ['Closing the Exemption Gap', 'Outbreak Over', 'Evening Clinics', 'Coverage Among School Entrants'],
  },
  {
    name: 'fisheries',
    bodies: ['{P} Fisheries Council', '{P} Fishermen Association', 'Ministry of Marine Affairs', '{P} Harbour Gazette'],
    metrics: [
      {noun: 'the herring quota', kind: 'weight'}, {noun: 'the spawning stock', kind: 'weight'},
      {noun: 'the cut in the total allowable catch', kind: 'percent'}, {noun: 'registered vessels', kind: 'count'},
      {noun: 'the closed area', kind: 'area'}, {noun: 'compensation for the fleet', kind: 'money'},
      {noun: 'the closed season', kind: 'duration'}, {noun: 'jobs in processing', kind: 'count'},
    ],
    objects: ['the {P} herring fishery', 'the {P} quota deal', 'the {P} Bank', 'the {P} harbour'],
    topics: ['stock assessment', 'quotas', 'bycatch', 'the fleet', 'processing plants', 'closed areas', 'science advice'],
    titles: ['Cutting the Catch', 'Quota Deal', 'Stock Assessment', 'Statement on the Quota'],
  },
  {
    name: 'broadband',
    bodies: ['{P} County', 'Prairie Institute for Local Government', '{P} Digital Office', '{P} Courier'],
    metrics: [
      {noun: 'households without fixed broadband', kind: 'count'}, {noun: 'the grant', kind: 'money'},
      {noun: 'take-up among connected households', kind: 'percent'}, {noun: 'fibre laid', kind: 'length'},
      {noun: 'the cost per connected household', kind: 'money'}, {noun: 'median download speed', kind: 'rate'},
    ],
    objects: ['the {P} broadband grant', 'the {P} fibre network', 'the {P} voucher scheme'],
    topics: ['the digital divide', 'affordability', 'rural connectivity', 'vouchers', 'take-up', 'providers'],
    titles: ['Connecting the Last Mile', 'Broadband Evaluation', 'The Rural Gap'],
  },
  {
    name: 'security',
    bodies: ['Ministry of Defence', '{P} Institute for Near East Policy', '{P} Security Council', '{P} Foreign Ministry'],
    metrics: [
      {noun: 'the buffer zone', kind: 'length'}, {noun: 'troops deployed', kind: 'count'},
      {noun: 'military aid', kind: 'money'}, {noun: 'the ceasefire', kind: 'duration'},
      {noun: 'displaced people', kind: 'count'}, {noun: 'the share of the budget spent on defence', kind: 'percent'},
    ],
    objects: ['the {P} ceasefire', 'the {P} talks', 'the {P} border', 'the {P} accord'],
    topics: ['deterrence', 'ceasefires', 'militias', 'sanctions', 'arms transfers', 'diplomacy', 'the frontier'],
    titles: ['What to Expect from the {P} Meeting', 'Can {P} Help?', 'The Frontier Question', 'Talks in {P}'],
  },
  {
    name: 'housing',
    bodies: ['{P} Housing Board', 'Ministry of Housing', '{P} Tenants Union', '{P} Chronicle', '{P} Planning Office'],
    metrics: [
      {noun: 'median rent', kind: 'money'}, {noun: 'homes completed', kind: 'count'}, {noun: 'the vacancy rate', kind: 'percent'},
      {noun: 'the waiting list', kind: 'count'}, {noun: 'land released for building', kind: 'area'},
      {noun: 'the housing fund', kind: 'money'}, {noun: 'average time on the waiting list', kind: 'duration'},
    ],
    objects: ['the {P} estate', 'the {P} rent cap', 'the {P} development zone'],
    topics: ['affordability', 'rent control', 'zoning', 'social housing', 'homelessness', 'construction costs'],
    titles: ['Rent and Wages', 'The Housing Gap', 'Building Out', 'Who Gets a Home?'],
  },
]

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** The fixed world all briefs and drafts draw from: built once from a seed. */
export class World {
  readonly places: string[]
  readonly people: string[]
  readonly stormNames: string[]

  constructor(seed = 20261122) {
    const rng = new Rng(seedOf('world', seed))
    const places = new Set<string>()
    for (const h of PLACE_HEADS) for (const t of PLACE_TAILS) places.add(cap(h.toLowerCase() + t))
    this.places = shuffle([...places], rng)
    const people = new Set<string>()
    while (people.size < 6000) {
      const family = rng.pick(PARTICLES) + rng.pick(FAMILY_HEADS) + rng.pick(FAMILY_TAILS)
      people.add(`${rng.pick(GIVEN)} ${family}`)
    }
    this.people = shuffle([...people], rng)
    this.stormNames = ['Ada', 'Bram', 'Corin', 'Delia', 'Evander', 'Freya', 'Gideon', 'Hester', 'Ione', 'Jasper']
  }
}

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}

export {cap}
