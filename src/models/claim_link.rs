use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::schema::claim_links;

text_enum! {
    /// How one claim relates to another (claim_links.relation): FROM relation TO.
    pub enum Relation {
        Supports = "supports",
        Contradicts = "contradicts",
        Denies = "denies",
        Duplicates = "duplicates",
        Refines = "refines",
        Supersedes = "supersedes",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = claim_links, check_for_backend(diesel::pg::Pg))]
pub struct ClaimLink {
    pub id: i64,
    pub from_claim_id: i64,
    pub relation: Relation,
    pub to_claim_id: i64,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = claim_links)]
pub struct NewClaimLink<'a> {
    pub from_claim_id: i64,
    pub relation: Relation,
    pub to_claim_id: i64,
    pub note: Option<&'a str>,
}

impl ClaimLink {
    pub fn find(conn: &mut PgConnection, new: &NewClaimLink<'_>) -> Result<Option<ClaimLink>> {
        Ok(claim_links::table
            .filter(claim_links::from_claim_id.eq(new.from_claim_id))
            .filter(claim_links::relation.eq(new.relation))
            .filter(claim_links::to_claim_id.eq(new.to_claim_id))
            .select(ClaimLink::as_select())
            .first(conn)
            .optional()?)
    }

    fn refuse_self_link(new: &NewClaimLink<'_>) -> Result<()> {
        if new.from_claim_id == new.to_claim_id {
            return Err(Error::Conflict(format!(
                "a claim cannot {} itself (both claims are {})",
                new.relation.as_str().trim_end_matches('s'),
                new.from_claim_id
            )));
        }
        Ok(())
    }

    /// Refuses a self-link and a duplicate with messages that say which.
    pub fn insert(conn: &mut PgConnection, new: &NewClaimLink<'_>) -> Result<ClaimLink> {
        Self::refuse_self_link(new)?;
        if let Some(existing) = Self::find(conn, new)? {
            return Err(Error::Conflict(format!(
                "claim {} already {} claim {} (link {})",
                new.from_claim_id, new.relation, new.to_claim_id, existing.id
            )));
        }
        Ok(diesel::insert_into(claim_links::table)
            .values(new)
            .returning(ClaimLink::as_returning())
            .get_result(conn)?)
    }
}
