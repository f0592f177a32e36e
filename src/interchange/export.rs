//! `claims export`: the whole database as a document, ordered by natural keys
//! only (docs/interchange.md). Every order is decided here, by bytes, never by
//! the database's collation: the same data gives the same document on any
//! server. Keys are ordinals in that order (`s1`, `c1`, `a1`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::document::*;
use crate::error::Result;
use crate::models::hedge_term::HedgeTerm;
use crate::models::{Analyst, Appearance, Claim, ClaimLink, Source, Verification};
use crate::schema::{
    analysts, appearances, claim_links, claim_tags, claims, organizations, sources, tags,
    verifications,
};

/// The keys export gives rows, by database id.
struct Keys {
    analyst_names: HashMap<i64, String>,
    sources: HashMap<i64, String>,
    claims: HashMap<i64, String>,
    /// A claim's position in export order, for sorting what hangs off claims.
    claim_ordinal: HashMap<i64, usize>,
}

impl Keys {
    /// Ordinal of a source key ("s12" → 12), so "s10" sorts after "s9".
    fn source_ordinal(&self, id: i64) -> usize {
        self.sources[&id][1..].parse().unwrap_or(0)
    }
}

pub fn export(conn: &mut PgConnection) -> Result<Document> {
    let hedge_terms = hedge_terms(conn)?;
    let organizations = organizations(conn)?;
    let (analysts, analyst_names) = analysts(conn)?;
    let (sources, source_keys) = sources(conn)?;
    let tags = tags(conn)?;
    let mut claim_rows: Vec<Claim> = claims::table.select(Claim::as_select()).load(conn)?;
    claim_rows.sort_by(|a, b| {
        (&analyst_names[&a.analyst_id], &a.statement)
            .cmp(&(&analyst_names[&b.analyst_id], &b.statement))
    });
    let keys = Keys {
        claims: ordinal_keys('c', claim_rows.iter().map(|c| c.id)),
        claim_ordinal: claim_rows
            .iter()
            .enumerate()
            .map(|(n, c)| (c.id, n))
            .collect(),
        analyst_names,
        sources: source_keys,
    };
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        hedge_terms,
        organizations,
        analysts,
        sources,
        tags,
        claims: claims(conn, claim_rows, &keys)?,
        links: links(conn, &keys)?,
        verifications: verifications(conn, &keys)?,
    })
}

/// `prefix` + 1-based position, per id in the given order.
fn ordinal_keys(prefix: char, ids: impl Iterator<Item = i64>) -> HashMap<i64, String> {
    ids.enumerate()
        .map(|(n, id)| (id, format!("{prefix}{}", n + 1)))
        .collect()
}

fn hedge_terms(conn: &mut PgConnection) -> Result<Vec<HedgeTermDoc>> {
    let mut rows = HedgeTerm::all(conn)?;
    rows.sort_by(|a, b| a.phrase.cmp(&b.phrase));
    Ok(rows
        .into_iter()
        .map(|h| HedgeTermDoc {
            phrase: h.phrase,
            probability: h.probability,
            source: h.source,
        })
        .collect())
}

fn organizations(conn: &mut PgConnection) -> Result<Vec<OrganizationDoc>> {
    let mut rows: Vec<(String, Option<String>)> = organizations::table
        .select((organizations::name, organizations::description))
        .load(conn)?;
    rows.sort();
    Ok(rows
        .into_iter()
        .map(|(name, description)| OrganizationDoc { name, description })
        .collect())
}

/// The analysts with their affiliations, and every analyst's name by id.
fn analysts(conn: &mut PgConnection) -> Result<(Vec<AnalystDoc>, HashMap<i64, String>)> {
    let mut rows: Vec<Analyst> = analysts::table.select(Analyst::as_select()).load(conn)?;
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut affiliations: HashMap<i64, Vec<AffiliationDoc>> = HashMap::new();
    for f in Analyst::affiliations(conn, &ids)? {
        affiliations
            .entry(f.analyst_id)
            .or_default()
            .push(AffiliationDoc {
                organization: f.organization,
                title: f.title,
                valid_from: f.valid_from.map(|d| d.to_string()),
                valid_until: f.valid_until.map(|d| d.to_string()),
            });
    }
    let names = rows.iter().map(|a| (a.id, a.name.clone())).collect();
    let docs = rows
        .into_iter()
        .map(|a| AnalystDoc {
            affiliations: affiliations.remove(&a.id).unwrap_or_default(),
            name: a.name,
            kind: a.kind.to_string(),
            description: a.description,
        })
        .collect();
    Ok((docs, names))
}

/// The sources, with a URL first (by URL), then by the natural key of URL-less
/// ones; and every source's key by id.
fn sources(conn: &mut PgConnection) -> Result<(Vec<SourceDoc>, HashMap<i64, String>)> {
    let mut rows: Vec<Source> = sources::table.select(Source::as_select()).load(conn)?;
    type Order<'a> = (
        bool,
        &'a Option<String>,
        &'a String,
        &'a Option<String>,
        &'a Option<String>,
        Option<chrono::NaiveDate>,
        i64,
    );
    fn order(s: &Source) -> Order<'_> {
        (
            s.url.is_none(),
            &s.url,
            &s.title,
            &s.publisher,
            &s.author,
            s.published_on,
            s.id,
        )
    }
    rows.sort_by(|a, b| order(a).cmp(&order(b)));
    let keys = ordinal_keys('s', rows.iter().map(|s| s.id));
    let docs = rows
        .into_iter()
        .map(|s| SourceDoc {
            key: keys[&s.id].clone(),
            url: s.url,
            title: s.title,
            kind: s.kind.to_string(),
            publisher: s.publisher,
            author: s.author,
            published_on: s.published_on.map(|d| d.to_string()),
            retrieved_at: s.retrieved_at.map(rfc3339),
            archived_url: s.archived_url,
        })
        .collect();
    Ok((docs, keys))
}

fn tags(conn: &mut PgConnection) -> Result<Vec<TagDoc>> {
    let mut rows: Vec<(String, String)> = tags::table
        .select((tags::name, tags::kind))
        .load::<(String, crate::models::TagKind)>(conn)?
        .into_iter()
        .map(|(name, kind)| (name, kind.to_string()))
        .collect();
    rows.sort();
    Ok(rows
        .into_iter()
        .map(|(name, kind)| TagDoc { name, kind })
        .collect())
}

/// The claims in export order, each with its tags and appearances.
fn claims(conn: &mut PgConnection, rows: Vec<Claim>, keys: &Keys) -> Result<Vec<ClaimDoc>> {
    let mut tag_names: HashMap<i64, Vec<String>> = HashMap::new();
    for (claim_id, name) in claim_tags::table
        .inner_join(tags::table)
        .select((claim_tags::claim_id, tags::name))
        .load::<(i64, String)>(conn)?
    {
        tag_names.entry(claim_id).or_default().push(name);
    }
    tag_names.values_mut().for_each(|names| names.sort());
    let mut appearances = appearances_by_claim(conn, keys)?;
    Ok(rows
        .into_iter()
        .map(|c| ClaimDoc {
            key: keys.claims[&c.id].clone(),
            kind: c.kind.to_string(),
            analyst: keys.analyst_names[&c.analyst_id].clone(),
            made_at: c.made_at.map(|d| d.to_string()),
            expected_by: c.expected_by.map(|d| d.to_string()),
            probability: c.probability,
            hedge: c.hedge,
            tags: tag_names.remove(&c.id).unwrap_or_default(),
            appearances: appearances.remove(&c.id).unwrap_or_default(),
            retracted_at: c.retracted_at.map(rfc3339),
            retraction_reason: c.retraction_reason,
            statement: c.statement,
        })
        .collect())
}

/// Appearances by claim, ordered by claim, source and quote; keyed `a1`… in that order.
fn appearances_by_claim(
    conn: &mut PgConnection,
    keys: &Keys,
) -> Result<HashMap<i64, Vec<AppearanceDoc>>> {
    let mut rows: Vec<Appearance> = appearances::table
        .select(Appearance::as_select())
        .load(conn)?;
    rows.sort_by(|a, b| {
        (
            keys.claim_ordinal[&a.claim_id],
            keys.source_ordinal(a.source_id),
            &a.quote,
            a.id,
        )
            .cmp(&(
                keys.claim_ordinal[&b.claim_id],
                keys.source_ordinal(b.source_id),
                &b.quote,
                b.id,
            ))
    });
    let appearance_keys = ordinal_keys('a', rows.iter().map(|a| a.id));
    let mut by_claim: HashMap<i64, Vec<AppearanceDoc>> = HashMap::new();
    for a in rows {
        by_claim.entry(a.claim_id).or_default().push(AppearanceDoc {
            key: Some(appearance_keys[&a.id].clone()),
            source: keys.sources[&a.source_id].clone(),
            quote: a.quote,
            attribution: a.attribution.to_string(),
            via: a.via_appearance_id.map(|v| appearance_keys[&v].clone()),
        });
    }
    Ok(by_claim)
}

fn links(conn: &mut PgConnection, keys: &Keys) -> Result<Vec<LinkDoc>> {
    let mut rows: Vec<ClaimLink> = claim_links::table
        .select(ClaimLink::as_select())
        .load(conn)?;
    rows.sort_by_key(|l| {
        (
            keys.claim_ordinal[&l.from_claim_id],
            l.relation.as_str(),
            keys.claim_ordinal[&l.to_claim_id],
        )
    });
    Ok(rows
        .into_iter()
        .map(|l| LinkDoc {
            from: keys.claims[&l.from_claim_id].clone(),
            relation: l.relation.to_string(),
            to: keys.claims[&l.to_claim_id].clone(),
            note: l.note,
        })
        .collect())
}

fn verifications(conn: &mut PgConnection, keys: &Keys) -> Result<Vec<VerificationDoc>> {
    let mut rows: Vec<Verification> = verifications::table
        .select(Verification::as_select())
        .load(conn)?;
    // The id breaks ties, so verdicts keep the order that decides the current status.
    rows.sort_by_key(|v| {
        (
            keys.claim_ordinal[&v.claim_id],
            v.effective_at,
            v.recorded_at,
            v.id,
        )
    });
    Ok(rows
        .into_iter()
        .map(|v| VerificationDoc {
            claim: keys.claims[&v.claim_id].clone(),
            status: v.status.to_string(),
            evidence: v.evidence_source_id.map(|s| keys.sources[&s].clone()),
            note: v.note,
            by: v
                .recorded_by_analyst_id
                .map(|a| keys.analyst_names[&a].clone()),
            effective_at: rfc3339(v.effective_at),
            recorded_at: Some(rfc3339(v.recorded_at)),
        })
        .collect())
}

/// RFC 3339 in UTC, with as many fractional digits as the time has.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
