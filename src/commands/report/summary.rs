//! `claims report summary`: the state of the ledger in a screen.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz};
use serde::Serialize;

use super::analysts::with_scope;
use super::Window;
use crate::cli::OutputFormat;
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::output::{print, Rows};

#[derive(Debug, QueryableByName)]
struct Fact {
    #[diesel(sql_type = Text)]
    section: String,
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = Text)]
    value: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    claim_id: Option<i64>,
}

#[derive(Serialize)]
struct Count {
    key: String,
    claims: i64,
}

#[derive(Serialize)]
struct ClaimRef {
    id: i64,
    statement: String,
    /// made_at for the oldest unverified claim ("undated" when unknown), expected_by for deadlines.
    date: String,
}

#[derive(Serialize)]
struct Summary {
    today: NaiveDate,
    as_of: Option<DateTime<Utc>>,
    total: i64,
    by_status: Vec<Count>,
    by_kind: Vec<Count>,
    overdue_predictions: i64,
    oldest_unverified: Option<ClaimRef>,
    next_deadlines: Vec<ClaimRef>,
}

pub fn run(window: &Window, target: &Target) -> Result<()> {
    let text = with_scope(include_str!("summary.sql"), window);
    let mut conn = target.connect()?;
    let facts: Vec<Fact> = read_snapshot(&mut conn, |conn| {
        Ok(sql_query(text)
            .bind::<Nullable<Date>, _>(window.since)
            .bind::<Nullable<Date>, _>(window.until)
            .bind::<Nullable<Timestamptz>, _>(window.as_of)
            .bind::<Nullable<BigInt>, _>(None::<i64>)
            .bind::<Date, _>(window.today)
            .bind::<BigInt, _>(window.limit.unwrap_or(5))
            .load(conn)?)
    })?;
    let count = |f: &Fact| Count {
        key: f.key.clone(),
        claims: f.value.parse().unwrap_or(0),
    };
    let claim = |f: &Fact| ClaimRef {
        id: f.claim_id.unwrap_or_default(),
        statement: f.value.clone(),
        date: f.key.clone(),
    };
    let by_kind: Vec<Count> = facts
        .iter()
        .filter(|f| f.section == "kind")
        .map(count)
        .collect();
    let summary = Summary {
        today: window.today,
        as_of: window.as_of,
        total: by_kind.iter().map(|c| c.claims).sum(),
        by_status: facts
            .iter()
            .filter(|f| f.section == "status")
            .map(count)
            .collect(),
        by_kind,
        overdue_predictions: facts
            .iter()
            .find(|f| f.section == "overdue")
            .and_then(|f| f.value.parse().ok())
            .unwrap_or(0),
        oldest_unverified: facts
            .iter()
            .find(|f| f.section == "oldest_unverified")
            .map(claim),
        next_deadlines: facts
            .iter()
            .filter(|f| f.section == "next_deadline")
            .map(claim)
            .collect(),
    };
    if window.format == OutputFormat::Table {
        return print_text(&summary);
    }
    print(window.format, &summary, || Rows {
        headers: vec!["section", "key", "value", "claim_id"],
        rows: facts
            .iter()
            .map(|f| {
                vec![
                    f.section.clone(),
                    f.key.clone(),
                    f.value.clone(),
                    f.claim_id.map(|i| i.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

fn print_text(s: &Summary) -> Result<()> {
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
