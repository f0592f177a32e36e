//! The claim object of JSON output (docs/output.md), shared by `show` and
//! `report`, loaded for many claims with one query per related table.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::models::{Analyst, AnalystKind, Claim, ClaimKind, Status, Tag};
use crate::schema::{analysts, appearances, sources, verdict_statuses};

#[derive(Debug, Clone, Serialize)]
pub struct AnalystRef {
    pub id: i64,
    pub name: String,
    pub kind: AnalystKind,
}

#[derive(Debug, Clone, Serialize, Queryable)]
pub struct SourceRef {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimObject {
    pub id: i64,
    pub statement: String,
    pub kind: ClaimKind,
    pub analyst: AnalystRef,
    pub made_at: Option<NaiveDate>,
    pub expected_by: Option<NaiveDate>,
    pub probability: Option<f64>,
    /// The estimative words the probability came from (hedge lexicon), if any.
    pub hedge: Option<String>,
    pub status: Status,
    pub status_label: String,
    /// Sources the claim appears in, earliest published first.
    pub sources: Vec<SourceRef>,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// Present only for a retracted claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retracted_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retraction_reason: Option<String>,
}

impl ClaimObject {
    pub fn first_source(&self) -> Option<&SourceRef> {
        self.sources.first()
    }
}

/// The claim objects of `claims`, in the same order.
pub fn load(conn: &mut PgConnection, claims: Vec<Claim>) -> Result<Vec<ClaimObject>> {
    let ids: Vec<i64> = claims.iter().map(|c| c.id).collect();
    let analyst_ids: Vec<i64> = claims.iter().map(|c| c.analyst_id).collect();

    let analysts: HashMap<i64, Analyst> = analysts::table
        .filter(analysts::id.eq_any(&analyst_ids))
        .select(Analyst::as_select())
        .load(conn)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();

    let labels: HashMap<Status, String> = verdict_statuses::table
        .select((verdict_statuses::status, verdict_statuses::label))
        .load(conn)?
        .into_iter()
        .collect();

    let mut sources_by_claim = sources_by_claim(conn, &ids)?;
    let mut tags_by_claim: HashMap<i64, Vec<String>> = HashMap::new();
    for (claim_id, name) in Tag::names_for(conn, &ids)? {
        tags_by_claim.entry(claim_id).or_default().push(name);
    }

    Ok(claims
        .into_iter()
        .map(|c| {
            let a = &analysts[&c.analyst_id];
            ClaimObject {
                id: c.id,
                analyst: AnalystRef {
                    id: a.id,
                    name: a.name.clone(),
                    kind: a.kind,
                },
                status_label: labels
                    .get(&c.status)
                    .cloned()
                    .unwrap_or_else(|| c.status.to_string()),
                sources: sources_by_claim.remove(&c.id).unwrap_or_default(),
                tags: tags_by_claim.remove(&c.id).unwrap_or_default(),
                statement: c.statement,
                kind: c.kind,
                made_at: c.made_at,
                expected_by: c.expected_by,
                probability: c.probability,
                hedge: c.hedge,
                status: c.status,
                created_at: c.created_at,
                retracted_at: c.retracted_at,
                retraction_reason: c.retraction_reason,
            }
        })
        .collect())
}

/// Each claim's sources, earliest published first, each once.
fn sources_by_claim(conn: &mut PgConnection, ids: &[i64]) -> Result<HashMap<i64, Vec<SourceRef>>> {
    let mut sources_by_claim: HashMap<i64, Vec<SourceRef>> = HashMap::new();
    let rows: Vec<(i64, SourceRef)> = appearances::table
        .inner_join(sources::table)
        .filter(appearances::claim_id.eq_any(ids))
        .order((
            appearances::claim_id,
            sources::published_on.asc().nulls_last(),
            appearances::id,
        ))
        .select((
            appearances::claim_id,
            (
                sources::id,
                sources::title,
                sources::url,
                sources::publisher,
                sources::published_on,
            ),
        ))
        .load(conn)?;
    for (claim_id, source) in rows {
        let list = sources_by_claim.entry(claim_id).or_default();
        if !list.iter().any(|s| s.id == source.id) {
            list.push(source);
        }
    }
    Ok(sources_by_claim)
}
