import { CreateRecordTables1764158400000 } from './1764158400000-CreateRecordTables.js';
import { SeedReferenceData1764158400001 } from './1764158400001-SeedReferenceData.js';
import { AddActionPeriodKeys1764158400100 } from './1764158400100-AddActionPeriodKeys.js';
import { CreateChangeLog1764158400200 } from './1764158400200-CreateChangeLog.js';
import { VersionRecordTables1764158400300 } from './1764158400300-VersionRecordTables.js';
import { WidenQualifiedDates1764158400400 } from './1764158400400-WidenQualifiedDates.js';
import { CreateAgencies1764158400500 } from './1764158400500-CreateAgencies.js';
import { CreateActionLinks1764158400700 } from './1764158400700-CreateActionLinks.js';
import { CreateDuplicateCandidates1764158400800 } from './1764158400800-CreateDuplicateCandidates.js';
import { OfficerMerges1764158400820 } from './1764158400820-OfficerMerges.js';
import { CreateActionAlternatives1764158400900 } from './1764158400900-CreateActionAlternatives.js';
import { AddFigureRepeats1764158400950 } from './1764158400950-AddFigureRepeats.js';
import { NearestNameAndCaseIndexes1764158400960 } from './1764158400960-NearestNameAndCaseIndexes.js';
import { DuplicateScoringIndexes1764158400970 } from './1764158400970-DuplicateScoringIndexes.js';
import { CompiledHistoryTriggers1764158400980 } from './1764158400980-CompiledHistoryTriggers.js';
import { ImportSkipsRedundantTriggers1764158400990 } from './1764158400990-ImportSkipsRedundantTriggers.js';

/** Every migration, in order. Listed as classes so the same list works in dist/, jest and the CLI. */
export const MIGRATIONS = [
  CreateRecordTables1764158400000,
  SeedReferenceData1764158400001,
  AddActionPeriodKeys1764158400100,
  CreateChangeLog1764158400200,
  VersionRecordTables1764158400300,
  WidenQualifiedDates1764158400400,
  CreateAgencies1764158400500,
  CreateActionLinks1764158400700,
  CreateDuplicateCandidates1764158400800,
  OfficerMerges1764158400820,
  CreateActionAlternatives1764158400900,
  AddFigureRepeats1764158400950,
  NearestNameAndCaseIndexes1764158400960,
  DuplicateScoringIndexes1764158400970,
  CompiledHistoryTriggers1764158400980,
  ImportSkipsRedundantTriggers1764158400990,
];
