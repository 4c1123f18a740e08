//! `kontor call`: send any action to onOffice or Kontor and print what comes back.

mod filter;
mod output;
mod profile;
mod request;

use std::io::Write;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use kontor_client::{Action, Client, ClientError, SignatureScheme};
use serde_json::Value;

use super::CommandError;
use crate::cli::CallArgs;

fn client_error(e: ClientError) -> CommandError {
    CommandError::Message(e.to_string())
}

pub async fn run(args: CallArgs) -> Result<(), CommandError> {
    match call(args).await {
        // `kontor call … | head`: the reader is gone, which is not an error of the call.
        Err(CommandError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

async fn call(args: CallArgs) -> Result<(), CommandError> {
    let actions = request::build(&args)?;
    let client = client(&args)?;
    if args.all {
        let [action] = <[Action; 1]>::try_from(actions)
            .map_err(|_| CommandError::Message("--all pages through one action only".into()))?;
        return all(&client, action, &args).await;
    }
    let labels: Vec<String> = actions
        .iter()
        .map(|a| format!("{} {}", a.verb(), a.resourcetype()))
        .collect();
    let mut batch = client.batch();
    for action in actions {
        batch.push(action);
    }
    let responses = batch.send().await.map_err(client_error)?;
    let mut out = std::io::stdout().lock();
    if args.raw {
        out.write_all(responses.raw_body().unwrap_or_default())?;
        writeln!(out)?;
    }
    let results = responses.into_results();
    if args.json {
        let data: Vec<Value> = results
            .iter()
            .map(|r| r.as_ref().map(output::reply_json).unwrap_or(Value::Null))
            .collect();
        let json = match <[Value; 1]>::try_from(data) {
            Ok([one]) => one,
            Err(all) => Value::Array(all),
        };
        writeln!(out, "{json}")?;
    } else if !args.raw {
        let several = results.len() > 1;
        for (label, result) in labels.iter().zip(&results) {
            if let Ok(reply) = result {
                if several {
                    writeln!(out, "# {label}")?;
                }
                output::table(reply.records(), reply.total(), &mut out)?;
            }
        }
    }
    out.flush()?;
    report(results.into_iter().filter_map(Result::err).collect())
}

/// Every failed action on stderr, one line each; the last one is the command's error, which
/// makes the exit status 1.
fn report(errors: Vec<ClientError>) -> Result<(), CommandError> {
    let Some((last, before)) = errors.split_last() else {
        return Ok(());
    };
    for error in before {
        eprintln!("error: {error}");
    }
    Err(CommandError::Message(last.to_string()))
}

fn client(args: &CallArgs) -> Result<Client, CommandError> {
    let settings = profile::resolve(args)?;
    let mut builder = Client::with_credentials(&settings.token, &settings.secret)
        .map_err(client_error)?
        .endpoint(settings.endpoint)
        .timeout(Duration::from_secs(args.timeout.max(1)))
        .user_agent(format!(
            "kontor/{} (kontor call)",
            env!("CARGO_PKG_VERSION")
        ));
    if args.hmac_v1 {
        builder = builder.signature(SignatureScheme::V1);
    }
    builder.build().map_err(client_error)
}

/// `--all`: every page, with a progress bar on stderr (drawn only on a terminal).
async fn all(client: &Client, action: Action, args: &CallArgs) -> Result<(), CommandError> {
    let mut pager = client.pager(action).page_size(args.limit.unwrap_or(500));
    if let Some(max) = args.max {
        pager = pager.cap(max);
    }
    let progress = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} records ({per_sec}, {eta} left)")
    {
        progress.set_style(style);
    }
    let mut records = Vec::new();
    loop {
        match pager.next_page().await {
            Ok(Some(page)) => {
                if let Some(total) = pager.total() {
                    let expected = args.max.map_or(total, |max| max.min(total));
                    progress.set_length(expected);
                }
                progress.inc(page.len() as u64);
                records.extend(page);
            }
            Ok(None) => break,
            Err(e) => {
                progress.abandon();
                return Err(client_error(e));
            }
        }
    }
    progress.finish_and_clear();
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", output::data_json(&records, pager.total()))?;
    } else {
        output::table(&records, pager.total(), &mut out)?;
    }
    out.flush()?;
    Ok(())
}
