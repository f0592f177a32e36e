//! One module per table: a read struct, a `New…` insert struct, and the
//! queries for that table as associated functions taking `conn`.

pub mod analyst;
pub mod appearance;
pub mod claim;
pub mod claim_link;
pub mod organization;
pub mod source;
pub mod tag;
pub mod verdict_status;
pub mod verification;

pub use analyst::{Analyst, NewAnalyst};
pub use appearance::{Appearance, NewAppearance};
pub use claim::{Claim, NewClaim};
pub use claim_link::{ClaimLink, NewClaimLink};
pub use organization::Organization;
pub use source::{NewSource, Source};
pub use tag::Tag;
pub use verdict_status::VerdictStatus;
pub use verification::{NewVerification, Verification};

/// A CLI reference to a row: all digits is an id, anything else a natural key.
pub fn parse_id(reference: &str) -> Option<i64> {
    let r = reference.trim();
    if !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()) {
        r.parse().ok()
    } else {
        None
    }
}
