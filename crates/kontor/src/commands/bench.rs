//! `kontor bench`: the scenarios of issue 3 against the real server, over real HTTP, each
//! compared with a baseline measured in the same run (see `crate::bench`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kontor_server::{AppState, ServerConfig};
use kontor_store::FieldStore;
use kontor_store::Module;

use super::CommandError;
use crate::bench::baseline;
use crate::bench::load::{self, Load, MakeBody, Outcome};
use crate::bench::report::{size_label, FieldRow, Figures, Report, RssRow, ScenarioRow, SeedRow};
use crate::bench::requests::{listing, CreatePool, FIELD_CASES, LIST_FIELDS, WIDE_FIELDS};
use crate::bench::rss::{own_memory, ServeProcess};
use crate::bench::target::{Backend, ServerRuntime, Target};
use crate::cli::{BenchArgs, BenchScenario, Global};

/// Create actions per request in scenario (d).
const CREATE_BATCH: usize = 100;
/// Uncached single requests per field in scenario (b); their median is reported.
const UNCACHED_SAMPLES: u64 = 7;

/// What every scenario of one run shares.
struct Ctx {
    args: BenchArgs,
    backend: Backend,
    /// SQLite files, and the data directory of the `kontor serve` child.
    dir: PathBuf,
    run_id: String,
    runtime: ServerRuntime,
    http: reqwest::Client,
}

impl Ctx {
    fn wants(&self, scenario: BenchScenario) -> bool {
        self.args.scenario == BenchScenario::All || self.args.scenario == scenario
    }

    fn load(&self) -> Load {
        Load {
            clients: self.args.clients,
            warmup: Duration::from_secs(1),
            duration: Duration::from_secs(self.args.duration_secs),
            max_requests: self.args.max_requests,
        }
    }
}

pub async fn run(global: &Global, args: BenchArgs) -> Result<(), CommandError> {
    if args.sizes.is_empty() || args.sizes.contains(&0) {
        return Err(CommandError::Message("--sizes: give sizes above 0".into()));
    }
    if args.clients == 0 || args.duration_secs == 0 {
        return Err(CommandError::Message(
            "--clients and --duration-secs must be at least 1".into(),
        ));
    }
    let run_id = format!("{}_{}", std::process::id(), kontor_proto::time::unix_now());
    let temporary = args.keep_data.is_none();
    let dir = match &args.keep_data {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("kontor-bench-{run_id}")),
    };
    std::fs::create_dir_all(&dir)?;
    let backend = match global.database_url.as_deref() {
        None => Backend::Sqlite { dir: dir.clone() },
        Some(url) if url.starts_with("postgres:") || url.starts_with("postgresql:") => {
            Backend::Postgres { url: url.into() }
        }
        // A file the bench would fill with a million estates must not be one the user
        // happens to have configured (KONTOR_DATABASE_URL) for a real server.
        Some(url) => {
            return Err(CommandError::Message(format!(
                "kontor bench makes fresh SQLite files itself (in a temporary directory, or \
                 --keep-data DIR); --database-url (or KONTOR_DATABASE_URL) is for PostgreSQL \
                 only, got {url:?}"
            )))
        }
    };
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.clients)
        // Generous: a slow query is a result to report, not a reason to give up.
        .timeout(Duration::from_secs(600))
        .build()
        .map_err(|e| CommandError::Message(format!("HTTP client: {e}")))?;
    let mut report = Report {
        machine: machine(),
        backend: backend.name().into(),
        clients: args.clients,
        duration_secs: args.duration_secs,
        ..Report::default()
    };
    eprintln!("bench: {}", report.machine);
    let ctx = Ctx {
        runtime: ServerRuntime::new(args.request_log)?,
        args,
        backend,
        dir,
        run_id,
        http,
    };
    let mut result = Ok(());
    for &size in &ctx.args.sizes {
        result = run_size(&ctx, size, &mut report).await;
        if result.is_err() {
            break;
        }
    }
    // Whatever was measured before an error is still worth printing.
    print!("{}", report.terminal());
    std::io::stdout().flush()?;
    if let Some(path) = &ctx.args.markdown {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        file.write_all(report.markdown().as_bytes())?;
        eprintln!("bench: results appended to {}", path.display());
    }
    if temporary {
        let _ = std::fs::remove_dir_all(&ctx.dir);
    }
    result
}

/// One size: fresh data, the server, the chosen scenarios.
async fn run_size(ctx: &Ctx, size: u64, report: &mut Report) -> Result<(), CommandError> {
    let label = size_label(size);
    let target = Target::open(&ctx.backend, &ctx.run_id, size).await?;
    eprintln!("[{label}] seeding {size} estates into {}", target.location);
    let secs = target.seed(size).await?;
    eprintln!(
        "[{label}] seeded in {secs:.1} s ({:.0} estates/s)",
        size as f64 / secs.max(1e-9)
    );
    report.seeds.push(SeedRow {
        size,
        secs,
        location: target.location.clone(),
        load: String::new(),
    });
    let state = AppState::new(target.store.clone(), ServerConfig::default());
    // The router rather than `kontor_server::serve`: that one takes over Ctrl-C for a
    // graceful shutdown, and Ctrl-C must stop the bench.
    let server = ctx.runtime.spawn(move |listener| async move {
        axum::serve(listener, kontor_server::router(state)).await
    })?;
    let url = server.url();
    let result = scenarios(ctx, &target, &url, size, report).await;
    drop(server);
    if let Some(row) = report.seeds.last_mut() {
        row.load = load_average();
    }
    let keep = ctx.args.keep_data.is_some();
    if keep || matches!(ctx.backend, Backend::Postgres { .. }) {
        eprintln!("[{label}] data kept: {}", target.location);
    }
    target.close(keep).await;
    let (rss, hwm) = own_memory();
    eprintln!(
        "[{label}] bench process: VmRSS {} MiB, VmHWM {} MiB",
        rss / 1024,
        hwm / 1024
    );
    result
}

async fn scenarios(
    ctx: &Ctx,
    target: &Target,
    url: &str,
    size: u64,
    report: &mut Report,
) -> Result<(), CommandError> {
    if ctx.wants(BenchScenario::Read) {
        listings(ctx, target, url, size, "read", 20, LIST_FIELDS, report).await?;
    }
    if ctx.wants(BenchScenario::Fields) {
        fields(ctx, target, url, size, report).await?;
    }
    if ctx.wants(BenchScenario::Read500) {
        listings(ctx, target, url, size, "read500", 500, WIDE_FIELDS, report).await?;
    }
    if ctx.wants(BenchScenario::Rss) {
        memory(ctx, target, size, report).await?;
    }
    // Last: it adds estates, and the other scenarios are defined on the seeded count.
    if ctx.wants(BenchScenario::Create) {
        create(ctx, target, url, size, report).await?;
    }
    Ok(())
}

/// A request that must succeed before a scenario can run (it also captures the baseline's
/// answer): a failure here is a bug to report, so it ends the bench with the request.
async fn capture(
    ctx: &Ctx,
    url: &str,
    body: Vec<u8>,
    actions: usize,
    what: &str,
) -> Result<Vec<u8>, CommandError> {
    load::send(&ctx.http, url, body, actions)
        .await
        .map_err(|f| {
            CommandError::Message(format!(
                "{what}: the request failed\n  request:  {}\n  response: {}",
                f.request, f.response
            ))
        })
}

fn note_failure(report: &mut Report, context: String, outcome: &Outcome) {
    if let Some(failure) = &outcome.first_failure {
        report.failures.push((
            format!(
                "{context} ({} of {} failed)",
                outcome.errors,
                outcome.errors + outcome.ok
            ),
            failure.clone(),
        ));
    }
}

fn progress(label: &str, what: &str, kontor: &Outcome, baseline: Option<&Outcome>) {
    let base = baseline
        .map(|b| {
            format!(
                "; baseline {:.0} req/s, ratio {:.2}",
                b.per_sec(),
                kontor.per_sec() / b.per_sec().max(1e-9)
            )
        })
        .unwrap_or_default();
    eprintln!(
        "[{label}] {what}: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors{base}",
        kontor.per_sec(),
        kontor.percentile_ms(50.0),
        kontor.percentile_ms(99.0),
        kontor.errors
    );
}

/// Scenarios (a) and (c): the listing, with a moving price band and with a repeated one.
#[allow(clippy::too_many_arguments)]
async fn listings(
    ctx: &Ctx,
    target: &Target,
    url: &str,
    size: u64,
    scenario: &'static str,
    limit: u32,
    fields: &'static [&'static str],
    report: &mut Report,
) -> Result<(), CommandError> {
    let label = size_label(size);
    let signer = target.signer.clone();
    let sample = signer.read_estate(listing(0, false, limit, fields));
    let answer = capture(ctx, url, sample, 1, scenario).await?;
    let s = signer.clone();
    let varied: MakeBody = Arc::new(move |i| s.read_estate(listing(i, true, limit, fields)));
    let s = signer.clone();
    let repeated: MakeBody = Arc::new(move |i| s.read_estate(listing(i, false, limit, fields)));
    let load = ctx.load();

    let base_server = baseline::start(&ctx.runtime, answer)?;
    let base = load::run(&ctx.http, &base_server.url(), &load, varied.clone(), 1).await;
    drop(base_server);
    progress(&label, &format!("{scenario} baseline"), &base, None);
    note_failure(report, format!("{label} {scenario} baseline"), &base);

    // One client too: its p50 is the latency of the work itself, where under N clients on
    // a few cores the p50 is mostly queueing (N / throughput).
    let single = Load { clients: 1, ..load };
    let runs = [
        ("varied filter", varied.clone(), load),
        ("repeated query", repeated, load),
        ("varied filter, 1 client", varied, single),
    ];
    for (variant, make, load) in runs {
        let out = load::run(&ctx.http, url, &load, make, 1).await;
        progress(&label, &format!("{scenario} {variant}"), &out, Some(&base));
        note_failure(report, format!("{label} {scenario} {variant}"), &out);
        report.scenarios.push(ScenarioRow {
            size,
            scenario,
            variant,
            kontor: Figures::from(&out),
            items_per_request: 0,
            baseline: Some(Figures::from(&base)),
        });
    }
    Ok(())
}

/// Scenario (b): a filter and a sort on each field, under load and one request at a time.
async fn fields(
    ctx: &Ctx,
    target: &Target,
    url: &str,
    size: u64,
    report: &mut Report,
) -> Result<(), CommandError> {
    let label = size_label(size);
    let config = target
        .store
        .field_config(target.tenant, Module::ESTATE)
        .await?;
    let pool = CreatePool::new(&config, 64);
    // Shorter than the main scenarios: fourteen fields per size.
    let load = Load {
        warmup: Duration::from_millis(500),
        duration: Duration::from_secs((ctx.args.duration_secs / 3).max(2)),
        ..ctx.load()
    };
    for case in FIELD_CASES {
        let signer = target.signer.clone();
        let make: MakeBody = Arc::new(move |i| signer.read_estate(case.parameters(i, size)));
        capture(ctx, url, make(0), 1, case.field).await?;
        let out = load::run(&ctx.http, url, &load, make.clone(), 1).await;
        note_failure(report, format!("{label} field {}", case.field), &out);

        // Each sample follows a write, which invalidates the cached counts: the read
        // recounts, as the first visitor after an edit in the CRM makes it do.
        let mut samples = Vec::new();
        for k in 0..UNCACHED_SAMPLES {
            let write = pool.request(&target.signer, k, 1);
            if let Err(failure) = load::send(&ctx.http, url, write, 1).await {
                report
                    .failures
                    .push((format!("{label} create before {}", case.field), failure));
                continue;
            }
            // A number no request used, so that the filter is a new one too.
            let body = make(load::next_index());
            let sent = Instant::now();
            match load::send(&ctx.http, url, body, 1).await {
                Ok(_) => samples.push(sent.elapsed().as_secs_f64() * 1_000.0),
                Err(failure) => report
                    .failures
                    .push((format!("{label} uncached {}", case.field), failure)),
            }
        }
        samples.sort_by(f64::total_cmp);
        let uncached_p50 = samples.get(samples.len() / 2).copied().unwrap_or(0.0);
        eprintln!(
            "[{label}] field {:<16} {:>7.0} req/s, p50 {:>8.2} ms, p99 {:>8.2} ms, uncached p50 {:>8.2} ms, {} errors",
            case.field,
            out.per_sec(),
            out.percentile_ms(50.0),
            out.percentile_ms(99.0),
            uncached_p50,
            out.errors
        );
        report.fields.push(FieldRow {
            size,
            field: case.field,
            indexed: case.indexed,
            distinct: case.distinct,
            load: Figures::from(&out),
            uncached_p50,
        });
    }
    Ok(())
}

/// Scenario (e): a `kontor serve` process over the same data, under the listing load (list
/// pages of 20 and of 500, alternately).
async fn memory(
    ctx: &Ctx,
    target: &Target,
    size: u64,
    report: &mut Report,
) -> Result<(), CommandError> {
    let label = size_label(size);
    let process = ServeProcess::start(target, &ctx.dir).await?;
    let signer = target.signer.clone();
    let sample = signer.read_estate(listing(0, false, 20, LIST_FIELDS));
    capture(ctx, &process.url, sample, 1, "rss").await?;
    let (idle_kib, _) = process.memory()?;
    let make: MakeBody = Arc::new(move |i| {
        let (limit, fields) = if i % 2 == 0 {
            (20, LIST_FIELDS)
        } else {
            (500, WIDE_FIELDS)
        };
        signer.read_estate(listing(i, true, limit, fields))
    });
    let sampler = process.sample();
    let out = load::run(&ctx.http, &process.url, &ctx.load(), make, 1).await;
    let max_sampled = sampler.stop();
    let (now_kib, hwm_kib) = process.memory()?;
    drop(process);
    note_failure(report, format!("{label} rss load"), &out);
    let row = RssRow {
        size,
        idle_kib,
        max_kib: max_sampled.max(now_kib),
        hwm_kib,
        load: Figures::from(&out),
    };
    eprintln!(
        "[{label}] kontor serve: idle {} MiB, max RSS {} MiB, VmHWM {} MiB at {:.0} req/s",
        row.idle_kib / 1024,
        row.max_kib / 1024,
        row.hwm_kib / 1024,
        out.per_sec()
    );
    report.rss.push(row);
    Ok(())
}

/// Scenario (d): create estates, a hundred actions per request.
async fn create(
    ctx: &Ctx,
    target: &Target,
    url: &str,
    size: u64,
    report: &mut Report,
) -> Result<(), CommandError> {
    let label = size_label(size);
    let config = target
        .store
        .field_config(target.tenant, Module::ESTATE)
        .await?;
    let pool = Arc::new(CreatePool::new(&config, 1_000));
    let answer = capture(
        ctx,
        url,
        pool.request(&target.signer, 0, CREATE_BATCH),
        CREATE_BATCH,
        "create",
    )
    .await?;
    let signer = target.signer.clone();
    let make: MakeBody = Arc::new(move |i| pool.request(&signer, i, CREATE_BATCH));
    let load = ctx.load();
    let base_server = baseline::start(&ctx.runtime, answer)?;
    let base = load::run(
        &ctx.http,
        &base_server.url(),
        &load,
        make.clone(),
        CREATE_BATCH,
    )
    .await;
    drop(base_server);
    note_failure(report, format!("{label} create baseline"), &base);
    let out = load::run(&ctx.http, url, &load, make, CREATE_BATCH).await;
    progress(&label, "create (100 per request)", &out, Some(&base));
    eprintln!(
        "[{label}] create: {:.0} estates/s",
        out.per_sec() * CREATE_BATCH as f64
    );
    note_failure(report, format!("{label} create"), &out);
    report.scenarios.push(ScenarioRow {
        size,
        scenario: "create",
        variant: "100 per request",
        kontor: Figures::from(&out),
        items_per_request: CREATE_BATCH as u64,
        baseline: Some(Figures::from(&base)),
    });
    Ok(())
}

/// The first three fields of /proc/loadavg ("" where there is none).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Cores, memory and build profile: figures mean little without them.
fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|kib| kib.parse::<u64>().ok())
        })
        .map(|kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown".into());
    let profile = if cfg!(debug_assertions) {
        "debug build (figures are not representative)"
    } else {
        "release build"
    };
    format!(
        "{cores} cores, {memory} memory, {profile}, kontor {}",
        env!("CARGO_PKG_VERSION")
    )
}
