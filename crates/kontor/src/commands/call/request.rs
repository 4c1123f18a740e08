//! The actions `kontor call` sends: from the command line, or from a JSON file, with the
//! flags applied on top.

use std::io::Read;
use std::path::Path;

use kontor_client::{Action, ActionVerb};
use kontor_proto::calls::read::{ReadParams, SortKey};
use kontor_proto::calls::CallParams;
use kontor_proto::verb::ACTION_URN_PREFIX;
use serde_json::{Map, Value};

use super::filter;
use crate::cli::CallArgs;
use crate::commands::CommandError;

fn fail(message: impl Into<String>) -> CommandError {
    CommandError::Message(message.into())
}

pub fn build(args: &CallArgs) -> Result<Vec<Action>, CommandError> {
    let mut actions = match &args.file {
        Some(path) => from_file(path)?,
        None => Vec::new(),
    };
    if let (Some(verb), Some(resourcetype)) = (&args.verb, &args.resourcetype) {
        if !actions.is_empty() {
            return Err(fail(
                "give the action either as VERB RESOURCETYPE or with --file, not both",
            ));
        }
        actions.push(Action::new(parse_verb(verb)?, resourcetype.clone()));
    }
    if actions.is_empty() {
        return Err(fail("no action: give VERB RESOURCETYPE or --file"));
    }
    actions.into_iter().map(|a| apply_flags(a, args)).collect()
}

fn parse_verb(text: &str) -> Result<ActionVerb, CommandError> {
    let name = text.strip_prefix(ACTION_URN_PREFIX).unwrap_or(text);
    ActionVerb::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
        fail(format!(
            "unknown verb {text:?}: use read, create, modify, delete, get or do"
        ))
    })
}

fn from_file(path: &Path) -> Result<Vec<Action>, CommandError> {
    let (name, text) = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| fail(format!("cannot read stdin: {e}")))?;
        ("stdin".to_string(), text)
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        (path.display().to_string(), text)
    };
    let json: Value =
        serde_json::from_str(&text).map_err(|e| fail(format!("{name} is not JSON: {e}")))?;
    let list = match json {
        Value::Array(list) => list,
        Value::Object(mut map) => match map.remove("request") {
            Some(mut request) => match request.get_mut("actions").map(Value::take) {
                Some(Value::Array(list)) => list,
                _ => return Err(fail(format!("{name}: request.actions must be a list"))),
            },
            None => vec![Value::Object(map)],
        },
        _ => {
            return Err(fail(format!(
                "{name}: expected an action, a list of actions or a request"
            )))
        }
    };
    list.into_iter()
        .enumerate()
        .map(|(i, v)| action_from_json(v).map_err(|e| fail(format!("{name}: action {i}: {e}"))))
        .collect()
}

fn action_from_json(value: Value) -> Result<Action, String> {
    let Value::Object(mut map) = value else {
        return Err("must be an object".to_string());
    };
    let verb = match map.remove("verb").or_else(|| map.remove("actionid")) {
        Some(Value::String(s)) => parse_verb(&s).map_err(|e| e.to_string())?,
        _ => return Err("needs \"verb\" (read, get, …) or \"actionid\"".to_string()),
    };
    let resourcetype = match map.remove("resourcetype") {
        Some(Value::String(s)) => s,
        _ => return Err("needs \"resourcetype\"".to_string()),
    };
    let mut action = Action::new(verb, resourcetype);
    match map.remove("resourceid") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => action = action.resource_id(s),
        Some(Value::Number(n)) => action = action.resource_id(n),
        Some(_) => return Err("\"resourceid\" must be a string or a number".to_string()),
    }
    match map.remove("identifier") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => action = action.identifier(s),
        Some(_) => return Err("\"identifier\" must be a string".to_string()),
    }
    match map.remove("parameters") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) if list.is_empty() => {}
        Some(Value::Object(parameters)) => action = action.with_parameters(parameters),
        Some(_) => return Err("\"parameters\" must be an object".to_string()),
    }
    // timestamp, hmac and hmac_version of a captured request are dropped: every send is
    // signed anew.
    Ok(action)
}

fn apply_flags(mut action: Action, args: &CallArgs) -> Result<Action, CommandError> {
    if let Some(id) = &args.resourceid {
        action = action.resource_id(id);
    }
    let is_address = action.resourcetype() == "address";
    let parameters = action.parameters_mut();
    if let Some(data) = &args.data {
        parameters.insert("data".into(), data_value(data)?);
    }
    if !args.filters.is_empty() {
        let conditions = args
            .filters
            .iter()
            .map(|f| filter::parse(f))
            .collect::<Result<Vec<_>, _>>()
            .map_err(CommandError::Message)?;
        let built = ReadParams {
            filter: conditions,
            ..ReadParams::default()
        }
        .to_parameters();
        if let Some(Value::Object(new)) = built.get("filter") {
            merge_filter(parameters, new);
        }
    }
    if !args.sort.is_empty() {
        let keys = args
            .sort
            .iter()
            .map(|s| sort_key(s))
            .collect::<Result<Vec<_>, _>>()?;
        sort(parameters, keys, is_address);
    }
    if let Some(limit) = args.limit {
        parameters.insert("listlimit".into(), limit.into());
    }
    if let Some(offset) = args.offset {
        parameters.insert("listoffset".into(), offset.into());
    }
    for param in &args.params {
        let (name, value) = param
            .split_once('=')
            .filter(|(name, _)| !name.trim().is_empty())
            .ok_or_else(|| fail(format!("--param {param:?}: write NAME=VALUE")))?;
        // JSON when it is JSON (`5`, `true`, `["estate"]`, `"05"`), else the text itself.
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.into()));
        parameters.insert(name.trim().to_string(), value);
    }
    Ok(action)
}

/// `Id,kaufpreis` for reads; a JSON object for writes.
fn data_value(data: &str) -> Result<Value, CommandError> {
    let trimmed = data.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return serde_json::from_str(trimmed)
            .map_err(|e| fail(format!("--data is not valid JSON: {e}")));
    }
    let fields: Vec<Value> = trimmed
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| Value::String(f.to_string()))
        .collect();
    if fields.is_empty() {
        return Err(fail(
            "--data: give field names (Id,kaufpreis) or a JSON object",
        ));
    }
    Ok(Value::Array(fields))
}

/// Adds conditions to those the action already has (from a file).
fn merge_filter(parameters: &mut Map<String, Value>, new: &Map<String, Value>) {
    let entry = parameters
        .entry("filter")
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    if let Value::Object(existing) = entry {
        for (field, conditions) in new {
            let slot = existing
                .entry(field.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let (Value::Array(list), Value::Array(more)) = (slot, conditions) {
                list.extend(more.iter().cloned());
            }
        }
    }
}

/// `kaufpreis`, `-kaufpreis`, `kaufpreis:desc`, `kaufpreis:asc`.
fn sort_key(text: &str) -> Result<SortKey, CommandError> {
    let text = text.trim();
    let (field, descending) = if let Some(field) = text.strip_prefix('-') {
        (field, true)
    } else if let Some((field, order)) = text.rsplit_once(':') {
        match order.to_ascii_lowercase().as_str() {
            "asc" => (field, false),
            "desc" => (field, true),
            _ => return Err(fail(format!("--sort {text:?}: the order is asc or desc"))),
        }
    } else {
        (text, false)
    };
    if field.is_empty() {
        return Err(fail("--sort: give a field name"));
    }
    Ok(SortKey {
        field: field.to_string(),
        descending,
    })
}

fn sort(parameters: &mut Map<String, Value>, keys: Vec<SortKey>, is_address: bool) {
    // The address read documents only the string form (`sortby` + `sortorder`).
    if let ([key], true) = (keys.as_slice(), is_address) {
        parameters.insert("sortby".into(), key.field.clone().into());
        let order = if key.descending { "DESC" } else { "ASC" };
        parameters.insert("sortorder".into(), order.into());
        return;
    }
    let built = ReadParams {
        sort: keys,
        ..ReadParams::default()
    }
    .to_parameters();
    if let Some(sortby) = built.get("sortby") {
        parameters.insert("sortby".into(), sortby.clone());
    }
}
