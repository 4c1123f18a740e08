-- Records of every module without a table of its own (modules.rs, Storage::Documents): the
-- whole record in its document, the rows told apart by module. Filters and sorts on its
-- fields get indexes on demand (records/auto_index), keyed by tenant and module first.
-- Chosen over a generated table per module by measurement (docs/storage.md).
CREATE TABLE records (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module     TEXT NOT NULL,
    id         BIGINT NOT NULL,
    uuid       TEXT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, module, id)
);
CREATE UNIQUE INDEX records_uuid ON records(tenant_id, uuid);

-- Relations between records of any two modules (estate:address:owner, …): one row per
-- link, in the order the links were made (linked, from the tenant's 'relation' counter).
-- The modules of both ends are kept, so that deleting a record removes exactly its links.
CREATE TABLE relations (
    tenant_id      BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    parent_module  TEXT NOT NULL,
    parent_id      BIGINT NOT NULL,
    child_module   TEXT NOT NULL,
    child_id       BIGINT NOT NULL,
    info           TEXT NOT NULL,
    linked         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, parent_id, child_id)
);
CREATE INDEX relations_child ON relations(tenant_id, kind, child_id, parent_id);
CREATE INDEX relations_parent_record ON relations(tenant_id, parent_module, parent_id);
CREATE INDEX relations_child_record ON relations(tenant_id, child_module, child_id);
