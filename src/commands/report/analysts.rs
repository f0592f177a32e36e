//! `claims report analysts [--calibration]`: whose claims come true.

use super::Window;
use crate::cli::AnalystsReportOpts;
use crate::connection::{read_snapshot, Target};
use crate::error::{Error, Result};
use crate::models::Analyst;
use crate::output::print;
use crate::queries::track_record::{self, AnalystRecordRow, BinRow};

pub fn run(opts: &AnalystsReportOpts, mut window: Window, target: &Target) -> Result<()> {
    let min_settled = opts.min_settled.unwrap_or(0);
    if min_settled < 0 {
        return Err(Error::invalid(format!(
            "--min-settled {min_settled}: give a number of settled claims, 0 or more"
        )));
    }
    let mut conn = target.connect()?;
    window.scope.analyst_id = opts
        .analyst
        .as_deref()
        .map(|a| Analyst::resolve(&mut conn, a, "--analyst").map(|a| a.id))
        .transpose()?;
    if opts.calibration {
        let bins = read_snapshot(&mut conn, |conn| {
            track_record::calibration(conn, &window.scope, window.limit)
        })?;
        let rows: Vec<BinRow> = bins.iter().map(BinRow::from).collect();
        return print(window.format, &bins, &rows);
    }
    let records = read_snapshot(&mut conn, |conn| {
        track_record::analysts(conn, &window.scope, opts.sort, min_settled, window.limit)
    })?;
    let rows: Vec<AnalystRecordRow> = records.iter().map(AnalystRecordRow::from).collect();
    print(window.format, &records, &rows)
}
