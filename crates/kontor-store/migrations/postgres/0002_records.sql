-- Records of the estate and address modules.
--
-- Layout (see docs/storage.md): every field value lives in the JSON document `doc`; the fields
-- real clients filter and sort on are copied into typed, indexed columns on every write, so
-- that their queries use an index. Hot columns are NOT NULL with the value an unset field
-- reads as (0 or ''), as in the vendor's MySQL schema, so filters need no COALESCE.

CREATE TABLE id_counters (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    last_id    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- A write generation per tenant and module: cached counts are valid while it is unchanged.
CREATE TABLE write_generations (
    tenant_id   BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module      TEXT NOT NULL,
    generation  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, module)
);

CREATE TABLE estates (
    tenant_id         BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id                BIGINT NOT NULL,
    uuid              TEXT NOT NULL,
    doc               JSONB NOT NULL,
    status            BIGINT NOT NULL DEFAULT 0,
    veroeffentlichen  BIGINT NOT NULL DEFAULT 0,
    objektart         TEXT COLLATE "C" NOT NULL DEFAULT '',
    vermarktungsart   TEXT COLLATE "C" NOT NULL DEFAULT '',
    nutzungsart       TEXT COLLATE "C" NOT NULL DEFAULT '',
    kaufpreis         DOUBLE PRECISION NOT NULL DEFAULT 0,
    kaltmiete         DOUBLE PRECISION NOT NULL DEFAULT 0,
    wohnflaeche       DOUBLE PRECISION NOT NULL DEFAULT 0,
    ort               TEXT COLLATE "C" NOT NULL DEFAULT '',
    plz               TEXT COLLATE "C" NOT NULL DEFAULT '',
    geaendert_am      TEXT COLLATE "C" NOT NULL DEFAULT '',
    breitengrad       DOUBLE PRECISION NOT NULL DEFAULT 0,
    laengengrad       DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX estates_uuid ON estates(tenant_id, uuid);
CREATE INDEX estates_status_kaufpreis ON estates(tenant_id, status, kaufpreis);
CREATE INDEX estates_kaufpreis ON estates(tenant_id, kaufpreis);
CREATE INDEX estates_kaltmiete ON estates(tenant_id, kaltmiete);
CREATE INDEX estates_wohnflaeche ON estates(tenant_id, wohnflaeche);
CREATE INDEX estates_veroeffentlichen ON estates(tenant_id, veroeffentlichen);
CREATE INDEX estates_objektart ON estates(tenant_id, objektart);
CREATE INDEX estates_vermarktungsart ON estates(tenant_id, vermarktungsart);
CREATE INDEX estates_nutzungsart ON estates(tenant_id, nutzungsart);
CREATE INDEX estates_ort ON estates(tenant_id, ort);
CREATE INDEX estates_plz ON estates(tenant_id, plz);
CREATE INDEX estates_geaendert_am ON estates(tenant_id, geaendert_am);
CREATE INDEX estates_geo ON estates(tenant_id, breitengrad, laengengrad);

CREATE TABLE addresses (
    tenant_id   BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id          BIGINT NOT NULL,
    uuid        TEXT NOT NULL,
    doc         JSONB NOT NULL,
    kdnr        BIGINT NOT NULL DEFAULT 0,
    status      BIGINT NOT NULL DEFAULT 0,
    name        TEXT COLLATE "C" NOT NULL DEFAULT '',
    vorname     TEXT COLLATE "C" NOT NULL DEFAULT '',
    ort         TEXT COLLATE "C" NOT NULL DEFAULT '',
    plz         TEXT COLLATE "C" NOT NULL DEFAULT '',
    email       TEXT COLLATE "C" NOT NULL DEFAULT '',
    aenderung   TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX addresses_uuid ON addresses(tenant_id, uuid);
CREATE INDEX addresses_kdnr ON addresses(tenant_id, kdnr);
CREATE INDEX addresses_status ON addresses(tenant_id, status);
CREATE INDEX addresses_name ON addresses(tenant_id, name);
CREATE INDEX addresses_ort ON addresses(tenant_id, ort);
CREATE INDEX addresses_plz ON addresses(tenant_id, plz);
CREATE INDEX addresses_email ON addresses(tenant_id, email);
CREATE INDEX addresses_aenderung ON addresses(tenant_id, aenderung);

-- Custom fields a tenant adds to a module (`ind_*` names), with their select values.
CREATE TABLE custom_fields (
    tenant_id   BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    module      TEXT NOT NULL,
    name        TEXT NOT NULL,
    field_type  TEXT NOT NULL,
    length      BIGINT,
    labels      TEXT NOT NULL,
    select_values TEXT NOT NULL,
    default_value TEXT,
    position    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, module, name)
);
