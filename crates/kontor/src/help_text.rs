//! Every `--help` speaks to the user: what a command does, never where it came from (an
//! issue, a measurement run, a step of a plan).

use clap::CommandFactory;

use crate::cli::Cli;

/// Words of the project's own bookkeeping, as whole words.
const WORDS: &[&str] = &[
    "issue",
    "issues",
    "ticket",
    "todo",
    "fixme",
    "xxx",
    "milestone",
    "sprint",
    "worktree",
];
/// Bookkeeping when a number follows: "run 5", "step 2", "#14".
const NUMBERED: &[&str] = &["run ", "stop ", "step ", "phase ", "item ", "issue ", "#"];
/// The letters a plan gives its scenarios: "(a) list reads".
const LETTERED: &[&str] = &["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"];

/// What in `text` reads as bookkeeping.
fn bookkeeping(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if WORDS.contains(&word) {
            found.push(word.to_string());
        }
    }
    for prefix in NUMBERED {
        for (at, _) in lower.match_indices(prefix) {
            let after = &lower[at + prefix.len()..];
            let starts_word = at == 0 || !lower[..at].ends_with(char::is_alphanumeric);
            if starts_word && after.starts_with(|c: char| c.is_ascii_digit()) {
                found.push(format!("{prefix}{}", &after[..1]));
            }
        }
    }
    for letter in LETTERED {
        if lower.contains(letter) {
            found.push(letter.to_string());
        }
    }
    found
}

/// Renders the long help of `command` and every command below it.
fn walk(command: &mut clap::Command, path: &str, out: &mut Vec<(String, String)>) {
    let path = format!("{path} {}", command.get_name()).trim().to_string();
    out.push((path.clone(), command.render_long_help().to_string()));
    for sub in command.get_subcommands_mut() {
        walk(sub, &path, out);
    }
}

#[test]
fn no_help_text_speaks_of_the_projects_bookkeeping() {
    let mut cli = Cli::command();
    cli.build();
    let mut helps = Vec::new();
    walk(&mut cli, "", &mut helps);
    // The walk reaches the leaves: `kontor apiuser rotate-secret`, `kontor bench`'s values.
    assert!(helps.len() >= 20, "only {} commands", helps.len());
    assert!(helps
        .iter()
        .any(|(p, _)| p == "kontor apiuser rotate-secret"));
    let bench = helps.iter().find(|(p, _)| p == "kontor bench");
    assert!(bench.is_some_and(|(_, h)| h.contains("read500")));
    let offending: Vec<String> = helps
        .iter()
        .filter_map(|(path, help)| {
            let found = bookkeeping(help);
            (!found.is_empty()).then(|| format!("{path}: {found:?}\n{help}"))
        })
        .collect();
    assert!(offending.is_empty(), "{}", offending.join("\n\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert_eq!(
        bookkeeping("Measure the server (issue 3's scenarios)"),
        ["issue", "issue 3"]
    );
    assert_eq!(bookkeeping("figures of run 5, see #14"), ["run 5", "#1"]);
    assert_eq!(bookkeeping("(a) list reads of 20"), ["(a)"]);
    assert!(bookkeeping("Also stop a run after this many requests; rerun 2 times").is_empty());
    assert_eq!(bookkeeping("step 2 of the plan"), ["step 2"]);
    assert!(bookkeeping("a tissue, reissued; stop after 5 records").is_empty());
}
