//! Reading answers and making records, as the matching tests do: the error code, the ids
//! answered, and the id of a record made through `create`.

use kontor_proto::ActionVerb;
use serde_json::{json, Value};

use super::{Credentials, TestServer};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The action's error code (-1 when the answer has none).
pub fn code(result: &Value) -> i64 {
    result["status"]["errorcode"].as_i64().unwrap_or(-1)
}

/// The ids of the records answered, in their order.
pub fn ids(result: &Value) -> Vec<i64> {
    result["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// Creates a record of `resource` with `params`; its id. Fails unless the create succeeded.
pub async fn make(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    params: Value,
) -> Result<i64> {
    let made = server
        .call(c, ActionVerb::Create, resource, json!(""), params)
        .await?;
    assert_eq!(code(&made), 0, "{made}");
    Ok(made["data"]["records"][0]["id"].as_i64().ok_or("no id")?)
}
