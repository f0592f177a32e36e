//! A private PostgreSQL cluster driven through the server binaries on the
//! machine (`initdb`, `pg_ctl`): the embedded default for users, and the
//! throwaway cluster of the test harness. One piece of code, two callers.
//!
//! The server listens on a Unix socket in the cluster's own directory only
//! (`listen_addresses = ''`), so it never takes a TCP port and needs no
//! password. Run as root, every server command runs as the unprivileged
//! `postgres` user (PostgreSQL refuses to run as root).

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::Error;

/// The OS user that owns the server process when `claims` runs as root.
pub const SERVER_OS_USER: &str = "postgres";
/// Database name used by the embedded default.
pub const DEFAULT_DATABASE: &str = "claims";
const SOCKET_PORT: u16 = 5432;

/// A cluster directory: `data/` (PGDATA), `socket/` and `server.log`.
#[derive(Debug, Clone)]
pub struct Cluster {
    root: PathBuf,
    bin_dir: PathBuf,
}

/// How the cluster is tuned when it is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Normal settings: the user's data must survive a crash.
    Durable,
    /// fsync off: for throwaway test clusters only.
    Throwaway,
}

impl Cluster {
    /// A cluster rooted at `root`, using the server binaries found on this machine.
    pub fn at(root: impl Into<PathBuf>) -> Result<Self, Error> {
        Ok(Cluster {
            root: root.into(),
            bin_dir: find_server_binaries()?,
        })
    }

    /// The embedded default: `$XDG_DATA_HOME/claims/postgres` (normally
    /// `~/.local/share/claims/postgres`); as root without `XDG_DATA_HOME`,
    /// `/var/lib/claims/postgres`, because root's home is not searchable by the
    /// `postgres` user that runs the server.
    pub fn embedded_default() -> Result<Self, Error> {
        Self::at(default_root()?)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn socket_dir(&self) -> PathBuf {
        self.root.join("socket")
    }

    pub fn log_file(&self) -> PathBuf {
        self.root.join("server.log")
    }

    pub fn is_initialized(&self) -> bool {
        self.data_dir().join("PG_VERSION").is_file()
    }

    /// Connection URL for `database` over the cluster's Unix socket.
    pub fn url(&self, database: &str) -> String {
        let host = percent_encode(&self.socket_dir().to_string_lossy());
        format!("postgresql://postgres@/{database}?host={host}&port={SOCKET_PORT}")
    }

    /// Creates the cluster if needed and starts it if it is not running.
    /// Safe to call from several processes at once: a lock file serializes them.
    pub fn ensure_running(&self, durability: Durability) -> Result<(), Error> {
        fs::create_dir_all(&self.root).map_err(|e| self.io_error("create", &self.root, e))?;
        let lock_path = self.root.join("claims.lock");
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| self.io_error("open", &lock_path, e))?;
        lock.lock()
            .map_err(|e| self.io_error("lock", &lock_path, e))?;
        if !self.is_initialized() {
            self.init(durability)?;
        }
        if !self.is_running()? {
            self.start()?;
        }
        Ok(())
    }

    fn init(&self, durability: Durability) -> Result<(), Error> {
        let as_root = running_as_root();
        if as_root {
            check_reachable_by_server_user(&self.root)?;
        }
        // initdb writes into a staging directory that becomes data/ only once it is
        // configured: an interrupted first run never leaves a cluster that would
        // start with PostgreSQL's default (TCP) settings.
        let staging = self.root.join("data.initdb");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| self.io_error("remove", &staging, e))?;
        }
        for dir in [staging.clone(), self.socket_dir()] {
            fs::create_dir_all(&dir).map_err(|e| self.io_error("create", &dir, e))?;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))
                .map_err(|e| self.io_error("set permissions on", &dir, e))?;
        }
        if as_root {
            let paths = [self.root.clone(), staging.clone(), self.socket_dir()];
            let mut chown = Command::new("chown");
            chown.arg(format!("{SERVER_OS_USER}:")).args(paths);
            run_checked(chown, "chown the cluster directory")?;
        }
        let mut initdb = self.server_command("initdb");
        initdb
            .arg("--pgdata")
            .arg(&staging)
            .args(["--username=postgres", "--auth=trust", "--encoding=UTF8"])
            .args(["--no-locale", "--no-instructions"]);
        if durability == Durability::Throwaway {
            initdb.arg("--no-sync");
        }
        run_checked(initdb, "initdb")?;

        let mut conf = format!(
            "\n# Written by claims: a private server on a Unix socket only.\n\
             listen_addresses = ''\n\
             unix_socket_directories = '{}'\n\
             port = {SOCKET_PORT}\n\
             max_connections = 50\n",
            self.socket_dir().display().to_string().replace('\'', "''")
        );
        if durability == Durability::Throwaway {
            conf.push_str("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        let conf_path = staging.join("postgresql.conf");
        let mut existing =
            fs::read_to_string(&conf_path).map_err(|e| self.io_error("read", &conf_path, e))?;
        existing.push_str(&conf);
        fs::write(&conf_path, existing).map_err(|e| self.io_error("write", &conf_path, e))?;
        fs::rename(&staging, self.data_dir())
            .map_err(|e| self.io_error("move into place", &staging, e))?;
        Ok(())
    }

    /// Whether a server is running on this cluster's data directory.
    pub fn is_running(&self) -> Result<bool, Error> {
        if !self.is_initialized() {
            return Ok(false);
        }
        let mut status = self.server_command("pg_ctl");
        status.arg("status").arg("--pgdata").arg(self.data_dir());
        let out = run(status, "pg_ctl status")?;
        // pg_ctl status: 0 running, 3 not running, 4 no accessible data directory.
        Ok(out.status.code() == Some(0))
    }

    fn start(&self) -> Result<(), Error> {
        let log = self.log_file();
        if running_as_root() && !log.exists() {
            fs::write(&log, "").map_err(|e| self.io_error("create", &log, e))?;
            let mut chown = Command::new("chown");
            chown.arg(format!("{SERVER_OS_USER}:")).arg(&log);
            run_checked(chown, "chown the server log")?;
        }
        let mut start = self.server_command("pg_ctl");
        start
            .arg("start")
            .arg("--pgdata")
            .arg(self.data_dir())
            .arg("--log")
            .arg(&log)
            .args(["--wait", "--timeout=60", "--silent"]);
        // pg_ctl leaves the server attached to our stdout unless told otherwise.
        start.stdout(Stdio::null());
        let out = run(start, "pg_ctl start")?;
        if !out.status.success() {
            let tail = fs::read_to_string(&log)
                .map(|s| last_lines(&s, 15))
                .unwrap_or_default();
            return Err(Error::Cluster(format!(
                "could not start PostgreSQL in {}: {}\n{}\nserver log {}:\n{tail}",
                self.data_dir().display(),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim(),
                log.display()
            )));
        }
        Ok(())
    }

    /// Stops the server if it runs. Returns whether it was running.
    pub fn stop(&self) -> Result<bool, Error> {
        if !self.is_running()? {
            return Ok(false);
        }
        let mut stop = self.server_command("pg_ctl");
        stop.arg("stop").arg("--pgdata").arg(self.data_dir()).args([
            "--mode=fast",
            "--wait",
            "--silent",
        ]);
        run_checked(stop, "pg_ctl stop")?;
        Ok(true)
    }

    /// A command for server binary `name`, run as `postgres` when we are root.
    pub fn server_command(&self, name: &str) -> Command {
        let program = self.bin_dir.join(name);
        if running_as_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", SERVER_OS_USER, "--"]).arg(program);
            // The server user cannot read root's working directory.
            cmd.current_dir("/");
            cmd
        } else {
            Command::new(program)
        }
    }

    fn io_error(&self, what: &str, path: &Path, e: std::io::Error) -> Error {
        Error::Cluster(format!("could not {what} {}: {e}", path.display()))
    }
}

fn default_root() -> Result<PathBuf, Error> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(xdg).join("claims").join("postgres"));
    }
    if running_as_root() {
        return Ok(PathBuf::from("/var/lib/claims/postgres"));
    }
    let dirs = directories::BaseDirs::new().ok_or_else(|| {
        Error::Cluster(
            "cannot find a data directory for the embedded database: HOME is not set; \
             set XDG_DATA_HOME or pass --database-url"
                .into(),
        )
    })?;
    Ok(dirs.data_dir().join("claims").join("postgres"))
}

pub fn running_as_root() -> bool {
    // /proc/self belongs to the effective user: cheaper than a libc dependency.
    fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// Percent-encodes everything but RFC 3986 unreserved characters (libpq decodes it).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// As root, the `postgres` user must be able to reach the cluster directory:
/// every ancestor needs the search bit for others (root's home does not have it).
fn check_reachable_by_server_user(root: &Path) -> Result<(), Error> {
    let mut dir = root.parent();
    while let Some(d) = dir {
        if let Ok(meta) = d.metadata() {
            let mode = meta.permissions().mode();
            let owned_by_server_user = meta.uid() != 0 && meta.uid() == server_user_uid();
            if mode & 0o001 == 0 && !owned_by_server_user {
                return Err(Error::Cluster(format!(
                    "the embedded database would live in {}, but the `{SERVER_OS_USER}` user that runs \
                     the server cannot enter {} (mode {:o}). As root, leave XDG_DATA_HOME unset \
                     (the default is /var/lib/claims), point it at a directory others can enter, \
                     or pass --database-url",
                    root.display(),
                    d.display(),
                    mode & 0o777
                )));
            }
        }
        dir = d.parent();
    }
    Ok(())
}

fn server_user_uid() -> u32 {
    fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|passwd| {
            passwd.lines().find_map(|line| {
                let mut fields = line.split(':');
                (fields.next() == Some(SERVER_OS_USER))
                    .then(|| fields.nth(1).and_then(|uid| uid.parse().ok()))
                    .flatten()
            })
        })
        .unwrap_or(u32::MAX)
}

/// Where `initdb` and `pg_ctl` are: `PG_BIN_DIR`, then PATH, then the usual
/// install locations (newest version first).
pub fn find_server_binaries() -> Result<PathBuf, Error> {
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os("PG_BIN_DIR") {
        let dir = PathBuf::from(dir);
        return if has_both(&dir) {
            Ok(dir)
        } else {
            Err(Error::NoServerBinaries {
                searched: format!("PG_BIN_DIR={}", dir.display()),
            })
        };
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_both(&dir) {
                // Resolve symlinks such as /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin.
                let real = fs::canonicalize(dir.join("initdb"))
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .filter(|d| has_both(d))
                    .unwrap_or(dir);
                return Ok(real);
            }
        }
    }
    let mut candidates: Vec<((u32, u32), PathBuf)> = Vec::new();
    for parent in [
        "/usr/lib/postgresql",
        "/usr/local/pgsql",
        "/opt/homebrew/opt",
    ] {
        if let Ok(entries) = fs::read_dir(parent) {
            for entry in entries.flatten() {
                let bin = entry.path().join("bin");
                let name = entry.file_name();
                let version = version_of(&name);
                if has_both(&bin) {
                    candidates.push((version, bin));
                }
            }
        }
    }
    for fixed in ["/usr/local/pgsql/bin", "/usr/pgsql/bin"] {
        let p = PathBuf::from(fixed);
        if has_both(&p) {
            candidates.push(((0, 0), p));
        }
    }
    candidates.sort();
    candidates
        .pop()
        .map(|(_, p)| p)
        .ok_or_else(|| Error::NoServerBinaries {
            searched:
                "PATH, /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin and /opt/homebrew/opt/*/bin"
                    .into(),
        })
}

/// "16" → (16, 0), "9.6" → (9, 6), "postgresql@15" → (15, 0); unversioned → (0, 0).
fn version_of(name: &OsStr) -> (u32, u32) {
    let name = name.to_string_lossy();
    let start = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    let mut parts = name[start..].split('.').map(|p| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
    });
    let mut next = || parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (next(), next())
}

fn run(mut cmd: Command, what: &str) -> Result<Output, Error> {
    cmd.stdin(Stdio::null());
    cmd.output()
        .map_err(|e| Error::Cluster(format!("could not run {what} ({cmd:?}): {e}")))
}

fn run_checked(cmd: Command, what: &str) -> Result<Output, Error> {
    let out = run(cmd, what)?;
    if !out.status.success() {
        return Err(Error::Cluster(format!(
            "{what} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(out)
}

fn last_lines(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_percent_encodes_the_socket_directory() {
        let cluster = Cluster {
            root: PathBuf::from("/tmp/a b/claims"),
            bin_dir: PathBuf::from("/usr/bin"),
        };
        assert_eq!(
            cluster.url("claims"),
            "postgresql://postgres@/claims?host=%2Ftmp%2Fa%20b%2Fclaims%2Fsocket&port=5432"
        );
    }

    #[test]
    fn versions_sort_numerically() {
        assert!(version_of(OsStr::new("16")) > version_of(OsStr::new("9.6")));
        assert_eq!(version_of(OsStr::new("postgresql@15")), (15, 0));
    }
}
