/**
 * Word lists for telling checkable statements from opinion, advice, questions and talk about
 * the brief itself. They are general English (modal verbs, reporting verbs, irregular past
 * forms), never names or topics of any corpus: the checks must generalise to unseen briefs.
 */

/** Verbs that report what a source, person or body said or found: attributions are claims. */
export const REPORTING_VERBS = new Set(
  `said says say stated states state told tells announced announces reported reports report found finds
  find concluded concludes estimated estimates estimate noted notes observed observes wrote writes claimed
  claims argued argues warned warns described describes urged urges agreed agrees acknowledged acknowledges
  admitted admits confirmed confirms denied denies insisted insists suggested suggests showed shows revealed
  reveals indicated indicates judged judges called calls declared declares added adds recommended
  recommends proposed proposes pledged pledges promised promises accused accuses asserted asserts
  testified testifies predicted predicts projected projects measured measures recorded records counted
  counts documented documents identified identifies according`.split(/\s+/),
)

/** Irregular past-tense forms: a past event is checkable. Regular ones end in -ed. */
export const IRREGULAR_PAST = new Set(
  `was were had did made took gave went came became began rose fell grew left met held kept led lost
  paid sent spent stood won wrote told thought brought bought caught fought sought taught built sold
  struck withdrew drew saw knew threw flew hit cut put set shut split spread quit cost hurt let bore
  broke chose froze spoke stole swore tore wore woke drove rode rang sang sank shrank sprang swam ran
  sat lay slid stuck swung hung dug shot fled fed bled bred read heard meant dealt felt slept swept
  wept crept lent bent sent found bound wound ground understood overtook undertook forbade forgave
  forgot overcame undid upheld withheld sped lit fit oversaw underwent`.split(/\s+/),
)

/** Words ending in -ed that are not past forms of a verb. */
export const NOT_PAST_ED = new Set(
  `need needs bed red shed seed feed deed speed breed greed weed hundred kindred sacred naked wicked
  rugged ragged wretched crooked learned aged beloved blessed dogged jagged`.split(/\s+/),
)

/** Modal and advice words: with no attribution they make a recommendation, not a claim. */
export const ADVICE = new Set(`should ought must shall`.split(/\s+/))

/** Hedges that turn a sentence into conjecture when nothing in it is reported or counted. */
export const HEDGES = new Set(
  `perhaps probably possibly arguably likely unlikely presumably seemingly maybe might may could would
  seems seem appears appear`.split(/\s+/),
)

/** First-person words: the writer speaking of their own view or of the brief. */
export const FIRST_PERSON = new Set(`we our us ours ourselves i my me`.split(/\s+/))

/** Nouns by which a brief speaks of itself ("This brief examines ..."). */
export const SELF_NOUNS = new Set(
  `brief note memo memorandum paper essay post piece section chapter article document primer
  explainer commentary newsletter draft appendix annex table figure`.split(/\s+/),
)

/** Phrases of opinion or advice in the writer's voice. Matched on lower-cased text. */
export const OPINION_PHRASES = [
  'in our view',
  'in my view',
  'in our judgment',
  'in our opinion',
  'in my opinion',
  'we recommend',
  'we suggest',
  'we propose',
  'we urge',
  'we believe',
  'we think',
  'we argue',
  'i believe',
  'i think',
  'it is time',
  'it is important',
  'it is essential',
  'it is crucial',
  'it is vital',
  'it would be',
  'it is better',
  'is better than',
  'would do well',
  'need to ',
  'needs to ',
  'have to ',
  'has to ',
  'is worth ',
  'are worth ',
  'let us',
  "let's",
  'hopefully',
]

/** Sentence openers that are rhetorical, not factual. */
export const NON_CLAIM_OPENERS = ['consider ', 'imagine ', 'note that ', 'see ', 'for more ', 'read ']

/** Function words that never signal a named entity when capitalised at a clause start. */
export const CAPITALISED_FUNCTION_WORDS = new Set(
  `the a an this that these those it its in on at of for from by with as and but or nor so yet if when
  while after before since during although though because where which who whom whose what how why
  there here then than both each every all some any many most more few several such no not one two
  three four five six seven eight nine ten among between across against despite under over within
  without into onto upon about above below around through throughout until unless whether once
  however moreover meanwhile nevertheless still also even only just like unlike according`.split(/\s+/),
)
