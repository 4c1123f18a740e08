//! One module per resource type, one file per verb.

pub(crate) mod actionkindtypes;
pub(crate) mod address;
pub(crate) mod basicsettings;
pub(crate) mod confignewaddressfields;
pub(crate) mod estate;
pub(crate) mod estatecategories;
pub(crate) mod fields;
pub(crate) mod filters;
pub(crate) mod impressum;
pub(crate) mod multiselectconfiguration;
pub(crate) mod records;
pub(crate) mod settings;

use kontor_proto::{ApiError, ErrorCode, ResourceId};
use kontor_store::{ApiUserId, StoreError, TenantId};

/// Who is asking, and about which resource id.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub tenant: TenantId,
    pub api_user: ApiUserId,
    pub resourceid: &'a ResourceId,
}

/// Store failures reach the client as "Unknown error occurred"; the cause goes to the log,
/// not to the wire, because it may name tables or hosts.
pub(crate) fn store_error(e: StoreError) -> ApiError {
    tracing::error!(error = %e, "store error");
    ApiError::new(ErrorCode::UnknownErrorOccurred)
}

/// `{"success":"success"}`, the elements of modify, delete and do results.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Success {
    success: &'static str,
}

pub(crate) fn success() -> Success {
    Success { success: "success" }
}
