import type { ImportReport } from '@app/domain';
import {
  BAR_TEXT_WIDTH,
  barSize,
  importSummary,
  problemLines,
  timeLeft,
} from './import.command.js';

describe('the import bar: the time left', () => {
  it.each([
    [0, 0, 'estimating'],
    [0, 30, 'estimating'],
    [0.004, 10, 'estimating'],
    [0.5, 0.5, 'estimating'],
    [0.5, 10, '10s left'],
    [0.25, 10, '30s left'],
    [0.1, 10, '1m30s left'],
    [0.01, 60, '1h39m left'],
    [0.999, 100, '1s left'],
    [1, 100, 'done'],
  ])('%s of the work done in %s s: %s', (fraction, seconds, expected) => {
    expect(timeLeft(fraction, seconds)).toBe(expected);
  });
});

describe('the import bar: its width', () => {
  it.each([
    [undefined, 14],
    [0, 14],
    [80, 14],
    [60, 0],
    [100, 34],
    [200, 40],
  ])('a terminal %s columns wide: a bar of %s', (columns, expected) => {
    expect(barSize(columns)).toBe(expected);
    // The line (the bar and its text at their widest) leaves the last column free.
    if (columns && columns >= BAR_TEXT_WIDTH + 1)
      expect(expected + BAR_TEXT_WIDTH).toBeLessThanOrEqual(columns - 1);
  });
});

describe('the import summary on a terminal', () => {
  const report = (over: Partial<ImportReport> = {}): ImportReport => ({
    dryRun: false,
    rows: 3,
    created: 2,
    updated: 1,
    unchanged: 0,
    officers: [],
    officerMatch: { mode: 'exact', matched: 1, created: 2, ambiguous: 1, ambiguousOfficers: [] },
    sources: [
      { title: 'A', publisher: 'P', url: null, id: 's1', created: true },
      { title: 'B', publisher: 'P', url: null, id: 's2', created: false },
    ],
    actions: [],
    phases: [
      { phase: 'reading', ms: 1250 },
      { phase: 'matching', ms: 40 },
    ],
    ignoredColumns: [],
    listLimit: 1000,
    likelyDuplicates: [
      { row: 2, actionId: 'a', duplicateOfId: 'b', score: 0.9 },
      { row: 2, actionId: 'a', duplicateOfId: 'c', score: 0.8 },
      { row: 3, actionId: 'd', duplicateOfId: 'e', score: 0.75 },
    ],
    likelyDuplicatesChecked: 2,
    ...over,
  });

  it('says what the report says, in a few lines', () => {
    expect(importSummary(report()).split('\n')).toEqual([
      'Officers (names matched exact): 1 matched, 2 created, 1 ambiguous',
      'Sources: 2, 1 created',
      'Likely duplicates: 3 (rows 2, 3) among the first 2 created actions checked; actionDuplicateCandidates lists them all',
      'Took 1.3 s: reading 1.3 s, matching 40 ms',
      'The full report (each row and its action) is JSON: add --json, or redirect the output to a file.',
      '',
    ]);
  });

  it('says when a list stopped at its limit, and that a dry run checks no duplicates', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      title: `T${i}`,
      publisher: 'P',
      url: null,
      id: `s${i}`,
      created: true,
    }));
    const text = importSummary(
      report({ dryRun: true, sources: many, ignoredColumns: ['created_at', 'counts_as'] }),
    );
    expect(text).toContain('Sources: at least 1000, at least 1000 created');
    // Of a list cut at its limit, the created ones counted are a floor too.
    const some = many.map((x, i) => ({ ...x, created: i < 400 }));
    expect(importSummary(report({ sources: some }))).toContain(
      'Sources: at least 1000, at least 400 created',
    );
    expect(text).toContain('Likely duplicates: not checked on a dry run');
    expect(text).toContain('Columns not read (derived or managed here): created_at, counts_as');
  });

  it('says when nothing was created to check for duplicates, or nothing was checked in time', () => {
    expect(
      importSummary(report({ created: 0, likelyDuplicates: [], likelyDuplicatesChecked: 0 })),
    ).toContain('Likely duplicates: none (no action was created)\n');
    expect(
      importSummary(report({ created: 5, likelyDuplicates: [], likelyDuplicatesChecked: 0 })),
    ).toContain('Likely duplicates: not checked in time: actionDuplicateCandidates lists them\n');
    const many = Array.from({ length: 12 }, (_, i) => ({
      row: i + 1,
      actionId: `a${i}`,
      duplicateOfId: `b${i}`,
      score: 0.8,
    }));
    expect(importSummary(report({ likelyDuplicates: many }))).toContain(
      'Likely duplicates: 12 (rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...) among',
    );
  });

  it("lists a refused file's problems one a line, with their place when they have one", () => {
    expect(
      problemLines([
        { row: 1, line: 2, column: 1, columnName: 'action_type', message: 'Unknown type FIRED' },
        { message: 'The file has no rows' },
      ]),
    ).toBe('row 1, line 2, column 1 (action_type): Unknown type FIRED\nThe file has no rows\n');
  });
});
