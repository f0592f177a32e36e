//! `claims report summary`: the state of the ledger in a screen.

use std::io::Write;

use super::Window;
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::output::{print, OutputFormat};
use crate::queries::ledger_summary::{facts, Count, LedgerSummary};

pub fn run(window: &Window, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let facts = read_snapshot(&mut conn, |conn| {
        facts(conn, &window.scope, window.today, window.limit.unwrap_or(5))
    })?;
    let summary = LedgerSummary::from_facts(&facts, window.today, window.scope.as_of);
    if window.format == OutputFormat::Table {
        return print_text(&summary);
    }
    print(window.format, &summary, &facts)
}

fn print_text(s: &LedgerSummary) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match s.as_of {
        Some(at) => writeln!(
            out,
            "Ledger as of {} ({} claims)",
            at.format("%Y-%m-%d %H:%M UTC"),
            s.total
        )?,
        None => writeln!(out, "Ledger on {} ({} claims)", s.today, s.total)?,
    }
    let counts = |list: &[Count]| {
        list.iter()
            .map(|c| format!("{} {}", c.key, c.claims))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "  by status: {}", counts(&s.by_status))?;
    writeln!(out, "  by kind:   {}", counts(&s.by_kind))?;
    writeln!(out, "  overdue predictions: {}", s.overdue_predictions)?;
    match &s.oldest_unverified {
        Some(c) => writeln!(
            out,
            "  oldest unverified: [{}] ({}) {}",
            c.id, c.date, c.statement
        )?,
        None => writeln!(out, "  oldest unverified: none")?,
    }
    if s.next_deadlines.is_empty() {
        writeln!(out, "  next deadlines: none")?;
    } else {
        writeln!(out, "  next deadlines:")?;
        for c in &s.next_deadlines {
            writeln!(out, "    {} [{}] {}", c.date, c.id, c.statement)?;
        }
    }
    Ok(())
}
