use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::schema::hedge_terms;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = hedge_terms, check_for_backend(diesel::pg::Pg))]
pub struct HedgeTerm {
    pub id: i64,
    pub phrase: String,
    pub probability: f64,
    pub source: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = hedge_terms)]
pub struct NewHedgeTerm<'a> {
    pub phrase: &'a str,
    pub probability: f64,
    pub source: &'a str,
}

/// Phrases are compared lower-case with single spaces: "Almost  Certain" is "almost certain".
pub fn normalize_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl HedgeTerm {
    pub fn all(conn: &mut PgConnection) -> Result<Vec<HedgeTerm>> {
        Ok(hedge_terms::table
            .order((hedge_terms::probability.desc(), hedge_terms::phrase))
            .select(HedgeTerm::as_select())
            .load(conn)?)
    }

    pub fn find(conn: &mut PgConnection, phrase: &str) -> Result<Option<HedgeTerm>> {
        Ok(hedge_terms::table
            .filter(hedge_terms::phrase.eq(normalize_phrase(phrase)))
            .select(HedgeTerm::as_select())
            .first(conn)
            .optional()?)
    }

    /// The lexicon entry for `phrase`; unknown → exit 2 naming the nearest known phrases.
    pub fn resolve(conn: &mut PgConnection, phrase: &str, flag: &str) -> Result<HedgeTerm> {
        if let Some(term) = Self::find(conn, phrase)? {
            return Ok(term);
        }
        let wanted = normalize_phrase(phrase);
        let mut known = Self::all(conn)?;
        known.sort_by_key(|t| (distance(&wanted, &t.phrase), t.phrase.clone()));
        let nearest: Vec<String> = known
            .iter()
            .take(3)
            .map(|t| format!("'{}' ({})", t.phrase, t.probability))
            .collect();
        Err(Error::invalid(format!(
            "{flag}: '{phrase}' is not in the hedge lexicon; nearest: {} (claims lexicon list shows all; claims lexicon add adds one)",
            nearest.join(", ")
        )))
    }

    pub fn insert(conn: &mut PgConnection, new: &NewHedgeTerm<'_>) -> Result<HedgeTerm> {
        Ok(diesel::insert_into(hedge_terms::table)
            .values(new)
            .returning(HedgeTerm::as_returning())
            .get_result(conn)?)
    }
}

/// Levenshtein distance over characters, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_compare_lower_case_with_single_spaces() {
        assert_eq!(normalize_phrase("  Almost   Certain "), "almost certain");
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("unlikley", "unlikely"), 2);
        assert_eq!(distance("likely", "likely"), 0);
        assert_eq!(distance("", "abc"), 3);
    }
}
