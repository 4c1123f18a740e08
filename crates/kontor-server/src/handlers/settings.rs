//! What the settings calls (`read impressum`, `read basicsettings`) share.

use kontor_proto::{ApiError, ErrorCode};
use kontor_store::Setting;

/// The stored setting behind a field of a call, `group.name`. The calls' field lists and
/// the store's settings are checked against each other by a test, so a miss is a bug: it
/// is logged and answered as an unknown error, never a panic.
pub(crate) fn setting(group: &str, name: &str) -> Result<Setting, ApiError> {
    Setting::parse(&format!("{group}.{name}")).map_err(|e| {
        tracing::error!(error = %e, "a settings call names no stored setting");
        ApiError::new(ErrorCode::UnknownErrorOccurred)
    })
}
