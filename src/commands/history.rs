//! `claims history CLAIM`: when the claim was recorded, every verdict and every
//! edit (from audit_log), in time order.

use serde::Serialize;

use crate::cli::HistoryOpts;
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::input::parse_optional_as_of;
use crate::models::Claim;
use crate::output::print;
use crate::queries::history::{self, Event};

pub fn run(opts: HistoryOpts, target: &Target) -> Result<()> {
    let as_of = parse_optional_as_of(opts.as_of.as_deref())?;
    let mut conn = target.connect()?;
    let events = read_snapshot(&mut conn, |conn| {
        let claim = Claim::resolve(conn, &opts.claim, "CLAIM")?;
        history::load(conn, &claim, as_of)
    })?;
    let rows: Vec<EventRow> = events.iter().map(EventRow::from).collect();
    print(opts.format.format, &events, &rows)
}

/// An event as a CSV or table row.
#[derive(Serialize, Default)]
struct EventRow<'a> {
    at: String,
    event: &'a str,
    actor: Option<&'a str>,
    detail: &'a str,
}

impl<'a> From<&'a Event> for EventRow<'a> {
    fn from(e: &'a Event) -> Self {
        EventRow {
            at: e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            event: &e.event,
            actor: e.actor.as_deref(),
            detail: &e.detail,
        }
    }
}
