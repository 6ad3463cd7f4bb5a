import {describe, expect, it} from 'vitest'
import {asciiFold, citationKey, familyName, formatReference, isOrganisation, shortAuthor} from '../../server/src/engine/corpus/keys'

describe('citationKey', () => {
  it('uses family name, year and the first title word, keeping "what"', () => {
    const key = citationKey({authors: ['Anna Borshchevskaya'], title: 'What to Expect from the U.S.-Russia Meeting in Jerusalem', date: '2019-06-12'}, new Set())
    expect(key).toBe('borshchevskaya2019what')
  })

  it('skips leading articles only', () => {
    expect(citationKey({authors: ['Lena Marsh'], title: 'The Quiet Harbour Tax', date: '2021'}, new Set())).toBe('marsh2021quiet')
    expect(citationKey({authors: ['Lena Marsh'], title: 'On Tidal Levies', date: '2021'}, new Set())).toBe('marsh2021on')
  })

  it('folds diacritics and drops punctuation', () => {
    expect(citationKey({authors: ['Élodie Ñúñez-Brøndsted'], title: 'Économie côtière', date: '2018-03'}, new Set())).toBe('nunezbrondsted2018economie')
    expect(asciiFold('Straße Œuvre')).toBe('strasseoeuvre')
  })

  it('builds a title key when there is no author', () => {
    expect(citationKey({authors: [], title: 'Can Russia Help Biden Get a Comprehensive Agreement?'}, new Set())).toBe('canrussiahelp')
    expect(citationKey({authors: [], title: 'A Levy on Harbour Freight', date: '2020-01-02'}, new Set())).toBe('levyonharbour2020')
  })

  it('keys an organisation author by its acronym or initials, not by its last word', () => {
    expect(citationKey({authors: ['U.S. Government Accountability Office'], title: 'Harbour Dredging: Costs Rose', date: '2006-02'}, new Set())).toBe('gao2006harbour')
    expect(citationKey({authors: ['Maritime Safety Administration (MSA), DOT'], title: 'Buoy Rules', date: '2020'}, new Set())).toBe('msa2020buoy')
    expect(citationKey({authors: ['NOAA Fisheries Market News'], title: 'Weekly Catch', date: '2017'}, new Set())).toBe('noaa2017weekly')
    expect(citationKey({authors: ['Lena Marsh'], title: 'Quiet Harbour', date: '2021'}, new Set())).toBe('marsh2021quiet')
    expect(isOrganisation('Jane Q. Doe')).toBe(false)
    expect(isOrganisation('DOE, JANE Q')).toBe(false)
    expect(isOrganisation('John Smith III')).toBe(false)
  })

  it('lets a front matter id win verbatim', () => {
    const taken = new Set(['harbour-2020'])
    expect(citationKey({id: 'harbour-2020', authors: ['Lena Marsh'], title: 'X'}, taken)).toBe('harbour-2020')
  })

  it('appends a, b, c on collision and records the key', () => {
    const taken = new Set<string>()
    const meta = {authors: ['Lena Marsh'], title: 'Tidal levies', date: '2021'}
    expect(citationKey(meta, taken)).toBe('marsh2021tidal')
    expect(citationKey(meta, taken)).toBe('marsh2021tidala')
    expect(citationKey(meta, taken)).toBe('marsh2021tidalb')
    expect([...taken]).toEqual(['marsh2021tidal', 'marsh2021tidala', 'marsh2021tidalb'])
  })

  it('handles particles and inverted names', () => {
    expect(citationKey({authors: ['Pieter van der Berg'], title: 'Dikes', date: '2015'}, new Set())).toBe('vanderberg2015dikes')
    expect(citationKey({authors: ['Marsh, Lena'], title: 'Dikes', date: '2015'}, new Set())).toBe('marsh2015dikes')
  })
})

describe('familyName and shortAuthor', () => {
  it.each([
    ['Jane Q. Doe', 'Doe'],
    ['Doe, Jane', 'Doe'],
    ['Jane Van Dyke', 'Van Dyke'],
    ['Ludo de la Cruz', 'de la Cruz'],
    ['Samir al-Masri', 'al-Masri'],
    ['John Smith Jr.', 'Smith'],
    ['Van Morrison', 'Morrison'],
  ])('%s → %s', (name, family) => {
    expect(familyName(name)).toBe(family)
  })

  it('shortens author lists', () => {
    expect(shortAuthor(['Anna Borshchevskaya'])).toBe('Borshchevskaya')
    expect(shortAuthor(['Tom Smith', 'Ada Jones'])).toBe('Smith and Jones')
    expect(shortAuthor(['Jane Van Dyke', 'Ada Jones', 'Bo Li'])).toBe('Van Dyke et al.')
    expect(shortAuthor([])).toBe('')
  })
})

describe('formatReference', () => {
  it('formats everything known', () => {
    expect(
      formatReference({
        authors: ['Lena Marsh'],
        title: 'What a Harbour Levy Would Cost',
        publisher: 'Coastal Policy Forum',
        date: '2019-06-12',
        url: 'https://example.org/levy',
      }),
    ).toBe('Lena Marsh, "What a Harbour Levy Would Cost," Coastal Policy Forum, June 12, 2019, https://example.org/levy')
  })

  it('abbreviates three or more authors and tolerates missing parts', () => {
    expect(formatReference({authors: ['A One', 'B Two', 'C Three'], title: 'Dikes', date: '2020-05'})).toBe('A One et al., "Dikes," May 2020')
    expect(formatReference({authors: ['A One', 'B Two'], title: 'Dikes'})).toBe('A One and B Two, "Dikes"')
    expect(formatReference({authors: [], title: 'Can Levies Work?', date: '2021'})).toBe('"Can Levies Work?" 2021')
    expect(formatReference({authors: [], url: 'https://example.org'})).toBe('https://example.org')
  })
})
