//! `claims report analysts [--calibration]`: whose claims come true.

use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Date, Double, Integer, Nullable, Text, Timestamptz};
use serde::Serialize;

use super::Window;
use crate::cli::{AnalystSort, AnalystsReportOpts};
use crate::connection::{read_snapshot, Target};
use crate::error::{Error, Result};
use crate::models::Analyst;
use crate::output::{print, Rows};

pub const SCOPE: &str = include_str!("scope.sql");

/// `scope.sql` with the status the report counts (now, or as of --as-of = $3), and
/// the retracted claims left out (those retracted by then, with --as-of).
pub fn scope(window: &Window) -> String {
    let retracted = match (window.include_retracted, window.as_of) {
        (true, _) => "true",
        (false, None) => "c.retracted_at IS NULL",
        (false, Some(_)) => "(c.retracted_at IS NULL OR c.retracted_at > $3::timestamptz)",
    };
    SCOPE
        .replace("{status}", &window.status_sql(3))
        .replace("{retracted}", retracted)
}

/// Report SQL with its scope CTE: MATERIALIZED with --as-of, so claim_status_as_of()
/// runs once per claim; inlined otherwise, so the planner can read the claims indexes.
pub fn with_scope(template: &str, window: &Window) -> String {
    template
        .replace(
            "{materialized}",
            if window.as_of.is_some() {
                "MATERIALIZED"
            } else {
                "NOT MATERIALIZED"
            },
        )
        .replace("{scope}", &scope(window))
}

#[derive(Debug, Serialize, QueryableByName)]
struct AnalystRow {
    #[diesel(sql_type = BigInt)]
    analyst_id: i64,
    #[diesel(sql_type = Text)]
    analyst: String,
    #[diesel(sql_type = Text)]
    analyst_kind: String,
    #[diesel(sql_type = BigInt)]
    claims: i64,
    #[diesel(sql_type = BigInt)]
    confirmed: i64,
    #[diesel(sql_type = BigInt)]
    refuted: i64,
    #[diesel(sql_type = BigInt)]
    other_settled: i64,
    #[diesel(sql_type = BigInt)]
    unverifiable: i64,
    #[diesel(sql_type = BigInt)]
    pending: i64,
    #[diesel(sql_type = BigInt)]
    settled: i64,
    #[diesel(sql_type = Nullable<Double>)]
    accuracy: Option<f64>,
    #[diesel(sql_type = BigInt)]
    scored: i64,
    #[diesel(sql_type = Nullable<Double>)]
    brier: Option<f64>,
}

#[derive(Debug, Serialize, QueryableByName)]
struct BinRow {
    #[diesel(sql_type = Integer)]
    bin: i32,
    #[diesel(sql_type = BigInt)]
    claims: i64,
    #[diesel(sql_type = Double)]
    mean_probability: f64,
    #[diesel(sql_type = Double)]
    observed: f64,
}

#[derive(Serialize)]
struct Bin {
    /// "0.7–0.8": stated probabilities p with 0.7 <= p < 0.8 (the last bin includes 1).
    range: String,
    claims: i64,
    mean_probability: f64,
    observed: f64,
}

pub fn run(opts: &AnalystsReportOpts, window: &Window, target: &Target) -> Result<()> {
    let min_settled = opts.min_settled.unwrap_or(0);
    if min_settled < 0 {
        return Err(Error::invalid(format!(
            "--min-settled {min_settled}: give a number of settled claims, 0 or more"
        )));
    }
    let mut conn = target.connect()?;
    let analyst_id = opts
        .analyst
        .as_deref()
        .map(|a| Analyst::resolve(&mut conn, a, "--analyst").map(|a| a.id))
        .transpose()?;
    if opts.calibration {
        let text = with_scope(include_str!("calibration.sql"), window);
        let rows: Vec<BinRow> = read_snapshot(&mut conn, |conn| {
            Ok(sql_query(text)
                .bind::<Nullable<Date>, _>(window.since)
                .bind::<Nullable<Date>, _>(window.until)
                .bind::<Nullable<Timestamptz>, _>(window.as_of)
                .bind::<Nullable<BigInt>, _>(analyst_id)
                .bind::<Nullable<BigInt>, _>(window.limit)
                .load(conn)?)
        })?;
        let bins: Vec<Bin> = rows
            .into_iter()
            .map(|r| Bin {
                range: format!(
                    "{:.1}–{:.1}",
                    r.bin as f64 / 10.0,
                    (r.bin + 1) as f64 / 10.0
                ),
                claims: r.claims,
                mean_probability: r.mean_probability,
                observed: r.observed,
            })
            .collect();
        return print(window.format, &bins, || Rows {
            headers: vec!["range", "claims", "mean_probability", "observed"],
            rows: bins
                .iter()
                .map(|b| {
                    vec![
                        b.range.clone(),
                        b.claims.to_string(),
                        format!("{:.3}", b.mean_probability),
                        format!("{:.3}", b.observed),
                    ]
                })
                .collect(),
        });
    }

    let sort = match opts.sort {
        AnalystSort::Accuracy => "accuracy DESC NULLS LAST, settled DESC, a.name",
        AnalystSort::Brier => "brier ASC NULLS LAST, scored DESC, a.name",
        AnalystSort::Claims => "claims DESC, a.name",
    };
    let text = with_scope(include_str!("analysts.sql"), window).replace("{sort}", sort);
    let rows: Vec<AnalystRow> = read_snapshot(&mut conn, |conn| {
        Ok(sql_query(text)
            .bind::<Nullable<Date>, _>(window.since)
            .bind::<Nullable<Date>, _>(window.until)
            .bind::<Nullable<Timestamptz>, _>(window.as_of)
            .bind::<Nullable<BigInt>, _>(analyst_id)
            .bind::<BigInt, _>(min_settled)
            .bind::<Nullable<BigInt>, _>(window.limit)
            .load(conn)?)
    })?;
    let ratio = |v: &Option<f64>| v.map(|x| format!("{x:.3}")).unwrap_or_default();
    print(window.format, &rows, || Rows {
        headers: vec![
            "analyst",
            "claims",
            "confirmed",
            "refuted",
            "other_settled",
            "unverifiable",
            "pending",
            "settled",
            "accuracy",
            "scored",
            "brier",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.analyst.clone(),
                    r.claims.to_string(),
                    r.confirmed.to_string(),
                    r.refuted.to_string(),
                    r.other_settled.to_string(),
                    r.unverifiable.to_string(),
                    r.pending.to_string(),
                    r.settled.to_string(),
                    ratio(&r.accuracy),
                    r.scored.to_string(),
                    ratio(&r.brier),
                ]
            })
            .collect(),
    })
}
