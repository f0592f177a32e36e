use diesel::prelude::*;

use crate::error::Result;
use crate::models::inserted_or_found;
use crate::schema::{claim_tags, tags};

text_enum! {
    /// What a tag names (tags.kind).
    pub enum TagKind {
        Topic = "topic",
        Person = "person",
        Organization = "organization",
        Place = "place",
        Event = "event",
        Other = "other",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tags, check_for_backend(diesel::pg::Pg))]
pub struct Tag {
    pub id: i64,
    pub name: String,
    pub kind: TagKind,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tags)]
pub struct NewTag<'a> {
    pub name: &'a str,
    pub kind: TagKind,
}

impl Tag {
    pub fn find_by_name(conn: &mut PgConnection, name: &str) -> Result<Option<Tag>> {
        Ok(tags::table
            .filter(tags::name.eq(name))
            .select(Tag::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_or_create(conn: &mut PgConnection, new: &NewTag<'_>) -> Result<(Tag, bool)> {
        let inserted = diesel::insert_into(tags::table)
            .values(new)
            .on_conflict_do_nothing()
            .returning(Tag::as_returning())
            .get_result(conn)
            .optional()?;
        inserted_or_found(inserted, "tag", || Self::find_by_name(conn, new.name))
    }

    /// Attaches the tag; attaching it twice is a no-op.
    pub fn attach(conn: &mut PgConnection, claim_id: i64, tag_id: i64) -> Result<()> {
        diesel::insert_into(claim_tags::table)
            .values((
                claim_tags::claim_id.eq(claim_id),
                claim_tags::tag_id.eq(tag_id),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
        Ok(())
    }

    /// (claim id, tag name) for the given claims, by name.
    pub fn names_for(conn: &mut PgConnection, claim_ids: &[i64]) -> Result<Vec<(i64, String)>> {
        Ok(claim_tags::table
            .inner_join(tags::table)
            .filter(claim_tags::claim_id.eq_any(claim_ids))
            .order((claim_tags::claim_id, tags::name))
            .select((claim_tags::claim_id, tags::name))
            .load(conn)?)
    }
}
