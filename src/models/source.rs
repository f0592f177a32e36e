use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::models::{inserted_or_found, parse_id};
use crate::schema::sources;

text_enum! {
    /// What sort of document a source is (sources.kind).
    pub enum SourceKind {
        Article = "article",
        Report = "report",
        Transcript = "transcript",
        Post = "post",
        Statement = "statement",
        Other = "other",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sources, check_for_backend(diesel::pg::Pg))]
pub struct Source {
    pub id: i64,
    pub url: Option<String>,
    pub title: String,
    pub kind: SourceKind,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub retrieved_at: Option<DateTime<Utc>>,
    pub archived_url: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sources)]
pub struct NewSource<'a> {
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub kind: SourceKind,
    pub publisher: Option<&'a str>,
    pub author: Option<&'a str>,
    pub published_on: Option<NaiveDate>,
    pub retrieved_at: Option<DateTime<Utc>>,
    pub archived_url: Option<&'a str>,
}

#[derive(AsChangeset)]
#[diesel(table_name = sources)]
pub struct SourceChanges<'a> {
    pub url: Option<Option<String>>,
    pub title: Option<&'a str>,
    pub kind: Option<SourceKind>,
    pub publisher: Option<Option<&'a str>>,
    pub author: Option<Option<&'a str>>,
    pub published_on: Option<Option<NaiveDate>>,
    pub archived_url: Option<Option<String>>,
    pub retrieved_at: Option<Option<DateTime<Utc>>>,
}

impl Source {
    pub fn find(conn: &mut PgConnection, id: i64) -> Result<Option<Source>> {
        Ok(sources::table
            .find(id)
            .select(Source::as_select())
            .first(conn)
            .optional()?)
    }

    /// `url` must already be normalized.
    pub fn find_by_url(conn: &mut PgConnection, url: &str) -> Result<Option<Source>> {
        Ok(sources::table
            .filter(sources::url.eq(url))
            .select(Source::as_select())
            .first(conn)
            .optional()?)
    }

    /// A source without a URL is identified by title, publisher, author and day
    /// (unique in the database: `sources_without_url_key`).
    pub fn find_without_url(
        conn: &mut PgConnection,
        new: &NewSource<'_>,
    ) -> Result<Option<Source>> {
        Ok(sources::table
            .filter(sources::url.is_null())
            .filter(sources::title.eq(new.title))
            .filter(sources::publisher.is_not_distinct_from(new.publisher))
            .filter(sources::author.is_not_distinct_from(new.author))
            .filter(sources::published_on.is_not_distinct_from(new.published_on))
            .select(Source::as_select())
            .first(conn)
            .optional()?)
    }

    /// An existing source by id or URL; unknown → exit 2 naming the reference.
    pub fn resolve(conn: &mut PgConnection, reference: &str, flag: &str) -> Result<Source> {
        let id = parse_id(reference, flag)?;
        let found = match id {
            Some(id) => Self::find(conn, id)?,
            None => Self::find_by_url(conn, &normalize_url(reference, flag)?)?,
        };
        found.ok_or_else(|| {
            let key = if id.is_some() { "id" } else { "URL" };
            Error::NotFound {
                what: "source",
                reference: format!("with {key} '{reference}'"),
                hint: "add it first: claims add source URL --title T",
            }
            .at(flag)
        })
    }

    pub fn insert(conn: &mut PgConnection, new: &NewSource<'_>) -> Result<Source> {
        Ok(diesel::insert_into(sources::table)
            .values(new)
            .returning(Source::as_returning())
            .get_result(conn)?)
    }

    /// The matching source (by URL, or by title/publisher/author/day without one), created when missing.
    pub fn find_or_create(conn: &mut PgConnection, new: &NewSource<'_>) -> Result<(Source, bool)> {
        let inserted = diesel::insert_into(sources::table)
            .values(new)
            .on_conflict_do_nothing()
            .returning(Source::as_returning())
            .get_result(conn)
            .optional()?;
        inserted_or_found(inserted, "source", || match new.url {
            Some(url) => Self::find_by_url(conn, url),
            None => Self::find_without_url(conn, new),
        })
    }

    /// Applies `changes` (the audit trigger keeps the old values).
    pub fn update(conn: &mut PgConnection, id: i64, changes: &SourceChanges<'_>) -> Result<()> {
        diesel::update(sources::table.find(id))
            .set(changes)
            .execute(conn)?;
        Ok(())
    }
}

/// The form URLs are stored and compared in: scheme and host lower-cased, default
/// port and fragment dropped, the rest as the `url` crate serializes it.
pub fn normalize_url(raw: &str, flag: &str) -> Result<String> {
    let trimmed = raw.trim();
    let mut url = url::Url::parse(trimmed).map_err(|e| {
        Error::invalid(format!(
            "{flag}: '{raw}' is not a valid absolute URL ({e}); write it with its scheme, e.g. https://example.com/page"
        ))
    })?;
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Error::invalid(format!(
            "{flag}: '{raw}' is not a web address with a host, e.g. https://example.com/page"
        )));
    }
    url.set_fragment(None);
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_compare_after_normalization() {
        assert_eq!(
            normalize_url("HTTPS://Example.COM:443/a/b?x=1#top", "URL").unwrap(),
            "https://example.com/a/b?x=1"
        );
        assert_eq!(
            normalize_url("http://example.com", "URL").unwrap(),
            "http://example.com/"
        );
        assert!(normalize_url("example.com/page", "URL").is_err());
        assert!(normalize_url("mailto:someone@example.com", "URL").is_err());
    }
}
