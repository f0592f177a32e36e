//! `claims report sources`: which outlets carry claims that fail.

use super::Window;
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::output::print;
use crate::queries::outlets::{outlets, OutletRow};

pub fn run(window: &Window, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let found = read_snapshot(&mut conn, |conn| outlets(conn, &window.scope, window.limit))?;
    let rows: Vec<OutletRow> = found.iter().map(OutletRow::from).collect();
    print(window.format, &found, &rows)
}
