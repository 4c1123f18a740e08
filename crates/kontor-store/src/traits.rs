//! The small storage traits handlers and admin commands speak to.

use std::future::Future;

use kontor_proto::{ApiSecret, ApiToken};

use crate::types::*;
use crate::StoreError;

pub trait TenantStore {
    /// Creates a tenant with its standard configuration (action kinds, …).
    fn create_tenant(
        &self,
        name: &TenantName,
    ) -> impl Future<Output = Result<Tenant, StoreError>> + Send;
    fn tenant_by_name(
        &self,
        name: &TenantName,
    ) -> impl Future<Output = Result<Option<Tenant>, StoreError>> + Send;
    fn list_tenants(&self) -> impl Future<Output = Result<Vec<Tenant>, StoreError>> + Send;
}

pub trait ApiUserStore {
    fn create_api_user(
        &self,
        tenant: TenantId,
        token: &ApiToken,
        secret: &ApiSecret,
    ) -> impl Future<Output = Result<ApiUserId, StoreError>> + Send;
    /// The active API user owning `token`, with its secret decrypted.
    fn authenticate(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<AuthenticatedUser>, StoreError>> + Send;
    fn list_api_users(
        &self,
        tenant: Option<&TenantName>,
    ) -> impl Future<Output = Result<Vec<ApiUserInfo>, StoreError>> + Send;
    /// Replaces the secret of the API user owning `token`.
    fn rotate_secret(
        &self,
        token: &ApiToken,
        secret: &ApiSecret,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

pub trait ActionKindStore {
    /// Appends a kind (with its types) after the tenant's existing ones.
    fn add_action_kind(
        &self,
        tenant: TenantId,
        kind: &ActionKind,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// All kinds of the tenant in display order, each with all its types.
    fn action_kinds(
        &self,
        tenant: TenantId,
    ) -> impl Future<Output = Result<Vec<ActionKind>, StoreError>> + Send;
}

pub trait FieldStore {
    /// The tenant's field configuration of a module (standard plus custom fields).
    fn field_config(
        &self,
        tenant: TenantId,
        module: crate::modules::Module,
    ) -> impl Future<Output = Result<std::sync::Arc<crate::fields::FieldConfig>, StoreError>> + Send;

    /// Adds a custom field to a module of a tenant.
    fn add_field(
        &self,
        tenant: TenantId,
        module: crate::modules::Module,
        field: &crate::fields::NewCustomField,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

pub trait FilterStore {
    /// Saves a filter; `conditions` is the wire's filter object as JSON text.
    fn add_filter(
        &self,
        tenant: TenantId,
        module: crate::records::Module,
        name: &str,
        scope: &str,
        conditions: &str,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    fn list_filters(
        &self,
        tenant: TenantId,
        module: crate::records::Module,
    ) -> impl Future<Output = Result<Vec<crate::saved_filters::SavedFilter>, StoreError>> + Send;
    fn get_filter(
        &self,
        tenant: TenantId,
        module: crate::records::Module,
        id: i64,
    ) -> impl Future<Output = Result<Option<crate::saved_filters::SavedFilter>, StoreError>> + Send;
}

pub trait SettingsStore {
    /// The tenant's imprint and basic settings (settings without a value read as empty).
    fn tenant_settings(
        &self,
        tenant: TenantId,
    ) -> impl Future<Output = Result<crate::tenant_settings::TenantSettings, StoreError>> + Send;
    /// Sets the given settings (an empty value clears one); every value is checked first,
    /// and either all are written or none.
    fn set_tenant_settings(
        &self,
        tenant: TenantId,
        changes: &[(crate::tenant_settings::Setting, String)],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}
