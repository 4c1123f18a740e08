-- The quick search index (kontor-store/src/search/, docs/storage.md "The search index"):
-- one row per record of every searched module, written in the same transaction as the
-- record. body and extra hold the record's folded values as segments |a|b|; ids its
-- numbers as ' 132 '.
CREATE TABLE search_entries (
    entry_id   INTEGER PRIMARY KEY,
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    record_id  BIGINT NOT NULL,
    ids        TEXT NOT NULL,
    body       TEXT NOT NULL,
    extra      TEXT NOT NULL
);
CREATE UNIQUE INDEX search_entries_record ON search_entries(tenant_id, module, record_id);

-- Substring search: FTS5 with the trigram tokenizer over body and extra (an external-content
-- table: the text is stored once, in search_entries, and the triggers below keep the two
-- in step). Values are folded to lower case before they are written, so the tokenizer
-- compares them as they are.
CREATE VIRTUAL TABLE search_fts USING fts5(
    body, extra,
    content = 'search_entries', content_rowid = 'entry_id',
    tokenize = 'trigram case_sensitive 1'
);
CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, body, extra) VALUES (new.entry_id, new.body, new.extra);
END;
CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, body, extra)
        VALUES ('delete', old.entry_id, old.body, old.extra);
END;
CREATE TRIGGER search_entries_update AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, body, extra)
        VALUES ('delete', old.entry_id, old.body, old.extra);
    INSERT INTO search_fts (rowid, body, extra) VALUES (new.entry_id, new.body, new.extra);
END;

-- Typo tolerance: the words of names, streets and cities, and each word with one letter
-- left out (symmetric deletion): a term and its deletions find the words one edit away.
CREATE TABLE search_words (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    word       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, module, word)
) WITHOUT ROWID;
CREATE TABLE search_typo_keys (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    key        TEXT NOT NULL,
    word       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, module, key, word)
) WITHOUT ROWID;

-- Modules whose records written before the index existed have been indexed (at open,
-- search/backfill.rs).
CREATE TABLE search_indexed (
    module TEXT PRIMARY KEY
);
