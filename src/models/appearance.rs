use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::models::{inserted_or_found, parse_id};
use crate::schema::appearances;

text_enum! {
    /// How a source attributes a claim to its analyst (appearances.attribution).
    pub enum Attribution {
        Direct = "direct",
        Paraphrase = "paraphrase",
        Reported = "reported",
        Unattributed = "unattributed",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = appearances, check_for_backend(diesel::pg::Pg))]
pub struct Appearance {
    pub id: i64,
    pub claim_id: i64,
    pub source_id: i64,
    pub quote: String,
    pub attribution: Attribution,
    pub via_appearance_id: Option<i64>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = appearances)]
pub struct NewAppearance<'a> {
    pub claim_id: i64,
    pub source_id: i64,
    pub quote: &'a str,
    pub attribution: Attribution,
    pub via_appearance_id: Option<i64>,
}

impl Appearance {
    pub fn find(conn: &mut PgConnection, id: i64) -> Result<Option<Appearance>> {
        Ok(appearances::table
            .find(id)
            .select(Appearance::as_select())
            .first(conn)
            .optional()?)
    }

    /// An existing appearance by id; anything else is an error at `place`.
    pub fn resolve(conn: &mut PgConnection, reference: &str, place: &str) -> Result<Appearance> {
        let id = parse_id(reference, place)?.ok_or_else(|| {
            Error::NotAnId {
                what: "an appearance",
                reference: reference.to_owned(),
            }
            .at(place)
        })?;
        Self::find(conn, id)?.ok_or_else(|| {
            Error::NotFound {
                what: "appearance",
                reference: format!("with id {id}"),
                hint: "claims show CLAIM lists a claim's appearances",
            }
            .at(place)
        })
    }

    /// Inserts unless the same quote of the claim in the source is recorded; returns it and whether it is new.
    pub fn find_or_create(
        conn: &mut PgConnection,
        new: &NewAppearance<'_>,
    ) -> Result<(Appearance, bool)> {
        if new.quote.trim().is_empty() {
            return Err(Error::Empty {
                field: "quote",
                hint: "give the passage as the source prints it",
                flags: None,
            });
        }
        let inserted = diesel::insert_into(appearances::table)
            .values(new)
            .on_conflict_do_nothing()
            .returning(Appearance::as_returning())
            .get_result(conn)
            .optional()?;
        inserted_or_found(inserted, "appearance", || {
            Self::find_by_natural_key(conn, new.claim_id, new.source_id, new.quote)
        })
    }

    pub fn find_by_natural_key(
        conn: &mut PgConnection,
        claim_id: i64,
        source_id: i64,
        quote: &str,
    ) -> Result<Option<Appearance>> {
        Ok(appearances::table
            .filter(appearances::claim_id.eq(claim_id))
            .filter(appearances::source_id.eq(source_id))
            .filter(appearances::quote.eq(quote))
            .select(Appearance::as_select())
            .first(conn)
            .optional()?)
    }
}
