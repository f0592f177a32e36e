//! `claims link CLAIM RELATION CLAIM`.

use crate::cli::LinkOpts;
use crate::connection::Target;
use crate::error::Result;
use crate::input::non_blank;
use crate::models::{Claim, ClaimLink, NewClaimLink};
use crate::output::print_created;

pub fn run(opts: LinkOpts, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let from = Claim::resolve(conn, &opts.from, "FROM")?;
        let to = Claim::resolve(conn, &opts.to, "TO")?;
        let link = ClaimLink::insert(
            conn,
            &NewClaimLink {
                from_claim_id: from.id,
                relation: opts.relation,
                to_claim_id: to.id,
                note: non_blank(opts.note.as_deref()),
            },
        )?;
        Ok::<_, crate::error::Error>(link.id)
    })?;
    print_created(opts.format.format, id)
}
