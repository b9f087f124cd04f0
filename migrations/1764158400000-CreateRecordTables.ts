import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The records of DOMAIN.md §1: reference data, officers, sources, actions, figures, API keys. */
export class CreateRecordTables1764158400000 implements MigrationInterface {
  name = 'CreateRecordTables1764158400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE province (
        code        text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}-[0-9A-Z]{1,3}$'),
        country_code text NOT NULL,
        name        text NOT NULL,
        name_km     text,
        iso_name    text,
        type        text NOT NULL CHECK (type IN ('PROVINCE', 'CAPITAL')),
        aliases     text[] NOT NULL DEFAULT '{}',
        sort_order  integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rank (
        code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        name        text NOT NULL,
        name_km     text,
        tier        text NOT NULL CHECK (tier IN ('GENERAL_OFFICER','SENIOR_OFFICER','JUNIOR_OFFICER','NON_COMMISSIONED','ENLISTED')),
        rank_order  integer NOT NULL UNIQUE,
        aliases     text[] NOT NULL DEFAULT '{}',
        confidence  text
      )`);
    await q.query(`
      CREATE TABLE reason (
        code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        label       text NOT NULL,
        description text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        version     integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE officer (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        full_name    text NOT NULL,
        full_name_km text,
        aliases      text[] NOT NULL DEFAULT '{}',
        gender       text,
        notes        text,
        search_text  text NOT NULL DEFAULT '',
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        version      integer NOT NULL DEFAULT 1
      )`);
    // search_text holds every spelling of the name, lower-cased, for trigram search.
    await q.query(`
      CREATE FUNCTION officer_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := lower(concat_ws(' ', NEW.full_name, NEW.full_name_km, array_to_string(NEW.aliases, ' ')));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER officer_search_text BEFORE INSERT OR UPDATE ON officer
      FOR EACH ROW EXECUTE FUNCTION officer_search_text()`);
    await q.query(
      `CREATE INDEX officer_search_trgm ON officer USING gin (search_text gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE source (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        title        text NOT NULL,
        publisher    text NOT NULL,
        url          text,
        published_on date,
        language     text,
        kind         text NOT NULL DEFAULT 'OTHER' CHECK (kind IN ('NEWS_ARTICLE','OFFICIAL_STATEMENT','OFFICIAL_DOCUMENT','SOCIAL_MEDIA','NGO_REPORT','OTHER')),
        archive_url  text,
        accessed_on  date,
        confidential boolean NOT NULL DEFAULT false,
        notes        text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        version      integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX source_url_key ON source (url) WHERE url IS NOT NULL`);

    await q.query(`
      CREATE TABLE disciplinary_action (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        action_type         text NOT NULL CHECK (action_type IN ('DISMISSAL','SUSPENSION','DEMOTION','REMOVAL_FROM_POST','TRANSFER','SALARY_CUT','WARNING','PROPOSED_DISMISSAL','REINSTATEMENT')),
        officer_id          uuid REFERENCES officer (id),
        subject_count       integer NOT NULL DEFAULT 1 CHECK (subject_count >= 1),
        subject_description text,
        rank_code           text REFERENCES rank (code) ON UPDATE CASCADE,
        rank_text           text,
        position            text,
        province_code       text REFERENCES province (code) ON UPDATE CASCADE,
        reason_detail       text,
        occurred            text NOT NULL,
        occurred_from       date NOT NULL,
        occurred_to         date NOT NULL,
        decided_by          text,
        visibility          text NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC','INTERNAL')),
        external_id         text UNIQUE,
        retracted_at        timestamptz,
        retraction_reason   text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        version             integer NOT NULL DEFAULT 1,
        CONSTRAINT named_officer_is_one CHECK (officer_id IS NULL OR subject_count = 1),
        CONSTRAINT occurred_in_order CHECK (occurred_from <= occurred_to)
      )`);
    await q.query(`CREATE INDEX action_type_idx ON disciplinary_action (action_type)`);
    await q.query(
      `CREATE INDEX action_officer_idx ON disciplinary_action (officer_id) WHERE officer_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX action_province_idx ON disciplinary_action (province_code)`);
    await q.query(`CREATE INDEX action_rank_idx ON disciplinary_action (rank_code)`);
    await q.query(
      `CREATE INDEX action_occurred_idx ON disciplinary_action (occurred_from, occurred_to)`,
    );
    await q.query(`CREATE INDEX action_occurred_to_idx ON disciplinary_action (occurred_to)`);

    await q.query(`
      CREATE TABLE action_reason (
        action_id   uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        reason_code text NOT NULL REFERENCES reason (code) ON UPDATE CASCADE,
        PRIMARY KEY (action_id, reason_code)
      )`);
    await q.query(`CREATE INDEX action_reason_code_idx ON action_reason (reason_code, action_id)`);

    await q.query(`
      CREATE TABLE citation (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id  uuid NOT NULL REFERENCES disciplinary_action (id) ON DELETE CASCADE,
        source_id  uuid NOT NULL REFERENCES source (id),
        excerpt    text,
        locator    text,
        ordinal    integer NOT NULL
      )`);
    await q.query(`CREATE INDEX citation_action_idx ON citation (action_id, ordinal)`);
    await q.query(`CREATE INDEX citation_source_idx ON citation (source_id, action_id)`);

    await q.query(`
      CREATE TABLE reported_figure (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        value                integer NOT NULL CHECK (value >= 0),
        qualifier            text NOT NULL CHECK (qualifier IN ('EXACT','ABOUT','AT_LEAST','MORE_THAN','AT_MOST','FEWER_THAN')),
        tolerance            double precision NOT NULL DEFAULT 0.1 CHECK (tolerance >= 0 AND tolerance <= 1),
        scope_action_types   text[] NOT NULL DEFAULT '{}',
        scope_reason_codes   text[] NOT NULL DEFAULT '{}',
        scope_province_codes text[] NOT NULL DEFAULT '{}',
        scope_rank_codes     text[] NOT NULL DEFAULT '{}',
        scope_from           date,
        scope_to             date,
        stated_by            text,
        stated_on            date,
        source_id            uuid NOT NULL REFERENCES source (id),
        excerpt              text,
        locator              text,
        parent_id            uuid REFERENCES reported_figure (id),
        parts_are_exhaustive boolean NOT NULL DEFAULT false,
        description          text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        version              integer NOT NULL DEFAULT 1,
        CONSTRAINT scope_in_order CHECK (scope_from IS NULL OR scope_to IS NULL OR scope_from <= scope_to),
        CONSTRAINT not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(
      `CREATE INDEX figure_parent_idx ON reported_figure (parent_id) WHERE parent_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX figure_source_idx ON reported_figure (source_id)`);
    await q.query(`CREATE INDEX figure_stated_idx ON reported_figure (stated_on, seq)`);

    await q.query(`
      CREATE TABLE api_key (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name         text NOT NULL,
        role         text NOT NULL CHECK (role IN ('READER','EDITOR','ADMIN')),
        prefix       text NOT NULL,
        secret_hash  bytea NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);
    await q.query(`CREATE INDEX api_key_prefix_idx ON api_key (prefix)`);

    // Facts about this installation (e.g. whether the first data was offered on first start).
    await q.query(
      `CREATE TABLE app_state (key text PRIMARY KEY, value text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'app_state',
      'api_key',
      'reported_figure',
      'citation',
      'action_reason',
      'disciplinary_action',
      'source',
      'officer',
      'reason',
      'rank',
      'province',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS officer_search_text()`);
  }
}
