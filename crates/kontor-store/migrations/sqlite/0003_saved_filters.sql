-- Saved filters (`get filters`, `filterid` in reads): a name, a scope, and the conditions in
-- the wire's own filter form, so that a saved filter reads exactly like one sent inline.
CREATE TABLE saved_filters (
    tenant_id   BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id          BIGINT NOT NULL,
    module      TEXT NOT NULL,
    name        TEXT NOT NULL,
    scope       TEXT NOT NULL,
    conditions  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX saved_filters_module ON saved_filters(tenant_id, module);
