//! Which database `claims` talks to, and opening a migrated connection to it.
//!
//! Order: `--database-url`, else `DATABASE_URL` (environment, then a `.env`
//! file in the current directory or above), else the embedded default cluster.

use std::path::{Path, PathBuf};

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;

use crate::cluster::{Cluster, Durability, DEFAULT_DATABASE};
use crate::database::{has_pending_migrations, migrate, Server};
use crate::error::{Error, Result};

/// Where the connection URL came from, for `claims db status` and error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Environment,
    /// A `.env` file, found at this path.
    DotEnv(PathBuf),
    Embedded,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag => f.write_str("--database-url"),
            Origin::Environment => f.write_str("DATABASE_URL"),
            Origin::DotEnv(path) => write!(f, "DATABASE_URL from .env at {}", path.display()),
            Origin::Embedded => f.write_str("embedded cluster"),
        }
    }
}

/// A resolved database target.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub origin: Origin,
    /// Set for the embedded default.
    pub cluster: Option<Cluster>,
    /// Who is making changes, recorded in audit_log (see `write`); None leaves the
    /// database session user.
    pub actor: Option<String>,
}

impl Target {
    /// Resolves the target without starting anything.
    pub fn resolve(flag: Option<&str>) -> Result<Target> {
        if let Some(url) = flag.filter(|u| !u.is_empty()) {
            return Ok(Target {
                url: url.to_owned(),
                origin: Origin::Flag,
                cluster: None,
                actor: default_actor(),
            });
        }
        if let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            return Ok(Target {
                url,
                origin: Origin::Environment,
                cluster: None,
                actor: default_actor(),
            });
        }
        if let Some((url, path)) = dotenv_database_url()? {
            return Ok(Target {
                url,
                origin: Origin::DotEnv(path),
                cluster: None,
                actor: default_actor(),
            });
        }
        let cluster = Cluster::embedded_default()?;
        Ok(Target {
            url: cluster.url(DEFAULT_DATABASE),
            origin: Origin::Embedded,
            cluster: Some(cluster),
            actor: default_actor(),
        })
    }

    /// Connects, creating and starting the embedded cluster and its database
    /// on first use, and applies pending migrations.
    pub fn connect(&self) -> Result<PgConnection> {
        let mut conn = match &self.cluster {
            // Fast path: the cluster usually runs already; only start it when we cannot connect.
            Some(cluster) => match self.establish() {
                Ok(conn) => conn,
                Err(_) => {
                    cluster.ensure_running(Durability::Durable)?;
                    Server::Cluster(cluster.clone()).create_if_missing(DEFAULT_DATABASE)?;
                    self.establish()?
                }
            },
            None => self.establish()?,
        };
        if has_pending_migrations(&mut conn)? {
            migrate(&mut conn)?;
        }
        Ok(conn)
    }

    /// Opens a connection as is: no cluster started, no migration applied.
    pub fn establish(&self) -> Result<PgConnection> {
        connect_to(&self.url, Some(&self.origin))
    }

    /// Runs `f` in one transaction that records `self.actor` as the author of
    /// every change (the audit triggers read the setting claims.actor).
    pub fn write<T>(
        &self,
        conn: &mut PgConnection,
        f: impl FnOnce(&mut PgConnection) -> Result<T>,
    ) -> Result<T> {
        conn.transaction(|conn| {
            if let Some(actor) = &self.actor {
                sql_query("SELECT set_config('claims.actor', $1, true)")
                    .bind::<diesel::sql_types::Text, _>(actor)
                    .execute(conn)?;
            }
            f(conn)
        })
    }
}

/// The OS user, for audit_log when neither --actor nor CLAIMS_ACTOR says otherwise
/// (None: the audit trigger falls back to the database session user).
fn default_actor() -> Option<String> {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
}

/// DATABASE_URL from a `.env` file in the current directory or above, with the
/// file's path. No file is fine; a file that cannot be read is an error naming
/// it, never a silent switch to the embedded cluster.
fn dotenv_database_url() -> Result<Option<(String, PathBuf)>> {
    let Some(path) = find_dotenv() else {
        return Ok(None);
    };
    let bad = |e: dotenvy::Error| {
        Error::invalid(format!(
            ".env at {}: cannot read it ({e}); fix the file or pass --database-url",
            path.display()
        ))
    };
    for item in dotenvy::from_path_iter(&path).map_err(bad)? {
        let (key, value) = item.map_err(bad)?;
        if key == "DATABASE_URL" && !value.is_empty() {
            return Ok(Some((value, path)));
        }
    }
    Ok(None)
}

/// The nearest `.env` from the current directory up, as dotenvy looks for it.
fn find_dotenv() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir: &Path| dir.join(".env"))
        .find(|candidate| candidate.is_file())
}

/// Opens a connection; the error names the URL with its password masked.
pub fn establish(url: &str) -> Result<PgConnection> {
    connect_to(url, None)
}

/// Opens a connection; the error names the URL (password masked) and, when
/// known, where it came from.
fn connect_to(url: &str, from: Option<&Origin>) -> Result<PgConnection> {
    PgConnection::establish(url).map_err(|e| Error::Connect {
        url: mask_password(url),
        from: from.cloned(),
        message: e.to_string().trim().to_owned(),
    })
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn mask_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Runs `f` in one read-only snapshot, so a report never mixes rows from before
/// and after a concurrent writer's commit.
pub fn read_snapshot<T>(
    conn: &mut PgConnection,
    f: impl FnOnce(&mut PgConnection) -> Result<T>,
) -> Result<T> {
    conn.build_transaction()
        .read_only()
        .repeatable_read()
        .run(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_only_the_password() {
        assert_eq!(
            mask_password("postgres://ann:s3cret@db.example:5432/claims"),
            "postgres://ann:***@db.example:5432/claims"
        );
        assert_eq!(
            mask_password("postgresql://postgres@/claims?host=%2Ftmp"),
            "postgresql://postgres@/claims?host=%2Ftmp"
        );
    }
}
