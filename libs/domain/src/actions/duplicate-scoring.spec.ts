import {
  jaroWinkler,
  nameKey,
  romaniseKhmer,
  scoreActionPair,
  scoreOfficerPair,
  spellingSimilarity,
  type ScoredAction,
} from './duplicate-scoring.js';

const action = (o: Partial<ScoredAction>): ScoredAction => ({
  id: 'x',
  actionType: 'DISMISSAL',
  officerId: 'o1',
  names: ['Chea Sophal'],
  subjectCount: 1,
  subjectDescription: null,
  provinceCode: 'KH-12',
  occurredFrom: '2024-03-15',
  occurredTo: '2024-03-15',
  sourceIds: ['s1'],
  ...o,
});

describe('duplicate scoring', () => {
  it.each([
    ['Sôk, Dara', 'dara sok'],
    ['DARA  sok', 'dara sok'],
    ['សុខ ដារ៉ា', 'dara sokh'],
  ])('nameKey(%s) = %s', (name, key) => expect(nameKey(name)).toBe(key));

  it('romanises Khmer letters and drops signs', () => expect(romaniseKhmer('ហេង')).toBe('heng'));

  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['abc', 'xyz', 0],
  ])('jaroWinkler(%s, %s) = %d', (a, b, s) => expect(jaroWinkler(a, b)).toBeCloseTo(s, 3));

  it.each([
    ['Sok Dara', 'Dara Sok', 1],
    ['Chea Sophal', 'Chear Sophal', 0.98],
    ['Sok Dara', 'Sok Vuthy', 0.5],
  ])('spellingSimilarity(%s, %s) = %d', (a, b, s) =>
    expect(spellingSimilarity(a, b)).toBeCloseTo(s, 2),
  );

  it.each([
    ['the same officer, everything shared', {}, {}, 1],
    ['spelling variant, everything shared', {}, { officerId: 'o2', names: ['Chear Sophal'] }, 0.93],
    // Under the default minScore (0.7), though similar given names come close.
    ['look-alike, everything shared', {}, { officerId: 'o2', names: ['Chea Bopha'] }, 0.689],
    ['look-alike, other given name', {}, { officerId: 'o2', names: ['Chea Vuthy'] }, null],
    ['another type', {}, { actionType: 'SUSPENSION' }, null],
    ['dates apart', {}, { occurredFrom: '2024-03-16', occurredTo: '2024-03-16' }, null],
    ['another province', {}, { provinceCode: 'KH-17' }, null],
    ['unknown province, no shared source', {}, { provinceCode: null, sourceIds: [] }, 0.888],
  ])('%s', (_what, a, b, score) => {
    const scored = scoreActionPair(action(a), action({ id: 'y', ...b }));
    expect(scored?.score ?? null).toBe(score);
  });

  it('matches officers through a Khmer name', () => {
    expect(
      scoreOfficerPair(
        { fullName: 'Heng Piseth', fullNameKm: 'ហេង ពិសិដ្ឋ', aliases: [] },
        { fullName: 'ហេង ពិសិដ្ឋ', fullNameKm: null, aliases: [] },
      ),
    ).toEqual({
      score: 1,
      reasons: [
        'the same name: "ហេង ពិសិដ្ឋ" and "ហេង ពិសិដ្ឋ"',
        'matched through a Khmer name or an alias',
      ],
    });
  });
});
