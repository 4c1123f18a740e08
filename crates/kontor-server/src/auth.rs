//! Per-action authentication: the timestamp window and the HMAC.

use kontor_proto::hmac::{self, V1Input};
use kontor_proto::{Action, ApiError, ErrorCode, HmacVersion, TimestampWindow, Token};

/// The timestamp must be within `window` of `now`, either side.
pub(crate) fn check_timestamp(
    action: &Action,
    now: i64,
    window: TimestampWindow,
) -> Result<(), ApiError> {
    let Some(ts) = &action.timestamp else {
        return Err(ApiError::with_detail(
            ErrorCode::TimestampInvalid,
            "the action has no integer timestamp",
        ));
    };
    window.check(ts.secs, now).map_err(|skew| {
        ApiError::with_detail(
            ErrorCode::TimestampInvalid,
            format!(
                "timestamp {} is {skew} s from server time {now}; at most ±{} s",
                ts.secs,
                window.as_secs()
            ),
        )
    })
}

/// Checks the action's signature with the API user's secret.
pub(crate) fn check_hmac(action: &Action, token: &Token, secret: &str) -> Result<(), ApiError> {
    let invalid = |hint: &str| ApiError::with_detail(ErrorCode::HmacInvalid, hint);
    let Some(given) = &action.hmac else {
        return Err(invalid("the action has no hmac"));
    };
    // check_timestamp ran first, so the timestamp is present; an empty one cannot match.
    let timestamp = action
        .timestamp
        .as_ref()
        .map(|t| t.text.as_str())
        .unwrap_or("");
    let expected = match &action.hmac_version {
        HmacVersion::V2 => hmac::sign_v2(
            secret,
            timestamp,
            token.as_str(),
            &action.resourcetype,
            &action.actionid,
        ),
        HmacVersion::V1 => hmac::sign_v1(&V1Input {
            token: token.as_str(),
            actionid: &action.actionid,
            identifier: &action.identifier,
            resourceid: &action.resourceid.as_wire(),
            secret,
            timestamp,
            resourcetype: &action.resourcetype,
            parameters: &action.raw_parameters,
        }),
        HmacVersion::Unsupported(v) => {
            return Err(invalid(&format!("hmac_version {v} is unknown; send 2")))
        }
    };
    if hmac::verify(&expected, given) {
        Ok(())
    } else {
        Err(invalid(match action.hmac_version {
            HmacVersion::V2 => "v2: base64 HMAC-SHA256 of timestamp+token+resourcetype+actionid",
            _ => "v1: no hmac_version was sent, so the legacy MD5 scheme was checked",
        }))
    }
}
