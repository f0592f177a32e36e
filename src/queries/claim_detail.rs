//! Everything about one claim (`claims show`): the claim object, its
//! appearances, its links both ways and its verdicts, in a fixed number of
//! queries whatever the claim has.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use super::claim_object::{self, ClaimObject, SourceRef};
use crate::error::Result;
use crate::models::{Attribution, Claim, Relation, Status};
use crate::schema::{
    analysts, appearances, claim_links, claims, sources, verdict_statuses, verifications,
};

#[derive(Debug, Serialize)]
pub struct ClaimDetail {
    #[serde(flatten)]
    pub claim: ClaimObject,
    /// Set with --as-of: status and verdicts are as known at this moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateTime<Utc>>,
    pub appearances: Vec<AppearanceOut>,
    pub links: Vec<LinkOut>,
    pub verdicts: Vec<VerdictOut>,
}

#[derive(Debug, Serialize)]
pub struct AppearanceOut {
    pub id: i64,
    pub source: SourceRef,
    pub quote: String,
    pub attribution: Attribution,
    pub via_appearance_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// This claim RELATION other.
    Outgoing,
    /// Other RELATION this claim.
    Incoming,
}

#[derive(Debug, Serialize)]
pub struct LinkOut {
    pub id: i64,
    pub direction: Direction,
    pub relation: Relation,
    pub other_claim: OtherClaim,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Queryable)]
pub struct OtherClaim {
    pub id: i64,
    pub statement: String,
    pub analyst: String,
    pub status: Status,
}

#[derive(Debug, Serialize)]
pub struct VerdictOut {
    pub id: i64,
    pub status: Status,
    pub status_label: String,
    pub effective_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub evidence: Option<SourceRef>,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
}

type SourceColumns = (
    sources::id,
    sources::title,
    sources::url,
    sources::publisher,
    sources::published_on,
);
const SOURCE_COLUMNS: SourceColumns = (
    sources::id,
    sources::title,
    sources::url,
    sources::publisher,
    sources::published_on,
);

impl ClaimDetail {
    /// The claim as recorded now (`as_of` applies later: `as_known_at`).
    pub fn load(conn: &mut PgConnection, claim: Claim) -> Result<ClaimDetail> {
        let id = claim.id;
        Ok(ClaimDetail {
            claim: claim_object::load(conn, vec![claim])?.remove(0),
            as_of: None,
            appearances: appearances(conn, id)?,
            links: links(conn, id)?,
            verdicts: verdicts(conn, id)?,
        })
    }

    /// What we knew at `at`: verdicts that had taken effect and been recorded by then.
    pub fn as_known_at(mut self, at: DateTime<Utc>) -> ClaimDetail {
        self.verdicts
            .retain(|v| v.effective_at <= at && v.recorded_at <= at);
        let (status, label) = self
            .verdicts
            .first()
            .map(|v| (v.status, v.status_label.clone()))
            .unwrap_or_else(|| (Status::Unverified, "Unverified".into()));
        self.claim.status = status;
        self.claim.status_label = label;
        self.as_of = Some(at);
        self
    }
}

fn appearances(conn: &mut PgConnection, claim_id: i64) -> Result<Vec<AppearanceOut>> {
    let rows: Vec<(i64, SourceRef, String, Attribution, Option<i64>)> = appearances::table
        .inner_join(sources::table)
        .filter(appearances::claim_id.eq(claim_id))
        .order(appearances::id)
        .select((
            appearances::id,
            SOURCE_COLUMNS,
            appearances::quote,
            appearances::attribution,
            appearances::via_appearance_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, source, quote, attribution, via_appearance_id)| AppearanceOut {
                id,
                source,
                quote,
                attribution,
                via_appearance_id,
            },
        )
        .collect())
}

/// Links both ways, by link id: one query per direction, each joined to the other claim.
fn links(conn: &mut PgConnection, claim_id: i64) -> Result<Vec<LinkOut>> {
    let other = (
        claims::id,
        claims::statement,
        analysts::name,
        claims::status,
    );
    let outgoing: Vec<(i64, Relation, Option<String>, OtherClaim)> = claim_links::table
        .inner_join(claims::table.on(claims::id.eq(claim_links::to_claim_id)))
        .inner_join(analysts::table.on(analysts::id.eq(claims::analyst_id)))
        .filter(claim_links::from_claim_id.eq(claim_id))
        .select((
            claim_links::id,
            claim_links::relation,
            claim_links::note,
            other,
        ))
        .load(conn)?;
    let incoming: Vec<(i64, Relation, Option<String>, OtherClaim)> = claim_links::table
        .inner_join(claims::table.on(claims::id.eq(claim_links::from_claim_id)))
        .inner_join(analysts::table.on(analysts::id.eq(claims::analyst_id)))
        .filter(claim_links::to_claim_id.eq(claim_id))
        .select((
            claim_links::id,
            claim_links::relation,
            claim_links::note,
            other,
        ))
        .load(conn)?;
    let mut links: Vec<LinkOut> = outgoing
        .into_iter()
        .map(|l| (Direction::Outgoing, l))
        .chain(incoming.into_iter().map(|l| (Direction::Incoming, l)))
        .map(|(direction, (id, relation, note, other_claim))| LinkOut {
            id,
            direction,
            relation,
            other_claim,
            note,
        })
        .collect();
    links.sort_by_key(|l| l.id);
    Ok(links)
}

/// Latest first: latest effective, then latest recorded, then id.
fn verdicts(conn: &mut PgConnection, claim_id: i64) -> Result<Vec<VerdictOut>> {
    type Row = (
        i64,
        Status,
        String,
        DateTime<Utc>,
        DateTime<Utc>,
        Option<SourceRef>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = verifications::table
        .inner_join(verdict_statuses::table)
        .left_join(sources::table)
        .left_join(analysts::table)
        .filter(verifications::claim_id.eq(claim_id))
        .order((
            verifications::effective_at.desc(),
            verifications::recorded_at.desc(),
            verifications::id.desc(),
        ))
        .select((
            verifications::id,
            verifications::status,
            verdict_statuses::label,
            verifications::effective_at,
            verifications::recorded_at,
            SOURCE_COLUMNS.nullable(),
            verifications::note,
            analysts::name.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, status, status_label, effective_at, recorded_at, evidence, note, recorded_by)| {
                VerdictOut {
                    id,
                    status,
                    status_label,
                    effective_at,
                    recorded_at,
                    evidence,
                    note,
                    recorded_by,
                }
            },
        )
        .collect())
}
