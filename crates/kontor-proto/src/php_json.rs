//! Byte-exact emulation of PHP's `json_encode` (default flags) and of the
//! PHP array semantics that `json_decode($json, true)` and `ksort` apply.
//!
//! The onOffice API is a PHP backend: the legacy v1 HMAC is computed over
//! `json_encode` of the (top-level `ksort`ed) request parameters, so a
//! compatible server must reproduce PHP's bytes exactly, not merely produce
//! equivalent JSON. Everything here follows PHP >= 8.2 (where `ksort`
//! compares keys with the PHP 8 comparison rules).

use std::cmp::Ordering;
use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::ser::{CharEscape, Formatter};
use serde_json::{Map, Number, Value};

/// PHP's `serialize_precision = -1` switches to exponential notation when
/// the decimal point lies more than this many digits to the right.
const PHP_DOUBLE_FIXED_MAX_DECPT: i32 = 17;
/// ... or more than this many places to the left of the first digit.
const PHP_DOUBLE_FIXED_MIN_DECPT: i32 = -3;

/// A `serde_json` formatter producing exactly what PHP's `json_encode($x)`
/// produces with default flags.
///
/// PHP differs from `serde_json`'s compact output in three ways that matter
/// for signatures: `/` is escaped as `\/`, every non-ASCII character becomes
/// a lowercase `\uXXXX` escape (UTF-16 surrogate pairs above the BMP), and
/// floats use PHP's shortest round-trip notation (`1.0e+25`, `3` for `3.0`).
///
/// ```
/// use kontor_proto::php_json::try_to_php_json;
/// let json = try_to_php_json(&serde_json::json!({"city": "Köln/Aachen", "x": 3.0})).unwrap();
/// assert_eq!(json, br#"{"city":"K\u00f6ln\/Aachen","x":3}"#);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct PhpFormatter;

impl Formatter for PhpFormatter {
    fn write_string_fragment<W>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()>
    where
        W: ?Sized + Write,
    {
        write_php_fragment(writer, fragment)
    }

    fn write_char_escape<W>(&mut self, writer: &mut W, char_escape: CharEscape) -> io::Result<()>
    where
        W: ?Sized + Write,
    {
        write_php_char_escape(writer, char_escape)
    }

    fn write_f64<W>(&mut self, writer: &mut W, value: f64) -> io::Result<()>
    where
        W: ?Sized + Write,
    {
        writer.write_all(php_double(value).as_bytes())
    }

    /// PHP has no single-precision type: a client's `0.1` is a PHP double
    /// printed as `0.1`, so we print the double nearest to the f32's own
    /// shortest decimal form rather than its (longer) exact widening.
    fn write_f32<W>(&mut self, writer: &mut W, value: f32) -> io::Result<()>
    where
        W: ?Sized + Write,
    {
        let as_php = value.to_string().parse::<f64>().unwrap_or(f64::from(value));
        writer.write_all(php_double(as_php).as_bytes())
    }
}

/// Serializes `value` to the bytes PHP's `json_encode` would produce for the
/// equivalent PHP value.
///
/// # Errors
///
/// Fails only where `serde_json` itself fails: maps whose keys are not
/// strings, integers, booleans or chars, or a `Serialize` impl that errors.
/// Output written to a `Vec` cannot fail otherwise.
pub fn try_to_php_json<T>(value: &T) -> Result<Vec<u8>, serde_json::Error>
where
    T: Serialize + ?Sized,
{
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PhpFormatter);
    value.serialize(&mut serializer)?;
    Ok(out)
}

/// Appends `text` as a JSON string, quoted and escaped as PHP's `json_encode` writes it.
///
/// ```
/// let mut out = Vec::new();
/// kontor_proto::php_json::write_php_str(&mut out, "Köln/Aachen \"Dom\"");
/// assert_eq!(out, br#""K\u00f6ln\/Aachen \"Dom\"""#);
/// ```
pub fn write_php_str(out: &mut Vec<u8>, text: &str) {
    // Writing a string into a Vec cannot fail, and the formatter itself never does.
    let _ = Serialize::serialize(
        text,
        &mut serde_json::Serializer::with_formatter(out, PhpFormatter),
    );
}

/// What PHP produces for `json_encode(json_decode($json, true))` where
/// `$json` is the JSON text `value` was parsed from.
///
/// Decoding with `true` turns every JSON object into a PHP array, which
/// changes the re-encoding: `{}` becomes `[]`, an object keyed exactly
/// `"0".."n-1"` in order becomes a list, and integers beyond `i64` become
/// floats. Nested key order is kept because PHP never reorders it.
///
/// Floats are only as exact as `serde_json`'s parse of them. Without its
/// `float_roundtrip` feature, `serde_json` may misread long decimals by one
/// ULP, and the re-encoding (hence a v1 signature) then differs from PHP's.
/// Known gap: `serde_json` parses the JSON integer `-0` as the float `-0.0`
/// (printed `-0`), whereas PHP decodes it as the integer `0`.
pub fn encode_php_decoded(value: &Value) -> String {
    // Cannot fail: `Value` maps only have string keys, `PhpDecoded` never
    // reports an error and writing into a `Vec` is infallible. Should that
    // ever change, an empty string merely makes a signature mismatch
    // (fails closed) instead of panicking in request handling.
    let bytes = try_to_php_json(&PhpDecoded(value)).unwrap_or_default();
    // PhpFormatter output is pure ASCII, so byte-to-char is lossless and
    // avoids another "impossible" error branch.
    bytes.into_iter().map(char::from).collect()
}

/// PHP 8.2+ `ksort($array)` (default `SORT_REGULAR`) applied to the top level
/// of a decoded JSON object; nested values are left untouched, because the
/// onOffice v1 signature sorts only the parameters array itself.
///
/// Canonical integer keys (`"5"`, `"-3"`, not `"05"`) are PHP int keys and
/// compare numerically with each other; pairs involving numeric strings
/// (`"1.5"`, `" 7"`) compare as numbers too; all other pairs compare as byte
/// strings (an int key as its decimal text). Ties keep input order, like
/// PHP 8's stable sort. Because those rules are not transitive, the order
/// also depends on the algorithm, so PHP's own `zend_sort` is replayed.
/// Non-objects are returned unchanged (a JSON array is already a PHP list in
/// key order).
pub fn ksort_top_level(value: &Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    // Classify each key once, not on every comparison.
    let entries: Vec<(PhpKey<'_>, &String, &Value)> = map
        .iter()
        .map(|(key, item)| (php_key(key), key, item))
        .collect();
    let sorted = stable_sort_by(&entries, &|a, b| compare_php_keys(a.0, b.0));
    Value::Object(
        sorted
            .into_iter()
            .map(|(_, key, item)| (key.clone(), item.clone()))
            .collect(),
    )
}

// ---------------------------------------------------------------------------
// String escaping
// ---------------------------------------------------------------------------

/// Writes a fragment that `serde_json` considers safe (no quote, backslash
/// or control character), adding PHP's extra escapes for `/` and non-ASCII.
fn write_php_fragment<W: ?Sized + Write>(writer: &mut W, fragment: &str) -> io::Result<()> {
    // Copy runs of plain ASCII in one call; escape the rest char by char.
    let mut run_start = 0;
    for (index, ch) in fragment.char_indices() {
        if ch.is_ascii() && ch != '/' {
            continue;
        }
        writer.write_all(&fragment.as_bytes()[run_start..index])?;
        write_php_char(writer, ch)?;
        run_start = index + ch.len_utf8();
    }
    writer.write_all(&fragment.as_bytes()[run_start..])
}

/// Escapes one character that PHP does not emit verbatim.
fn write_php_char<W: ?Sized + Write>(writer: &mut W, ch: char) -> io::Result<()> {
    if ch == '/' {
        return writer.write_all(b"\\/");
    }
    let mut units = [0u16; 2];
    for unit in ch.encode_utf16(&mut units) {
        write_unicode_escape(writer, *unit)?;
    }
    Ok(())
}

/// The escapes `serde_json` hands to the formatter; PHP uses the same short
/// forms but lowercase hex for the remaining control characters.
fn write_php_char_escape<W: ?Sized + Write>(
    writer: &mut W,
    char_escape: CharEscape,
) -> io::Result<()> {
    let short: &[u8] = match char_escape {
        CharEscape::Quote => b"\\\"",
        CharEscape::ReverseSolidus => b"\\\\",
        CharEscape::Solidus => b"\\/",
        CharEscape::Backspace => b"\\b",
        CharEscape::FormFeed => b"\\f",
        CharEscape::LineFeed => b"\\n",
        CharEscape::CarriageReturn => b"\\r",
        CharEscape::Tab => b"\\t",
        CharEscape::AsciiControl(byte) => return write_unicode_escape(writer, u16::from(byte)),
    };
    writer.write_all(short)
}

/// `\uXXXX` with lowercase hex digits, as PHP writes it.
fn write_unicode_escape<W: ?Sized + Write>(writer: &mut W, unit: u16) -> io::Result<()> {
    write!(writer, "\\u{unit:04x}")
}

// ---------------------------------------------------------------------------
// Floats
// ---------------------------------------------------------------------------

/// PHP's rendering of a double with `serialize_precision = -1`.
/// NaN and infinities cannot come from JSON input, and `serde_json` writes
/// `null` for them without consulting the formatter; should a caller drive
/// the formatter directly, we write `0` like PHP's partial-output mode.
fn php_double(value: f64) -> String {
    if !value.is_finite() {
        return String::from("0");
    }
    let (digits, decpt) = dtoa_shortest(value.abs());
    let mut out = String::with_capacity(digits.len() + 8);
    // `-0.0` included: PHP prints `-0`.
    if value.is_sign_negative() {
        out.push('-');
    }
    if !(PHP_DOUBLE_FIXED_MIN_DECPT..=PHP_DOUBLE_FIXED_MAX_DECPT).contains(&decpt) {
        push_exponential(&mut out, &digits, decpt);
    } else if decpt <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', decpt.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        push_fixed(&mut out, &digits, decpt.unsigned_abs() as usize);
    }
    out
}

/// The digits and decimal-point position (`value = 0.DIGITS * 10^decpt`)
/// that PHP's `zend_dtoa(value, 0, ..)` yields for a finite `value >= 0`:
/// the shortest digits that round-trip, the closest such to `value`.
///
/// Rust's `{:e}` computes the same, except when `value` lies exactly halfway
/// between two shortest candidates (e.g. 1666695369328237.25): dtoa then
/// picks the even last digit (`.2`), Rust may not (`.3`).
fn dtoa_shortest(value: f64) -> (String, i32) {
    let (digits, decpt) = split_scientific(&format!("{value:e}"));
    match even_tie_alternative(value, &digits, decpt) {
        Some(even) => (even, decpt),
        None => (digits, decpt),
    }
}

/// `("15", 3)` for `"1.5e2"`: mantissa digits without the point, and the
/// exponent converted to dtoa's `decpt` (one more than the exponent).
fn split_scientific(scientific: &str) -> (String, i32) {
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let digits = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exponent.parse::<i32>().unwrap_or(0) + 1)
}

/// If `digits` ends in an odd digit only because of an exact tie, the even
/// neighbour dtoa would print instead; `None` in every other case.
fn even_tie_alternative(value: f64, digits: &str, decpt: i32) -> Option<String> {
    let last = digits.bytes().last()?;
    if is_even_digit(last) {
        return None;
    }
    // A double's exact decimal expansion has at most 767 significant digits,
    // so 800 fractional digits show it completely.
    let (exact, exact_decpt) = split_scientific(&format!("{value:.800e}"));
    let (head, tail) = exact.split_at_checked(digits.len())?;
    let is_exact_half = tail.strip_prefix('5')?.bytes().all(|digit| digit == b'0');
    if exact_decpt != decpt || !is_exact_half {
        return None;
    }
    // `head` and `head + 1` are equally close; keep whichever ends even.
    let even = if head.bytes().last().is_some_and(is_even_digit) {
        head.to_owned()
    } else {
        increment_digits(head)?
    };
    let round_trips = format!("0.{even}e{decpt}").parse::<f64>().ok() == Some(value);
    (even != digits && round_trips).then_some(even)
}

fn is_even_digit(digit: u8) -> bool {
    matches!(digit, b'0' | b'2' | b'4' | b'6' | b'8')
}

/// Adds one unit in the last place of a digit string (`"129"` -> `"130"`);
/// `None` if that would add a digit, which cannot happen for a tie partner.
fn increment_digits(digits: &str) -> Option<String> {
    let mut bytes = digits.as_bytes().to_vec();
    for byte in bytes.iter_mut().rev() {
        if *byte == b'9' {
            *byte = b'0';
        } else {
            *byte += 1;
            return String::from_utf8(bytes).ok();
        }
    }
    None
}

/// `d.ddde+X`: PHP always keeps one fractional digit (`1.0e+25`) and never
/// pads the exponent.
fn push_exponential(out: &mut String, digits: &str, decpt: i32) {
    let (first, rest) = digits.split_at(1.min(digits.len()));
    out.push_str(first);
    out.push('.');
    out.push_str(if rest.is_empty() { "0" } else { rest });
    let exponent = decpt - 1;
    out.push_str(if exponent < 0 { "e-" } else { "e+" });
    out.push_str(&exponent.unsigned_abs().to_string());
}

/// Plain notation with `int_len` digits before the point, zero-padded, and
/// no `.0` for integral values (PHP's default drops the zero fraction).
fn push_fixed(out: &mut String, digits: &str, int_len: usize) {
    if digits.len() <= int_len {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', int_len - digits.len()));
    } else {
        let (int_part, fraction) = digits.split_at(int_len);
        out.push_str(int_part);
        out.push('.');
        out.push_str(fraction);
    }
}

// ---------------------------------------------------------------------------
// json_decode($json, true) semantics
// ---------------------------------------------------------------------------

/// Serializes a `Value` as the PHP array/scalar `json_decode(.., true)` made
/// of it, so that the formatter then yields PHP's re-encoding.
struct PhpDecoded<'a>(&'a Value);

impl Serialize for PhpDecoded<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(flag) => serializer.serialize_bool(*flag),
            Value::Number(number) => serialize_php_number(number, serializer),
            Value::String(text) => serializer.serialize_str(text),
            Value::Array(items) => serialize_list(items, serializer),
            Value::Object(map) if is_php_list(map) => serialize_list(map.values(), serializer),
            Value::Object(map) => serialize_php_map(map, serializer),
        }
    }
}

/// PHP's JSON parser keeps integers that fit `i64` and turns larger ones into
/// doubles; `serde_json` keeps them up to `u64::MAX`, so convert those.
fn serialize_php_number<S: Serializer>(number: &Number, serializer: S) -> Result<S::Ok, S::Error> {
    if let Some(int) = number.as_i64() {
        serializer.serialize_i64(int)
    } else if let Some(big) = number.as_u64() {
        // Precision loss is the point: PHP itself holds this as a double.
        serializer.serialize_f64(big as f64)
    } else {
        serializer.serialize_f64(number.as_f64().unwrap_or(0.0))
    }
}

fn serialize_list<'a, S, I>(items: I, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    I: IntoIterator<Item = &'a Value>,
{
    let mut seq = serializer.serialize_seq(None)?;
    for item in items {
        seq.serialize_element(&PhpDecoded(item))?;
    }
    seq.end()
}

fn serialize_php_map<S: Serializer>(
    map: &Map<String, Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_map(Some(map.len()))?;
    for (key, item) in map {
        out.serialize_entry(key, &PhpDecoded(item))?;
    }
    out.end()
}

/// PHP's `json_encode` writes an array as a JSON list iff its keys are the
/// ints `0..n-1` in order (`zend_array_is_list`); the empty array qualifies,
/// which is why `{}` re-encodes as `[]`. Only the canonical text `"i"` turns
/// into the int key `i`, so a string comparison suffices.
fn is_php_list(map: &Map<String, Value>) -> bool {
    map.keys()
        .enumerate()
        .all(|(index, key)| *key == index.to_string())
}

// ---------------------------------------------------------------------------
// ksort comparison (PHP 8.2+ `php_array_key_compare_unstable_i`)
// ---------------------------------------------------------------------------

/// A PHP array key: JSON object keys in canonical decimal integer form
/// within `i64` become int keys (`ZEND_HANDLE_NUMERIC_STR`), all others stay
/// strings.
#[derive(Debug, Clone, Copy)]
enum PhpKey<'a> {
    Int(i64),
    Str(&'a str),
}

fn php_key(key: &str) -> PhpKey<'_> {
    // Round-tripping through i64 rejects "05", "+1", "-0" and " 1" exactly
    // like PHP, and accepts the full range down to i64::MIN.
    match key.parse::<i64>() {
        Ok(int) if int.to_string() == key => PhpKey::Int(int),
        _ => PhpKey::Str(key),
    }
}

fn compare_php_keys(a: PhpKey<'_>, b: PhpKey<'_>) -> Ordering {
    match (a, b) {
        (PhpKey::Int(x), PhpKey::Int(y)) => x.cmp(&y),
        (PhpKey::Int(x), PhpKey::Str(s)) => compare_long_to_string(x, s),
        (PhpKey::Str(s), PhpKey::Int(y)) => compare_long_to_string(y, s).reverse(),
        (PhpKey::Str(s), PhpKey::Str(t)) => smart_strcmp(s, t),
    }
}

/// `compare_longs_to_string`: numerically if the string is numeric, else the
/// int's decimal text against the string's bytes (the PHP 8 rule).
fn compare_long_to_string(long: i64, text: &str) -> Ordering {
    match numeric_string(text) {
        Some(Numeric::Long(other)) => long.cmp(&other),
        // PHP converts the int to a double here as well.
        Some(Numeric::Double { value, .. }) => three_way(long as f64, value),
        None => long.to_string().as_bytes().cmp(text.as_bytes()),
    }
}

/// `zendi_smart_strcmp`: two numeric strings compare as numbers, anything
/// else as bytes.
fn smart_strcmp(a: &str, b: &str) -> Ordering {
    let (Some(x), Some(y)) = (numeric_string(a), numeric_string(b)) else {
        return a.as_bytes().cmp(b.as_bytes());
    };
    compare_numerics(x, y).unwrap_or_else(|| a.as_bytes().cmp(b.as_bytes()))
}

/// The numeric branch of `zendi_smart_strcmp`; `None` where PHP falls back to
/// a byte comparison because the doubles lost the information.
fn compare_numerics(x: Numeric, y: Numeric) -> Option<Ordering> {
    let (x_overflow, y_overflow) = (x.overflow(), y.overflow());
    if x_overflow != 0 && x_overflow == y_overflow && x.as_f64() == y.as_f64() {
        return None;
    }
    match (x, y) {
        (Numeric::Long(p), Numeric::Long(q)) => Some(p.cmp(&q)),
        (Numeric::Long(_), Numeric::Double { .. }) if y_overflow != 0 => Some(0.cmp(&y_overflow)),
        (Numeric::Double { .. }, Numeric::Long(_)) if x_overflow != 0 => Some(x_overflow.cmp(&0)),
        (Numeric::Double { value: p, .. }, Numeric::Double { value: q, .. })
            if p == q && !p.is_finite() =>
        {
            None
        }
        _ => Some(three_way(x.as_f64(), y.as_f64())),
    }
}

fn three_way(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// A numeric string's value as PHP reads it. `overflow` is the sign (+1/-1)
/// of an integer literal too large for `i64`, which PHP tracks to avoid
/// trusting lossy double comparisons.
#[derive(Debug, Clone, Copy)]
enum Numeric {
    Long(i64),
    Double { value: f64, overflow: i8 },
}

impl Numeric {
    fn overflow(self) -> i8 {
        match self {
            Self::Long(_) => 0,
            Self::Double { overflow, .. } => overflow,
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            Self::Long(value) => value as f64,
            Self::Double { value, .. } => value,
        }
    }
}

/// PHP's whitespace set for numeric strings (space, \t, \n, \r, \v, \f).
fn is_php_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// `is_numeric_string` without errors allowed (PHP 8): optional surrounding
/// whitespace, sign, digits with optional fraction, optional exponent.
fn numeric_string(text: &str) -> Option<Numeric> {
    let trimmed = text.trim_matches(is_php_space);
    let shape = NumberShape::parse(trimmed)?;
    let sign: i8 = if trimmed.starts_with('-') { -1 } else { 1 };
    if shape.is_integer {
        if let Ok(value) = trimmed.parse::<i64>() {
            return Some(Numeric::Long(value));
        }
    }
    // PHP flags overflow for integer literals beyond i64 and for any number
    // with 20+ significant integer digits, even with a fraction.
    let overflow = if shape.is_integer || shape.significant_int_digits >= 20 {
        sign
    } else {
        0
    };
    let value = trimmed.parse::<f64>().ok()?;
    Some(Numeric::Double { value, overflow })
}

/// The syntactic shape of a PHP numeric string.
#[derive(Debug, Clone, Copy)]
struct NumberShape {
    is_integer: bool,
    significant_int_digits: usize,
}

impl NumberShape {
    /// Accepts `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?` exactly.
    fn parse(text: &str) -> Option<Self> {
        let body = text.strip_prefix(['+', '-']).unwrap_or(text);
        let int_len = leading_digits(body);
        let (int_part, rest) = body.split_at(int_len);
        let (fraction_len, rest) = match rest.strip_prefix('.') {
            Some(after) => (Some(leading_digits(after)), &after[leading_digits(after)..]),
            None => (None, rest),
        };
        if int_len == 0 && fraction_len.unwrap_or(0) == 0 {
            return None;
        }
        let has_exponent = !rest.is_empty();
        if has_exponent && !is_exponent(rest) {
            return None;
        }
        Some(Self {
            is_integer: fraction_len.is_none() && !has_exponent,
            significant_int_digits: int_part.trim_start_matches('0').len(),
        })
    }
}

fn leading_digits(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// `[eE][+-]?\d+` and nothing else.
fn is_exponent(text: &str) -> bool {
    let Some(after_e) = text.strip_prefix(['e', 'E']) else {
        return false;
    };
    let digits = after_e.strip_prefix(['+', '-']).unwrap_or(after_e);
    !digits.is_empty() && leading_digits(digits) == digits.len()
}

// ---------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------

/// Up to this many keys we replay PHP's own sort algorithm step by step.
///
/// PHP's key comparison is not transitive when int keys, numeric strings and
/// other strings mix (`2 < 10`, `10 < "1a"`, `"1a" < 2`), so for such key
/// sets the result depends on the algorithm, not just the comparison. Below
/// 1024 elements `zend_sort` never takes its median-of-five branch, so that
/// branch is not ported. Beyond the limit (only ever seen from adversarial
/// input) we switch to a merge sort: same result for consistent keys,
/// guaranteed O(n log n) where quicksort could be driven quadratic.
const ZEND_SORT_EXACT_MAX: usize = 1023;

/// `zend_sort` with PHP 8's stable fallback: ties (which only arise between
/// distinct keys that PHP considers equal, like `"-0"` and `0`) keep their
/// original order. Never panics, whatever the comparator does; we must not
/// use `slice::sort_by`, which may panic on a non-total order.
fn stable_sort_by<T: Copy>(items: &[T], compare: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut indexed: Vec<(usize, T)> = items.iter().copied().enumerate().collect();
    let greater = |a: &(usize, T), b: &(usize, T)| {
        compare(&a.1, &b.1).then(a.0.cmp(&b.0)) == Ordering::Greater
    };
    if indexed.len() <= ZEND_SORT_EXACT_MAX {
        zend_sort(&mut indexed, &greater);
    } else {
        indexed = merge_sort(&indexed, &greater);
    }
    indexed.into_iter().map(|(_, item)| item).collect()
}

/// "a sorts after b", the only question PHP's sort asks (`cmp(a, b) > 0`).
type Greater<'a, T> = &'a dyn Fn(&T, &T) -> bool;

/// Port of `zend_sort` (Zend/zend_sort.c): insertion sort up to 16
/// elements, otherwise a quicksort partition around a median-of-three pivot,
/// recursing into the smaller side and looping on the larger.
fn zend_sort<T>(items: &mut [T], greater: Greater<'_, T>) {
    let mut rest = items;
    while rest.len() > 16 {
        let boundary = zend_partition(rest, greater);
        let (left, right) = std::mem::take(&mut rest).split_at_mut(boundary);
        // `left` ends with the pivot, which is already in its final place.
        let left_len = left.len() - 1;
        let left = &mut left[..left_len];
        if left.len() < right.len() {
            zend_sort(left, greater);
            rest = right;
        } else {
            zend_sort(right, greater);
            rest = left;
        }
    }
    zend_insert_sort(rest, greater);
}

/// The partition step of `zend_sort` for 17..1024 elements; returns `i`,
/// the index just past the pivot's final position.
fn zend_partition<T>(items: &mut [T], greater: Greater<'_, T>) -> usize {
    let end = items.len();
    let middle = end >> 1;
    zend_sort_3(items, [0, middle, end - 1], greater);
    items.swap(1, middle);
    let pivot = 1;
    let (mut i, mut j) = (2, end - 1);
    'partition: loop {
        while greater(&items[pivot], &items[i]) {
            i += 1;
            if i == j {
                break 'partition;
            }
        }
        j -= 1;
        if j == i {
            break 'partition;
        }
        while greater(&items[j], &items[pivot]) {
            j -= 1;
            if j == i {
                break 'partition;
            }
        }
        items.swap(i, j);
        i += 1;
        if i == j {
            break 'partition;
        }
    }
    items.swap(pivot, i - 1);
    i
}

/// `zend_sort_3`: a fixed decision tree, reproduced branch for branch
/// because with a cyclic comparator every branch choice shows in the result.
fn zend_sort_3<T>(items: &mut [T], [a, b, c]: [usize; 3], greater: Greater<'_, T>) {
    if !greater(&items[a], &items[b]) {
        if !greater(&items[b], &items[c]) {
            return;
        }
        items.swap(b, c);
        if greater(&items[a], &items[b]) {
            items.swap(a, b);
        }
        return;
    }
    if !greater(&items[c], &items[b]) {
        items.swap(a, c);
        return;
    }
    items.swap(a, b);
    if greater(&items[b], &items[c]) {
        items.swap(b, c);
    }
}

/// The tail of `zend_sort_4`/`zend_sort_5`: with all but the last position
/// sorted, bubble the last element down while its predecessor is greater.
fn zend_sink_last<T>(items: &mut [T], positions: &[usize], greater: Greater<'_, T>) {
    for pair in positions.windows(2).rev() {
        if let [before, after] = *pair {
            if !greater(&items[before], &items[after]) {
                return;
            }
            items.swap(before, after);
        }
    }
}

/// `zend_insert_sort`: decision trees up to five elements, then a straight
/// insertion sort over the first six and a two-step probing insertion for
/// the rest.
fn zend_insert_sort<T>(items: &mut [T], greater: Greater<'_, T>) {
    match items.len() {
        0 | 1 => {}
        2 => {
            if greater(&items[0], &items[1]) {
                items.swap(0, 1);
            }
        }
        3 => zend_sort_3(items, [0, 1, 2], greater),
        4 => {
            zend_sort_3(items, [0, 1, 2], greater);
            zend_sink_last(items, &[0, 1, 2, 3], greater);
        }
        5 => {
            zend_sort_3(items, [0, 1, 2], greater);
            zend_sink_last(items, &[0, 1, 2, 3], greater);
            zend_sink_last(items, &[0, 1, 2, 3, 4], greater);
        }
        len => {
            for i in 1..6 {
                let slot = zend_linear_slot(items, i, greater);
                items[slot..=i].rotate_right(1);
            }
            for i in 6..len {
                let slot = zend_probing_slot(items, i, greater);
                items[slot..=i].rotate_right(1);
            }
        }
    }
}

/// Where `zend_insert_sort` inserts element `i` among the first six: scan
/// left one by one until an element is not greater than it.
fn zend_linear_slot<T>(items: &[T], i: usize, greater: Greater<'_, T>) -> usize {
    let mut j = i - 1;
    if !greater(&items[j], &items[i]) {
        return i;
    }
    while j != 0 {
        j -= 1;
        if !greater(&items[j], &items[i]) {
            return j + 1;
        }
    }
    0
}

/// Where `zend_insert_sort` inserts element `i >= 6`: probe two to the left
/// at a time, then settle the skipped element (note the reversed comparison
/// next to the start, as in PHP).
fn zend_probing_slot<T>(items: &[T], i: usize, greater: Greater<'_, T>) -> usize {
    let mut j = i - 1;
    if !greater(&items[j], &items[i]) {
        return i;
    }
    loop {
        j -= 2;
        if !greater(&items[j], &items[i]) {
            j += 1;
            if !greater(&items[j], &items[i]) {
                j += 1;
            }
            return j;
        }
        if j == 0 {
            return 0;
        }
        if j == 1 {
            return if greater(&items[i], &items[0]) { 1 } else { 0 };
        }
    }
}

/// Stable top-down merge sort for oversized inputs; taking from the left on
/// ties keeps it stable, and it terminates for any comparator.
fn merge_sort<T: Copy>(items: &[T], greater: Greater<'_, T>) -> Vec<T> {
    if items.len() <= 1 {
        return items.to_vec();
    }
    let (left, right) = items.split_at(items.len() / 2);
    let (left, right) = (merge_sort(left, greater), merge_sort(right, greater));
    let mut out = Vec::with_capacity(items.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(a), Some(b)) = (left.get(i), right.get(j)) {
        if greater(a, b) {
            out.push(*b);
            j += 1;
        } else {
            out.push(*a);
            i += 1;
        }
    }
    out.extend_from_slice(left.get(i..).unwrap_or_default());
    out.extend_from_slice(right.get(j..).unwrap_or_default());
    out
}
