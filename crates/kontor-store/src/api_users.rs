//! API users: a token that names the user and a secret that signs its requests.

use kontor_proto::{ApiSecret, ApiToken};

use crate::db::now;
use crate::records::sql::{Bind, Sql};
use crate::types::*;
use crate::{ApiUserStore, Store, StoreError};

impl ApiUserStore for Store {
    async fn create_api_user(
        &self,
        tenant: TenantId,
        token: &ApiToken,
        secret: &ApiSecret,
    ) -> Result<ApiUserId, StoreError> {
        let insert = Sql::new(
            "INSERT INTO api_users (tenant_id, token, secret_enc, active, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            vec![
                Bind::Int(tenant.0),
                Bind::Text(token.as_str().to_string()),
                Bind::Bytes(self.cipher.seal(secret.expose())?),
                Bind::Bool(true),
                Bind::Int(now()),
            ],
        );
        let token = token.as_str().to_string();
        let id = self
            .write(move |mut c| {
                Box::pin(async move {
                    c.int(&insert)
                        .await
                        .map_err(|e| e.unique("API user with token", &token))
                })
            })
            .await?;
        id.map(ApiUserId)
            .ok_or_else(|| StoreError::Invalid("the API user was not created".into()))
    }

    async fn authenticate(&self, token: &str) -> Result<Option<AuthenticatedUser>, StoreError> {
        let query = Sql::new(
            "SELECT t.id, t.name, u.id, u.secret_enc
               FROM api_users u JOIN tenants t ON t.id = u.tenant_id
              WHERE u.token = $1 AND u.active AND t.active",
            vec![Bind::Text(token.to_string())],
        );
        let row = self
            .lookup(move |mut c| Box::pin(async move { c.row(&query).await }))
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(AuthenticatedUser {
            tenant: TenantId(row.int(0)?),
            tenant_name: row.text(1)?,
            api_user: ApiUserId(row.int(2)?),
            secret: self.cipher.open(&row.bytes(3)?)?,
        }))
    }

    async fn list_api_users(
        &self,
        tenant: Option<&TenantName>,
    ) -> Result<Vec<ApiUserInfo>, StoreError> {
        let query = Sql::new(
            "SELECT u.id, t.name, u.token, u.active, u.created_at, u.rotated_at
               FROM api_users u JOIN tenants t ON t.id = u.tenant_id
              WHERE $1 = '' OR t.name = $1
              ORDER BY t.name, u.id",
            vec![Bind::Text(
                tenant.map(TenantName::as_str).unwrap_or("").to_string(),
            )],
        );
        let rows = self
            .read(move |mut c| Box::pin(async move { c.rows(&query).await }))
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiUserInfo {
                    id: ApiUserId(r.int(0)?),
                    tenant: r.text(1)?,
                    token: r.text(2)?,
                    active: r.flag(3)?,
                    created_at: r.int(4)?,
                    rotated_at: r.opt_int(5)?,
                })
            })
            .collect()
    }

    async fn rotate_secret(&self, token: &ApiToken, secret: &ApiSecret) -> Result<(), StoreError> {
        let update = Sql::new(
            "UPDATE api_users SET secret_enc = $1, rotated_at = $2 WHERE token = $3",
            vec![
                Bind::Bytes(self.cipher.seal(secret.expose())?),
                Bind::Int(now()),
                Bind::Text(token.as_str().to_string()),
            ],
        );
        let done = self
            .write(move |mut c| Box::pin(async move { c.execute(&update).await }))
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound {
                what: "API user with token",
                name: token.to_string(),
            });
        }
        Ok(())
    }
}
