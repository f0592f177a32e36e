//! Everything about one claim (`claims show`): the claim object, its
//! appearances, its links both ways and its verdicts, in a fixed number of
//! queries whatever the claim has.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Bool, Nullable, Text};
use serde::Serialize;

use super::claim_object::{self, ClaimObject, SourceRef};
use crate::error::Result;
use crate::models::{Attribution, Claim, Relation, Status};
use crate::schema::{analysts, appearances, sources, verdict_statuses, verifications};

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

#[derive(Debug, Serialize)]
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

/// Links both ways, by link id, each joined to the claim at the other end.
fn links(conn: &mut PgConnection, claim_id: i64) -> Result<Vec<LinkOut>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Bool)]
        outgoing: bool,
        #[diesel(sql_type = Text)]
        relation: Relation,
        #[diesel(sql_type = Nullable<Text>)]
        note: Option<String>,
        #[diesel(sql_type = BigInt)]
        other_id: i64,
        #[diesel(sql_type = Text)]
        other_statement: String,
        #[diesel(sql_type = Text)]
        other_analyst: String,
        #[diesel(sql_type = Text)]
        other_status: Status,
    }
    let rows: Vec<Row> = sql_query(include_str!("claim_links.sql"))
        .bind::<BigInt, _>(claim_id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| LinkOut {
            id: r.id,
            direction: if r.outgoing {
                Direction::Outgoing
            } else {
                Direction::Incoming
            },
            relation: r.relation,
            other_claim: OtherClaim {
                id: r.other_id,
                statement: r.other_statement,
                analyst: r.other_analyst,
                status: r.other_status,
            },
            note: r.note,
        })
        .collect())
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
