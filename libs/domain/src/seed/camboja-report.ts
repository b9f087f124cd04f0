/**
 * The first data: CamboJA's January 2024 report on the Interior Ministry's dismissals of police
 * officers (DOMAIN.md §5, shared/reference/camboja-2024-01-police-dismissals.txt). Facts and short
 * supporting excerpts only, with the citation, never the whole text.
 */
export const CAMBOJA_SOURCE = {
  title: 'Some 70 Police Officers Dismissed For Drug Abuse, Internal Offenses Under New Government',
  publisher: 'CamboJA (Cambodian Journalists Alliance Association)',
  url: null,
  publishedOn: null,
  language: 'en',
  kind: 'NEWS_ARTICLE' as const,
  archiveUrl: null,
  accessedOn: null,
  confidential: false,
  notes:
    'Published in late January 2024; its figures are "as of January 23". The original address was not recorded.',
};

const EXCERPT_70 =
  'As of January 23, the Interior Ministry has dismissed about 70 police officials across the country since a crackdown on various criminal offenses within the police force including drug abuse began in November last year.';
const EXCERPT_PARTS =
  'Sokhak confirmed that out of the 70 dismissals, 40 officials tested positive for drugs and the rest were found to have violated internal regulations.';
const EXCERPT_LATEST =
  'In the latest dismissal, Interior Minister Sar Sokha fired Lieutenant Colonel Nath Ratana, Prey Veng provincial police for alleged wrongdoing.';
const EXCERPT_PRECEDED =
  'This was preceded by the sacking of Brigadier-General Suon Tosit, who was deputy director of the Administration Office of Drug Crimes of the National Police, last December, as well as 10 other Phnom Penh police officers.';

export const CAMBOJA_OFFICERS = {
  nathRatana: {
    fullName: 'Nath Ratana',
    aliases: [],
    notes: 'Lieutenant Colonel, Prey Veng provincial police (January 2024).',
  },
  suonTosit: {
    fullName: 'Suon Tosit',
    aliases: [],
    notes:
      'Brigadier General; deputy director of the Administration Office of Drug Crimes of the National Police (until December 2023).',
  },
};

export const CAMBOJA_ACTIONS = [
  {
    externalId: 'camboja-2024-01/nath-ratana',
    officer: 'nathRatana' as const,
    actionType: 'DISMISSAL' as const,
    rankCode: 'LT_COL',
    rankText: 'Lieutenant Colonel',
    position: 'Prey Veng provincial police',
    provinceCode: 'KH-14',
    // "Prey Veng provincial police": the Prey Veng Provincial Police Commissariat.
    agencyCode: 'KH_NP_PROV_14',
    reasonCodes: ['UNSPECIFIED'],
    reasonDetail: 'for alleged wrongdoing',
    // "the latest dismissal" as of 23 January 2024: some day of January up to the 23rd.
    occurred: '2024-01/2024-01-23',
    decidedBy: 'Interior Minister Sar Sokha',
    excerpt: EXCERPT_LATEST,
    subjectCount: 1,
    subjectDescription: null,
  },
  {
    externalId: 'camboja-2024-01/suon-tosit',
    officer: 'suonTosit' as const,
    actionType: 'DISMISSAL' as const,
    rankCode: 'BRIG_GEN',
    rankText: 'Brigadier-General',
    position: 'deputy director of the Administration Office of Drug Crimes of the National Police',
    provinceCode: null,
    // "of the National Police": its Administration Office of Drug Crimes is probably an office of the
    // Anti-Drug Department (KH_NP_ANTI_DRUG), but no source confirms it (reference/README.md).
    agencyCode: 'KH_NP',
    reasonCodes: ['UNSPECIFIED'],
    reasonDetail: null,
    occurred: '2023-12',
    decidedBy: 'Interior Ministry',
    excerpt: EXCERPT_PRECEDED,
    subjectCount: 1,
    subjectDescription: null,
  },
  {
    externalId: 'camboja-2024-01/phnom-penh-10',
    officer: null,
    actionType: 'DISMISSAL' as const,
    rankCode: null,
    rankText: null,
    position: null,
    provinceCode: 'KH-12',
    // "Phnom Penh police officers": the Phnom Penh Municipal Police Commissariat.
    agencyCode: 'KH_NP_PP',
    reasonCodes: ['UNSPECIFIED'],
    reasonDetail: null,
    // Within the campaign: from November 2023 to the report's "as of" day.
    occurred: '2023-11/2024-01-23',
    decidedBy: 'Interior Ministry',
    excerpt: EXCERPT_PRECEDED,
    subjectCount: 10,
    subjectDescription: '10 other Phnom Penh police officers',
  },
];

const SCOPE_PERIOD = { from: '2023-11-01', to: '2024-01-23' };
const STATED_BY = 'Interior Ministry (spokesperson Touch Sokhak)';

export const CAMBOJA_FIGURES = {
  total: {
    value: 70,
    qualifier: 'ABOUT' as const,
    scope: { actionTypes: ['DISMISSAL' as const], ...SCOPE_PERIOD },
    statedBy: STATED_BY,
    statedOn: '2024-01-23',
    excerpt: EXCERPT_70,
    partsAreExhaustive: true,
    description:
      'Police officials dismissed since the crackdown began in November 2023, as of 23 January 2024',
  },
  drugPositive: {
    value: 40,
    qualifier: 'EXACT' as const,
    scope: {
      actionTypes: ['DISMISSAL' as const],
      reasonCodes: ['DRUG_POSITIVE_TEST'],
      ...SCOPE_PERIOD,
    },
    statedBy: STATED_BY,
    statedOn: '2024-01-23',
    excerpt: EXCERPT_PARTS,
    partsAreExhaustive: false,
    description: 'Of the 70 dismissed, those who tested positive for drugs',
  },
  internalViolations: {
    value: 30,
    qualifier: 'ABOUT' as const,
    scope: {
      actionTypes: ['DISMISSAL' as const],
      reasonCodes: ['INTERNAL_REGULATION_VIOLATION'],
      ...SCOPE_PERIOD,
    },
    statedBy: STATED_BY,
    statedOn: '2024-01-23',
    excerpt: EXCERPT_PARTS,
    partsAreExhaustive: false,
    description:
      'Of the 70 dismissed, "the rest": those found to have violated internal regulations',
  },
};
