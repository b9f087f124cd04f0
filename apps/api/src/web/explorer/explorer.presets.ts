/**
 * The explorer's example queries (GraphiQL's first tabs and its "Examples" panel). Shared by the
 * browser bundle and the tests, which run every one of them against the API.
 */
export interface ExplorerPreset {
  title: string;
  query: string;
}

export const EXPLORER_PRESETS: readonly ExplorerPreset[] = [
  {
    title: 'Published figures and what they are part of',
    query: `# Published figures and what they are part of
query PublishedFigures {
  reportedFigures(first: 10) {
    edges {
      node {
        value qualifier statedBy statedOn description
        scope { actionTypes reasonCodes from to }
        parent { value qualifier }
        citation { excerpt source { title publisher } }
      }
    }
  }
}
`,
  },
  {
    title: 'Disciplinary actions with officer, rank, province, reasons and sources',
    query: `# Disciplinary actions with officer, rank, province, reasons and sources
query Actions {
  actions(first: 20, filter: { actionTypes: [DISMISSAL] }) {
    totalCount
    edges {
      node {
        actionType occurred occurredFrom occurredTo subjectCount subjectDescription
        officer { fullName } rank { code name } rankText position
        province { code name nameKm } reasons { code label } decidedBy
        citations { excerpt source { title publisher } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    title: 'Checking the published figures against the records',
    query: `# Checking the published figures against the records
query FigureChecks {
  reportedFigures(orderBy: STATED_ON, first: 10) {
    edges {
      node {
        value qualifier description
        check { claimed { min max } recorded { min max } verdict coverage issues { kind message } }
      }
    }
  }
}
`,
  },
  {
    title: 'Tallies and running totals (every count is a range)',
    query: `# Tallies and running totals (every count is a range)
query TalliesAndRunningTotals {
  tally(filter: { actionTypes: [DISMISSAL], from: "2023-11-01", to: "2024-01-23" }, groupBy: [REASON]) {
    count range { min max }
    groups { key { reason { code label } } count range { min max } }
  }
  runningTotals(filter: { actionTypes: [DISMISSAL] }, interval: MONTH) { period count cumulative { min max } }
}
`,
  },
  {
    title: 'Officer name search (tolerant of spelling)',
    query: `# Officer name search (tolerant of spelling)
query OfficerSearch { officers(search: "ratana") { edges { node { id fullName fullNameKm } } } }
`,
  },
  {
    title: 'Reference data',
    query: `# Reference data
query ReferenceData { provinces { code name nameKm } ranks { code name tier order } reasons { code label } }
`,
  },
];

/** The request headers editor's first content: JSONC, so the key line can wait commented out. */
export const EXPLORER_DEFAULT_HEADERS = `{
  // Reading public data needs no key. To write, or to see what your role sees,
  // remove the two slashes below and paste your API key:
  // "Authorization": "Bearer YOUR_API_KEY"
}
`;
