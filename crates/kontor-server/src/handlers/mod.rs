//! One module per resource type, one file per verb; `records` serves every record module.

pub(crate) mod actionkindtypes;
pub(crate) mod basicsettings;
pub(crate) mod confignewaddressfields;
pub(crate) mod estatecategories;
pub(crate) mod fields;
pub(crate) mod filters;
pub(crate) mod idsfromrelation;
pub(crate) mod impressum;
pub(crate) mod multiselectconfiguration;
pub(crate) mod qualifiedsuitors;
pub(crate) mod records;
pub(crate) mod regions;
pub(crate) mod regionslivesearch;
pub(crate) mod relation;
pub(crate) mod search;
pub(crate) mod searchcriteriafields;
pub(crate) mod searchcriterias;
pub(crate) mod settings;

use kontor_proto::{ApiError, ErrorCode, Language, ResourceId};
use kontor_store::{ApiUserId, StoreError, TenantId};

/// Who is asking, and about which resource id.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub tenant: TenantId,
    pub api_user: ApiUserId,
    pub resourceid: &'a ResourceId,
    /// The record modules served: calls that name a module (the relation calls) find it
    /// here, so that a module registered later is found without a change to them.
    pub modules: &'a crate::modules::Modules,
}

/// Store failures reach the client as "Unknown error occurred"; the cause goes to the log,
/// not to the wire, because it may name tables or hosts.
pub(crate) fn store_error(e: StoreError) -> ApiError {
    tracing::error!(error = %e, "store error");
    ApiError::new(ErrorCode::UnknownErrorOccurred)
}

/// The `language` parameter of the configuration gets: German when absent or empty.
pub(crate) fn language_param(code: Option<&str>) -> Result<Language, ApiError> {
    match code {
        None | Some("") => Ok(Language::DEU),
        Some(code) => Language::parse(code)
            .ok_or_else(|| ApiError::with_detail(ErrorCode::InvalidLanguage, code)),
    }
}

/// `{"success":"success"}`, the elements of modify, delete and do results.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Success {
    success: &'static str,
}

pub(crate) fn success() -> Success {
    Success { success: "success" }
}

/// The `module` parameter of the configuration calls (`get filters`,
/// `get multiselectconfiguration`): a module with a field configuration.
pub(crate) fn module_param(
    params: kontor_proto::calls::params::Params<'_>,
) -> Result<kontor_store::Module, ApiError> {
    let name = params
        .opt_str("module")?
        .ok_or_else(|| ApiError::with_detail(ErrorCode::MissingParameter, "module"))?;
    kontor_store::Module::by_name(name).ok_or_else(|| {
        let known: Vec<&str> = kontor_store::modules::STANDARD
            .iter()
            .map(|m| m.name())
            .collect();
        ApiError::new(ErrorCode::InvalidNameForModule)
            .hint(format!("{name}: Kontor configures {}", known.join(" and ")))
    })
}
