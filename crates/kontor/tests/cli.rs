//! The `kontor` binary as a user runs it: a real process, a real data directory.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use kontor_proto::hmac::sign_v2;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BIN: &str = env!("CARGO_BIN_EXE_kontor");

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kontor-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn kontor(dir: &Path, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("KONTOR_DATABASE_URL")
        .env_remove("KONTOR_SECRET_KEY")
        .output()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A running `kontor serve`, killed on drop.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `kontor serve` and reads what it prints until the server is up.
fn serve(dir: &Path) -> Result<(Served, Vec<String>), Box<dyn std::error::Error>> {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir)
        .env_remove("KONTOR_DATABASE_URL")
        .env_remove("KONTOR_SECRET_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let served = Served(child);
    let mut lines = Vec::new();
    // `serve` ends what it prints with this line, once the server is up.
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let last = line.starts_with("Serving;");
        lines.push(line);
        if last {
            break;
        }
    }
    Ok((served, lines))
}

fn field(lines: &[String], name: &str) -> Option<String> {
    lines.iter().find_map(|l| {
        l.trim()
            .strip_prefix(&format!("{name}:"))
            .map(|v| v.trim().to_string())
    })
}

async fn call(
    endpoint: &str,
    token: &str,
    secret: &str,
) -> Result<Value, Box<dyn std::error::Error>> {
    let ts = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let actionid = ActionVerb::Get.urn();
    let hmac = sign_v2(secret, &ts.to_string(), token, "actionkindtypes", &actionid);
    let body = json!({"token": token, "request": {"actions": [{
        "actionid": actionid, "resourceid": "", "identifier": "", "resourcetype": "actionkindtypes",
        "timestamp": ts, "hmac_version": 2, "hmac": hmac, "parameters": {"lang": "ENG"}}]}});
    let client = reqwest::Client::new();
    let answer: Value = client
        .post(endpoint)
        .json(&body)
        .send()
        .await?
        .json()
        .await?;
    // errorcode 1 is only ever a store failure, never a valid answer.
    let results = answer["response"]["results"].as_array().cloned();
    let internal = answer["status"]["errorcode"] == 1
        || results
            .unwrap_or_default()
            .iter()
            .any(|r| r["status"]["errorcode"] == 1);
    if internal {
        return Err(format!("errorcode 1 (a store error): {answer}").into());
    }
    Ok(answer)
}

#[tokio::test]
async fn first_start_prints_credentials_that_work() -> TestResult {
    let dir = data_dir("first");
    let (served, lines) = serve(&dir)?;
    let endpoint = field(&lines, "endpoint").ok_or("no endpoint printed")?;
    let token = field(&lines, "token").ok_or("no token printed")?;
    let secret = field(&lines, "secret").ok_or("no secret printed")?;
    assert_eq!(token.len(), 32);
    assert_eq!(secret.len(), 64);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("with 250 estates, 100 addresses")),
        "{lines:?}"
    );
    let json = call(&endpoint, &token, &secret).await?;
    assert_eq!(json["status"]["errorcode"], 0, "{json}");
    assert_eq!(
        json["response"]["results"][0]["data"]["records"][0]["elements"]["key"],
        "Email"
    );
    drop(served);

    // The secret is stored encrypted: the database file never holds it in clear.
    let db = std::fs::read(dir.join("kontor.db"))?;
    let wal = std::fs::read(dir.join("kontor.db-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(
            !bytes.windows(64).any(|w| w == secret.as_bytes()),
            "secret in clear on disk"
        );
    }

    // A second start does not create another demo tenant and prints no secret.
    let (_served, lines) = serve(&dir)?;
    assert!(field(&lines, "secret").is_none(), "{lines:?}");
    let listed = kontor(&dir, &["tenant", "list"])?;
    assert_eq!(text(&listed.stdout).lines().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn apiuser_commands_create_list_and_rotate() -> TestResult {
    let dir = data_dir("apiuser");
    let token = "T".repeat(32);
    let secret = "s".repeat(64);
    let out = kontor(&dir, &["tenant", "create", "acme"])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = kontor(
        &dir,
        &[
            "apiuser", "create", "--tenant", "acme", "--token", &token, "--secret", &secret,
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&secret));

    let out = kontor(&dir, &["apiuser", "list"])?;
    let listed = text(&out.stdout);
    assert!(
        listed.contains(&token) && listed.contains("acme"),
        "{listed}"
    );
    assert!(!listed.contains(&secret), "list never shows secrets");

    let out = kontor(&dir, &["apiuser", "rotate-secret", "--token", &token])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    let new_secret = printed
        .lines()
        .find_map(|l| l.trim().strip_prefix("secret:"))
        .map(str::trim);
    assert_eq!(new_secret.map(str::len), Some(64), "{printed}");
    assert_ne!(new_secret, Some(secret.as_str()));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_status_1() -> TestResult {
    let dir = data_dir("bad");
    let short = "x".repeat(31);
    let token = "a".repeat(32);
    let secret = "b".repeat(64);
    kontor(&dir, &["tenant", "create", "acme"])?;
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["apiuser", "create", "--tenant", "acme", "--token", &short],
            "the token must be 32 characters, got 31",
        ),
        (
            vec![
                "apiuser", "create", "--tenant", "acme", "--token", &secret, "--secret", &token,
            ],
            "token and secret may be swapped",
        ),
        (
            vec!["apiuser", "create", "--tenant", "nobody"],
            "tenant \"nobody\" does not exist",
        ),
        (
            vec!["tenant", "create", "Bad Name"],
            "tenant name \"Bad Name\" is not valid",
        ),
        (
            vec!["tenant", "create", "acme"],
            "tenant \"acme\" already exists",
        ),
        (
            vec!["apiuser", "rotate-secret", "--token", &token],
            "does not exist",
        ),
        (
            vec![
                "tenant",
                "list",
                "--database-url",
                "mysql://root@localhost/k",
            ],
            "unknown database URL scheme \"mysql\"",
        ),
    ];
    for (args, expected) in cases {
        let out = kontor(&dir, &args)?;
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{args:?}: one line, no trace: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// The store of a data directory and its tenant `acme`.
async fn open_acme(
    dir: &Path,
) -> Result<(kontor_store::Store, kontor_store::Tenant), Box<dyn std::error::Error>> {
    use kontor_store::{TenantName, TenantStore};
    let key = kontor_store::SecretKey::load_or_create(&dir.join("secret.key"))?;
    let url = kontor_store::DatabaseUrl::Sqlite(dir.join("kontor.db").display().to_string());
    let store = kontor_store::Store::open(&url, &key).await?;
    let tenant = store
        .tenant_by_name(&TenantName::parse("acme")?)
        .await?
        .ok_or("no tenant")?;
    Ok((store, tenant))
}

/// The children of estate `estate` in `kind`, read straight from the store of a data
/// directory.
async fn seeded_links(
    dir: &Path,
    kind: &str,
    estate: i64,
) -> Result<Vec<i64>, Box<dyn std::error::Error>> {
    use kontor_store::RelationStore;
    let (store, tenant) = open_acme(dir).await?;
    let kind = kontor_store::records::RelationKind::parse(kind)?;
    let links = store.children_of(tenant.id, &kind, &[estate]).await?;
    store.close().await;
    Ok(links.iter().map(|l| l.child).collect())
}

/// Every record's fields, in id order, read straight from the store of a data directory.
async fn stored_docs(
    dir: &Path,
    module: kontor_store::Module,
) -> Result<Vec<serde_json::Map<String, Value>>, Box<dyn std::error::Error>> {
    use kontor_store::RecordStore;
    let (store, tenant) = open_acme(dir).await?;
    let query = kontor_store::records::RecordQuery {
        limit: 500,
        ..Default::default()
    };
    let page = store.query_records(tenant.id, module, &query).await?;
    store.close().await;
    Ok(page.records.into_iter().map(|r| r.doc.into_map()).collect())
}

#[tokio::test]
async fn seeding_is_deterministic_and_names_a_missing_tenant() -> TestResult {
    let (a, b, c) = (data_dir("seed-a"), data_dir("seed-b"), data_dir("seed-c"));
    for (dir, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        kontor(dir, &["tenant", "create", "acme"])?;
        let out = kontor(
            dir,
            &[
                "seed",
                "--tenant",
                "acme",
                "--estates",
                "300",
                "--addresses",
                "50",
                "--seed",
                seed,
            ],
        )?;
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr)
                .contains("seeded tenant acme: 300 estates, 50 addresses, 600 relations"),
            "{}",
            text(&out.stderr)
        );
    }
    let (estate, address) = (kontor_store::Module::ESTATE, kontor_store::Module::ADDRESS);
    let (ea, eb, ec) = (
        stored_docs(&a, estate).await?,
        stored_docs(&b, estate).await?,
        stored_docs(&c, estate).await?,
    );
    assert_eq!(ea.len(), 300);
    assert_eq!(ea, eb, "the same seed gives the same estates");
    assert_ne!(ea, ec, "another seed gives others");
    assert_eq!(
        stored_docs(&a, address).await?,
        stored_docs(&b, address).await?
    );
    // Search criteria for some of the addresses, the same for the same seed.
    let criteria = stored_docs(&a, kontor_store::Module::SEARCHCRITERIA).await?;
    assert_eq!(
        criteria,
        stored_docs(&b, kontor_store::Module::SEARCHCRITERIA).await?
    );
    assert!((5..=45).contains(&criteria.len()), "{}", criteria.len());
    for criterion in &criteria {
        let owner = criterion.get("adresse").and_then(|v| v.as_i64());
        assert!(
            owner.is_some_and(|id| (1..=50).contains(&id)),
            "{criterion:?}"
        );
        assert!(criterion.contains_key("range_plz"), "{criterion:?}");
    }
    let first = &ea[0];
    for field in [
        "objektart",
        "ort",
        "plz",
        "breitengrad",
        "status",
        "erstellt_am",
    ] {
        assert!(
            first.contains_key(field),
            "generated estates carry {field}: {first:?}"
        );
    }
    // Every estate has a broker (the first five addresses) as its contact person, and an
    // owner among the others, two estates each.
    let links = |kind: &'static str, estate: i64| {
        let dir = a.clone();
        async move { seeded_links(&dir, kind, estate).await }
    };
    assert_eq!(links("estate:address:contactPerson", 1).await?, [1]);
    assert_eq!(links("estate:address:contactPerson", 7).await?, [2]);
    assert_eq!(links("estate:address:owner", 1).await?, [6]);
    assert_eq!(links("estate:address:owner", 2).await?, [6]);
    assert_eq!(links("estate:address:owner", 3).await?, [7]);
    let out = kontor(&a, &["seed", "--tenant", "nobody", "--estates", "1"])?;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("tenant \"nobody\" does not exist"),
        "{}",
        text(&out.stderr)
    );
    for dir in [a, b, c] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}

#[test]
fn custom_fields_are_added_and_listed_from_the_command_line() -> TestResult {
    let dir = data_dir("field");
    kontor(&dir, &["tenant", "create", "acme"])?;
    let add = [
        "field",
        "add",
        "--tenant",
        "acme",
        "--module",
        "estate",
        "--name",
        "ind_1_Feld_ObjTech1",
        "--type",
        "singleselect",
        "--label-deu",
        "Lage",
        "--label-eng",
        "Location",
        "--value",
        "ruhig=ruhig=quiet",
        "--value",
        "zentral=zentral=central",
    ];
    let out = kontor(&dir, &add)?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = kontor(&dir, &add)?;
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    let list = kontor(
        &dir,
        &["field", "list", "--tenant", "acme", "--module", "estate"],
    )?;
    assert!(
        text(&list.stdout).contains("ind_1_Feld_ObjTech1\tsingleselect\tLocation\ttrue"),
        "{}",
        text(&list.stdout)
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "field",
                "add",
                "--tenant",
                "acme",
                "--module",
                "estate",
                "--name",
                "kaufpreis2",
                "--type",
                "float",
                "--label-deu",
                "x",
            ],
            "ind_",
        ),
        (
            vec![
                "field",
                "add",
                "--tenant",
                "acme",
                "--module",
                "estate",
                "--name",
                "ind_x",
                "--type",
                "money",
                "--label-deu",
                "x",
            ],
            "unknown field type",
        ),
        (
            vec![
                "field",
                "add",
                "--tenant",
                "acme",
                "--module",
                "estate",
                "--name",
                "ind_y",
                "--type",
                "singleselect",
                "--label-deu",
                "x",
            ],
            "needs at least one --value",
        ),
        (
            vec![
                "field",
                "add",
                "--tenant",
                "acme",
                "--module",
                "house",
                "--name",
                "ind_z",
                "--type",
                "text",
                "--label-deu",
                "x",
            ],
            "unknown module",
        ),
    ];
    for (args, expected) in cases {
        let out = kontor(&dir, &args)?;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains(expected),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// The demo tenant answers `read impressum` with a full German imprint, and `kontor tenant
/// settings` changes what it answers, while the server runs.
#[test]
fn tenant_settings_are_shown_changed_and_answered() -> TestResult {
    let dir = data_dir("settings");
    let (served, lines) = serve(&dir)?;
    let endpoint = field(&lines, "endpoint").ok_or("no endpoint printed")?;
    let token = field(&lines, "token").ok_or("no token printed")?;
    let secret = field(&lines, "secret").ok_or("no secret printed")?;
    let imprint = || -> Result<Value, Box<dyn std::error::Error>> {
        let out = kontor(
            &dir,
            &[
                "call",
                "read",
                "impressum",
                "--data",
                "firma,city,vertretungsberechtigter,handelsregisterNr,country",
                "--url",
                &endpoint,
                "--token",
                &token,
                "--secret",
                &secret,
                "--raw",
            ],
        )?;
        assert!(out.status.success(), "{}", text(&out.stderr));
        let body: Value = serde_json::from_str(text(&out.stdout).trim())?;
        Ok(body["response"]["results"][0]["data"]["records"][0]["elements"].clone())
    };
    let demo = imprint()?;
    assert_eq!(demo["firma"], "Kontor Demo Immobilien GmbH", "{demo}");
    assert_eq!(demo["city"], "Aachen");
    assert_eq!(demo["handelsregisterNr"], "HRB 12345");
    assert_eq!(demo["country"], "DEU");

    let out = kontor(
        &dir,
        &[
            "tenant",
            "settings",
            "demo",
            "--set",
            "imprint.firma=Becker & Söhne KG",
            "--set",
            "ci.color=#ABCDEF",
            "--set",
            "ci.claim=",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    for line in [
        "imprint.firma=Becker & Söhne KG",
        "ci.color=abcdef",
        "ci.claim=",
        "imprint.city=Aachen",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line} in {shown}");
    }
    assert_eq!(
        imprint()?["firma"],
        "Becker & Söhne KG",
        "the running server answers the change"
    );

    for (args, message) in [
        (vec!["--set", "ci.color=blue"], "hex digits"),
        (vec!["--set", "imprint.slogan=x"], "unknown setting"),
        (vec!["--set", "imprint.firma"], "NAME=VALUE"),
    ] {
        let mut all = vec!["tenant", "settings", "demo", "--set", "imprint.city=Köln"];
        all.extend(args);
        let out = kontor(&dir, &all)?;
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stderr).contains(message), "{}", text(&out.stderr));
    }
    assert_eq!(
        imprint()?["city"],
        "Aachen",
        "a refused change changes nothing"
    );
    let out = kontor(&dir, &["tenant", "settings", "nobody"])?;
    assert_eq!(out.status.code(), Some(1));
    drop(served);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
