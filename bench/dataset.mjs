// Deterministic synthetic records for the benchmark (seeded PRNG: the same --rows gives the same data).
// Skew as in the real data: most actions in a few provinces and campaign months; ~30 % with month or
// year precision; ~5 % group actions (unnamed, several people); a quarter with several reasons.

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const cumulative = [];
  let acc = 0;
  for (const [v, w] of pairs) cumulative.push([v, (acc += w / total)]);
  return (r) => {
    const x = r();
    for (const [v, c] of cumulative) if (x < c) return v;
    return cumulative[cumulative.length - 1][0];
  };
}

const PROVINCES = Array.from({ length: 25 }, (_, i) => `KH-${i + 1}`);
// Phnom Penh, Siem Reap, Battambang, Kandal, Preah Sihanouk hold ~70 %; 5 % national/unknown.
const provinceOf = weighted([
  ['KH-12', 30],
  ['KH-17', 14],
  ['KH-2', 10],
  ['KH-8', 9],
  ['KH-18', 7],
  [null, 5],
  ...PROVINCES.filter((p) => !['KH-12', 'KH-17', 'KH-2', 'KH-8', 'KH-18'].includes(p)).map((p) => [
    p,
    25 / 20,
  ]),
]);
const actionTypeOf = weighted([
  ['DISMISSAL', 35],
  ['SUSPENSION', 20],
  ['DEMOTION', 10],
  ['REMOVAL_FROM_POST', 10],
  ['TRANSFER', 9],
  ['SALARY_CUT', 5],
  ['WARNING', 5],
  ['PROPOSED_DISMISSAL', 4],
  ['REINSTATEMENT', 2],
]);
const REASONS = [
  ['DRUG_POSITIVE_TEST', 40],
  ['INTERNAL_REGULATION_VIOLATION', 20],
  ['CORRUPTION', 12],
  ['ABUSE_OF_POWER', 8],
  ['ABSENCE', 6],
  ['DRUG_TRAFFICKING', 5],
  ['CRIMINAL_OFFENCE', 5],
  ['UNSPECIFIED', 4],
];
const reasonOf = weighted(REASONS);
const RANKS = [
  ['GEN', 0.2],
  ['LT_GEN', 0.5],
  ['MAJ_GEN', 1],
  ['BRIG_GEN', 2],
  ['COL', 5],
  ['LT_COL', 8],
  ['MAJ', 10],
  ['CAPT', 12],
  ['LT', 12],
  ['SECOND_LT', 10],
  ['NCO', 15],
  ['ENLISTED', 14],
  [null, 10],
];
const rankOf = weighted(RANKS);
const RANK_TEXT = {
  GEN: 'General',
  LT_GEN: 'Lt Gen',
  MAJ_GEN: 'Maj Gen',
  BRIG_GEN: 'Brig-Gen',
  COL: 'Col',
  LT_COL: 'Lt-Col',
  MAJ: 'Major',
  CAPT: 'Captain',
  LT: '1st Lt',
  SECOND_LT: '2nd Lt',
  NCO: 'Sergeant',
  ENLISTED: 'Police agent',
};
// 2015..2025, growing towards recent years.
const yearOf = weighted(Array.from({ length: 11 }, (_, i) => [2015 + i, 1 + i * i * 0.4]));
// Campaign months get a fifth of all actions.
const CAMPAIGNS = [
  [2024, 3],
  [2024, 4],
  [2023, 11],
  [2025, 1],
];
const POSITIONS = [
  'Traffic police',
  'Commune police post',
  'District inspectorate',
  'Provincial commissariat',
  'Border police',
  'Anti-drug unit',
];
const DECIDERS = [
  'Ministry of Interior',
  'National Police Commissioner',
  'Provincial Police Commissioner',
  null,
];
const FIRST = [
  'Sok',
  'Chan',
  'Vann',
  'Heng',
  'Kim',
  'Srey',
  'Dara',
  'Bopha',
  'Rith',
  'Sophal',
  'Visal',
  'Piseth',
  'Ratha',
  'Sovann',
  'Chea',
];
const LAST = [
  'Sopheap',
  'Vuthy',
  'Nary',
  'Pov',
  'Samnang',
  'Kosal',
  'Phirun',
  'Sambath',
  'Thida',
  'Veasna',
  'Chanthou',
  'Rotha',
];

const pad = (n) => String(n).padStart(2, '0');
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function uuid(r) {
  const h = [];
  for (let i = 0; i < 4; i++)
    h.push(
      Math.floor(r() * 4294967296)
        .toString(16)
        .padStart(8, '0'),
    );
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[parseInt(s[16], 16) & 3]}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export function sizes(rows) {
  return {
    officers: Math.max(500, Math.floor(rows / 4)),
    sources: Math.max(100, Math.floor(rows / 50)),
  };
}

export function officerName(k) {
  return `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]} ${k}`;
}

export function* officers(n, seed = 1) {
  const r = prng(seed * 7919);
  for (let k = 0; k < n; k++) {
    const name = officerName(k);
    yield { id: uuid(r), fullName: name, fullNameKm: k % 3 === 0 ? `ឈ្មោះ ${k}` : null };
  }
}

export function* sources(n, seed = 1) {
  const r = prng(seed * 104729);
  const publishers = [
    'Khmer Times',
    'CamboJA News',
    'Fresh News',
    'Phnom Penh Post',
    'National Police',
    'Ministry of Interior',
  ];
  for (let k = 0; k < n; k++) {
    const publisher = publishers[k % publishers.length];
    yield {
      id: uuid(r),
      title: `${publisher} report ${k}`,
      publisher,
      // A fifth have no address (a printed statement).
      url: k % 5 === 4 ? null : `https://example.org/${seed}/${k}`,
      kind: k % 6 === 4 ? 'OFFICIAL_STATEMENT' : 'NEWS_ARTICLE',
      confidential: k % 97 === 0,
    };
  }
}

/**
 * Actions with their reasons and citations. `officerIds`/`sourceIds` are arrays of ids (or of
 * indexes when given as numbers, for the CSV): the generator only picks positions in them.
 */
export function* actions(n, { seed = 1, nOfficers, nSources, prefix = 'bench' }) {
  const r = prng(seed);
  for (let i = 1; i <= n; i++) {
    const id = uuid(r);
    const kind = r();
    const group = kind < 0.05;
    const unnamed = !group && kind < 0.13;
    // A Zipf-like officer choice: a few officers with many actions.
    const officer = group || unnamed ? null : Math.floor(Math.pow(r(), 1.6) * nOfficers);
    const subjectCount = group ? 2 + Math.floor(r() * 29) : 1;
    let year;
    let month;
    if (r() < 0.2) [year, month] = CAMPAIGNS[Math.floor(r() * CAMPAIGNS.length)];
    else {
      year = yearOf(r);
      month = 1 + Math.floor(r() * 12);
    }
    const day = 1 + Math.floor(r() * daysIn(year, month));
    const p = r();
    let occurred, from, to;
    if (p < 0.68) {
      occurred = from = to = `${year}-${pad(month)}-${pad(day)}`;
    } else if (p < 0.9) {
      occurred = `${year}-${pad(month)}`;
      from = `${occurred}-01`;
      to = `${occurred}-${pad(daysIn(year, month))}`;
    } else if (p < 0.98) {
      occurred = `${year}`;
      from = `${year}-01-01`;
      to = `${year}-12-31`;
    } else {
      // A range across a month boundary ("between November and January").
      const m2 = month === 12 ? 1 : month + 1;
      const y2 = month === 12 ? year + 1 : year;
      from = `${year}-${pad(month)}-${pad(day)}`;
      to = `${y2}-${pad(m2)}-${pad(Math.min(day, daysIn(y2, m2)))}`;
      occurred = `${from}/${to}`;
    }
    const reasons = [reasonOf(r)];
    const extra = r();
    if (extra < 0.25) {
      for (let k = 0; k < (extra < 0.05 ? 2 : 1); k++) {
        const c = reasonOf(r);
        if (!reasons.includes(c)) reasons.push(c);
      }
    }
    reasons.sort();
    const nc = r() < 0.75 ? 1 : r() < 0.8 ? 2 : 3;
    const citations = [];
    for (let k = 0; k < nc; k++) {
      const s = Math.floor(Math.pow(r(), 1.3) * nSources);
      if (citations.some((c) => c.source === s)) continue;
      citations.push({
        source: s,
        excerpt: `"${subjectCount > 1 ? `${subjectCount} officers` : 'The officer'} was disciplined" (${prefix} ${i}.${k})`,
        locator: r() < 0.3 ? `p. ${1 + Math.floor(r() * 12)}` : null,
      });
    }
    const rank = group ? null : rankOf(r);
    yield {
      id,
      externalId: `${prefix}-${i}`,
      actionType: actionTypeOf(r),
      officer,
      subjectCount,
      subjectDescription: group
        ? `${subjectCount} officers of the ${POSITIONS[i % POSITIONS.length].toLowerCase()}`
        : unnamed
          ? 'An unnamed officer'
          : null,
      rankCode: rank,
      rankText: rank ? RANK_TEXT[rank] : null,
      position: POSITIONS[Math.floor(r() * POSITIONS.length)],
      provinceCode: provinceOf(r),
      reasonDetail: r() < 0.3 ? 'Tested positive for methamphetamine' : null,
      occurred,
      from,
      to,
      decidedBy: DECIDERS[Math.floor(r() * DECIDERS.length)],
      visibility: r() < 0.02 ? 'INTERNAL' : 'PUBLIC',
      retracted: r() < 0.005,
      reasons,
      citations,
    };
  }
}

/** COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyField(v) {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}
export const copyLine = (values) => values.map(copyField).join('\t') + '\n';

/** CSV (RFC 4180) field. */
export function csvField(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
