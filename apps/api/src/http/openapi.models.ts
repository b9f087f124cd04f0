import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@app/core';

/**
 * The JSON bodies of the REST routes, for the API description (openapi.json). They describe what
 * the routes send (http-errors.ts, ImportService, HealthController); nothing is built from them.
 */

/** One problem of a refused import file. */
export class ImportProblemBody {
  @ApiPropertyOptional({ description: 'Data row, from 1 (the header is not a data row)' })
  row?: number;
  @ApiPropertyOptional({ description: 'Line in the file, from 1' })
  line?: number;
  @ApiPropertyOptional({ description: 'Column, from 1' })
  column?: number;
  @ApiPropertyOptional({ description: 'Name of the column' })
  columnName?: string;
  @ApiProperty()
  message!: string;
}

export class ErrorExtensionsBody {
  @ApiProperty({
    enum: [...Object.values(ErrorCode), 'INTERNAL_SERVER_ERROR'],
    description: 'What went wrong, for programs',
  })
  code!: string;
  @ApiPropertyOptional({
    description:
      'The parameter, header or field at fault (e.g. "province", "Content-Type", "file")',
  })
  field?: string;
  @ApiPropertyOptional({
    description:
      'RATE_LIMITED and UNAVAILABLE: seconds before a retry can succeed (also the Retry-After header)',
  })
  retryAfter?: number;
  @ApiPropertyOptional({
    description: 'The limit that was reached (requests a minute, downloads at once, bytes)',
  })
  limit?: number;
  @ApiPropertyOptional({
    type: [ImportProblemBody],
    description: 'A refused import: each problem (the first 100)',
  })
  problems?: ImportProblemBody[];
  @ApiPropertyOptional({ description: 'A refused import: how many problems in all' })
  problemCount?: number;
}

export class ErrorBody {
  @ApiProperty({ description: 'For people' })
  message!: string;
  @ApiProperty({ type: ErrorExtensionsBody })
  extensions!: ErrorExtensionsBody;
}

/** Every REST error: the GraphQL error shape, so that clients read failures the same way. */
export class ErrorResponseBody {
  @ApiProperty({ type: [ErrorBody] })
  errors!: ErrorBody[];
}

class DownloadsStatusBody {
  @ApiProperty({ description: 'Downloads running now in this process' })
  running!: number;
  @ApiProperty({ description: 'The most this process serves at once (DOWNLOADS_MAX_CONCURRENT)' })
  limit!: number;
}

export class HealthBody {
  @ApiProperty({ enum: ['ok'] })
  status!: string;
  @ApiProperty({ type: DownloadsStatusBody })
  downloads!: DownloadsStatusBody;
}

class ImportedOfficerBody {
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Created by this import (otherwise matched by name)' })
  created!: boolean;
}

class AmbiguousOfficerBody {
  @ApiProperty({ description: 'The name as in the file' }) name!: string;
  @ApiProperty({ description: 'The first data row with it' }) row!: number;
  @ApiProperty({ type: [String], description: 'The officers it could be' }) officerIds!: string[];
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'The officer created for it (exact)',
  })
  id!: string | null;
}

class OfficerMatchBody {
  @ApiProperty({ enum: ['fail-on-ambiguous', 'exact', 'create'] }) mode!: string;
  @ApiProperty({ description: 'Distinct names matched to an existing officer' }) matched!: number;
  @ApiProperty({ description: 'Distinct names for which an officer was created' }) created!: number;
  @ApiProperty({ description: 'Distinct names several officers bear' }) ambiguous!: number;
  @ApiProperty({ type: [AmbiguousOfficerBody] }) ambiguousOfficers!: AmbiguousOfficerBody[];
}

class ImportedSourceBody {
  @ApiProperty() title!: string;
  @ApiProperty() publisher!: string;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description: 'Created by this import (otherwise matched by address, or title and publisher)',
  })
  created!: boolean;
}

class ImportedActionBody {
  @ApiProperty({ description: 'Data row, from 1' }) row!: number;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] }) status!: string;
}

class LikelyDuplicateBody {
  @ApiProperty({ description: 'Data row, from 1' }) row!: number;
  @ApiProperty({ format: 'uuid', description: 'The action the row created' }) actionId!: string;
  @ApiProperty({ format: 'uuid', description: 'An action already there that it probably repeats' })
  duplicateOfId!: string;
  @ApiProperty({ description: 'How likely, 0..1 (README "Duplicate candidates")' }) score!: number;
}

/** What an import did, or with dryRun would do (ImportReport). */
export class ImportReportBody {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Data rows read' }) rows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ type: [String], description: 'Columns of the file that the import does not read' })
  ignoredColumns!: string[];
  @ApiProperty({ description: 'The officers, sources and actions lists stop at this many entries' })
  listLimit!: number;
  @ApiProperty({ type: [ImportedOfficerBody] }) officers!: ImportedOfficerBody[];
  @ApiProperty({
    type: OfficerMatchBody,
    description: 'How officer names were matched (officerMatch)',
  })
  officerMatch!: OfficerMatchBody;
  @ApiProperty({ type: [ImportedSourceBody] }) sources!: ImportedSourceBody[];
  @ApiProperty({ type: [ImportedActionBody] }) actions!: ImportedActionBody[];
  @ApiProperty({
    type: [LikelyDuplicateBody],
    description:
      'Created actions that probably repeat an action already there (checked for the first 200 created; empty on a dry run). Imported all the same: link them SAME_AS or dismiss the pair.',
  })
  likelyDuplicates!: LikelyDuplicateBody[];
  @ApiProperty({
    description:
      'How many created actions were checked for likely duplicates: the first 200 at most, within about 3 s (the duplicate candidates list finds the rest).',
  })
  likelyDuplicatesChecked!: number;
}

class DatabaseStatusBody {
  @ApiProperty({
    enum: ['ok', 'unavailable'],
    description: 'The primary (DATABASE_URL, or the embedded database)',
  })
  primary!: string;
  @ApiProperty({
    enum: ['ok', 'unavailable'],
    isArray: true,
    description: 'Each read replica, in DATABASE_READ_URLS order',
  })
  replicas!: string[];
}

export class ReadyBody {
  @ApiProperty({ enum: ['ready'] })
  status!: string;
  @ApiProperty({ type: DatabaseStatusBody })
  database!: DatabaseStatusBody;
}
