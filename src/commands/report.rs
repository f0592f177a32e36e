//! `claims report --unverified`: the daily work list, oldest first.

use chrono::NaiveDate;
use diesel::dsl::exists;
use diesel::prelude::*;
use serde::Serialize;

use crate::cli::ReportOpts;
use crate::commands::add::value_name;
use crate::connection::{read_snapshot, Target};
use crate::error::{Error, Result};
use crate::input::{parse_optional_date, today};
use crate::models::{Analyst, Claim, Source, Tag};
use crate::output::{opt, print, Rows};
use crate::schema::{appearances, claim_tags, claims};
use crate::summary::{self, ClaimSummary};

#[derive(Serialize)]
struct UnverifiedRow {
    #[serde(flatten)]
    claim: ClaimSummary,
    /// Days since the claim was made (None when made_at is unknown).
    age_days: Option<i64>,
    /// Days until expected_by; negative when overdue.
    days_left: Option<i64>,
}

/// The filters, checked before connecting.
struct Filters<'a> {
    opts: &'a ReportOpts,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
}

pub fn run(opts: ReportOpts, target: &Target) -> Result<()> {
    let since = parse_optional_date(opts.since.as_deref(), "--since")?;
    let until = parse_optional_date(opts.until.as_deref(), "--until")?;
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(Error::invalid(format!("--since {s} is after --until {u}")));
        }
    }
    if let Some(n) = opts.limit {
        if n < 1 {
            return Err(Error::invalid(format!(
                "--limit {n}: give a positive number of rows"
            )));
        }
    }
    let today = today()?;
    let filters = Filters {
        opts: &opts,
        since,
        until,
    };
    let mut conn = target.connect()?;
    let found = read_snapshot(&mut conn, |conn| {
        let claims = unverified(conn, &filters)?;
        summary::load(conn, claims)
    })?;
    let rows: Vec<UnverifiedRow> = found
        .into_iter()
        .map(|claim| UnverifiedRow {
            age_days: claim.made_at.map(|d| days_between(d, today)),
            days_left: claim.expected_by.map(|d| days_between(today, d)),
            claim,
        })
        .collect();

    print(opts.format.format, &rows, || Rows {
        headers: vec![
            "id",
            "kind",
            "analyst",
            "statement",
            "made_at",
            "age_days",
            "expected_by",
            "days_left",
            "first_source",
        ],
        rows: rows
            .iter()
            .map(|r| {
                let c = &r.claim;
                vec![
                    c.id.to_string(),
                    c.kind.clone(),
                    c.analyst.name.clone(),
                    c.statement.clone(),
                    opt(&c.made_at),
                    opt(&r.age_days),
                    opt(&c.expected_by),
                    opt(&r.days_left),
                    c.first_source()
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

/// Unverified claims matching the filters, oldest first (undated last). Unknown
/// analysts, tags and sources are bad input, not an empty list.
fn unverified(conn: &mut PgConnection, f: &Filters<'_>) -> Result<Vec<Claim>> {
    let opts = f.opts;
    let mut query = claims::table
        .filter(claims::status.eq("unverified"))
        .select(Claim::as_select())
        .order((claims::made_at.asc().nulls_last(), claims::id.asc()))
        .into_boxed();
    if !opts.include_retracted {
        query = query.filter(claims::retracted_at.is_null());
    }
    if let Some(a) = &opts.analyst {
        let analyst = Analyst::resolve(conn, a, "--analyst")?;
        query = query.filter(claims::analyst_id.eq(analyst.id));
    }
    if let Some(k) = &opts.kind {
        query = query.filter(claims::kind.eq(value_name(k)));
    }
    if let Some(t) = &opts.tag {
        let tag = Tag::find_by_name(conn, t.trim())?
            .ok_or_else(|| Error::invalid(format!("--tag: no tag named '{t}'")))?;
        let tagged = claim_tags::table
            .filter(claim_tags::claim_id.eq(claims::id))
            .filter(claim_tags::tag_id.eq(tag.id));
        query = query.filter(exists(tagged));
    }
    if let Some(s) = &opts.source {
        let source = Source::resolve(conn, s, "--source")?;
        let appears = appearances::table
            .filter(appearances::claim_id.eq(claims::id))
            .filter(appearances::source_id.eq(source.id));
        query = query.filter(exists(appears));
    }
    if let Some(s) = f.since {
        query = query.filter(claims::made_at.ge(s));
    }
    if let Some(u) = f.until {
        query = query.filter(claims::made_at.le(u));
    }
    if let Some(n) = opts.limit {
        query = query.limit(n);
    }
    Ok(query.load(conn)?)
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}
