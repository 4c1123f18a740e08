//! API users: a token that names the user and a secret that signs its requests.

use kontor_proto::{ApiSecret, ApiToken};
use sqlx::FromRow;

use crate::db::{now, on_db};
use crate::types::*;
use crate::{ApiUserStore, Store, StoreError};

#[derive(FromRow)]
struct AuthRow {
    tenant_id: i64,
    tenant_name: String,
    api_user_id: i64,
    secret_enc: Vec<u8>,
}

#[derive(FromRow)]
struct InfoRow {
    id: i64,
    tenant: String,
    token: String,
    active: bool,
    created_at: i64,
    rotated_at: Option<i64>,
}

impl ApiUserStore for Store {
    async fn create_api_user(
        &self,
        tenant: TenantId,
        token: &ApiToken,
        secret: &ApiSecret,
    ) -> Result<ApiUserId, StoreError> {
        let sealed = self.cipher.seal(secret.expose())?;
        let id: (i64,) = on_db!(&self.db, pool => sqlx::query_as(
            "INSERT INTO api_users (tenant_id, token, secret_enc, active, created_at)
             VALUES ($1, $2, $3, TRUE, $4) RETURNING id",
        )
        .bind(tenant.0)
        .bind(token.as_str())
        .bind(&sealed)
        .bind(now())
        .fetch_one(pool)
        .await)
        .map_err(|e| StoreError::unique(e, "API user with token", token.as_str()))?;
        Ok(ApiUserId(id.0))
    }

    async fn authenticate(&self, token: &str) -> Result<Option<AuthenticatedUser>, StoreError> {
        let row: Option<AuthRow> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT t.id AS tenant_id, t.name AS tenant_name, u.id AS api_user_id, u.secret_enc
               FROM api_users u JOIN tenants t ON t.id = u.tenant_id
              WHERE u.token = $1 AND u.active AND t.active",
        )
        .bind(token)
        .fetch_optional(pool)
        .await)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(AuthenticatedUser {
            tenant: TenantId(row.tenant_id),
            tenant_name: row.tenant_name,
            api_user: ApiUserId(row.api_user_id),
            secret: self.cipher.open(&row.secret_enc)?,
        }))
    }

    async fn list_api_users(
        &self,
        tenant: Option<&TenantName>,
    ) -> Result<Vec<ApiUserInfo>, StoreError> {
        let rows: Vec<InfoRow> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT u.id, t.name AS tenant, u.token, u.active, u.created_at, u.rotated_at
               FROM api_users u JOIN tenants t ON t.id = u.tenant_id
              WHERE $1 = '' OR t.name = $1
              ORDER BY t.name, u.id",
        )
        .bind(tenant.map(TenantName::as_str).unwrap_or(""))
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|r| ApiUserInfo {
                id: ApiUserId(r.id),
                tenant: r.tenant,
                token: r.token,
                active: r.active,
                created_at: r.created_at,
                rotated_at: r.rotated_at,
            })
            .collect())
    }

    async fn rotate_secret(&self, token: &ApiToken, secret: &ApiSecret) -> Result<(), StoreError> {
        let sealed = self.cipher.seal(secret.expose())?;
        let done = on_db!(&self.db, pool => sqlx::query(
            "UPDATE api_users SET secret_enc = $1, rotated_at = $2 WHERE token = $3",
        )
        .bind(&sealed)
        .bind(now())
        .bind(token.as_str())
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound {
                what: "API user with token",
                name: token.to_string(),
            });
        }
        Ok(())
    }
}
