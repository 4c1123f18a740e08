//! Printing results: a table for people, JSON for scripts.

use std::io::Write;

use std::io::IsTerminal;

use comfy_table::{presets, ContentArrangement, Table};
use kontor_client::{Record, RecordId, Reply};
use serde_json::{json, Value};

/// The `data` of a result as JSON: `{"meta":{…},"records":[…]}`.
pub fn data_json(records: &[Record], total: Option<u64>) -> Value {
    json!({"meta": {"cntabsolute": total}, "records": records})
}

pub fn reply_json(reply: &Reply) -> Value {
    data_json(reply.records(), reply.total())
}

/// Records as a table: `id` and one column per element, in order of first appearance.
/// Elements that are not an object (lists of pictures, …) get one `elements` column.
pub fn table(records: &[Record], total: Option<u64>, out: &mut impl Write) -> std::io::Result<()> {
    if records.is_empty() {
        return writeln!(out, "no records{}", count(0, total));
    }
    let mut columns: Vec<String> = Vec::new();
    let mut flat = true;
    for record in records {
        match &record.elements {
            Value::Object(map) => {
                for key in map.keys() {
                    if !columns.contains(key) {
                        columns.push(key.clone());
                    }
                }
            }
            Value::Array(list) if list.is_empty() => {}
            _ => flat = false,
        }
    }
    if !flat {
        columns = vec!["elements".to_string()];
    }
    let mut table = Table::new();
    table.load_preset(presets::UTF8_BORDERS_ONLY);
    // On a terminal, wrap cells to its width; into a pipe, keep each record on one line.
    if std::io::stdout().is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }
    let mut header = vec!["id".to_string()];
    header.extend(columns.iter().cloned());
    table.set_header(header);
    for record in records {
        let mut row = vec![match &record.id {
            RecordId::Int(i) => i.to_string(),
            RecordId::Key(k) => k.clone(),
        }];
        for column in &columns {
            let value = if flat {
                record.elements.get(column).unwrap_or(&Value::Null)
            } else {
                &record.elements
            };
            row.push(cell(value));
        }
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        count(records.len(), total).trim_start_matches(' ')
    )
}

fn count(shown: usize, total: Option<u64>) -> String {
    match total {
        Some(total) => format!(" {shown} of {total} records"),
        None => format!(" {shown} records"),
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
