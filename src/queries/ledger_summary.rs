//! The state of the ledger in a screen (ledger_summary.sql): counts by status
//! and kind, the oldest unverified claim, the next deadlines.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text};
use serde::Serialize;

use super::scope::ReportScope;
use crate::error::Result;

/// One fact of the summary, as the query returns it (and CSV prints it).
#[derive(Debug, Default, Serialize, QueryableByName)]
pub struct Fact {
    #[diesel(sql_type = Text)]
    pub section: String,
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = Text)]
    pub value: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub claim_id: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub key: String,
    pub claims: i64,
}

#[derive(Debug, Serialize)]
pub struct ClaimRef {
    pub id: i64,
    pub statement: String,
    /// made_at for the oldest unverified claim ("undated" when unknown), expected_by for deadlines.
    pub date: String,
}

#[derive(Debug, Serialize)]
pub struct LedgerSummary {
    pub today: NaiveDate,
    pub as_of: Option<DateTime<Utc>>,
    pub total: i64,
    pub by_status: Vec<Count>,
    pub by_kind: Vec<Count>,
    pub overdue_predictions: i64,
    pub oldest_unverified: Option<ClaimRef>,
    pub next_deadlines: Vec<ClaimRef>,
}

/// The facts of the summary, ages and deadlines counted to `today`.
pub fn facts(
    conn: &mut PgConnection,
    scope: &ReportScope,
    today: NaiveDate,
    deadlines: i64,
) -> Result<Vec<Fact>> {
    Ok(scope
        .query(include_str!("ledger_summary.sql"))
        .bind::<Date, _>(today)
        .bind::<BigInt, _>(deadlines)
        .load(conn)?)
}

impl LedgerSummary {
    /// The summary the facts describe.
    pub fn from_facts(facts: &[Fact], today: NaiveDate, as_of: Option<DateTime<Utc>>) -> Self {
        let count = |f: &Fact| Count {
            key: f.key.clone(),
            claims: f.value.parse().unwrap_or(0),
        };
        let claim = |f: &Fact| ClaimRef {
            id: f.claim_id.unwrap_or_default(),
            statement: f.value.clone(),
            date: f.key.clone(),
        };
        let of = |section: &'static str| facts.iter().filter(move |f| f.section == section);
        let by_kind: Vec<Count> = of("kind").map(count).collect();
        LedgerSummary {
            today,
            as_of,
            total: by_kind.iter().map(|c| c.claims).sum(),
            by_status: of("status").map(count).collect(),
            by_kind,
            overdue_predictions: of("overdue")
                .next()
                .and_then(|f| f.value.parse().ok())
                .unwrap_or(0),
            oldest_unverified: of("oldest_unverified").next().map(claim),
            next_deadlines: of("next_deadline").map(claim).collect(),
        }
    }
}
