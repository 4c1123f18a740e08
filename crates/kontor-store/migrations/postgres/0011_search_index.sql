-- The quick search index (kontor-store/src/search/, docs/storage.md "The search index"):
-- one row per record of every searched module, written in the same transaction as the
-- record. body and extra hold the record's folded values as segments |a|b|; ids its
-- numbers as ' 132 '.
CREATE TABLE search_entries (
    entry_id   BIGSERIAL PRIMARY KEY,
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    record_id  BIGINT NOT NULL,
    ids        TEXT NOT NULL,
    body       TEXT NOT NULL,
    extra      TEXT NOT NULL
);
CREATE UNIQUE INDEX search_entries_record ON search_entries(tenant_id, module, record_id);

-- Substring search: pg_trgm's GIN indexes serve LIKE '%term%' on body and extra. pg_trgm
-- is a trusted extension (PostgreSQL 13+): a database owner may create it without being
-- superuser. It goes into public, so that every schema's tables (the test suites use one
-- schema per run) find its operator class under one name. Where it cannot be created (no
-- right to, or not installed) the search still answers the same, by scanning the tenant's
-- entries; the notice says so.
DO $$
DECLARE
    trgm_schema text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%): the quick search scans instead', SQLERRM;
    END;
    SELECT n.nspname INTO trgm_schema
      FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
     WHERE x.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX search_entries_body ON search_entries USING gin (body %I.gin_trgm_ops)', trgm_schema);
        EXECUTE format('CREATE INDEX search_entries_extra ON search_entries USING gin (extra %I.gin_trgm_ops)', trgm_schema);
    END IF;
END
$$;

-- Typo tolerance: the words of names, streets and cities, and each word with one letter
-- left out (symmetric deletion): a term and its deletions find the words one edit away.
CREATE TABLE search_words (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    word       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, module, word)
);
CREATE TABLE search_typo_keys (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    key        TEXT NOT NULL,
    word       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, module, key, word)
);

-- Modules whose records written before the index existed have been indexed (at open,
-- search/backfill.rs).
CREATE TABLE search_indexed (
    module TEXT PRIMARY KEY
);
