//! One throwaway PostgreSQL cluster per test run (the same `claims::cluster`
//! code that runs the user's embedded default), a migrated template database,
//! and a fresh database per test created from it. With `TEST_DATABASE_URL`
//! set, the template and test databases live on that server instead.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use assert_cmd::Command;
use claims::cluster::{Cluster, Durability};
use claims::connection::establish;
use claims::database::Server;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Text};

/// The test server, with a migrated template every test database is copied from.
struct TestServer {
    server: Server,
    template_db: String,
    _dir: Option<tempfile::TempDir>,
}

static SERVER: OnceLock<TestServer> = OnceLock::new();
static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn server() -> &'static TestServer {
    SERVER.get_or_init(|| {
        let template_db = format!("claims_template_{}", std::process::id());
        let (server, dir) = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => (
                Server::of_url(&url).expect("TEST_DATABASE_URL is a URL"),
                None,
            ),
            _ => {
                let dir = world_searchable_tempdir("claims-test-cluster");
                let cluster =
                    Cluster::at(dir.path().join("pg")).expect("PostgreSQL server binaries");
                cluster
                    .ensure_running(Durability::Throwaway)
                    .expect("start the throwaway cluster");
                reap_when_we_exit(&cluster, dir.path());
                (Server::Cluster(cluster), Some(dir))
            }
        };
        server
            .recreate(&template_db, true)
            .expect("create and migrate the template database");
        TestServer {
            server,
            template_db,
            _dir: dir,
        }
    })
}

/// A temp dir the `postgres` OS user can enter (tests may run as root).
pub fn world_searchable_tempdir(prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    dir
}

/// The test binary may exit in many ways; a watcher process stops the server
/// and removes its files once we are gone.
fn reap_when_we_exit(cluster: &Cluster, dir: &Path) {
    let mut pg_ctl = cluster.server_command("pg_ctl");
    pg_ctl
        .arg("stop")
        .arg("--pgdata")
        .arg(cluster.data_dir())
        .args(["--mode=immediate", "--silent"]);
    let stop = format!("{pg_ctl:?}");
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf '{root}'",
        pid = std::process::id(),
        root = dir.display(),
    );
    // Deliberately never waited on: it must outlive us.
    #[allow(clippy::zombie_processes)]
    let _reaper = StdCommand::new("sh")
        .args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn the cluster reaper");
}

/// A fresh, migrated database for one test, dropped when the test ends.
pub struct TestDb {
    pub url: String,
    name: String,
    /// Working directory for commands: no stray .env applies.
    pub workdir: tempfile::TempDir,
}

impl TestDb {
    pub fn new() -> TestDb {
        let test = server();
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("claims_test_{}_{n}", std::process::id());
        test.server
            .create(&name, Some(&test.template_db))
            .expect("create the test database");
        TestDb {
            url: test.server.url(&name),
            name,
            workdir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `claims` binary, pointed at this database through DATABASE_URL.
    pub fn claims(&self) -> Command {
        let mut cmd = Command::cargo_bin("claims").unwrap();
        // The actor is fixed, so recorded-by names in output do not depend on who runs the tests.
        cmd.env("DATABASE_URL", &self.url)
            .env_remove("CLAIMS_TODAY")
            .env("CLAIMS_ACTOR", "tester")
            .current_dir(self.workdir.path());
        cmd
    }

    pub fn conn(&self) -> PgConnection {
        establish(&self.url).unwrap()
    }

    /// Loads the seed article (asserting success).
    pub fn seed(&self) -> &Self {
        self.claims().args(["db", "seed"]).assert().success();
        self
    }

    pub fn execute(&self, sql: &str) -> Result<usize, diesel::result::Error> {
        sql_query(sql).execute(&mut self.conn())
    }

    pub fn count(&self, sql: &str) -> i64 {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        sql_query(sql).get_result::<N>(&mut self.conn()).unwrap().n
    }

    pub fn text(&self, sql: &str) -> String {
        #[derive(QueryableByName)]
        struct T {
            #[diesel(sql_type = Text)]
            t: String,
        }
        sql_query(sql).get_result::<T>(&mut self.conn()).unwrap().t
    }

    /// Every row of every table of the ledger, hashed: equal fingerprints mean
    /// nothing changed. Tables are read from the catalog, so a new table counts
    /// without anyone remembering to list it.
    pub fn fingerprint(&self) -> String {
        #[derive(QueryableByName)]
        struct Name {
            #[diesel(sql_type = Text)]
            name: String,
        }
        let tables: Vec<Name> = sql_query(
            "SELECT tablename AS name FROM pg_tables
              WHERE schemaname = 'public' AND tablename <> '__diesel_schema_migrations'
              ORDER BY tablename COLLATE \"C\"",
        )
        .load(&mut self.conn())
        .unwrap();
        tables
            .iter()
            .map(|Name { name: t }| {
                self.text(&format!(
                    "SELECT '{t}:' || count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS t FROM {t} x"
                ))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Id of the seed claim whose statement contains `needle` (exactly one must).
    pub fn claim_id(&self, needle: &str) -> i64 {
        let mut conn = self.conn();
        let ids: Vec<i64> = claims::schema::claims::table
            .filter(claims::schema::claims::statement.like(format!("%{needle}%")))
            .select(claims::schema::claims::id)
            .load(&mut conn)
            .unwrap();
        assert_eq!(ids.len(), 1, "statements matching {needle:?}: {ids:?}");
        ids[0]
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = server().server.drop(&self.name);
    }
}

/// Starts one `claims` process per argument list against `url`, all at once, and
/// asserts that every one succeeds.
pub fn run_concurrently(url: &str, invocations: Vec<Vec<String>>) {
    let children: Vec<_> = invocations
        .iter()
        .map(|args| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("claims"))
                .env("DATABASE_URL", url)
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (child, args) in children.into_iter().zip(&invocations) {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "claims {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Runs `claims` and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts the command fails with exit 2, its stderr contains every `needles`, and the
/// database is unchanged. Returns stderr.
pub fn assert_refused(db: &TestDb, args: &[&str], needles: &[&str]) -> String {
    let before = db.fingerprint();
    let (code, stdout, stderr) = run(db.claims().args(args));
    assert_eq!(
        code, 2,
        "claims {args:?}: expected exit 2\nstdout: {stdout}\nstderr: {stderr}"
    );
    for n in needles {
        assert!(
            stderr.contains(n),
            "claims {args:?}: stderr should mention {n:?}\nstderr: {stderr}"
        );
    }
    assert_eq!(
        before,
        db.fingerprint(),
        "claims {args:?} changed the database"
    );
    stderr
}

/// What `claims ARGS --format json` printed, parsed (asserting success).
pub fn json(db: &TestDb, args: &[&str]) -> serde_json::Value {
    let (code, stdout, stderr) = run(db.claims().args(args).args(["--format", "json"]));
    assert_eq!(code, 0, "claims {args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// The id `claims add …` printed.
pub fn added_id(cmd: &mut Command) -> i64 {
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    stdout
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("not an id: {stdout:?}"))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
