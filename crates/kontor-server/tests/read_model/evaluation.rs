//! A plain evaluation of a read over the records the test wrote, and the checks of an
//! answer against it.

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::*;

pub(crate) fn as_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap_or(0.0),
        Value::String(s) => s.parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

pub(crate) fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn compare(rec: &Rec, field: &str, v: &Value) -> Ordering {
    match kind(field) {
        Kind::Number => rec
            .number(field)
            .partial_cmp(&as_number(v))
            .unwrap_or(Ordering::Equal),
        Kind::Text => rec.text(field).as_bytes().cmp(as_text(v).as_bytes()),
    }
}

/// SQL `LIKE`: `%` any run, `_` one character, ASCII case folded.
pub(crate) fn like(text: &str, pattern: &str) -> bool {
    fn go(t: &[char], p: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('%', rest)) => (0..=t.len()).any(|i| go(&t[i..], rest)),
            Some(('_', rest)) => !t.is_empty() && go(&t[1..], rest),
            Some((c, rest)) => {
                t.first().is_some_and(|x| x.eq_ignore_ascii_case(c)) && go(&t[1..], rest)
            }
        }
    }
    go(
        &text.chars().collect::<Vec<_>>(),
        &pattern.chars().collect::<Vec<_>>(),
    )
}

pub(crate) fn matches(rec: &Rec, c: &Condition) -> bool {
    let list = || c.val.as_array().cloned().unwrap_or_default();
    match c.op {
        "=" => compare(rec, c.field, &c.val) == Ordering::Equal,
        "!=" => compare(rec, c.field, &c.val) != Ordering::Equal,
        "<" => compare(rec, c.field, &c.val) == Ordering::Less,
        ">" => compare(rec, c.field, &c.val) == Ordering::Greater,
        "<=" => compare(rec, c.field, &c.val) != Ordering::Greater,
        ">=" => compare(rec, c.field, &c.val) != Ordering::Less,
        "in" => list()
            .iter()
            .any(|v| compare(rec, c.field, v) == Ordering::Equal),
        "not in" => list()
            .iter()
            .all(|v| compare(rec, c.field, v) != Ordering::Equal),
        "between" => {
            let l = list();
            compare(rec, c.field, &l[0]) != Ordering::Less
                && compare(rec, c.field, &l[1]) != Ordering::Greater
        }
        "like" => like(&rec.text(c.field), &as_text(&c.val)),
        _ => false,
    }
}

/// The equirectangular test the docs describe, around `(lat, lon)`.
pub(crate) fn within(rec: &Rec, (lat, lon): (f64, f64), km: f64) -> bool {
    let dlat = km / KM_PER_DEGREE;
    let cos = lat.to_radians().cos().max(0.01);
    let (y, x) = (rec.number("breitengrad"), rec.number("laengengrad"));
    (y - lat) * (y - lat) + (x - lon) * (x - lon) * cos * cos <= dlat * dlat
}

/// The records the request should answer: its total and the ids of its page.
pub(crate) fn expected(world: &World, r: &Read) -> (u64, Vec<i64>) {
    let aachen = kontor_store::geo::PLACES
        .iter()
        .find(|p| p.city == "Aachen")
        .map(|p| (p.lat, p.lon))
        .unwrap_or(CENTRE);
    let mut conditions = r.filter.clone();
    if matches!(r.filterid, Some(FilterId::Saved)) {
        conditions.push(Condition {
            field: "vermarktungsart",
            op: "=",
            val: json!("kauf"),
        });
    }
    let ids: Option<Vec<i64>> = match (r.resourceid, &r.recordids) {
        (Some(i), _) => Some(vec![main_id(world, i)]),
        (None, Some(list)) if !list.is_empty() => {
            Some(list.iter().map(|i| main_id(world, *i)).collect())
        }
        _ => None,
    };
    // The docs: one record named by `resourceid` ignores the filter.
    let by_resource_only = r.resourceid.is_some() && r.recordids.as_ref().is_none_or(Vec::is_empty);
    if by_resource_only {
        conditions.clear();
    }
    let hits: Vec<&Rec> = world
        .records(r.estatelanguage)
        .iter()
        .filter(|rec| ids.as_ref().is_none_or(|ids| ids.contains(&rec.main)))
        .filter(|rec| conditions.iter().all(|c| matches(rec, c)))
        .filter(|rec| match r.geo {
            Some(Geo::Zip(km)) | Some(Geo::Point(km)) => within(rec, CENTRE, km),
            Some(Geo::City(km)) => within(rec, aachen, km),
            None => true,
        })
        .collect();
    page_of(hits, &r.sort, r.limit, r.offset)
}

/// The total and the page of `hits` sorted by `sort` (as `sortby` sends it), ties by id.
pub(crate) fn page_of(
    mut hits: Vec<&Rec>,
    sort: &[(&str, bool)],
    limit: Option<u32>,
    offset: Option<u64>,
) -> (u64, Vec<i64>) {
    // `sortby` is an object: a key named twice keeps its first place and its last order.
    let mut keys: Vec<(&str, bool)> = Vec::new();
    for (field, desc) in sort {
        match keys.iter_mut().find(|(f, _)| f == field) {
            Some(key) => key.1 = *desc,
            None => keys.push((field, *desc)),
        }
    }
    let ties_descending = keys.last().is_some_and(|(_, desc)| *desc);
    hits.sort_by(|a, b| {
        for (field, desc) in &keys {
            let o = match kind(field) {
                Kind::Number => a
                    .number(field)
                    .partial_cmp(&b.number(field))
                    .unwrap_or(Ordering::Equal),
                Kind::Text => a.text(field).as_bytes().cmp(b.text(field).as_bytes()),
            };
            let o = if *desc { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        // Ties by the id (the main id, for versions), in the last key's direction.
        let o = a.main.cmp(&b.main).then(a.id.cmp(&b.id));
        if ties_descending {
            o.reverse()
        } else {
            o
        }
    });
    let total = hits.len() as u64;
    let limit = limit.unwrap_or(20) as usize;
    let offset = offset.unwrap_or(0) as usize;
    let page = hits.iter().skip(offset).take(limit).map(|r| r.id).collect();
    (total, page)
}

/// Checks an answer's code, count and page against `(total, ids)`; an unknown `filterid`
/// must answer 284 (then `None`). The records, for checks of their elements.
pub(crate) fn check_page(
    result: &Value,
    unknown_filter: bool,
    (total, page): (u64, Vec<i64>),
) -> Result<Option<Vec<Value>>, String> {
    let code = result["status"]["errorcode"].as_i64().unwrap_or(-1);
    if unknown_filter {
        return match code {
            284 => Ok(None),
            _ => Err(format!("an unknown filterid must answer 284: {result}")),
        };
    }
    if code != 0 {
        return Err(format!("errorcode {code}: {result}"));
    }
    let records = result["data"]["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let got: Vec<i64> = records.iter().filter_map(|r| r["id"].as_i64()).collect();
    if result["data"]["meta"]["cntabsolute"] != total || got != page {
        return Err(format!(
            "expected {total} {page:?}, got {} {got:?}",
            result["data"]["meta"]["cntabsolute"]
        ));
    }
    Ok(Some(records))
}

/// Checks one answer against the plain evaluation.
pub(crate) fn check(world: &World, r: &Read, result: &Value) -> Result<(), String> {
    let unknown_filter = matches!(r.filterid, Some(FilterId::Unknown));
    let Some(records) = check_page(result, unknown_filter, expected(world, r))? else {
        return Ok(());
    };
    let all = world.records(r.estatelanguage);
    for record in &records {
        let Some(rec) = all.iter().find(|x| Some(x.id) == record["id"].as_i64()) else {
            return Err(format!("no such record: {record}"));
        };
        let elements = &record["elements"];
        if !r.formatoutput {
            // What a version is filtered, sorted and searched by is what it shows.
            for field in ["ort", "objekttitel"] {
                if elements[field] != json!(rec.text(field)) {
                    return Err(format!("{field} of {}: {record}", rec.id));
                }
            }
        }
        let main = match rec.version {
            Some(_) => json!(rec.main.to_string()),
            None => Value::Null,
        };
        if r.add_main_lang_id && elements["mainLangId"] != main {
            return Err(format!("mainLangId of {}: {record}", rec.id));
        }
        if r.addestatelanguage && elements["language"] != json!(rec.version.unwrap_or("")) {
            return Err(format!("language of {}: {record}", rec.id));
        }
    }
    Ok(())
}
