//! The domain's errors and the exit code each maps to (see docs/cli.md):
//! 2 for bad input (nothing was written), 1 for everything else.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's input is wrong: an unknown id, a malformed value, a rule broken.
    #[error("{0}")]
    Invalid(String),

    #[error(
        "no PostgreSQL server binaries (initdb, pg_ctl) found in {searched}. Install them \
         (Debian/Ubuntu: `apt-get install postgresql`; Fedora: `dnf install postgresql-server`; \
         macOS: `brew install postgresql`), or pass --database-url / set DATABASE_URL to use an \
         existing server"
    )]
    NoServerBinaries { searched: String },

    /// Creating, starting or stopping the embedded cluster failed.
    #[error("{0}")]
    Cluster(String),

    #[error("could not connect to the database via {url}: {message}")]
    Connect { url: String, message: String },

    /// The database refused the input: a constraint or a trigger rule (exit 2).
    #[error("{0}")]
    Rejected(String),

    #[error("database error: {0}")]
    Database(DieselError),

    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Error {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// 2: bad input, nothing written. 1: anything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) | Error::Rejected(_) => 2,
            _ => 1,
        }
    }
}

impl From<DieselError> for Error {
    fn from(e: DieselError) -> Self {
        match &e {
            DieselError::DatabaseError(kind, info) => {
                let what = match kind {
                    DatabaseErrorKind::UniqueViolation => "already recorded",
                    DatabaseErrorKind::ForeignKeyViolation => "refers to a missing or used row",
                    DatabaseErrorKind::CheckViolation => "breaks a rule of the schema",
                    DatabaseErrorKind::NotNullViolation => "misses a required value",
                    DatabaseErrorKind::RestrictViolation => "refused by the database",
                    _ => return Error::Database(e),
                };
                let mut msg = format!("{what}: {}", info.message());
                if let Some(c) = info.constraint_name() {
                    msg.push_str(&format!(" (constraint {c})"));
                }
                if let Some(d) = info.details() {
                    msg.push_str(&format!("; {d}"));
                }
                if let Some(h) = info.hint() {
                    msg.push_str(&format!("; hint: {h}"));
                }
                Error::Rejected(msg)
            }
            _ => Error::Database(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Other(e.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
