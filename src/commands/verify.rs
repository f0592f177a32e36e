//! `claims verify CLAIM --status S`: appends a verdict; the database keeps
//! `claims.status` equal to the latest one.

use chrono::Utc;

use crate::cli::VerifyOpts;
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::input::{non_blank, parse_timestamp};
use crate::models::{Analyst, Claim, NewVerification, Source, Verification};
use crate::output::print_created;

pub fn run(opts: VerifyOpts, target: &Target) -> Result<()> {
    let effective_at = match opts.effective.as_deref() {
        Some(v) => parse_timestamp(v, "--effective")?,
        None => Utc::now(),
    };
    if effective_at > Utc::now() {
        return Err(Error::invalid(format!(
            "--effective {}: that is in the future; a verdict records an outcome already known",
            opts.effective.as_deref().unwrap_or_default()
        )));
    }
    let note = non_blank(opts.note.as_deref());
    if opts.evidence.is_none() && note.is_none() {
        return Err(Error::invalid(
            "a verdict needs its evidence: give --evidence SOURCE, --note TEXT, or both",
        ));
    }
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let claim = Claim::resolve(conn, &opts.claim, "CLAIM")?;
        let evidence = opts
            .evidence
            .as_deref()
            .map(|s| Source::resolve(conn, s, "--evidence"))
            .transpose()?;
        let by = opts
            .by
            .as_deref()
            .map(|a| Analyst::resolve(conn, a, "--by"))
            .transpose()?;
        let verdict = Verification::insert(
            conn,
            &NewVerification {
                claim_id: claim.id,
                status: opts.status,
                evidence_source_id: evidence.map(|s| s.id),
                note,
                recorded_by_analyst_id: by.map(|a| a.id),
                effective_at,
                recorded_at: None,
            },
        )?;
        Ok::<_, crate::error::Error>(verdict.id)
    })?;
    print_created(opts.format.format, id)
}
