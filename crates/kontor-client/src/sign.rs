//! Turning an [`Action`] into the JSON that goes on the wire, signed at this moment.

use std::time::{SystemTime, UNIX_EPOCH};

use kontor_proto::hmac::{sign_v1, sign_v2, V1Input};
use kontor_proto::php_json::ksort_top_level;
use kontor_proto::{ApiSecret, ApiToken};
use serde_json::{json, Map, Value};

use crate::{Action, SignatureScheme};

/// Seconds since the epoch, read when the request is built: the server accepts ±120 s.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The parameters as sent: top level sorted like PHP's `ksort`, which the v1 scheme requires
/// and the PHP SDK does for every scheme. An empty set goes out as `[]`, as PHP sends it.
pub(crate) fn wire_parameters(parameters: &Map<String, Value>) -> Value {
    if parameters.is_empty() {
        return Value::Array(Vec::new());
    }
    ksort_top_level(&Value::Object(parameters.clone()))
}

/// One signed action, in the PHP SDK's key order.
pub(crate) fn wire_action(
    action: &Action,
    token: &ApiToken,
    secret: &ApiSecret,
    scheme: SignatureScheme,
    timestamp: i64,
) -> Value {
    let actionid = action.verb().urn();
    let parameters = wire_parameters(action.parameters());
    let ts = timestamp.to_string();
    match scheme {
        SignatureScheme::V2 => {
            let hmac = sign_v2(
                secret.expose(),
                &ts,
                token.as_str(),
                action.resourcetype(),
                &actionid,
            );
            json!({
                "actionid": actionid,
                "identifier": action.identifier_str(),
                "parameters": parameters,
                "resourceid": action.resourceid(),
                "resourcetype": action.resourcetype(),
                "timestamp": timestamp,
                "hmac_version": 2,
                "hmac": hmac,
            })
        }
        SignatureScheme::V1 => {
            let hmac = sign_v1(&V1Input {
                token: token.as_str(),
                actionid: &actionid,
                identifier: action.identifier_str(),
                resourceid: action.resourceid(),
                secret: secret.expose(),
                timestamp: &ts,
                resourcetype: action.resourcetype(),
                parameters: &parameters,
            });
            // No `hmac_version` key: that is how the server knows the scheme is v1.
            json!({
                "actionid": actionid,
                "identifier": action.identifier_str(),
                "parameters": parameters,
                "resourceid": action.resourceid(),
                "resourcetype": action.resourcetype(),
                "timestamp": timestamp,
                "hmac": hmac,
            })
        }
    }
}

/// The whole body for `actions`, every one signed with `timestamp`.
pub(crate) fn body(
    actions: &[&Action],
    token: &ApiToken,
    secret: &ApiSecret,
    scheme: SignatureScheme,
    timestamp: i64,
) -> Value {
    let actions: Vec<Value> = actions
        .iter()
        .map(|a| wire_action(a, token, secret, scheme, timestamp))
        .collect();
    json!({"token": token.as_str(), "request": {"actions": actions}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use kontor_proto::ActionVerb;

    #[test]
    fn v2_matches_the_documented_vector() -> Result<(), Box<dyn std::error::Error>> {
        // client-behaviour.md §a, last v2 row, with credentials of the right lengths would
        // change the value; the algorithm itself is proto's, so check the wiring instead.
        let token = ApiToken::parse(&"t".repeat(32))?;
        let secret = ApiSecret::parse(&"s".repeat(64))?;
        let action = Action::new(ActionVerb::Read, "estate").param("listlimit", 10);
        let wire = wire_action(&action, &token, &secret, SignatureScheme::V2, 1646228220);
        let expected = sign_v2(
            secret.expose(),
            "1646228220",
            token.as_str(),
            "estate",
            "urn:onoffice-de-ns:smart:2.5:smartml:action:read",
        );
        assert_eq!(wire["hmac"], json!(expected));
        assert_eq!(wire["hmac_version"], json!(2));
        let keys: Vec<&str> = wire
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "actionid",
                "identifier",
                "parameters",
                "resourceid",
                "resourcetype",
                "timestamp",
                "hmac_version",
                "hmac"
            ]
        );
        Ok(())
    }

    #[test]
    fn v1_signs_sorted_parameters_and_sends_no_version() -> Result<(), Box<dyn std::error::Error>> {
        let token = ApiToken::parse(&"t".repeat(32))?;
        let secret = ApiSecret::parse(&"s".repeat(64))?;
        let action = Action::new(ActionVerb::Read, "estate")
            .param("listlimit", 10)
            .param("data", vec!["Id"]);
        let wire = wire_action(&action, &token, &secret, SignatureScheme::V1, 1646228220);
        assert!(wire.get("hmac_version").is_none());
        assert_eq!(
            serde_json::to_string(&wire["parameters"])?,
            r#"{"data":["Id"],"listlimit":10}"#
        );
        assert_eq!(wire["hmac"].as_str().map(str::len), Some(32));
        Ok(())
    }
}
