import { SourceEntity } from '../sources/source.entity.js';
import { SOURCES } from '../sources/source.repository.js';
import { visibilityOf } from '../access/visibility.js';
import type { Viewer } from './viewer.js';

describe('EntityTable.fromRow (entities built from rows without running their constructor)', () => {
  it('makes an entity of the row columns it knows: dates as Date, bigints as strings, nulls kept, other keys left out', () => {
    const e = SOURCES.fromRow({
      id: 's1',
      seq: 42,
      title: 'Report',
      url: null,
      confidential: false,
      created_at: '2024-01-23T10:00:00.000Z',
      recorded_by: 'admin',
      change_seq: '7',
      part_extra: 'not a column',
    });
    expect(e).toBeInstanceOf(SourceEntity);
    expect({ ...e }).toEqual({
      id: 's1',
      seq: '42',
      title: 'Report',
      url: null,
      confidential: false,
      createdAt: new Date('2024-01-23T10:00:00.000Z'),
      recordedBy: 'admin',
      changeSeq: '7',
    });
    // A partial row makes a partial entity: what it did not bring reads undefined, not null.
    expect(e.publisher).toBeUndefined();
    expect(e.notes).toBeUndefined();
    expect(Object.keys(e)).not.toContain('part_extra');
  });

  it('reads JSON rows keyed by column (jsonSql) the same way', () => {
    const e = SOURCES.fromRow({
      id: 's2',
      published_on: '2024-01-23',
      archive_url: 'https://a.example',
    });
    expect({ ...e }).toEqual({
      id: 's2',
      publishedOn: '2024-01-23',
      archiveUrl: 'https://a.example',
    });
  });
});

describe("VisibilityPolicy.source and citation (redact the mapper's fresh object in place)", () => {
  const confidential = () => ({
    title: 'Memo',
    publisher: 'Ministry',
    url: 'https://m.example',
    publishedOn: '2024-01-01',
    archiveUrl: null,
    accessedOn: null,
    notes: 'from a witness',
    confidential: true,
    kind: 'DOCUMENT',
  });
  const roles: [Viewer['role'], boolean][] = [
    ['ANONYMOUS', false],
    ['READER', false],
    ['EDITOR', true],
    ['ADMIN', true],
  ];
  for (const [role, seesAll] of roles) {
    it(`${role}: ${seesAll ? 'sees' : 'does not see'} what identifies a confidential source or quotes it`, () => {
      const policy = visibilityOf({ role });
      const s = policy.source(confidential());
      const c = policy.citation({ excerpt: 'words', locator: 'p. 2' }, { confidential: true });
      if (seesAll) {
        expect(s).toEqual({ ...confidential(), redacted: false });
        expect(c).toEqual({ excerpt: 'words', locator: 'p. 2' });
      } else {
        expect(s).toEqual({
          ...confidential(),
          title: null,
          publisher: null,
          url: null,
          publishedOn: null,
          archiveUrl: null,
          accessedOn: null,
          notes: null,
          redacted: true,
        });
        expect(c).toEqual({ excerpt: null, locator: null });
      }
      // A source that is not confidential is shown whole to everyone.
      expect(policy.source({ ...confidential(), confidential: false })).toEqual({
        ...confidential(),
        confidential: false,
        redacted: false,
      });
      expect(policy.citation({ excerpt: 'w', locator: null }, { confidential: false })).toEqual({
        excerpt: 'w',
        locator: null,
      });
    });
  }
});
