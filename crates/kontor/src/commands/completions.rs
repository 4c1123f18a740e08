//! `kontor completions bash|zsh|fish`.

use clap::CommandFactory;

use super::CommandError;
use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> Result<(), CommandError> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "kontor", &mut std::io::stdout());
    Ok(())
}
