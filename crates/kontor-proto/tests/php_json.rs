//! `json_encode` / `json_decode(.., true)` / `ksort` emulation against
//! outputs of PHP 8.2+.
#![allow(clippy::unwrap_used)]

use kontor_proto::php_json::{encode_php_decoded, ksort_top_level, try_to_php_json};
use proptest::prelude::*;
use serde_json::{json, Value};

fn php(value: &Value) -> String {
    String::from_utf8(try_to_php_json(value).unwrap()).unwrap()
}

/// `json_encode(json_decode($raw, true))`.
fn decoded(raw: &str) -> String {
    encode_php_decoded(&serde_json::from_str(raw).unwrap())
}

/// `ksort($a = json_decode($raw, true)); json_encode($a)`.
fn ksorted(raw: &str) -> String {
    encode_php_decoded(&ksort_top_level(&serde_json::from_str(raw).unwrap()))
}

#[test]
fn unicode_becomes_lowercase_escapes() {
    assert_eq!(php(&json!("ö")), r#""\u00f6""#);
    assert_eq!(php(&json!("Straße")), r#""Stra\u00dfe""#);
    assert_eq!(php(&json!("5 €")), r#""5 \u20ac""#);
    assert_eq!(php(&json!("😀")), r#""\ud83d\ude00""#);
    assert_eq!(php(&json!("a😀b€")), r#""a\ud83d\ude00b\u20ac""#);
    assert_eq!(php(&json!("\u{feff}\u{ffff}")), r#""\ufeff\uffff""#);
}

#[test]
fn slashes_and_quotes() {
    assert_eq!(php(&json!("a/b")), r#""a\/b""#);
    assert_eq!(php(&json!("https://x/")), r#""https:\/\/x\/""#);
    assert_eq!(php(&json!(r#"say "hi" \o/"#)), r#""say \"hi\" \\o\/""#);
    assert_eq!(php(&json!({"a/b": 1})), r#"{"a\/b":1}"#);
}

#[test]
fn control_characters() {
    assert_eq!(
        php(&json!("\u{8}\u{c}\n\r\t")),
        r#""\b\f\n\r\t""#,
        "short escapes"
    );
    assert_eq!(php(&json!("\u{0}\u{1}\u{1f}")), r#""\u0000\u0001\u001f""#);
    assert_eq!(php(&json!("\u{b}")), r#""\u000b""#);
    // Not escaped by PHP's defaults.
    assert_eq!(
        php(&json!("<a href='x'>&\u{7f}")),
        "\"<a href='x'>&\u{7f}\""
    );
}

#[test]
fn scalars_and_structure_are_minified() {
    assert_eq!(
        php(&json!({"a": [1, -2, true, null], "b": {}})),
        r#"{"a":[1,-2,true,null],"b":{}}"#
    );
    assert_eq!(php(&json!(u64::MAX)), "18446744073709551615");
}

#[test]
// The tie cases below are exact binary values; their full spelling is the point.
#[allow(clippy::excessive_precision)]
fn floats_like_serialize_precision_minus_one() {
    let cases: &[(f64, &str)] = &[
        (1e25, "1.0e+25"),
        (1.5e-7, "1.5e-7"),
        (-1e20, "-1.0e+20"),
        (1e17, "1.0e+17"),
        (1e16, "10000000000000000"),
        (-0.0, "-0"),
        (0.0, "0"),
        (2.5e15, "2500000000000000"),
        (0.1, "0.1"),
        (0.5, "0.5"),
        (0.05, "0.05"),
        (0.0001, "0.0001"),
        (0.00001, "1.0e-5"),
        (0.000_012_5, "1.25e-5"),
        (3.0, "3"),
        (1.0, "1"),
        (100.5, "100.5"),
        (1234.5678, "1234.5678"),
        (-1234.5678, "-1234.5678"),
        (123_456_789_012_345.67, "123456789012345.67"),
        (1.234_567_890_123_456_7e17, "1.2345678901234566e+17"),
        (f64::MAX, "1.7976931348623157e+308"),
        (5e-324, "5.0e-324"),
        (1.0 / 3.0, "0.3333333333333333"),
        // Exact ties between two shortest candidates: dtoa keeps the even digit.
        (1_666_695_369_328_237.25, "1666695369328237.2"),
        (187_226_577_492_109.625, "187226577492109.62"),
        (-87_534_201_825_324.625, "-87534201825324.62"),
    ];
    for (value, expected) in cases {
        let bytes = try_to_php_json(value).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), *expected, "{value:e}");
    }
}

#[test]
fn non_finite_floats_never_panic() {
    // PHP's json_encode fails on these; serde_json writes `null` before the
    // formatter is consulted. JSON input can never produce them.
    assert_eq!(try_to_php_json(&f64::NAN).unwrap(), b"null");
    assert_eq!(try_to_php_json(&f64::NEG_INFINITY).unwrap(), b"null");
}

#[test]
fn f32_prints_its_own_shortest_digits() {
    let bytes = try_to_php_json(&[0.1f32, 3.0, 1e25]).unwrap();
    assert_eq!(bytes, b"[0.1,3,1.0e+25]");
}

#[test]
fn decoded_objects_follow_php_array_rules() {
    assert_eq!(decoded("{}"), "[]");
    assert_eq!(decoded("[]"), "[]");
    assert_eq!(decoded(r#"{"0":"a","1":"b"}"#), r#"["a","b"]"#);
    assert_eq!(decoded(r#"{"1":"a","0":"b"}"#), r#"{"1":"a","0":"b"}"#);
    assert_eq!(decoded(r#"{"0":"a","2":"b"}"#), r#"{"0":"a","2":"b"}"#);
    assert_eq!(decoded(r#"{"00":"a"}"#), r#"{"00":"a"}"#);
    assert_eq!(decoded(r#"{"x":{},"y":[{}]}"#), r#"{"x":[],"y":[[]]}"#);
    assert_eq!(decoded(r#"{"x":{"0":1}}"#), r#"{"x":[1]}"#);
    // Integers beyond i64 are doubles in PHP.
    assert_eq!(decoded("[9223372036854775807]"), "[9223372036854775807]");
    assert_eq!(decoded("[9223372036854775808]"), "[9.223372036854776e+18]");
    assert_eq!(decoded("[1.0,2.50,1E2]"), "[1,2.5,100]");
}

#[test]
fn ksort_sorts_only_the_top_level() {
    assert_eq!(
        ksorted(r#"{"b":{"z":1,"a":2},"a":[{"y":1,"x":2}]}"#),
        r#"{"a":[{"y":1,"x":2}],"b":{"z":1,"a":2}}"#
    );
}

#[test]
fn ksort_compares_int_keys_numerically() {
    assert_eq!(
        ksorted(r#"{"10":1,"9":2,"a":3}"#),
        r#"{"9":2,"10":1,"a":3}"#
    );
    assert_eq!(
        ksorted(r#"{"-3":1,"-10":2,"2":3}"#),
        r#"{"-10":2,"-3":1,"2":3}"#
    );
    // Sorting can turn an object into a PHP list.
    assert_eq!(ksorted(r#"{"1":"a","0":"b"}"#), r#"["b","a"]"#);
}

#[test]
fn ksort_php8_mixed_key_rules() {
    // int vs non-numeric string: the int's decimal text vs the bytes.
    assert_eq!(ksorted(r#"{"aaa":1,"600":2}"#), r#"{"600":2,"aaa":1}"#);
    assert_eq!(ksorted(r#"{"9a":1,"10":2}"#), r#"{"10":2,"9a":1}"#);
    // "05" is a string key but numeric, so it compares as 5.
    assert_eq!(
        ksorted(r#"{"05":1,"10":2,"3":3}"#),
        r#"{"3":3,"05":1,"10":2}"#
    );
    // Two numeric strings compare as numbers.
    assert_eq!(ksorted(r#"{"1e2":1,"5.5":2}"#), r#"{"5.5":2,"1e2":1}"#);
    // Byte order, not locale: uppercase before lowercase, "" first.
    assert_eq!(
        ksorted(r#"{"b":1,"B":2,"":3,"ä":4}"#),
        r#"{"":3,"B":2,"b":1,"\u00e4":4}"#
    );
}

#[test]
fn ksort_is_stable_for_equal_keys() {
    // "-0" is a string key equal to int 0 numerically; original order stays.
    assert_eq!(ksorted(r#"{"-0":1,"0":2}"#), r#"{"-0":1,"0":2}"#);
    assert_eq!(ksorted(r#"{"0":2,"-0":1}"#), r#"{"0":2,"-0":1}"#);
}

#[test]
fn ksort_replays_php_order_for_intransitive_keys() {
    // 2 < 10 (ints), 10 < "1a" (bytes), "1a" < 2 (bytes): a cycle, so the
    // result depends on PHP's sort algorithm itself. Expected: PHP 8.2.
    assert_eq!(
        ksorted(r#"{"2":1,"1a":2,"10":3,"b":4,"3":5,"1.5":6}"#),
        r#"{"1.5":6,"1a":2,"2":1,"3":5,"10":3,"b":4}"#
    );
    // 20 keys: past the decision trees, through the quicksort partition.
    assert_eq!(
        ksorted(
            r#"{"1a":0,"2":1,"10":2,"b":3,"9":4,"1.5":5,"0x":6,"20":7,"3b":8,"-1":9,"k":10,"100":11,"5a":12,"07":13,"1e1":14,"z":15,"8":16,"80a":17,"33":18," 4":19}"#
        ),
        r#"{"-1":9,"1.5":5," 4":19,"07":13,"0x":6,"10":2,"100":11,"1a":0,"2":1,"1e1":14,"20":7,"3b":8,"5a":12,"8":16,"80a":17,"9":4,"33":18,"b":3,"k":10,"z":15}"#
    );
    // Numeric strings that equal each other keep their input order.
    assert_eq!(
        ksorted(r#"{"x":1,"1.5e3":2,"1500":3," 1500 ":4,"+1500":5,"-0":6,"0":7,"0.0":8}"#),
        r#"{"-0":6,"0":7,"0.0":8,"1.5e3":2,"1500":3," 1500 ":4,"+1500":5,"x":1}"#
    );
}

#[test]
fn ksort_handles_many_keys() {
    // Beyond the exact-replay limit the sort must still be correct for
    // consistently ordered keys.
    let object: serde_json::Map<String, Value> = (0..3000)
        .rev()
        .map(|i| (format!("k{i:05}"), json!(i)))
        .collect();
    let sorted = ksort_top_level(&Value::Object(object));
    let keys: Vec<&String> = sorted.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3000);
    assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn ksort_leaves_non_objects_alone() {
    assert_eq!(ksort_top_level(&json!([3, 1])), json!([3, 1]));
    assert_eq!(ksort_top_level(&json!(null)), json!(null));
}

proptest! {
    #[test]
    fn any_string_round_trips_as_ascii(text in any::<String>()) {
        let bytes = try_to_php_json(&text).unwrap();
        prop_assert!(bytes.is_ascii());
        let back: String = serde_json::from_slice(&bytes).unwrap();
        prop_assert_eq!(back, text);
    }

    #[test]
    fn any_float_round_trips(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
        let bytes = try_to_php_json(&value).unwrap();
        // std's parser is exact; serde_json's default one may be off by an ULP.
        let back: f64 = std::str::from_utf8(&bytes).unwrap().parse().unwrap();
        prop_assert_eq!(back.to_bits(), value.to_bits());
    }
}
