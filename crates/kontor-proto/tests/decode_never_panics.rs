//! Whatever arrives, decoding answers with a request or a coded error, never a panic.

use kontor_proto::request::decode;
use proptest::prelude::*;
use serde_json::{json, Value};

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn arbitrary_action_fields_never_panic(
        actionid in value(), resourceid in value(), resourcetype in value(),
        identifier in value(), timestamp in value(), hmac_version in value(),
        parameters in value(),
    ) {
        let body = json!({"token": "t", "request": {"actions": [{
            "actionid": actionid, "resourceid": resourceid, "resourcetype": resourcetype,
            "identifier": identifier, "timestamp": timestamp, "hmac": "h",
            "hmac_version": hmac_version, "parameters": parameters,
        }]}});
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        match decode(&bytes) {
            Ok(request) => prop_assert_eq!(request.actions.len(), 1),
            Err(e) => prop_assert!(e.code.code() > 0),
        }
    }
}
