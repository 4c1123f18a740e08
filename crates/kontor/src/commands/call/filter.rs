//! `--filter` expressions: `field op value`, as people type them on a command line.
//!
//! `kaufpreis<300000`, `status = 1`, `ort in Aachen,Köln`, `plz between 52062..52080`,
//! `ort ~ Aach%` (like), `ort !~ Aach%` (not like), `ort not in ["A","B"]`. A value is a
//! number when it reads back the same (`0049` stays text), text otherwise; quotes force text.

use kontor_proto::calls::read::{Condition, FilterOp, Operand, Scalar};

const HELP: &str = "write FIELD OP VALUE with OP one of =, !=, <, >, <=, >=, ~ (like), \
                    !~ (not like), like, not like, in, not in, between";

/// Parses one expression; the error is one line naming the expression.
pub fn parse(expr: &str) -> Result<Condition, String> {
    parse_inner(expr).map_err(|why| format!("invalid filter {expr:?}: {why}; {HELP}"))
}

fn parse_inner(expr: &str) -> Result<Condition, String> {
    let text = expr.trim();
    let field_len = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    let (field, rest) = text.split_at(field_len);
    if field.is_empty() {
        return Err("it must start with a field name".to_string());
    }
    let rest = rest.trim_start();
    let (op, value) = operator(rest).ok_or_else(|| {
        if rest.is_empty() {
            "there is no operator".to_string()
        } else {
            format!(
                "{:?} is not an operator",
                rest.split_whitespace().next().unwrap_or(rest)
            )
        }
    })?;
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("there is no value after {:?}", op.as_str()));
    }
    if value.starts_with(['<', '>', '=', '!', '~']) {
        return Err(format!(
            "the value {value:?} starts with an operator character"
        ));
    }
    let operand = match op {
        FilterOp::In | FilterOp::NotIn => Operand::Many(list(value)?),
        FilterOp::Between => {
            let bounds = if value.starts_with('[') {
                list(value)?
            } else if let Some((from, to)) = value.split_once("..") {
                vec![scalar(from.trim())?, scalar(to.trim())?]
            } else {
                list(value)?
            };
            match <[Scalar; 2]>::try_from(bounds) {
                Ok([from, to]) => Operand::Range(from, to),
                Err(_) => return Err("between takes two values: FROM..TO".to_string()),
            }
        }
        _ => Operand::One(scalar(value)?),
    };
    Ok(Condition {
        field: field.to_string(),
        op,
        operand,
    })
}

/// The operator at the start of `rest` and what follows it.
fn operator(rest: &str) -> Option<(FilterOp, &str)> {
    // Longest symbols first, so that `<=` is not read as `<` followed by `=…`.
    const SYMBOLS: [(&str, FilterOp); 10] = [
        ("!~", FilterOp::NotLike),
        ("!=", FilterOp::Ne),
        ("<>", FilterOp::Ne),
        ("<=", FilterOp::Le),
        (">=", FilterOp::Ge),
        ("==", FilterOp::Eq),
        ("=", FilterOp::Eq),
        ("<", FilterOp::Lt),
        (">", FilterOp::Gt),
        ("~", FilterOp::Like),
    ];
    for (symbol, op) in SYMBOLS {
        if let Some(value) = rest.strip_prefix(symbol) {
            return Some((op, value));
        }
    }
    const WORDS: [(&str, FilterOp); 6] = [
        ("not like", FilterOp::NotLike),
        ("not in", FilterOp::NotIn),
        ("like", FilterOp::Like),
        ("in", FilterOp::In),
        ("between", FilterOp::Between),
        ("is", FilterOp::Eq),
    ];
    for (word, op) in WORDS {
        // A word operator stands alone: `ort inAachen` is not `ort in Aachen`.
        let matches = rest
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word));
        if let Some(value) = rest.get(word.len()..).filter(|_| matches) {
            if value.starts_with(char::is_whitespace) {
                return Some((op, value));
            }
        }
    }
    None
}

/// `a,b,c` or a JSON list.
fn list(value: &str) -> Result<Vec<Scalar>, String> {
    let items: Vec<Scalar> = if value.starts_with('[') {
        let json: Vec<serde_json::Value> = serde_json::from_str(value)
            .map_err(|e| format!("{value:?} is not a JSON list ({e})"))?;
        json.iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Ok(Scalar::Text(s.clone())),
                serde_json::Value::Number(n) => Ok(n
                    .as_i64()
                    .map(Scalar::Int)
                    .unwrap_or_else(|| Scalar::Float(n.as_f64().unwrap_or(0.0)))),
                other => Err(format!("{other} is not a number or a string")),
            })
            .collect::<Result<_, _>>()?
    } else {
        value
            .split(',')
            .map(|item| scalar(item.trim()))
            .collect::<Result<_, _>>()?
    };
    if items.is_empty() {
        return Err("the list is empty".to_string());
    }
    Ok(items)
}

fn scalar(text: &str) -> Result<Scalar, String> {
    if text.is_empty() {
        return Err("a value is empty".to_string());
    }
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return Ok(Scalar::Text(inner.to_string()));
        }
    }
    if let Ok(i) = text.parse::<i64>() {
        if i.to_string() == text {
            return Ok(Scalar::Int(i));
        }
    }
    if let Ok(f) = text.parse::<f64>() {
        if f.is_finite() && f.to_string() == text {
            return Ok(Scalar::Float(f));
        }
    }
    Ok(Scalar::Text(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(expr: &str) -> (String, FilterOp, Operand) {
        match parse(expr) {
            Ok(c) => (c.field, c.op, c.operand),
            Err(e) => (e, FilterOp::Eq, Operand::Many(vec![])),
        }
    }

    #[test]
    fn the_usual_forms_parse() {
        assert_eq!(
            ok("kaufpreis<300000"),
            (
                "kaufpreis".into(),
                FilterOp::Lt,
                Operand::One(Scalar::Int(300000))
            )
        );
        assert_eq!(
            ok(" status = 1 "),
            ("status".into(), FilterOp::Eq, Operand::One(Scalar::Int(1)))
        );
        assert_eq!(
            ok("plz=05123"),
            (
                "plz".into(),
                FilterOp::Eq,
                Operand::One(Scalar::Text("05123".into()))
            )
        );
        assert_eq!(ok("preis>=1.5").1, FilterOp::Ge);
        assert_eq!(
            ok("ort in Aachen, Köln"),
            (
                "ort".into(),
                FilterOp::In,
                Operand::Many(vec![
                    Scalar::Text("Aachen".into()),
                    Scalar::Text("Köln".into())
                ])
            )
        );
        assert_eq!(ok("ort NOT IN [\"A\",2]").1, FilterOp::NotIn);
        assert_eq!(
            ok("plz between 52062..52080").2,
            Operand::Range(Scalar::Int(52062), Scalar::Int(52080))
        );
        assert_eq!(
            ok("datum between 2020-01-01,2020-12-31").2,
            Operand::Range(
                Scalar::Text("2020-01-01".into()),
                Scalar::Text("2020-12-31".into())
            )
        );
        assert_eq!(ok("ort ~ Aach%").1, FilterOp::Like);
        assert_eq!(ok("ort !~ Aach%").1, FilterOp::NotLike);
        assert_eq!(ok("ort not like Aach%").1, FilterOp::NotLike);
        assert_eq!(ok("a<>1").1, FilterOp::Ne);
        assert_eq!(
            ok("ort = 'in Aachen'").2,
            Operand::One(Scalar::Text("in Aachen".into()))
        );
    }

    #[test]
    fn mistakes_get_one_line_that_says_what_is_wrong() {
        let cases = [
            ("kaufpreis", "there is no operator"),
            ("<300000", "it must start with a field name"),
            ("kaufpreis<", "there is no value after \"<\""),
            ("kaufpreis<<3", "starts with an operator character"),
            ("kaufpreis ist 3", "\"ist\" is not an operator"),
            ("plz between 1", "between takes two values"),
            ("ort in [1,", "is not a JSON list"),
            ("ort in a,,b", "a value is empty"),
        ];
        for (expr, expected) in cases {
            let e = parse(expr).err().unwrap_or_default();
            assert!(e.starts_with(&format!("invalid filter {expr:?}: ")), "{e}");
            assert!(e.contains(expected), "{expr}: {e}");
            assert!(!e.contains('\n'));
        }
    }
}
