-- Tenants (onOffice customers), their API users and the agents-log action kinds.
-- Times are Unix seconds; the secret is stored encrypted (nonce || ciphertext).
CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    uuid        TEXT NOT NULL UNIQUE,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE api_users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id   BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    secret_enc  BLOB NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  BIGINT NOT NULL,
    rotated_at  BIGINT
);
CREATE INDEX api_users_tenant ON api_users(tenant_id);

CREATE TABLE action_kinds (
    tenant_id     BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    position      BIGINT NOT NULL,
    kind_key      TEXT NOT NULL,
    labels        TEXT NOT NULL,
    default_type  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, kind_key)
);

CREATE TABLE action_types (
    tenant_id    BIGINT NOT NULL,
    kind_key     TEXT NOT NULL,
    position     BIGINT NOT NULL,
    type_key     TEXT NOT NULL,
    labels       TEXT NOT NULL,
    database_id  BIGINT,
    automatic    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, kind_key, type_key),
    FOREIGN KEY (tenant_id, kind_key) REFERENCES action_kinds(tenant_id, kind_key) ON DELETE CASCADE
);
