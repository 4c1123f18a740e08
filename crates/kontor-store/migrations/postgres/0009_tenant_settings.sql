-- Settings of a tenant that the API reads back: the imprint (`read impressum`) and the
-- characteristics/CI of the basic settings (`read basicsettings`). One row per setting that
-- has a value, named as `tenant_settings.rs` lists them; a setting without a row is empty.
CREATE TABLE tenant_settings (
    tenant_id  BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
