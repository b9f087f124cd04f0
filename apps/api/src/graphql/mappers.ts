import {
  dateQualifierOf,
  visibilityOf,
  type DisciplinaryActionEntity,
  type OfficerEntity,
  type ReportedFigureEntity,
  type SourceEntity,
  type Viewer,
} from '@app/domain';
import type { Officer } from './models/officer.model.js';
import type { Citation, Source } from './models/source.model.js';
import type { DisciplinaryAction } from './models/action.model.js';
import type { ReportedFigure } from './models/figure.model.js';

/** Pure conversions from entities to GraphQL models; confidential fields are withheld here. */
export function toOfficer(e: OfficerEntity): Officer {
  return {
    id: e.id,
    fullName: e.fullName,
    fullNameKm: e.fullNameKm,
    aliases: e.aliases,
    gender: e.gender,
    notes: e.notes,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}

/** A source as this caller may see it (the visibility policy withholds a confidential one's identifying fields). */
export function toSource(e: SourceEntity, viewer: Viewer): Source {
  return visibilityOf(viewer).source({
    id: e.id,
    title: e.title,
    publisher: e.publisher,
    url: e.url,
    publishedOn: e.publishedOn,
    archiveUrl: e.archiveUrl,
    accessedOn: e.accessedOn,
    notes: e.notes,
    confidential: e.confidential,
    language: e.language,
    kind: e.kind,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  }) as Source;
}

/** A citation of a source as this caller may see it. */
export function toCitation(
  source: SourceEntity,
  excerpt: string | null,
  locator: string | null,
  viewer: Viewer,
): Citation {
  return visibilityOf(viewer).citation(
    { source: toSource(source, viewer), excerpt, locator },
    source,
  );
}

export function toAction(e: DisciplinaryActionEntity): DisciplinaryAction {
  return {
    id: e.id,
    actionType: e.actionType,
    officerId: e.officerId,
    subjectCount: e.subjectCount,
    subjectDescription: e.subjectDescription,
    rankCode: e.rankCode,
    rankText: e.rankText,
    position: e.position,
    provinceCode: e.provinceCode,
    agencyCode: e.agencyCode,
    reasonCodes: e.reasonCodes,
    reasonCounts: e.reasonCounts,
    reasonDetail: e.reasonDetail,
    occurred: e.occurred,
    occurredQualifier: e.occurred === undefined ? null : dateQualifierOf(e.occurred),
    occurredFrom: e.occurredFrom,
    occurredTo: e.occurredTo,
    decidedBy: e.decidedBy,
    visibility: e.visibility,
    externalId: e.externalId,
    retractedAt: e.retractedAt,
    retractionReason: e.retractionReason,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}

export function toFigure(e: ReportedFigureEntity): ReportedFigure {
  return {
    id: e.id,
    value: e.value,
    qualifier: e.qualifier,
    tolerance: e.tolerance,
    scope: {
      actionTypes: e.scopeActionTypes,
      reasonCodes: e.scopeReasonCodes,
      provinceCodes: e.scopeProvinceCodes,
      rankCodes: e.scopeRankCodes,
      agencyCodes: e.scopeAgencyCodes,
      from: e.scopeFrom,
      to: e.scopeTo,
    },
    statedBy: e.statedBy,
    statedOn: e.statedOn,
    sourceId: e.sourceId,
    excerpt: e.excerpt,
    locator: e.locator,
    parentId: e.parentId,
    repeatsId: e.repeatsId,
    partsAreExhaustive: e.partsAreExhaustive,
    description: e.description,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}
