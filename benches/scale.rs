//! The scale benchmark of issue 5 §3: `cargo bench --bench scale`.
//!
//! On a throwaway cluster it starts itself (fsync on: `Durability::Durable`), for
//! each size N (100,000 and 1,000,000 claims by default; `--claims N`, repeatable,
//! to choose; `--with-10m` adds 10,000,000):
//!
//! 1. generates NDJSON and CSV with `claims::generate::Plan { claims: N, seed: 42 }`;
//! 2. times `claims import` of each into a fresh migrated database, end to end as a
//!    child process, sampling its peak RSS (VmHWM) every 20 ms;
//! 3. times the baseline: `psql \copy` of the same final rows (exported from the
//!    NDJSON-imported database) into a fresh migrated database, table by table;
//! 4. on the NDJSON-imported database, times `report --unverified`, `report
//!    analysts`, `show` and `add claim` end to end beside `psql -c` running the
//!    equivalent SQL, and the server time of that SQL (EXPLAIN ANALYZE);
//!
//! and writes BENCHMARKS.md at the repository root. Progress goes to stderr.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use claims::cluster::{Cluster, Durability};
use claims::connection::establish;
use claims::database;
use claims::generate::Plan;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Text};

const CLAIMS_BIN: &str = env!("CARGO_BIN_EXE_claims");
const SEED: u64 = 42;
/// Timed runs per latency figure (after one warm-up run).
const RUNS: usize = 7;
/// Peak-RSS sampling period.
const SAMPLE_EVERY: Duration = Duration::from_millis(20);

/// The ledger tables a generated file fills, in dependency order (the baseline's order).
const TABLES: &[&str] = &[
    "analysts",
    "sources",
    "tags",
    "claims",
    "appearances",
    "claim_tags",
    "claim_links",
    "verifications",
];

// ---------------------------------------------------------------------------
// Arguments

struct Args {
    sizes: Vec<u64>,
    /// The arguments as given (for BENCHMARKS.md).
    shown: Vec<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo bench --bench scale [-- [--claims N]... [--with-10m]]\n\
         default sizes: 100000 and 1000000 claims"
    );
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut chosen: Vec<u64> = Vec::new();
    let mut with_10m = false;
    let mut shown = Vec::new();
    let mut args = std::env::args().skip(1);
    let parse_n = |s: &str| -> u64 {
        s.replace(['_', ','], "").parse().unwrap_or_else(|_| {
            eprintln!("--claims: not a number: {s}");
            usage()
        })
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // cargo bench passes --bench to harness = false targets.
            "--bench" => {}
            "--claims" => {
                let v = args.next().unwrap_or_else(|| usage());
                chosen.push(parse_n(&v));
                shown.push(format!("--claims {v}"));
            }
            "--with-10m" => {
                with_10m = true;
                shown.push(arg.clone());
            }
            "-h" | "--help" => usage(),
            other => {
                if let Some(v) = other.strip_prefix("--claims=") {
                    chosen.push(parse_n(v));
                    shown.push(other.to_owned());
                } else {
                    eprintln!("unknown argument: {other}");
                    usage()
                }
            }
        }
    }
    let mut sizes = if chosen.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        chosen
    };
    if with_10m {
        sizes.push(10_000_000);
    }
    let mut seen = std::collections::HashSet::new();
    sizes.retain(|n| *n > 0 && seen.insert(*n));
    if sizes.is_empty() {
        usage();
    }
    Args { sizes, shown }
}

// ---------------------------------------------------------------------------
// Progress

static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

macro_rules! progress {
    ($($arg:tt)*) => {{
        let t = START.get_or_init(Instant::now).elapsed().as_secs_f64();
        eprintln!("[scale {:>7.1}s] {}", t, format!($($arg)*));
    }};
}

// ---------------------------------------------------------------------------
// The cluster and its databases

/// Stops the cluster (also on panic) and then removes the temp dir.
struct Guard {
    cluster: Cluster,
    // Dropped after `drop` below has stopped the server.
    _dir: tempfile::TempDir,
}

impl Drop for Guard {
    fn drop(&mut self) {
        progress!(
            "stopping the cluster and removing {}",
            self._dir.path().display()
        );
        if let Err(e) = self.cluster.stop() {
            eprintln!("could not stop the benchmark cluster: {e}");
        }
    }
}

/// The benchmark's cluster; databases are created and dropped by claims::database.
struct Server {
    cluster: Cluster,
    databases: database::Server,
}

impl Server {
    fn new(cluster: Cluster) -> Server {
        Server {
            databases: database::Server::Cluster(cluster.clone()),
            cluster,
        }
    }

    fn url(&self, db: &str) -> String {
        self.cluster.url(db)
    }

    /// A fresh database with every migration applied.
    fn fresh_db(&self, name: &str) -> String {
        self.databases
            .recreate(name, true)
            .expect("create and migrate a database")
    }

    fn drop_db(&self, name: &str) {
        self.databases.drop(name).expect("drop a database");
    }

    fn checkpoint(&self) {
        establish(&self.url("postgres"))
            .expect("connect to the benchmark cluster")
            .batch_execute("CHECKPOINT")
            .expect("CHECKPOINT");
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// Rows per ledger table, in TABLES order.
fn table_counts(url: &str) -> Vec<(String, i64)> {
    let mut conn = establish(url).expect("connect");
    TABLES
        .iter()
        .map(|t| {
            let c: Count = sql_query(format!("SELECT count(*) AS n FROM {t}"))
                .get_result(&mut conn)
                .expect("count rows");
            (t.to_string(), c.n)
        })
        .collect()
}

fn total(counts: &[(String, i64)]) -> i64 {
    counts.iter().map(|(_, n)| n).sum()
}

/// VACUUM (ANALYZE) the whole database: untimed, so that autovacuum has nothing
/// left to do on it during later timed steps, and the planner has statistics.
fn vacuum_analyze(url: &str) {
    establish(url)
        .expect("connect")
        .batch_execute("VACUUM (ANALYZE)")
        .expect("VACUUM (ANALYZE)");
}

// ---------------------------------------------------------------------------
// Processes

fn psql_base(url: &str) -> Command {
    let mut cmd = Command::new("psql");
    cmd.args(["-X", "-q", "-v", "ON_ERROR_STOP=1"]).arg(url);
    cmd.stdin(Stdio::null());
    cmd
}

fn check(out: &Output, what: &str) {
    if !out.status.success() {
        panic!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `psql -X -q -A -t URL -c SQL`, checked; its standard output.
fn psql_query(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .arg(url)
        .arg("-c")
        .arg(sql)
        .stdin(Stdio::null())
        .output()
        .expect("run psql");
    check(&out, &format!("psql -c {sql:?}"));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The `VmHWM` (peak resident set) of a process, in KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

struct Measured {
    secs: f64,
    peak_kib: u64,
    success: bool,
    stderr: String,
    stdout: String,
}

/// Runs `cmd` to its exit: wall time from spawn to exit, and the largest VmHWM
/// read while it ran (polled every SAMPLE_EVERY by a second thread).
fn run_sampled(mut cmd: Command, log_stem: &Path) -> Measured {
    let out_path = log_stem.with_extension("stdout");
    let err_path = log_stem.with_extension("stderr");
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("create the stdout log"))
        .stderr(File::create(&err_path).expect("create the stderr log"));
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn the child");
    let pid = child.id();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut peak = 0u64;
            loop {
                if let Some(kib) = vm_hwm_kib(pid) {
                    peak = peak.max(kib);
                }
                if stop.load(Ordering::Relaxed) {
                    return peak;
                }
                std::thread::sleep(SAMPLE_EVERY);
            }
        })
    };
    let status = child.wait().expect("wait for the child");
    let secs = start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let peak_kib = sampler.join().expect("the sampler thread");
    Measured {
        secs,
        peak_kib,
        success: status.success(),
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path)
            .map(|s| format!("{status}: {s}"))
            .unwrap_or_default(),
    }
}

/// Wall time of `cmd` from start to exit, checked.
fn time_output(cmd: &mut Command, what: &str) -> (f64, Output) {
    let start = Instant::now();
    let out = cmd.output().expect("run a command");
    let secs = start.elapsed().as_secs_f64();
    check(&out, what);
    (secs, out)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

// ---------------------------------------------------------------------------
// The measurements

struct ImportResult {
    format: &'static str,
    file_bytes: u64,
    rows: i64,
    counts: Vec<(String, i64)>,
    secs: f64,
    peak_kib: u64,
    error: Option<String>,
}

struct Baseline {
    rows: i64,
    secs: f64,
    per_table: Vec<(String, i64, f64)>,
    counts_match: Result<(), String>,
}

struct Latency {
    name: &'static str,
    claims_cmd: String,
    sql: String,
    claims_ms: f64,
    psql_ms: f64,
    server_ms: f64,
    planning_ms: f64,
}

struct SizeResult {
    n: u64,
    generate_secs: f64,
    imports: Vec<ImportResult>,
    baseline: Option<Baseline>,
    latencies: Vec<Latency>,
    show_id: Option<i64>,
}

fn generate(dir: &Path, n: u64) -> (PathBuf, PathBuf, f64) {
    let plan = Plan {
        claims: n,
        seed: SEED,
    };
    let ndjson = dir.join(format!("ledger-{n}.ndjson"));
    let csv = dir.join(format!("ledger-{n}.csv"));
    let start = Instant::now();
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&ndjson).expect("create NDJSON"));
    plan.write_ndjson(&mut out).expect("generate NDJSON");
    out.flush().expect("write NDJSON");
    drop(out);
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&csv).expect("create CSV"));
    plan.write_csv(&mut out).expect("generate CSV");
    out.flush().expect("write CSV");
    drop(out);
    (ndjson, csv, start.elapsed().as_secs_f64())
}

fn import(
    server: &Server,
    dir: &Path,
    db: &str,
    file: &Path,
    format: &'static str,
) -> ImportResult {
    let url = server.fresh_db(db);
    server.checkpoint();
    let file_bytes = fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    progress!(
        "  claims import {} ({:.0} MiB) into {db}",
        file.file_name().unwrap().to_string_lossy(),
        file_bytes as f64 / 1048576.0
    );
    let mut cmd = Command::new(CLAIMS_BIN);
    cmd.arg("--database-url")
        .arg(&url)
        .arg("import")
        .arg(file)
        .arg("--quiet")
        // No stray .env applies.
        .current_dir(dir);
    let m = run_sampled(cmd, &dir.join(format!("import-{db}")));
    let counts = table_counts(&url);
    let rows = total(&counts);
    let error = (!m.success).then(|| m.stderr.trim().to_owned());
    match &error {
        None => progress!(
            "    {rows} rows in {:.1} s: {:.0} rows/s, peak RSS {:.1} MiB ({})",
            m.secs,
            rows as f64 / m.secs,
            m.peak_kib as f64 / 1024.0,
            m.stdout.trim()
        ),
        Some(e) => progress!("    FAILED after {:.1} s: {e}", m.secs),
    }
    ImportResult {
        format,
        file_bytes,
        rows,
        counts,
        secs: m.secs,
        peak_kib: m.peak_kib,
        error,
    }
}

/// The columns the baseline copies: every non-generated column, except
/// claims.status (the verifications trigger derives it; inserting another value
/// than 'unverified' is refused).
fn copy_columns(url: &str, table: &str) -> Vec<String> {
    let mut conn = establish(url).expect("connect");
    let cols: Vec<Name> = sql_query(
        "SELECT column_name::text AS name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
          ORDER BY ordinal_position",
    )
    .bind::<Text, _>(table)
    .load(&mut conn)
    .expect("read the columns");
    cols.into_iter()
        .map(|c| c.name)
        .filter(|c| !(table == "claims" && c == "status"))
        .collect()
}

fn baseline(
    server: &Server,
    dir: &Path,
    source_url: &str,
    n: u64,
    expected: &[(String, i64)],
) -> Baseline {
    let files = export_final_rows(source_url, dir, n);
    let db = format!("bench_{n}_psql");
    let url = server.fresh_db(&db);
    server.checkpoint();
    progress!("  baseline: psql \\copy … FROM into {db}, table by table");
    let mut per_table = Vec::new();
    for (table, list, file) in &files {
        let (secs, _) = time_output(
            psql_base(&url).arg("-c").arg(format!(
                "\\copy {table} ({list}) FROM '{}' CSV",
                file.display()
            )),
            &format!("psql \\copy {table}"),
        );
        let rows = expected
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        progress!("    {table}: {rows} rows in {secs:.2} s");
        per_table.push((table.clone(), rows, secs));
    }
    let secs: f64 = per_table.iter().map(|(_, _, s)| s).sum();
    let counts = table_counts(&url);
    let rows = total(&counts);
    let counts_match = same_rows(&url, source_url, &counts, expected);
    match &counts_match {
        Ok(()) => progress!(
            "    {rows} rows in {secs:.1} s: {:.0} rows/s; same row counts and statuses as the import",
            rows as f64 / secs
        ),
        Err(e) => progress!("    MISMATCH: {e}"),
    }
    for (_, _, file) in &files {
        let _ = fs::remove_file(file);
    }
    server.drop_db(&db);
    Baseline {
        rows,
        secs,
        per_table,
        counts_match,
    }
}

/// Each ledger table of the imported database as a CSV file, with `psql \\copy … TO`
/// (untimed): (table, column list, file).
fn export_final_rows(source_url: &str, dir: &Path, n: u64) -> Vec<(String, String, PathBuf)> {
    progress!("  baseline: exporting the final rows with psql \\copy … TO");
    let mut files = Vec::new();
    for table in TABLES {
        let cols = copy_columns(source_url, table);
        let list = cols.join(", ");
        let order = if cols.iter().any(|c| c == "id") {
            "id".to_owned()
        } else {
            cols.iter().take(2).cloned().collect::<Vec<_>>().join(", ")
        };
        let file = dir.join(format!("baseline-{n}-{table}.csv"));
        let out = psql_base(source_url)
            .arg("-c")
            .arg(format!(
                "\\copy (SELECT {list} FROM {table} ORDER BY {order}) TO '{}' CSV",
                file.display()
            ))
            .output()
            .expect("run psql");
        check(&out, &format!("export {table}"));
        files.push((table.to_string(), list, file));
    }
    files
}

/// Whether the baseline database ended with the import's row counts, and the
/// trigger derived the same statuses.
fn same_rows(
    url: &str,
    source_url: &str,
    counts: &[(String, i64)],
    expected: &[(String, i64)],
) -> Result<(), String> {
    if counts != expected {
        return Err(format!("baseline {counts:?} vs imported {expected:?}"));
    }
    let status_of = |u: &str| {
        psql_query(
            u,
            "SELECT string_agg(status || '=' || n, ',' ORDER BY status) FROM (SELECT status, count(*) AS n FROM claims GROUP BY status) s",
        )
    };
    let (a, b) = (status_of(url), status_of(source_url));
    if a == b {
        Ok(())
    } else {
        Err(format!(
            "claims.status differs: baseline {a} vs imported {b}"
        ))
    }
}

/// Median e2e of a command run RUNS times after one warm-up run; `make` builds the
/// command for run k (0 is the warm-up).
fn e2e_ms(what: &str, mut make: impl FnMut(usize) -> Command) -> f64 {
    let mut times = Vec::new();
    for k in 0..=RUNS {
        let (secs, _) = time_output(&mut make(k), what);
        if k > 0 {
            times.push(secs * 1000.0);
        }
    }
    median(times)
}

/// Median "Execution Time" and "Planning Time" of EXPLAIN (ANALYZE, FORMAT JSON)
/// of the SQL for run k, over RUNS runs after one warm-up.
fn server_ms(url: &str, mut sql: impl FnMut(usize) -> String) -> (f64, f64) {
    let mut exec = Vec::new();
    let mut plan = Vec::new();
    for k in 0..=RUNS {
        let text = psql_query(url, &format!("EXPLAIN (ANALYZE, FORMAT JSON) {}", sql(k)));
        let v: serde_json::Value = serde_json::from_str(&text).expect("EXPLAIN JSON");
        let e = v[0]["Execution Time"].as_f64().expect("Execution Time");
        let p = v[0]["Planning Time"].as_f64().unwrap_or(f64::NAN);
        if k > 0 {
            exec.push(e);
            plan.push(p);
        }
    }
    (median(exec), median(plan))
}

fn latencies(url: &str, dir: &Path) -> (Vec<Latency>, i64) {
    let claims = |args: &[String]| {
        let mut cmd = Command::new(CLAIMS_BIN);
        cmd.arg("--database-url")
            .arg(url)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null());
        cmd
    };
    let psql_c = |sql: String| {
        let mut cmd = Command::new("psql");
        cmd.args(["-X", "-q", "-A", "-t"])
            .arg(url)
            .arg("-c")
            .arg(sql)
            .stdin(Stdio::null());
        cmd
    };
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let show_id: i64 = psql_query(
        url,
        "SELECT id FROM claims ORDER BY id OFFSET (SELECT count(*) / 2 FROM claims) LIMIT 1",
    )
    .parse()
    .expect("a claim id");

    let mut out = Vec::new();
    let mut measure = |name: &'static str,
                       claims_args: &dyn Fn(usize) -> Vec<String>,
                       sql: &dyn Fn(usize, &str) -> String| {
        progress!("  latency: {name}");
        let claims_ms = e2e_ms(name, |k| claims(&claims_args(k)));
        let psql_ms = e2e_ms(name, |k| psql_c(sql(k, "psql")));
        let (server_ms, planning_ms) = server_ms(url, |k| sql(k, "explain"));
        progress!(
            "    claims {claims_ms:.1} ms, psql -c {psql_ms:.1} ms, server {server_ms:.3} ms (+{planning_ms:.3} ms planning)"
        );
        out.push(Latency {
            name,
            claims_cmd: format!("claims {}", claims_args(1).join(" ")),
            sql: sql(1, "psql"),
            claims_ms,
            psql_ms,
            server_ms,
            planning_ms,
        });
    };

    measure(
        "report --unverified --limit 50",
        &|_| {
            strs(&[
                "report",
                "--unverified",
                "--limit",
                "50",
                "--format",
                "json",
            ])
        },
        &|_, _| "SELECT * FROM unverified_claims ORDER BY made_at NULLS LAST, id LIMIT 50".into(),
    );
    measure(
        "report analysts",
        &|_| strs(&["report", "analysts", "--format", "json"]),
        &|_, _| "SELECT * FROM analyst_track_record".into(),
    );
    measure(
        "show ID",
        &|_| {
            vec![
                "show".into(),
                show_id.to_string(),
                "--format".into(),
                "json".into(),
            ]
        },
        &|_, _| format!("SELECT * FROM claim_overview WHERE id = {show_id}"),
    );
    out.push(add_claim_latency(url, &claims, &psql_c));
    (out, show_id)
}

/// `add claim` beside a plain INSERT: the warm-up run of `claims add` creates
/// "Bench analyst"; the SQL inserts for that analyst. Every run adds a new statement.
fn add_claim_latency(
    url: &str,
    claims: &dyn Fn(&[String]) -> Command,
    psql_c: &dyn Fn(String) -> Command,
) -> Latency {
    progress!("  latency: add claim");
    let claims_ms = e2e_ms("claims add claim", |k| {
        claims(&[
            "add".into(),
            "claim".into(),
            format!("Bench claim {k}."),
            "--by".into(),
            "Bench analyst".into(),
            "--format".into(),
            "json".into(),
        ])
    });
    let analyst_id: i64 = psql_query(url, "SELECT id FROM analysts WHERE name = 'Bench analyst'")
        .parse()
        .expect("the bench analyst exists");
    let insert = |k: usize, tag: &str| {
        format!(
            "INSERT INTO claims (analyst_id, statement) VALUES ({analyst_id}, '{tag} bench {k}')"
        )
    };
    let psql_ms = e2e_ms("psql INSERT", |k| psql_c(insert(k, "psql")));
    let (server_ms, planning_ms) = server_ms(url, |k| insert(k, "explain"));
    progress!(
        "    claims {claims_ms:.1} ms, psql -c {psql_ms:.1} ms, server {server_ms:.3} ms (+{planning_ms:.3} ms planning)"
    );
    Latency {
        name: "add claim",
        claims_cmd: "claims add claim \"Bench claim K.\" --by \"Bench analyst\" --format json"
            .into(),
        sql: format!(
            "INSERT INTO claims (analyst_id, statement) VALUES ({analyst_id}, 'psql bench K')"
        ),
        claims_ms,
        psql_ms,
        server_ms,
        planning_ms,
    }
}

fn run_size(server: &Server, dir: &Path, n: u64) -> SizeResult {
    progress!("N = {n}: generating NDJSON and CSV (seed {SEED})");
    let (ndjson, csv, generate_secs) = generate(dir, n);
    progress!("  generated in {generate_secs:.1} s");

    let ndjson_db = format!("bench_{n}_ndjson");
    let csv_db = format!("bench_{n}_csv");
    let mut imports = Vec::new();

    let nd = import(server, dir, &ndjson_db, &ndjson, "NDJSON");
    let nd_ok = nd.error.is_none();
    let nd_counts = nd.counts.clone();
    imports.push(nd);
    if nd_ok {
        progress!("  VACUUM (ANALYZE) {ndjson_db} (untimed)");
        vacuum_analyze(&server.url(&ndjson_db));
    }

    let c = import(server, dir, &csv_db, &csv, "CSV");
    imports.push(c);
    server.drop_db(&csv_db);
    let _ = fs::remove_file(&csv);

    let mut result = SizeResult {
        n,
        generate_secs,
        imports,
        baseline: None,
        latencies: Vec::new(),
        show_id: None,
    };
    if nd_ok {
        let url = server.url(&ndjson_db);
        result.baseline = Some(baseline(server, dir, &url, n, &nd_counts));
        let (lat, show_id) = latencies(&url, dir);
        result.latencies = lat;
        result.show_id = Some(show_id);
    } else {
        progress!("  the NDJSON import failed: no baseline and no latencies at N = {n}");
    }
    server.drop_db(&ndjson_db);
    let _ = fs::remove_file(&ndjson);
    result
}

// ---------------------------------------------------------------------------
// BENCHMARKS.md

fn thousands(n: f64) -> String {
    let s = format!("{:.0}", n);
    let (sign, digits) = s.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", &s));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

fn command_stdout(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}

struct Machine {
    cpus: String,
    cpu_model: String,
    memory: String,
    kernel: String,
    rustc: String,
    psql: String,
    server: String,
    commit: String,
}

fn machine(server: &Server) -> Machine {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu_model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|r| r.trim_start_matches([' ', '\t', ':']).trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kib| format!("{:.1} GiB", kib / 1048576.0))
        .unwrap_or_else(|| "unknown".into());
    Machine {
        cpus: command_stdout("nproc", &[]),
        cpu_model,
        memory,
        kernel: command_stdout("uname", &["-sr"]),
        rustc: command_stdout("rustc", &["--version"]),
        psql: command_stdout("psql", &["--version"]),
        server: psql_query(&server.url("postgres"), "SELECT version()"),
        commit: command_stdout(
            "git",
            &[
                "-C",
                env!("CARGO_MANIFEST_DIR"),
                "rev-parse",
                "--short",
                "HEAD",
            ],
        ),
    }
}

fn pct_vs(value: f64, target: f64) -> String {
    let d = (value / target - 1.0) * 100.0;
    if d >= 0.0 {
        format!("{d:.0} % above")
    } else {
        format!("{:.0} % below", -d)
    }
}

/// BENCHMARKS.md: how the run was made, then one section per measurement.
fn write_report(
    path: &Path,
    m: &Machine,
    args: &Args,
    results: &[SizeResult],
    started: &str,
    total_secs: f64,
) -> String {
    let mut s = String::new();
    report_header(&mut s, m, args, results, started, total_secs);
    report_imports(&mut s, results);
    report_baseline(&mut s, results);
    report_latency(&mut s, results);
    report_targets(&mut s, results);
    let _ = writeln!(s, "## Why\n");
    let _ = writeln!(s, "<!-- analysis -->\n");
    fs::write(path, &s).expect("write BENCHMARKS.md");
    s
}

/// The command, date, commit, machine, versions, cluster and data of the run.
fn report_header(
    s: &mut String,
    m: &Machine,
    args: &Args,
    results: &[SizeResult],
    started: &str,
    total_secs: f64,
) {
    let cmd = if args.shown.is_empty() {
        "cargo bench --bench scale".to_owned()
    } else {
        format!("cargo bench --bench scale -- {}", args.shown.join(" "))
    };
    let _ = writeln!(s, "# Benchmarks\n");
    let _ = writeln!(
        s,
        "Written by `benches/scale.rs` (issue 5 §3); rerun with the command below. \
         Every figure here comes from the run described in this file.\n"
    );
    let _ = writeln!(s, "- Command: `{cmd}`");
    let _ = writeln!(
        s,
        "- Date: {started} (the run took {:.1} min)",
        total_secs / 60.0
    );
    let _ = writeln!(
        s,
        "- Commit: {} (plus any uncommitted changes in the work tree)",
        m.commit
    );
    let _ = writeln!(
        s,
        "- Machine: {} CPUs ({}), {} memory, {}",
        m.cpus, m.cpu_model, m.memory, m.kernel
    );
    let _ = writeln!(
        s,
        "- Versions: {}; {}; server: {}",
        m.rustc, m.psql, m.server
    );
    let _ = writeln!(
        s,
        "- Cluster: a throwaway cluster the benchmark starts in a temp dir (`Cluster::ensure_running(Durability::Durable)`: \
         fsync, synchronous_commit and full_page_writes on; otherwise PostgreSQL's defaults, e.g. shared_buffers 128 MB), \
         on a Unix socket."
    );
    let _ = writeln!(
        s,
        "- Data: `claims::generate::Plan {{ claims: N, seed: {SEED} }}`, written as NDJSON (`write_ndjson`) and CSV (`write_csv`). \
         The CSV carries one appearance and at most one verdict per claim, so it yields fewer rows than the NDJSON.\n"
    );

    let _ = writeln!(
        s,
        "Generating the two files (untimed in the figures) took {}.\n",
        results
            .iter()
            .map(|r| format!("{:.1} s at N = {}", r.generate_secs, thousands(r.n as f64)))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// The import table (claims import of each format beside the baseline) and rows per table.
fn report_imports(s: &mut String, results: &[SizeResult]) {
    let _ = writeln!(s, "## Bulk import\n");
    let _ = writeln!(
        s,
        "`claims --database-url URL import FILE --quiet` (the release binary) into a fresh migrated database, \
         timed from process start to exit. Rows = rows in analysts, sources, tags, claims, appearances, claim_tags, \
         claim_links and verifications afterwards. Peak RSS = the largest `VmHWM` in `/proc/PID/status`, polled every \
         20 ms. Baseline = `psql \\copy` of the same final rows (see below). A `CHECKPOINT` precedes each timed load.\n"
    );
    let _ = writeln!(
        s,
        "| N claims | input | file MiB | rows | seconds | rows/s | ratio to psql \\copy | peak RSS MiB |"
    );
    let _ = writeln!(s, "|---:|---|---:|---:|---:|---:|---:|---:|");
    for r in results {
        let base_rate = r.baseline.as_ref().map(|b| b.rows as f64 / b.secs);
        if let Some(b) = &r.baseline {
            let _ = writeln!(
                s,
                "| {} | psql \\copy (baseline) | | {} | {:.1} | {} | 1.00× | |",
                thousands(r.n as f64),
                thousands(b.rows as f64),
                b.secs,
                thousands(b.rows as f64 / b.secs)
            );
        }
        for i in &r.imports {
            if let Some(e) = &i.error {
                let _ = writeln!(
                    s,
                    "| {} | claims import {} | {:.0} | failed after {:.1} s: `{}` | | | | {:.1} |",
                    thousands(r.n as f64),
                    i.format,
                    i.file_bytes as f64 / 1048576.0,
                    i.secs,
                    e.replace('|', "\\|").replace('\n', " "),
                    i.peak_kib as f64 / 1024.0
                );
                continue;
            }
            let rate = i.rows as f64 / i.secs;
            let _ = writeln!(
                s,
                "| {} | claims import {} | {:.0} | {} | {:.1} | {} | {} | {:.1} |",
                thousands(r.n as f64),
                i.format,
                i.file_bytes as f64 / 1048576.0,
                thousands(i.rows as f64),
                i.secs,
                thousands(rate),
                base_rate
                    .map(|b| format!("{:.2}×", rate / b))
                    .unwrap_or_else(|| "n/a".into()),
                i.peak_kib as f64 / 1024.0
            );
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Rows per table:\n");
    let _ = writeln!(s, "| N claims | load | {} |", TABLES.join(" | "));
    let _ = writeln!(s, "|---:|---|{}", "---:|".repeat(TABLES.len()));
    for r in results {
        for i in &r.imports {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                thousands(r.n as f64),
                i.format,
                i.counts
                    .iter()
                    .map(|(_, n)| thousands(*n as f64))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
    }
    let _ = writeln!(s);
}

/// How the baseline was measured, and its time per table.
fn report_baseline(s: &mut String, results: &[SizeResult]) {
    let _ = writeln!(s, "### The baseline\n");
    let _ = writeln!(
        s,
        "From the NDJSON-imported database, one `psql -X -q -c \"\\copy (SELECT cols FROM t ORDER BY id) TO 'file' CSV\"` \
         per table (claim_tags: `ORDER BY claim_id, tag_id`), untimed; then, into a fresh migrated database, \
         `psql -X -q -v ON_ERROR_STOP=1 URL -c \"\\copy t (cols) FROM 'file' CSV\"` per table in dependency order \
         (analysts, sources, tags, claims, appearances, claim_tags, claim_links, verifications); the time is the sum of \
         the wall times of those eight psql processes. `cols` is every column of the table, including `id` \
         (COPY FROM writes explicit values into `GENERATED ALWAYS` identity columns, so the ids are the imported ones) \
         and `created_at`, except `claims.status`: a trigger refuses a status other than 'unverified' on insert, and the \
         verifications trigger derives it while the verifications are copied, exactly as during the import. \
         Every index, foreign key, check and trigger of the schema is in place during both loads. \
         The benchmark checks that the baseline database ends with the same row count per table and the same \
         count of claims per status as the imported one.\n"
    );
    let _ = writeln!(
        s,
        "| N claims | {} | total | same rows as import |",
        TABLES.join(" | ")
    );
    let _ = writeln!(s, "|---:|{}---:|---|", "---:|".repeat(TABLES.len()));
    for r in results {
        if let Some(b) = &r.baseline {
            let _ = writeln!(
                s,
                "| {} | {} | {:.1} s | {} |",
                thousands(r.n as f64),
                b.per_table
                    .iter()
                    .map(|(_, _, secs)| format!("{secs:.1} s"))
                    .collect::<Vec<_>>()
                    .join(" | "),
                b.secs,
                match &b.counts_match {
                    Ok(()) => "yes".to_owned(),
                    Err(e) => format!("**no**: {e}"),
                }
            );
        }
    }
    let _ = writeln!(s);
}

/// End-to-end and server latencies of the read and write commands.
fn report_latency(s: &mut String, results: &[SizeResult]) {
    let _ = writeln!(s, "## Latency on the loaded database\n");
    let _ = writeln!(
        s,
        "On the NDJSON-imported database after an untimed `VACUUM (ANALYZE)` (the state autovacuum reaches on its own \
         shortly after an import). Each figure is the median of {RUNS} runs after one warm-up run. \
         *claims* = the release binary, process start to exit (`Instant` around `Command::output()`), \
         with `--format json`; it connects over the Unix socket and checks for pending migrations each time. \
         *psql -c* = `psql -X -q -A -t URL -c \"SQL\"`, start to exit. *server* = \"Execution Time\" of \
         `EXPLAIN (ANALYZE, FORMAT JSON) SQL` run through psql (planning time beside it). \
         `add claim` runs commit with fsync; each run adds a new statement.\n"
    );
    let _ = writeln!(s, "| N claims | operation | claims e2e ms | psql -c e2e ms | claims ÷ psql | server ms | planning ms |");
    let _ = writeln!(s, "|---:|---|---:|---:|---:|---:|---:|");
    for r in results {
        for l in &r.latencies {
            let _ = writeln!(
                s,
                "| {} | `{}` | {:.1} | {:.1} | {:.2}× | {:.3} | {:.3} |",
                thousands(r.n as f64),
                l.name,
                l.claims_ms,
                l.psql_ms,
                l.claims_ms / l.psql_ms,
                l.server_ms,
                l.planning_ms
            );
        }
    }
    let _ = writeln!(s);
    if let Some(r) = results.iter().find(|r| !r.latencies.is_empty()) {
        let _ = writeln!(
            s,
            "The commands and their SQL (ID = {} at N = {}; the mid-range claim id):\n",
            r.show_id.unwrap_or(0),
            thousands(r.n as f64)
        );
        for l in &r.latencies {
            let _ = writeln!(s, "- `{}` ↔ `{}`", l.claims_cmd, l.sql);
        }
        let _ = writeln!(s);
    }
}

/// Each target of the issue: measured, met or missed and by how much.
fn report_targets(s: &mut String, results: &[SizeResult]) {
    let _ = writeln!(s, "## Targets (issue 5)\n");
    let _ = writeln!(s, "| target | N claims | measured | verdict |");
    let _ = writeln!(s, "|---|---:|---|---|");
    for r in results {
        let Some(b) = &r.baseline else { continue };
        let base_rate = b.rows as f64 / b.secs;
        for i in r.imports.iter().filter(|i| i.error.is_none()) {
            let ratio = (i.rows as f64 / i.secs) / base_rate;
            let _ = writeln!(
                s,
                "| import ≥ 0.9× psql \\copy rows/s ({}) | {} | {:.2}× | {} |",
                i.format,
                thousands(r.n as f64),
                ratio,
                if ratio >= 0.9 {
                    format!("met ({} the target)", pct_vs(ratio, 0.9))
                } else {
                    format!("**missed**: {} the target", pct_vs(ratio, 0.9))
                }
            );
        }
    }
    for r in results {
        for i in &r.imports {
            let mib = i.peak_kib as f64 / 1024.0;
            let _ = writeln!(
                s,
                "| peak RSS ≤ 64 MiB ({}) | {} | {:.1} MiB | {} |",
                i.format,
                thousands(r.n as f64),
                mib,
                if mib <= 64.0 {
                    format!("met ({:.1} MiB to spare)", 64.0 - mib)
                } else {
                    format!(
                        "**missed** by {:.1} MiB ({})",
                        mib - 64.0,
                        pct_vs(mib, 64.0)
                    )
                }
            );
        }
    }
    report_latency_targets(s, results);
}

/// The latency targets: the unverified first page, server time and end to end.
fn report_latency_targets(s: &mut String, results: &[SizeResult]) {
    let unverified = |r: &SizeResult| {
        r.latencies
            .iter()
            .find(|l| l.name.starts_with("report --unverified"))
            .map(|l| (l.server_ms, l.claims_ms, l.psql_ms))
    };
    let at_1m = results
        .iter()
        .filter(|r| r.n >= 1_000_000)
        .filter_map(|r| unverified(r).map(|u| (r.n, u)))
        .next();
    match at_1m {
        Some((n, (server_ms, _, _))) => {
            let _ = writeln!(
                s,
                "| `report --unverified` first page ≤ 1 ms server time at 1M | {} | {:.3} ms | {} |",
                thousands(n as f64),
                server_ms,
                if server_ms <= 1.0 {
                    format!("met ({:.3} ms to spare)", 1.0 - server_ms)
                } else {
                    format!("**missed** by {:.3} ms ({:.1}× the target)", server_ms - 1.0, server_ms)
                }
            );
        }
        None => {
            let _ = writeln!(s, "| `report --unverified` first page ≤ 1 ms server time at 1M | — | not measured (no size ≥ 1M in this run) | — |");
        }
    }
    for r in results {
        if let Some((_, claims_ms, psql_ms)) = unverified(r) {
            let ratio = claims_ms / psql_ms;
            let _ = writeln!(
                s,
                "| `report --unverified` end to end ≤ 0.5× `psql -c` | {} | {:.1} ms vs {:.1} ms = {:.2}× | {} |",
                thousands(r.n as f64),
                claims_ms,
                psql_ms,
                ratio,
                if ratio <= 0.5 {
                    "met".to_owned()
                } else {
                    format!("**missed**: {:.2}× is {:.1} ms over 0.5× ({:.1} ms)", ratio, claims_ms - 0.5 * psql_ms, 0.5 * psql_ms)
                }
            );
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "The other operations against 0.5× `psql -c` end to end (not a target of the issue, for comparison): {}.\n",
        results
            .iter()
            .flat_map(|r| r.latencies.iter().filter(|l| !l.name.starts_with("report --unverified")).map(move |l| {
                format!("`{}` at {}: {:.2}×", l.name, thousands(r.n as f64), l.claims_ms / l.psql_ms)
            }))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

// ---------------------------------------------------------------------------

fn main() {
    START.get_or_init(Instant::now);
    let args = parse_args();
    let started = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string();
    progress!("sizes: {:?}; claims binary: {CLAIMS_BIN}", args.sizes);

    let dir = tempfile::Builder::new()
        .prefix("claims-bench-")
        .tempdir_in("/tmp")
        .expect("create a temp dir under /tmp");
    // As root the server runs as `postgres`, which must be able to enter it.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod 0755");
    let root = dir.path().to_path_buf();
    let cluster = Cluster::at(root.join("pg")).expect("PostgreSQL server binaries");
    progress!("starting a durable throwaway cluster in {}", root.display());
    let guard = Guard {
        cluster: cluster.clone(),
        _dir: dir,
    };
    cluster
        .ensure_running(Durability::Durable)
        .expect("start the benchmark cluster");
    let server = Server::new(cluster);
    let m = machine(&server);
    progress!("{}; {}", m.server, m.cpu_model);

    let mut results = Vec::new();
    for &n in &args.sizes {
        results.push(run_size(&server, &root, n));
    }

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");
    let total_secs = START.get().unwrap().elapsed().as_secs_f64();
    let text = write_report(&path, &m, &args, &results, &started, total_secs);
    progress!("wrote {}", path.display());
    print!("{text}");
    drop(guard);
    progress!("done");
}
