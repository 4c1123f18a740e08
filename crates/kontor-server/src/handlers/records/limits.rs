//! What a field takes: the longest text of each text type, and exactly the numbers that come
//! back as they were written (docs/compat.md, "Field limits").
//!
//! **Text** has a size per type, so that no write can fill a record with megabytes and every
//! valid value fits whatever indexes it (`kontor-store/src/records/auto_index.rs`):
//!
//! * `varchar`: its configured length in characters (`ort` 50, `Name` 80, …), or
//!   [`VARCHAR_CHARS`] where the configuration gives none;
//! * `text` (descriptions, notes): [`TEXT_BYTES`] bytes of UTF-8;
//! * `blob`: [`BLOB_BYTES`] bytes.
//!
//! Beyond it, the write is refused with 255 naming the field and its limit.
//!
//! **Numbers**: Kontor keeps, compares and renders every number as a double, and a read writes floats with
//! the field's decimals (two for money and areas, five for the rest, `render.rs`). So:
//!
//! * an **integer** field takes whole numbers of at most 9,007,199,254,740,991 in magnitude
//!   (2^53 − 1, beyond which a double skips integers), or as many digits as its configured
//!   length allows;
//! * a **float** field takes at most its decimals after the point and at most 15 significant
//!   digits in all (what a double holds exactly), so below 10^13 with two decimals and 10^10
//!   with five; a configured length caps the digits before the point.
//!
//! Anything else (`-9223372036854775809`, `1e30`, `0.001` for a price) would be acknowledged
//! and then read back as another number, so it is refused with the field's error (228 for
//! integers, 229 for floats) saying what the field takes (docs/compat.md). Strings are judged
//! by their exact text; JSON numbers by the double they denote, which is what every JSON
//! parser (PHP's too) makes of digits beyond the 17th.

use kontor_proto::{ApiError, ErrorCode};
use kontor_store::fields::{FieldDef, FieldType};
use serde_json::{Number, Value};

/// A `varchar` without a configured length: MySQL's usual `VARCHAR(255)`.
pub(crate) const VARCHAR_CHARS: usize = 255;
/// A `text` field: 64 KiB, MySQL's `TEXT`; far beyond any description a portal shows.
pub(crate) const TEXT_BYTES: usize = 65_535;
/// A `blob` field: 1 MiB.
pub(crate) const BLOB_BYTES: usize = 1 << 20;

/// The longest value of a text field, as the error message says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextLimit {
    Chars(usize),
    Bytes(usize),
}

impl TextLimit {
    pub(crate) fn of(field: &FieldDef) -> TextLimit {
        match field.ty {
            FieldType::Text => TextLimit::Bytes(TEXT_BYTES),
            FieldType::Blob => TextLimit::Bytes(BLOB_BYTES),
            _ => TextLimit::Chars(field.length.map_or(VARCHAR_CHARS, |n| n as usize)),
        }
    }

    fn admits(self, text: &str) -> bool {
        match self {
            // Counting stops one past the limit: a 7 MB value is not walked to the end.
            TextLimit::Chars(max) => text.chars().nth(max).is_none(),
            TextLimit::Bytes(max) => text.len() <= max,
        }
    }
}

/// Refuses a text longer than its field takes.
pub(crate) fn check_text(field: &FieldDef, text: &str) -> Result<(), ApiError> {
    let limit = TextLimit::of(field);
    if limit.admits(text) {
        return Ok(());
    }
    let (max, unit, got) = match limit {
        TextLimit::Chars(max) => (max, "characters", text.chars().count()),
        TextLimit::Bytes(max) => (max, "bytes of UTF-8", text.len()),
    };
    Err(
        ApiError::with_detail(ErrorCode::InvalidValueForParameter, field.name.as_str()).hint(
            format!("{} takes at most {max} {unit}; got {got}", field.name),
        ),
    )
}

/// Significant decimal digits a double holds exactly (`DBL_DIG`).
const DOUBLE_DIGITS: i64 = 15;
/// The largest integer below which a double holds every integer.
const MAX_EXACT_INTEGER: u64 = (1 << 53) - 1;

/// A decimal number as written: `digits × 10^exponent`, without leading or trailing zeros
/// (zero has no digits).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

impl Decimal {
    /// Parses `[+-]digits[.digits][e[+-]digits]` (also `.5` and `5.`), nothing else.
    fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (negative, rest) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => {
                let exp = &rest[at + 1..];
                let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (&rest[..at], exp.parse::<i64>().ok()?)
            }
            None => (rest, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return None;
        }
        let joined = format!("{whole}{fraction}");
        let exponent = exponent.checked_sub(fraction.len() as i64)?;
        let trimmed = joined.trim_end_matches('0');
        let exponent = exponent.checked_add((joined.len() - trimmed.len()) as i64)?;
        let digits = trimmed.trim_start_matches('0').to_string();
        Some(Decimal {
            negative: negative && !digits.is_empty(),
            exponent: if digits.is_empty() { 0 } else { exponent },
            digits,
        })
    }

    /// The number a JSON value denotes: integers exactly, others as the double they are.
    fn of_number(n: &Number) -> Option<Decimal> {
        if let Some(i) = n.as_i64() {
            return Decimal::parse(&i.to_string());
        }
        if let Some(u) = n.as_u64() {
            return Decimal::parse(&u.to_string());
        }
        // `{}` writes the shortest decimal that reads back as the same double.
        n.as_f64()
            .filter(|f| f.is_finite())
            .and_then(|f| Decimal::parse(&format!("{f}")))
    }

    /// Digits after the decimal point.
    fn decimals(&self) -> i64 {
        (-self.exponent).max(0)
    }

    /// Digits before the decimal point.
    fn whole_digits(&self) -> i64 {
        (self.digits.len() as i64 + self.exponent).max(0)
    }

    fn to_f64(&self) -> Option<f64> {
        if self.digits.is_empty() {
            return Some(0.0);
        }
        let sign = if self.negative { "-" } else { "" };
        format!("{sign}{}e{}", self.digits, self.exponent)
            .parse::<f64>()
            .ok()
    }
}

/// The number of a written value; `Ok(None)` for "unset" (null or an empty string).
fn decimal(field: &FieldDef, value: &Value, code: ErrorCode) -> Result<Option<Decimal>, ApiError> {
    let parsed = match value {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        // Floats are best sent as strings (the docs advise it for the v1 HMAC).
        Value::String(s) => Decimal::parse(s),
        Value::Number(n) => Decimal::of_number(n),
        _ => None,
    };
    parsed.map(Some).ok_or_else(|| {
        ApiError::with_detail(code, field.name.as_str()).hint(format!("got {value}"))
    })
}

fn refuse(code: ErrorCode, field: &FieldDef, value: &Value, takes: String) -> ApiError {
    ApiError::with_detail(code, field.name.as_str()).hint(format!("{takes}; got {value}"))
}

/// An integer field's value in its stored form (0 when unset).
pub(crate) fn integer(field: &FieldDef, value: &Value) -> Result<Value, ApiError> {
    let code = ErrorCode::ExpectedInteger;
    let Some(d) = decimal(field, value, code)? else {
        return Ok(Value::from(0));
    };
    if d.decimals() > 0 {
        return Err(refuse(code, field, value, "a whole number".into()));
    }
    let max_digits = field.length.map(i64::from).unwrap_or(DOUBLE_DIGITS + 1);
    let magnitude = (d.whole_digits() <= max_digits)
        .then(|| format!("{}{}", d.digits, "0".repeat(d.exponent.max(0) as usize)))
        .and_then(|text| {
            if text.is_empty() {
                Some(0)
            } else {
                text.parse::<u64>().ok()
            }
        })
        .filter(|m| *m <= MAX_EXACT_INTEGER);
    let Some(magnitude) = magnitude else {
        let takes = match field.length {
            Some(n) => format!("a whole number of at most {n} digits"),
            None => format!("a whole number of at most {MAX_EXACT_INTEGER} in magnitude"),
        };
        return Err(refuse(code, field, value, takes));
    };
    // At most 2^53 − 1, so it fits an i64 either way.
    let magnitude = magnitude as i64;
    Ok(Value::from(if d.negative { -magnitude } else { magnitude }))
}

/// A float field's value in its stored form (0 when unset), `decimals` after the point.
pub(crate) fn float(field: &FieldDef, value: &Value, decimals: usize) -> Result<Value, ApiError> {
    let code = ErrorCode::ExpectedFloat;
    let Some(d) = decimal(field, value, code)? else {
        return Ok(Value::from(0.0));
    };
    let decimals = decimals as i64;
    let max_whole = field
        .length
        .map(i64::from)
        .unwrap_or(DOUBLE_DIGITS - decimals)
        .min(DOUBLE_DIGITS - decimals);
    let takes = || {
        format!("a number with at most {decimals} decimals and {max_whole} digits before the point")
    };
    if d.decimals() > decimals || d.whole_digits() > max_whole {
        return Err(refuse(code, field, value, takes()));
    }
    match d.to_f64() {
        Some(f) => Ok(Value::from(f)),
        None => Err(refuse(code, field, value, takes())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn def(ty: FieldType, length: Option<u32>) -> FieldDef {
        FieldDef {
            name: "n".into(),
            ty,
            length,
            values: Vec::new(),
            default: None,
            labels: kontor_store::Labels::new("", ""),
            table: String::new(),
            content: String::new(),
            measure: None,
            read_only: false,
            computed: None,
            filters: Vec::new(),
            requires: Vec::new(),
            custom: false,
            range: None,
            bounds: None,
            section_labels: kontor_store::Labels::new("", ""),
        }
    }

    #[test]
    fn texts_have_a_size_per_type() {
        let ort = def(FieldType::Varchar, Some(3));
        assert!(check_text(&ort, "Köl").is_ok());
        assert!(check_text(&ort, "Köln").is_err());
        let free = def(FieldType::Varchar, None);
        assert!(check_text(&free, &"x".repeat(VARCHAR_CHARS)).is_ok());
        assert!(check_text(&free, &"x".repeat(VARCHAR_CHARS + 1)).is_err());
        let text = def(FieldType::Text, None);
        assert!(check_text(&text, &"x".repeat(TEXT_BYTES)).is_ok());
        let e = check_text(&text, &"ü".repeat(TEXT_BYTES / 2 + 1)).err();
        assert!(
            e.is_some_and(|e| e.message().contains("at most 65535 bytes")),
            "a byte limit counts bytes"
        );
    }

    #[test]
    fn decimals_are_read_exactly() {
        let d = |s: &str| Decimal::parse(s).map(|d| (d.negative, d.digits, d.exponent));
        assert_eq!(d("349000.50"), Some((false, "3490005".into(), -1)));
        assert_eq!(d("-0.0010"), Some((true, "1".into(), -3)));
        assert_eq!(d("+1e30"), Some((false, "1".into(), 30)));
        assert_eq!(d(".5"), Some((false, "5".into(), -1)));
        assert_eq!(d("-0"), Some((false, String::new(), 0)));
        for bad in [
            "", "-", ".", "1,5", "1e", "0x10", "inf", "NaN", "1.2.3", "1e+",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn integers_are_whole_and_exact() {
        let f = def(FieldType::Integer, None);
        let ok = |v: Value| integer(&f, &v).ok();
        assert_eq!(ok(json!(1990)), Some(json!(1990)));
        assert_eq!(ok(json!("1.99e3")), Some(json!(1990)));
        assert_eq!(ok(json!(5.0)), Some(json!(5)));
        assert_eq!(
            ok(json!(-9_007_199_254_740_991_i64)),
            Some(json!(-9_007_199_254_740_991_i64))
        );
        assert_eq!(ok(json!(null)), Some(json!(0)));
        for bad in [
            json!(9_007_199_254_740_992_u64),
            json!("-9223372036854775809"),
            json!(1e30),
            json!(1.5),
            json!("12abc"),
        ] {
            let e = integer(&f, &bad).err().map(|e| e.code);
            assert_eq!(e, Some(ErrorCode::ExpectedInteger), "{bad}");
        }
        let year = def(FieldType::Integer, Some(4));
        assert!(integer(&year, &json!(2024)).is_ok());
        assert!(integer(&year, &json!(20240)).is_err());
    }

    #[test]
    fn floats_keep_their_decimals_and_fifteen_digits() {
        let f = def(FieldType::Float, None);
        let ok = |v: Value, d: usize| float(&f, &v, d).ok();
        assert_eq!(ok(json!("349000.50"), 2), Some(json!(349000.5)));
        assert_eq!(
            ok(json!(9_999_999_999_999.99), 2),
            Some(json!(9_999_999_999_999.99))
        );
        assert_eq!(ok(json!(50.78581), 5), Some(json!(50.78581)));
        assert_eq!(ok(json!(""), 2), Some(json!(0.0)));
        assert_eq!(ok(json!(0), 2), Some(json!(0.0)));
        assert_eq!(ok(json!("-0.00"), 2), Some(json!(0.0)));
        for (bad, d) in [
            (json!(0.001), 2),
            (json!("349000.005"), 2),
            (json!(10_000_000_000_000.0), 2),
            (json!("-9223372036854775809"), 2),
            (json!(1e30), 2),
            (json!(50.785812), 5),
            (json!("1,5"), 2),
        ] {
            let e = float(&f, &bad, d).err().map(|e| e.code);
            assert_eq!(e, Some(ErrorCode::ExpectedFloat), "{bad}");
        }
    }
}
