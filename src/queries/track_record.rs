//! Whose claims come true: one row per analyst (track_record.sql), or stated
//! probabilities against outcomes (calibration.sql).

use clap::ValueEnum;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Integer, Nullable, Text};
use serde::Serialize;

use super::scope::ReportScope;
use crate::error::Result;
use crate::models::AnalystKind;
use crate::output::ratio;

/// The order of `report analysts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrackRecordOrder {
    /// Most accurate first.
    Accuracy,
    /// Best (lowest) Brier score first.
    Brier,
    /// Most claims first.
    Claims,
}

impl TrackRecordOrder {
    fn sql(self) -> &'static str {
        match self {
            TrackRecordOrder::Accuracy => "accuracy DESC NULLS LAST, settled DESC, a.name",
            TrackRecordOrder::Brier => "brier ASC NULLS LAST, scored DESC, a.name",
            TrackRecordOrder::Claims => "claims DESC, a.name",
        }
    }
}

#[derive(Debug, Serialize, QueryableByName)]
pub struct AnalystRecord {
    #[diesel(sql_type = BigInt)]
    pub analyst_id: i64,
    #[diesel(sql_type = Text)]
    pub analyst: String,
    #[diesel(sql_type = Text)]
    pub analyst_kind: AnalystKind,
    #[diesel(sql_type = BigInt)]
    pub claims: i64,
    #[diesel(sql_type = BigInt)]
    pub confirmed: i64,
    #[diesel(sql_type = BigInt)]
    pub refuted: i64,
    #[diesel(sql_type = BigInt)]
    pub other_settled: i64,
    #[diesel(sql_type = BigInt)]
    pub unverifiable: i64,
    #[diesel(sql_type = BigInt)]
    pub pending: i64,
    #[diesel(sql_type = BigInt)]
    pub settled: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub accuracy: Option<f64>,
    #[diesel(sql_type = BigInt)]
    pub scored: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub brier: Option<f64>,
}

/// A track record as a table or CSV row: the analyst by name, ratios to three decimals.
#[derive(Debug, Serialize, Default)]
pub struct AnalystRecordRow<'a> {
    analyst: &'a str,
    claims: i64,
    confirmed: i64,
    refuted: i64,
    other_settled: i64,
    unverifiable: i64,
    pending: i64,
    settled: i64,
    accuracy: String,
    scored: i64,
    brier: String,
}

impl<'a> From<&'a AnalystRecord> for AnalystRecordRow<'a> {
    fn from(r: &'a AnalystRecord) -> Self {
        AnalystRecordRow {
            analyst: &r.analyst,
            claims: r.claims,
            confirmed: r.confirmed,
            refuted: r.refuted,
            other_settled: r.other_settled,
            unverifiable: r.unverifiable,
            pending: r.pending,
            settled: r.settled,
            accuracy: ratio(r.accuracy),
            scored: r.scored,
            brier: ratio(r.brier),
        }
    }
}

/// Track records of the analysts with claims in scope and at least `min_settled`
/// settled ones.
pub fn analysts(
    conn: &mut PgConnection,
    scope: &ReportScope,
    order: TrackRecordOrder,
    min_settled: i64,
    limit: Option<i64>,
) -> Result<Vec<AnalystRecord>> {
    let template = include_str!("track_record.sql").replace("{sort}", order.sql());
    Ok(scope
        .query(&template)
        .bind::<BigInt, _>(min_settled)
        .bind::<Nullable<BigInt>, _>(limit)
        .load(conn)?)
}

#[derive(QueryableByName)]
struct BinCounts {
    #[diesel(sql_type = Integer)]
    bin: i32,
    #[diesel(sql_type = BigInt)]
    claims: i64,
    #[diesel(sql_type = Double)]
    mean_probability: f64,
    #[diesel(sql_type = Double)]
    observed: f64,
}

#[derive(Debug, Serialize)]
pub struct Bin {
    /// "0.7–0.8": stated probabilities p with 0.7 <= p < 0.8 (the last bin includes 1).
    pub range: String,
    pub claims: i64,
    pub mean_probability: f64,
    pub observed: f64,
}

/// A bin as a table or CSV row: means to three decimals.
#[derive(Debug, Serialize, Default)]
pub struct BinRow<'a> {
    range: &'a str,
    claims: i64,
    mean_probability: String,
    observed: String,
}

impl<'a> From<&'a Bin> for BinRow<'a> {
    fn from(b: &'a Bin) -> Self {
        BinRow {
            range: &b.range,
            claims: b.claims,
            mean_probability: format!("{:.3}", b.mean_probability),
            observed: format!("{:.3}", b.observed),
        }
    }
}

/// Settled claims with a probability, in bins of 0.1.
pub fn calibration(
    conn: &mut PgConnection,
    scope: &ReportScope,
    limit: Option<i64>,
) -> Result<Vec<Bin>> {
    let rows: Vec<BinCounts> = scope
        .query(include_str!("calibration.sql"))
        .bind::<Nullable<BigInt>, _>(limit)
        .load(conn)?;
    Ok(rows
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
        .collect())
}
