//! `kontor call` and `kontor completions` as a user runs them: a real `kontor serve`, the
//! real binary, credentials from flags, the environment and a profile file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BIN: &str = env!("CARGO_BIN_EXE_kontor");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kontor-call-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A running `kontor serve` with its demo credentials; killed on drop.
struct Served {
    child: Child,
    endpoint: String,
    token: String,
    secret: String,
    dir: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn serve(name: &str) -> Result<Served, Box<dyn std::error::Error>> {
    let dir = temp_dir(name);
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&dir)
        .env_remove("KONTOR_DATABASE_URL")
        .env_remove("KONTOR_SECRET_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut served = Served {
        child,
        endpoint: String::new(),
        token: String::new(),
        secret: String::new(),
        dir,
    };
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let line = line.trim();
        for (key, slot) in [
            ("endpoint:", &mut served.endpoint),
            ("token:", &mut served.token),
            ("secret:", &mut served.secret),
        ] {
            if let Some(value) = line.strip_prefix(key) {
                *slot = value.trim().to_string();
            }
        }
        if line.starts_with("Serving;") {
            break;
        }
    }
    if served.secret.is_empty() {
        return Err("kontor serve printed no credentials".into());
    }
    // The demo tenant comes with seeded estates; the tests count what they create, so they
    // work in a tenant of their own, made with the admin commands beside the running server.
    let token = "C".repeat(32);
    let secret = "c".repeat(64);
    for args in [
        vec!["tenant", "create", "calltest"],
        vec![
            "apiuser", "create", "--tenant", "calltest", "--token", &token, "--secret", &secret,
        ],
    ] {
        let out = Command::new(BIN)
            .args(&args)
            .arg("--data-dir")
            .arg(&served.dir)
            .env_remove("KONTOR_DATABASE_URL")
            .env_remove("KONTOR_SECRET_KEY")
            .output()?;
        if !out.status.success() {
            return Err(format!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
    }
    served.token = token;
    served.secret = secret;
    Ok(served)
}

/// `kontor ARGS` with a clean environment: no KONTOR_* variables, HOME in `home`.
fn kontor(
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
) -> Result<Output, std::io::Error> {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in [
        "KONTOR_URL",
        "KONTOR_TOKEN",
        "KONTOR_SECRET",
        "KONTOR_PROFILE",
    ] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn()?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    // errorcode 1 is only ever a store failure: never a valid answer, whatever a test
    // then checks of the output.
    for stream in [&out.stdout, &out.stderr] {
        if text(stream).contains(INTERNAL_ERROR) {
            return Err(std::io::Error::other(format!(
                "kontor {args:?} met errorcode 1: {}",
                text(stream)
            )));
        }
    }
    Ok(out)
}

/// The message of errorcode 1, in every output form of `kontor call`.
const INTERNAL_ERROR: &str = "Unknown error occurred";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn flags(s: &Served) -> Vec<&str> {
    vec![
        "--url",
        &s.endpoint,
        "--token",
        &s.token,
        "--secret",
        &s.secret,
    ]
}

fn ok(out: &Output) -> Result<String, Box<dyn std::error::Error>> {
    if !out.status.success() {
        return Err(format!("failed: {}", text(&out.stderr)).into());
    }
    Ok(text(&out.stdout))
}

#[test]
fn a_call_prints_a_table_json_or_the_raw_envelope() -> TestResult {
    let s = serve("formats")?;
    let home = temp_dir("formats-home");
    let mut args = vec!["call", "get", "actionkindtypes", "--param", "lang=ENG"];
    args.extend(flags(&s));
    let table = ok(&kontor(&home, &args, &[], None)?)?;
    assert!(
        table.contains("Email") && table.contains("E-mail"),
        "{table}"
    );
    assert!(table.contains("14 records"), "{table}");

    let mut json_args = args.clone();
    json_args.push("--json");
    let json: Value = serde_json::from_str(&ok(&kontor(&home, &json_args, &[], None)?)?)?;
    assert_eq!(json["records"][0]["elements"]["key"], "Email");
    assert!(json["meta"].is_object());

    let mut raw_args = args.clone();
    raw_args.push("--raw");
    let raw: Value = serde_json::from_str(&ok(&kontor(&home, &raw_args, &[], None)?)?)?;
    assert_eq!(raw["status"]["code"], 200);
    assert_eq!(
        raw["response"]["results"][0]["resourcetype"],
        "actionkindtypes"
    );

    // HMAC v1, and --all over a get that answers everything at once, capped.
    let mut v1 = args.clone();
    v1.extend(["--hmac-v1", "--all", "--max", "3", "--json"]);
    let json: Value = serde_json::from_str(&ok(&kontor(&home, &v1, &[], None)?)?)?;
    assert_eq!(json["records"].as_array().map(Vec::len), Some(3));
    Ok(())
}

#[test]
fn estates_are_created_read_with_filter_sort_and_limit_and_paged_with_all() -> TestResult {
    let s = serve("estates")?;
    let home = temp_dir("estates-home");
    for price in [150_000, 250_000, 350_000, 280_000] {
        let data = format!("{{\"kaufpreis\":{price}}}");
        let mut args = vec!["call", "create", "estate", "--data", &data, "--json"];
        args.extend(flags(&s));
        let created: Value = serde_json::from_str(&ok(&kontor(&home, &args, &[], None)?)?)?;
        assert!(created["records"][0]["id"].is_i64(), "{created}");
    }
    let mut args = vec![
        "call",
        "read",
        "estate",
        "--data",
        "Id,kaufpreis",
        "--filter",
        "kaufpreis<300000",
        "--sort",
        "-kaufpreis",
        "--limit",
        "2",
        "--json",
    ];
    args.extend(flags(&s));
    let json: Value = serde_json::from_str(&ok(&kontor(&home, &args, &[], None)?)?)?;
    assert_eq!(json["meta"]["cntabsolute"], 3, "{json}");
    let prices: Vec<String> = json["records"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| r["elements"]["kaufpreis"].to_string())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(prices.len(), 2, "{json}");
    assert!(
        prices[0].contains("280000") && prices[1].contains("250000"),
        "{prices:?}"
    );

    let mut all = vec![
        "call",
        "read",
        "estate",
        "--data",
        "kaufpreis",
        "--all",
        "--limit",
        "1",
        "--json",
    ];
    all.extend(flags(&s));
    let json: Value = serde_json::from_str(&ok(&kontor(&home, &all, &[], None)?)?)?;
    assert_eq!(json["records"].as_array().map(Vec::len), Some(4), "{json}");

    let mut table = vec![
        "call",
        "read",
        "estate",
        "--data",
        "kaufpreis",
        "--filter",
        "kaufpreis between 200000..300000",
    ];
    table.extend(flags(&s));
    let out = ok(&kontor(&home, &table, &[], None)?)?;
    assert!(out.contains("2 of 2 records"), "{out}");
    Ok(())
}

#[test]
fn credentials_come_from_flags_then_environment_then_profiles() -> TestResult {
    let s = serve("creds")?;
    let home = temp_dir("creds-home");
    let wrong = "w".repeat(64);
    let config = home.join(".config").join("kontor");
    std::fs::create_dir_all(&config)?;
    std::fs::write(
        config.join("profiles.toml"),
        format!(
            "[default]\nurl = \"{}\"\ntoken = \"{}\"\nsecret = \"{}\"\n\n[broken]\nurl = \"{}\"\ntoken = \"{}\"\nsecret = \"{wrong}\"\n",
            s.endpoint, s.token, s.secret, s.endpoint, s.token
        ),
    )?;
    let call = ["call", "get", "actionkindtypes", "--json"];

    // The default profile alone.
    ok(&kontor(&home, &call, &[], None)?)?;
    // The environment beats the implicit default profile: a wrong secret there fails.
    let out = kontor(&home, &call, &[("KONTOR_SECRET", &wrong)], None)?;
    assert!(text(&out.stderr).contains("137"), "{}", text(&out.stderr));
    // A flag beats the environment.
    let mut with_flag = call.to_vec();
    with_flag.extend(["--secret", &s.secret]);
    ok(&kontor(
        &home,
        &with_flag,
        &[("KONTOR_SECRET", &wrong)],
        None,
    )?)?;
    // A profile named on the command line beats the environment, and a flag beats it.
    let mut named = call.to_vec();
    named.extend(["--profile", "broken"]);
    let out = kontor(&home, &named, &[("KONTOR_SECRET", &s.secret)], None)?;
    assert_eq!(out.status.code(), Some(1));
    named.extend(["--secret", &s.secret]);
    ok(&kontor(&home, &named, &[], None)?)?;
    // KONTOR_PROFILE picks a profile, below the environment's values.
    let out = kontor(&home, &call, &[("KONTOR_PROFILE", "broken")], None)?;
    assert_eq!(out.status.code(), Some(1));
    ok(&kontor(
        &home,
        &call,
        &[("KONTOR_PROFILE", "broken"), ("KONTOR_SECRET", &s.secret)],
        None,
    )?)?;
    // Only the environment.
    let empty_home = temp_dir("creds-empty");
    ok(&kontor(
        &empty_home,
        &call,
        &[
            ("KONTOR_URL", &s.endpoint),
            ("KONTOR_TOKEN", &s.token),
            ("KONTOR_SECRET", &s.secret),
        ],
        None,
    )?)?;
    // A server URL without the script name gets the version appended.
    let server = s.endpoint.trim_end_matches("stable/api.php");
    let mut base = call.to_vec();
    base.extend(["--url", server, "--api-version", "latest"]);
    ok(&kontor(&home, &base, &[], None)?)?;
    let _ = std::fs::remove_dir_all(&home);
    Ok(())
}

#[test]
fn actions_come_from_a_file_or_stdin_and_action_errors_exit_1() -> TestResult {
    let s = serve("actions")?;
    let home = temp_dir("actions-home");
    std::fs::create_dir_all(&home)?;
    let request = r#"{"token":"ignored","request":{"actions":[
        {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourcetype":"actionkindtypes",
         "resourceid":"","identifier":"","timestamp":1,"hmac":"old","parameters":{"lang":"ENG"}},
        {"verb":"get","resourcetype":"nosuchresource","parameters":[]}]}}"#;
    let file = home.join("request.json");
    std::fs::write(&file, request)?;
    let path = file.display().to_string();
    let mut args = vec!["call", "--file", &path];
    args.extend(flags(&s));
    let out = kontor(&home, &args, &[], None)?;
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("# get actionkindtypes") && stdout.contains("E-mail"),
        "{stdout}"
    );
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "error: get nosuchresource: 25 Missing configuration for resourceType \"nosuchresource\""
    );

    let mut stdin_args = vec!["call", "--file", "-", "--json"];
    stdin_args.extend(flags(&s));
    let action = r#"{"verb":"get","resourcetype":"actionkindtypes","parameters":{"lang":"DEU"}}"#;
    let json: Value = serde_json::from_str(&ok(&kontor(&home, &stdin_args, &[], Some(action))?)?)?;
    assert_eq!(json["records"][0]["elements"]["label"], "E-Mail");
    let _ = std::fs::remove_dir_all(&home);
    Ok(())
}

/// Answers one HTTP request with a body that is not JSON.
fn not_json_server() -> Result<String, std::io::Error> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten().take(1) {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let body = "<html>maintenance</html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Ok(format!("http://{addr}/api/stable/api.php"))
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_status_1() -> TestResult {
    let home = temp_dir("bad-home");
    std::fs::create_dir_all(&home)?;
    let token = "t".repeat(32);
    let secret = "s".repeat(64);
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0")?;
        format!("http://{}/api/stable/api.php", l.local_addr()?)
    };
    let not_json = not_json_server()?;
    let short = "x".repeat(31);
    let base = ["call", "get", "actionkindtypes"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "no API token: pass --token, set KONTOR_TOKEN"),
        (vec!["--token", &token], "no API secret"),
        (
            vec!["--token", &short, "--secret", &secret],
            "the token must be 32 characters, got 31",
        ),
        (
            vec!["--token", &secret, "--secret", &token],
            "the token must be 32 characters, got 64 (token and secret may be swapped)",
        ),
        (
            vec!["--url", &closed, "--token", &token, "--secret", &secret],
            "cannot reach http://127.0.0.1:",
        ),
        (
            vec!["--url", &not_json, "--token", &token, "--secret", &secret],
            "did not answer with an API envelope: not JSON",
        ),
        (
            vec![
                "--url",
                "ftp://x/api.php",
                "--token",
                &token,
                "--secret",
                &secret,
            ],
            "must start with http:// or https://",
        ),
        (
            vec![
                "--token",
                &token,
                "--secret",
                &secret,
                "--filter",
                "kaufpreis<<3",
            ],
            "invalid filter \"kaufpreis<<3\"",
        ),
        (
            vec!["--token", &token, "--secret", &secret, "--param", "novalue"],
            "--param \"novalue\": write NAME=VALUE",
        ),
        (
            vec!["--token", &token, "--secret", &secret, "--profile", "nope"],
            "profile \"nope\"",
        ),
        (
            vec![
                "--token",
                &token,
                "--secret",
                &secret,
                "--file",
                "/nonexistent/a.json",
            ],
            "cannot read /nonexistent/a.json",
        ),
    ];
    for (extra, expected) in cases {
        let mut args: Vec<&str> = base.to_vec();
        if extra.contains(&"--file") {
            args.truncate(1);
        }
        args.extend(extra.iter().copied());
        let out = kontor(&home, &args, &[], None)?;
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }

    let out = kontor(
        &home,
        &[
            "call", "fetch", "estate", "--token", &token, "--secret", &secret,
        ],
        &[],
        None,
    )?;
    assert!(
        text(&out.stderr).contains("unknown verb \"fetch\""),
        "{}",
        text(&out.stderr)
    );

    // A profile file with a typo names the file and the line.
    let config = home.join(".config").join("kontor");
    std::fs::create_dir_all(&config)?;
    std::fs::write(
        config.join("profiles.toml"),
        "[default]\ntoken = \"a\"\nsecert = \"b\"\n",
    )?;
    let out = kontor(&home, &base, &[], None)?;
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("profiles.toml:3: unknown field `secert`"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    let _ = std::fs::remove_dir_all(&home);
    Ok(())
}

#[test]
fn completions_are_printed_for_bash_zsh_and_fish() -> TestResult {
    let home = temp_dir("completions");
    for shell in ["bash", "zsh", "fish"] {
        let out = kontor(&home, &["completions", shell], &[], None)?;
        let script = ok(&out)?;
        assert!(
            script.contains("kontor") && script.contains("call"),
            "{shell}"
        );
    }
    let out = kontor(&home, &["completions", "tcsh"], &[], None)?;
    assert_eq!(out.status.code(), Some(2), "clap refuses unknown shells");
    Ok(())
}

#[test]
fn the_url_may_be_the_server_root_the_api_directory_or_the_endpoint() -> TestResult {
    let s = serve("urlforms")?;
    let home = temp_dir("urlforms-home");
    let root = s
        .endpoint
        .strip_suffix("/api/stable/api.php")
        .ok_or("kontor serve printed an unexpected endpoint")?
        .to_string();
    let creds = ["--token", &s.token, "--secret", &s.secret];
    let call = ["call", "get", "actionkindtypes", "--json"];
    // On the command line, in every form.
    for url in [
        root.clone(),
        format!("{root}/"),
        format!("{root}/api"),
        format!("{root}/api/"),
        format!("{root}/api/stable/api.php"),
    ] {
        let mut args = call.to_vec();
        args.extend(["--url", &url]);
        args.extend(creds);
        let json: Value = serde_json::from_str(&ok(&kontor(&home, &args, &[], None)?)?)?;
        assert_eq!(json["records"][0]["elements"]["key"], "Email", "{url}");
    }
    let mut latest = call.to_vec();
    latest.extend(["--url", &root, "--api-version", "latest"]);
    latest.extend(creds);
    ok(&kontor(&home, &latest, &[], None)?)?;
    // The server root in KONTOR_URL and in a profile.
    let mut with_creds = call.to_vec();
    with_creds.extend(creds);
    ok(&kontor(&home, &with_creds, &[("KONTOR_URL", &root)], None)?)?;
    let config = home.join(".config").join("kontor");
    std::fs::create_dir_all(&config)?;
    std::fs::write(
        config.join("profiles.toml"),
        format!(
            "[local]\nurl = \"{root}/\"\ntoken = \"{}\"\nsecret = \"{}\"\n\n[typo]\nurl = \"{root}/apii/\"\n",
            s.token, s.secret
        ),
    )?;
    let mut profile = call.to_vec();
    profile.extend(["--profile", "local"]);
    ok(&kontor(&home, &profile, &[], None)?)?;

    // What is not an endpoint is reported with where the URL came from and what to write.
    let not_found = format!("{root}/kontor/api/");
    type Case<'a> = (Vec<&'a str>, &'a [(&'a str, &'a str)], String);
    let cases: Vec<Case> = vec![
        (
            vec!["--url", &not_found],
            &[],
            format!(
                "error: {root}/kontor/api/stable/api.php answered HTTP 404: no API endpoint is \
                 there; give the server (http://127.0.0.1:8080), its API directory"
            ),
        ),
        (
            vec![],
            &[("KONTOR_URL", "127.0.0.1:8080")],
            "error: KONTOR_URL: the URL \"127.0.0.1:8080\" must start with http:// or https://"
                .to_string(),
        ),
        (
            vec!["--profile", "typo"],
            &[],
            format!("error: profile \"typo\": the URL \"{root}/apii/\" does not lead to the API"),
        ),
        (
            vec!["--url", &s.endpoint, "--api-version", "latest"],
            &[],
            format!(
                "error: --url: the URL \"{}\" names the API version \"stable\", but \"latest\" \
                 was asked for",
                s.endpoint
            ),
        ),
    ];
    for (extra, env, expected) in cases {
        let mut args = with_creds.clone();
        args.extend(extra);
        let out = kontor(&home, &args, env, None)?;
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&expected),
            "{args:?}:\n{stderr}\n{expected}"
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&home);
    Ok(())
}
