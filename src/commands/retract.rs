//! `claims retract CLAIM --reason T`: the claim stays, marked retracted, and
//! leaves reports and views (like Wikidata's deprecated rank).

use crate::cli::RetractOpts;
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::input::non_blank;
use crate::models::Claim;
use crate::output::print_created;

pub fn run(opts: RetractOpts, target: &Target) -> Result<()> {
    let reason = non_blank(Some(&opts.reason))
        .ok_or_else(|| Error::invalid("--reason is empty: say why the claim is retracted"))?;
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let claim = Claim::resolve(conn, &opts.claim, "CLAIM")?;
        if let Some(at) = claim.retracted_at {
            return Err(Error::Conflict(format!(
                "claim {} was already retracted on {}: {}",
                claim.id,
                at.format("%Y-%m-%d %H:%M UTC"),
                claim.retraction_reason.unwrap_or_default()
            )));
        }
        // Only if still standing: of two concurrent retractions, the second is refused.
        let changed = Claim::retract(conn, claim.id, reason)?;
        if !changed {
            return Err(Error::Conflict(format!(
                "claim {} was retracted meanwhile by another writer",
                claim.id
            )));
        }
        Ok(claim.id)
    })?;
    print_created(opts.format.format, id)
}
