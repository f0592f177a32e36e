use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::models::{parse_id, Status};
use crate::schema::claims;

text_enum! {
    /// What sort of statement a claim is (claims.kind).
    pub enum ClaimKind {
        Fact = "fact",
        Prediction = "prediction",
        Assessment = "assessment",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = claims, check_for_backend(diesel::pg::Pg))]
pub struct Claim {
    pub id: i64,
    pub analyst_id: i64,
    pub statement: String,
    pub kind: ClaimKind,
    pub made_at: Option<NaiveDate>,
    pub expected_by: Option<NaiveDate>,
    pub probability: Option<f64>,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub retracted_at: Option<DateTime<Utc>>,
    pub retraction_reason: Option<String>,
    pub hedge: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = claims)]
pub struct NewClaim<'a> {
    pub analyst_id: i64,
    pub statement: &'a str,
    pub kind: ClaimKind,
    pub made_at: Option<NaiveDate>,
    pub expected_by: Option<NaiveDate>,
    pub probability: Option<f64>,
    /// The lexicon phrase the probability came from, if any.
    pub hedge: Option<&'a str>,
}

impl NewClaim<'_> {
    /// The rules the schema enforces, checked first so the message can name the
    /// field (the CLI words it as a flag: `Error::with_flags`).
    pub fn validate(&self) -> Result<()> {
        if self.statement.trim().is_empty() {
            return Err(Error::Empty {
                field: "statement",
                hint: "write the claim as a neutral sentence",
                flags: None,
            });
        }
        let chars = self.statement.chars().count();
        if chars > MAX_STATEMENT_CHARS {
            return Err(Error::TooLong {
                field: "statement",
                limit: MAX_STATEMENT_CHARS,
                actual: chars,
                flags: None,
            });
        }
        if self.expected_by.is_some() && self.kind != ClaimKind::Prediction {
            return Err(Error::ExpectedByNotPrediction {
                kind: self.kind,
                flags: None,
            });
        }
        if let (Some(made), Some(due)) = (self.made_at, self.expected_by) {
            if due < made {
                return Err(Error::DueBeforeMade {
                    made,
                    due,
                    flags: None,
                });
            }
        }
        if let Some(p) = self.probability {
            check_probability(p, "probability")?;
        }
        Ok(())
    }
}

/// The longest statement the schema takes (claims_statement_length); longer
/// text belongs in an appearance's quote.
pub const MAX_STATEMENT_CHARS: usize = 2000;

/// A probability is a number in 0..1.
pub fn check_probability(p: f64, field: &'static str) -> Result<()> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::OutOfRange {
            field,
            value: p,
            flags: None,
        });
    }
    Ok(())
}

#[derive(AsChangeset)]
#[diesel(table_name = claims)]
pub struct ClaimChanges<'a> {
    pub statement: Option<&'a str>,
    pub kind: Option<ClaimKind>,
    pub analyst_id: Option<i64>,
    pub made_at: Option<Option<NaiveDate>>,
    pub expected_by: Option<Option<NaiveDate>>,
    pub probability: Option<Option<f64>>,
    /// A probability set by hand no longer comes from the hedge phrase.
    pub hedge: Option<Option<&'a str>>,
}

impl Claim {
    pub fn find(conn: &mut PgConnection, id: i64) -> Result<Option<Claim>> {
        Ok(claims::table
            .find(id)
            .select(Claim::as_select())
            .first(conn)
            .optional()?)
    }

    /// An existing claim by id; anything else is an error at `place` (the
    /// argument the reference came from).
    pub fn resolve(conn: &mut PgConnection, reference: &str, place: &str) -> Result<Claim> {
        let id = parse_id(reference, place)?.ok_or_else(|| {
            Error::NotAnId {
                what: "a claim",
                reference: reference.to_owned(),
            }
            .at(place)
        })?;
        Self::find(conn, id)?.ok_or_else(|| {
            Error::NotFound {
                what: "claim",
                reference: format!("with id {id}"),
                hint: "claims report --unverified lists open claims",
            }
            .at(place)
        })
    }

    pub fn find_by_natural_key(
        conn: &mut PgConnection,
        analyst_id: i64,
        statement: &str,
    ) -> Result<Option<Claim>> {
        Ok(claims::table
            .filter(claims::analyst_id.eq(analyst_id))
            .filter(claims::statement.eq(statement))
            .select(Claim::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn insert(conn: &mut PgConnection, new: &NewClaim<'_>) -> Result<Claim> {
        new.validate()?;
        Ok(diesel::insert_into(claims::table)
            .values(new)
            .returning(Claim::as_returning())
            .get_result(conn)?)
    }

    /// Applies `changes` (the audit trigger keeps the old values); returns the row as it is now.
    pub fn update(conn: &mut PgConnection, id: i64, changes: &ClaimChanges<'_>) -> Result<Claim> {
        Ok(diesel::update(claims::table.find(id))
            .set(changes)
            .returning(Claim::as_returning())
            .get_result(conn)?)
    }

    /// Marks the claim retracted now, unless it already is (then false: another
    /// writer got there first).
    pub fn retract(conn: &mut PgConnection, id: i64, reason: &str) -> Result<bool> {
        let changed = diesel::update(
            claims::table
                .find(id)
                .filter(claims::retracted_at.is_null()),
        )
        .set((
            claims::retracted_at.eq(diesel::dsl::now),
            claims::retraction_reason.eq(reason),
        ))
        .execute(conn)?;
        Ok(changed == 1)
    }
}
