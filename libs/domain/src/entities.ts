import { ApiKeyEntity } from './access/api-key.entity.js';
import {
  ActionAlternativeEntity,
  ActionLinkEntity,
  CitationEntity,
  DisciplinaryActionEntity,
} from './actions/action.entities.js';
import { ReportedFigureEntity } from './figures/reported-figure.entity.js';
import { OfficerEntity, OfficerMergeEntity } from './officers/officer.entity.js';
import {
  AgencyEntity,
  ProvinceEntity,
  RankEntity,
  ReasonEntity,
} from './reference/reference.entities.js';
import { SourceEntity } from './sources/source.entity.js';

/** Every entity, as classes (works the same in dist/, jest and the CLI). */
export const ENTITIES = [
  ProvinceEntity,
  RankEntity,
  ReasonEntity,
  AgencyEntity,
  OfficerEntity,
  SourceEntity,
  DisciplinaryActionEntity,
  CitationEntity,
  ActionLinkEntity,
  ActionAlternativeEntity,
  OfficerMergeEntity,
  ReportedFigureEntity,
  ApiKeyEntity,
];
