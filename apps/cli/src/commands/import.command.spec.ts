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
