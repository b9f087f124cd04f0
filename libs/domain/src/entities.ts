import { ApiKeyEntity } from './access/api-key.entity.js';
import { CitationEntity, DisciplinaryActionEntity } from './actions/action.entities.js';
import { ReportedFigureEntity } from './figures/reported-figure.entity.js';
import { OfficerEntity } from './officers/officer.entity.js';
import { ProvinceEntity, RankEntity, ReasonEntity } from './reference/reference.entities.js';
import { SourceEntity } from './sources/source.entity.js';

/** Every entity, as classes (works the same in dist/, jest and the CLI). */
export const ENTITIES = [
  ProvinceEntity,
  RankEntity,
  ReasonEntity,
  OfficerEntity,
  SourceEntity,
  DisciplinaryActionEntity,
  CitationEntity,
  ReportedFigureEntity,
  ApiKeyEntity,
];
