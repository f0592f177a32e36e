//! One module per table: a read struct, a `New…` insert struct, and the
//! queries for that table as associated functions taking `conn`.

#[macro_use]
pub mod text_enum;

pub mod analyst;
pub mod appearance;
pub mod claim;
pub mod claim_link;
pub mod hedge_term;
pub mod organization;
pub mod source;
pub mod tag;
pub mod verdict_status;
pub mod verification;

pub use analyst::{Analyst, AnalystKind, NewAnalyst};
pub use appearance::{Appearance, Attribution, NewAppearance};
pub use claim::{Claim, ClaimKind, NewClaim};
pub use claim_link::{ClaimLink, NewClaimLink, Relation};
pub use organization::Organization;
pub use source::{NewSource, Source, SourceKind};
pub use tag::{Tag, TagKind};
pub use verdict_status::{Status, VerdictStatus};
pub use verification::{NewVerification, Verification};

use crate::error::{Error, Result};

/// A CLI reference to a row: all digits is an id (refused when out of range),
/// anything else a natural key (`None`).
pub fn parse_id(reference: &str, flag: &str) -> Result<Option<i64>> {
    let r = reference.trim();
    if r.is_empty() || !r.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    r.parse().map(Some).map_err(|_| {
        Error::invalid(format!("'{reference}' is not a valid id (too large)")).at(flag)
    })
}

/// The row an `INSERT … ON CONFLICT DO NOTHING RETURNING` gave (new: true),
/// or else the row it collided with, which `find` looks up (new: false). That
/// row was committed by another writer, so it is there unless deleted in between.
pub fn inserted_or_found<T>(
    inserted: Option<T>,
    what: &str,
    find: impl FnOnce() -> Result<Option<T>>,
) -> Result<(T, bool)> {
    if let Some(row) = inserted {
        return Ok((row, true));
    }
    let row = find()?.ok_or_else(|| {
        Error::Other(anyhow::anyhow!(
            "the {what} being created was deleted concurrently; run the command again"
        ))
    })?;
    Ok((row, false))
}
