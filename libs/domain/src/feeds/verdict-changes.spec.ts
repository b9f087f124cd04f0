import { newestFigureEvents, type VerdictAt, type VerdictSource } from './verdict-changes.js';

/** A figure's verdicts by moment (ms): the verdict in force from each listed moment on. */
function source(
  timelines: Record<string, [ms: number, verdict: string][]>,
  remembered = new Map<string, VerdictAt>(),
) {
  const evaluated: string[] = [];
  const at = (figureId: string, ms: number): VerdictAt => {
    const steps = timelines[figureId].filter(([from]) => from <= ms);
    const verdict = steps.length ? steps[steps.length - 1][1] : 'NONE';
    return { verdict, claimed: { min: 1, max: 1 }, recorded: { min: 0, max: 0 }, coverage: null };
  };
  const s: VerdictSource & { evaluated: string[] } = {
    evaluated,
    remembered: (figureId, ms) => remembered.get(`${figureId}@${ms}`),
    evaluate: async (figureId, ms) => {
      evaluated.push(`${figureId}@${ms}`);
      const v = at(figureId, ms);
      remembered.set(`${figureId}@${ms}`, v);
      return v;
    },
  };
  return s;
}

const summary = (events: Awaited<ReturnType<typeof newestFigureEvents>>['events']) =>
  events.map((e) =>
    e.kind === 'recorded'
      ? `${e.figureId} recorded @${e.ms}`
      : `${e.figureId} ${e.before.verdict}->${e.now.verdict} @${e.ms}`,
  );

describe('newestFigureEvents: verdict changes found by walking record-time moments newest first', () => {
  const A = { figureId: 'a', recordedMs: 100, moments: [500, 400, 300, 200] };
  const B = { figureId: 'b', recordedMs: 250, moments: [450, 350] };
  const verdicts = {
    // Under-recorded when recorded, corroborated at 200, contradicted at 300, back at 400 (a retraction), unchanged at 500.
    a: [
      [100, 'UNDER_RECORDED'],
      [200, 'CORROBORATED'],
      [300, 'CONTRADICTED'],
      [400, 'CORROBORATED'],
    ] as [number, string][],
    b: [
      [250, 'UNDER_RECORDED'],
      [350, 'UNDER_RECORDED'],
      [450, 'CORROBORATED'],
    ] as [number, string][],
  };

  it('lists each change (also back and forth) and each recording, newest first, across figures', async () => {
    const found = await newestFigureEvents([A, B], source(verdicts), {
      limit: 50,
      budget: 100,
      perFigure: 100,
    });
    expect(summary(found.events)).toEqual([
      'b UNDER_RECORDED->CORROBORATED @450',
      'a CONTRADICTED->CORROBORATED @400',
      'a CORROBORATED->CONTRADICTED @300',
      'b recorded @250',
      'a UNDER_RECORDED->CORROBORATED @200',
      'a recorded @100',
    ]);
    expect(found).toMatchObject({ complete: true, reachedMs: null });
    // One check per moment and per recording: 5 of a, 3 of b.
    expect(found.evaluations).toBe(8);
  });

  it('stops at `limit` events without looking further', async () => {
    const s = source(verdicts);
    const found = await newestFigureEvents([A, B], s, { limit: 2, budget: 100, perFigure: 100 });
    expect(summary(found.events)).toEqual([
      'b UNDER_RECORDED->CORROBORATED @450',
      'a CONTRADICTED->CORROBORATED @400',
    ]);
    expect(s.evaluated).toEqual(['a@500', 'a@400', 'b@450', 'b@350', 'a@300']);
  });

  it('runs at most `budget` checks; below where it stopped it lists recordings only, and the next walk goes on from what is remembered', async () => {
    const remembered = new Map<string, VerdictAt>();
    const first = await newestFigureEvents([A, B], source(verdicts, remembered), {
      limit: 50,
      budget: 3,
      perFigure: 100,
    });
    expect(first.evaluations).toBe(3);
    expect(first).toMatchObject({ complete: false, reachedMs: 450 });
    expect(summary(first.events)).toEqual(['b recorded @250', 'a recorded @100']);

    const second = await newestFigureEvents([A, B], source(verdicts, remembered), {
      limit: 50,
      budget: 3,
      perFigure: 100,
    });
    expect(second).toMatchObject({ complete: false, reachedMs: 300 });
    expect(summary(second.events)).toEqual([
      'b UNDER_RECORDED->CORROBORATED @450',
      'a CONTRADICTED->CORROBORATED @400',
      'b recorded @250',
      'a recorded @100',
    ]);

    const third = await newestFigureEvents([A, B], source(verdicts, remembered), {
      limit: 50,
      budget: 3,
      perFigure: 100,
    });
    expect(third.complete).toBe(true);
    expect(summary(third.events)).toEqual(
      summary(
        (
          await newestFigureEvents([A, B], source(verdicts), {
            limit: 50,
            budget: 100,
            perFigure: 100,
          })
        ).events,
      ),
    );
  });

  it('looks at `perFigure` moments of each figure; one more only serves as the moment before the oldest', async () => {
    const found = await newestFigureEvents([A], source(verdicts), {
      limit: 50,
      budget: 100,
      perFigure: 2,
    });
    // 500 and 400 are looked at (400 against 300); the change at 300 and at 200 are not.
    expect(summary(found.events)).toEqual(['a CONTRADICTED->CORROBORATED @400', 'a recorded @100']);
    expect(found.complete).toBe(true);
  });
});
