-- Language versions of estates (`estatelanguage`): each is a record of its own, with its own
-- id (from the estates' counter, as the vendor's sub-ids are estate ids) and document, tied to
-- its main-language estate. Kept apart from `estates` so that the main listing queries and
-- their covering indexes stay exactly as they are.
CREATE TABLE estate_languages (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    main_id    BIGINT NOT NULL,
    language   TEXT NOT NULL,
    uuid       TEXT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, main_id) REFERENCES estates(tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX estate_languages_main ON estate_languages(tenant_id, main_id, language);
CREATE INDEX estate_languages_language ON estate_languages(tenant_id, language, main_id);
