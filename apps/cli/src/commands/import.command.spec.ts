import { timeLeft } from './import.command.js';

describe('the import bar: the time left', () => {
  it.each([
    [0, 0, 'estimating the time left'],
    [0, 30, 'estimating the time left'],
    [0.004, 10, 'estimating the time left'],
    [0.5, 0.5, 'estimating the time left'],
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
