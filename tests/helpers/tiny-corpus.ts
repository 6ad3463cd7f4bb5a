import {corpusOf} from './engine'

/**
 * A tiny invented corpus (a dam project on a fictional river) used by check tests: two
 * sources that disagree on the dam's height, one with an explicit key, one scraped page.
 */
export const tinyCorpus = () =>
  corpusOf({
    'basin-authority.md': [
      '---',
      'id: basin2021dam',
      'title: "The Orrin Dam: Costs and Schedule"',
      'author: Mara Quint',
      'date: 2021-03-04',
      'publisher: Orrin Basin Authority',
      'url: https://basin.example.org/orrin-dam',
      '---',
      '',
      'The Orrin Dam will stand 120 metres tall and hold back a reservoir of 14 square kilometres.',
      '',
      'Construction began in May 2019 and is scheduled to take four years.',
      '',
      'The authority put the total cost at $2.4 billion, with 3,200 workers on site at the peak.',
      '',
      'The minister said the dam would "end the cycle of floods and droughts in the valley."',
    ].join('\n'),
    'river-monitor.md': [
      '---',
      'title: "Orrin Dam Review"',
      'authors: [Tom Ekwe, Lia Brandt]',
      'date: 2022-08-15',
      '---',
      '',
      'Engineers now expect the Orrin Dam to stand 135 metres tall once the spillway is raised.',
      '',
      'The reservoir will displace about 1,800 residents of the valley.',
    ].join('\n'),
  })
