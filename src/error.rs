//! The domain's errors and the exit code each maps to (see docs/cli.md):
//! 2 for bad input (nothing was written), 1 for everything else.
//!
//! The domain says what is wrong, naming fields by their column / record names
//! (`expected_by`); the edge says where: the CLI words fields as its flags
//! (`Error::with_flags`), an importer prefixes the line or record
//! (`Error::at`). So one rule has one message, in every front end's terms.

use chrono::NaiveDate;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use crate::connection::Origin;
use crate::models::text_enum::UnknownValue;
use crate::models::ClaimKind;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    // -- Bad input (exit 2) ------------------------------------------------------
    /// A reference that names no row: `what` is "claim", "analyst"…; `reference`
    /// says how it was looked up ("with id 7", "named 'ann'").
    #[error("no {what} {reference}{}", hint_text(.hint))]
    NotFound {
        what: &'static str,
        reference: String,
        hint: &'static str,
    },

    /// A reference that is not a row id at all.
    #[error("'{reference}' is not {what} id (a whole number)")]
    NotAnId {
        what: &'static str,
        reference: String,
    },

    #[error("{} is empty{}", name(.field, .flags), hint_text(.hint))]
    Empty {
        field: &'static str,
        hint: &'static str,
        flags: Flags,
    },

    #[error("{} has {actual} characters; at most {limit} are allowed", name(.field, .flags))]
    TooLong {
        field: &'static str,
        limit: usize,
        actual: usize,
        flags: Flags,
    },

    /// A probability outside 0..1.
    #[error("{} {value} is outside 0..1 (write 0.7 for 70 %)", name(.field, .flags))]
    OutOfRange {
        field: &'static str,
        value: f64,
        flags: Flags,
    },

    #[error(
        "{} is only for predictions, and this claim's kind is '{kind}'{}",
        name(&"expected_by", .flags),
        if .flags.is_some() { "; add --kind prediction" } else { "" }
    )]
    ExpectedByNotPrediction { kind: ClaimKind, flags: Flags },

    #[error("{} {due} is before {} {made}", name(&"expected_by", .flags), name(&"made_at", .flags))]
    DueBeforeMade {
        made: NaiveDate,
        due: NaiveDate,
        flags: Flags,
    },

    /// A value outside a vocabulary (a kind, a relation, a status…).
    #[error("{}: {unknown}", name(.field, .flags))]
    UnknownValue {
        field: &'static str,
        unknown: UnknownValue,
        flags: Flags,
    },

    /// The input contradicts what is recorded (a duplicate, a second retraction…).
    #[error("{0}")]
    Conflict(String),

    /// An error with the place it was found: a line, a record, a flag.
    #[error("{place}: {error}")]
    At { place: String, error: Box<Error> },

    /// Bad input already worded for the user by the edge that found it.
    #[error("{0}")]
    Invalid(String),

    /// The database refused the input: a constraint or a trigger rule (exit 2).
    #[error("{0}")]
    Rejected(String),

    // -- Everything else (exit 1) ------------------------------------------------
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

    /// `from` says where the URL came from, so a stale `.env` is named.
    #[error("could not connect to the database via {url}{}: {message}", from.as_ref().map(|f| format!(" ({f})")).unwrap_or_default())]
    Connect {
        url: String,
        from: Option<Origin>,
        message: String,
    },

    #[error("database error: {0}")]
    Database(DieselError),

    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// How the CLI spells fields: (field, flag) pairs; None = as fields (importers).
pub type Flags = Option<&'static [(&'static str, &'static str)]>;

/// The flag for `field` when the CLI words the message, else the field itself.
fn name(field: &&'static str, flags: &Flags) -> &'static str {
    flags
        .and_then(|f| f.iter().find(|(k, _)| k == field).map(|(_, flag)| *flag))
        .unwrap_or(field)
}

fn hint_text(hint: &&'static str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!(" ({hint})")
    }
}

impl Error {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// The same error, found at `place` (a flag, "line 7", "claims[2]").
    pub fn at(self, place: impl Into<String>) -> Self {
        Error::At {
            place: place.into(),
            error: Box::new(self),
        }
    }

    /// The same error worded for the CLI: fields named by their flags, with the
    /// advice a flag user needs.
    pub fn with_flags(self, table: &'static [(&'static str, &'static str)]) -> Self {
        let flags = Some(table);
        match self {
            Error::Empty { field, hint, .. } => Error::Empty { field, hint, flags },
            Error::TooLong {
                field,
                limit,
                actual,
                ..
            } => Error::TooLong {
                field,
                limit,
                actual,
                flags,
            },
            Error::OutOfRange { field, value, .. } => Error::OutOfRange {
                field,
                value,
                flags,
            },
            Error::ExpectedByNotPrediction { kind, .. } => {
                Error::ExpectedByNotPrediction { kind, flags }
            }
            Error::DueBeforeMade { made, due, .. } => Error::DueBeforeMade { made, due, flags },
            Error::UnknownValue { field, unknown, .. } => Error::UnknownValue {
                field,
                unknown,
                flags,
            },
            Error::At { place, error } => Error::At {
                place,
                error: Box::new(error.with_flags(table)),
            },
            other => other,
        }
    }

    /// 2: bad input, nothing written. 1: anything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::At { error, .. } => error.exit_code(),
            Error::NotFound { .. }
            | Error::NotAnId { .. }
            | Error::Empty { .. }
            | Error::TooLong { .. }
            | Error::OutOfRange { .. }
            | Error::ExpectedByNotPrediction { .. }
            | Error::DueBeforeMade { .. }
            | Error::UnknownValue { .. }
            | Error::Conflict(_)
            | Error::Invalid(_)
            | Error::Rejected(_) => 2,
            _ => 1,
        }
    }

    /// Whether this is (or wraps) a reference to a missing row.
    pub fn is_not_found(&self) -> bool {
        match self {
            Error::NotFound { .. } => true,
            Error::At { error, .. } => error.is_not_found(),
            _ => false,
        }
    }

    /// Whether the input was refused (exit 2), as opposed to a failure.
    pub fn is_bad_input(&self) -> bool {
        self.exit_code() == 2
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

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[(&str, &str)] = &[("expected_by", "--expected-by"), ("made_at", "--made")];

    #[test]
    fn one_rule_is_worded_for_files_and_for_flags() {
        let e = || Error::ExpectedByNotPrediction {
            kind: ClaimKind::Fact,
            flags: None,
        };
        assert_eq!(
            e().at("line 3").to_string(),
            "line 3: expected_by is only for predictions, and this claim's kind is 'fact'"
        );
        assert_eq!(
            e().with_flags(FLAGS).to_string(),
            "--expected-by is only for predictions, and this claim's kind is 'fact'; add --kind prediction"
        );
        assert_eq!(e().with_flags(FLAGS).exit_code(), 2);
    }
}
