//! `kontor`: the server compatible with the onOffice API, and the tools around it.

mod bench;
mod cli;
mod commands;
#[cfg(test)]
mod help_text;
mod seed;
mod settings;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    settings::init_logging(&cli.global);
    match commands::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
