//! The JSON interchange document (docs/interchange.md): import (one
//! transaction, idempotent by natural keys) and deterministic export.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::connection::Target;
use crate::error::{Error, Result};
use crate::input::{parse_date, parse_timestamp};
use crate::models::claim::check_probability;
use crate::models::hedge_term::{normalize_phrase, HedgeTerm, NewHedgeTerm};
use crate::models::organization::NewOrganization;
use crate::models::source::normalize_url;
use crate::models::tag::NewTag;
use crate::models::{
    Analyst, Appearance, Claim, ClaimLink, NewAnalyst, NewAppearance, NewClaim, NewClaimLink,
    NewSource, NewVerification, Organization, Source, Tag, VerdictStatus, Verification,
};
use crate::schema::{
    analysts, appearances, claim_links, claim_tags, claims, organizations, sources, tags,
    verifications,
};

pub const FORMAT: &str = "claims-ledger";
pub const VERSION: u32 = 1;
/// At most this many problems are listed when a document is refused.
const MAX_PROBLEMS: usize = 20;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub hedge_terms: Vec<HedgeTermDoc>,
    #[serde(default)]
    pub organizations: Vec<OrganizationDoc>,
    #[serde(default)]
    pub analysts: Vec<AnalystDoc>,
    #[serde(default)]
    pub sources: Vec<SourceDoc>,
    #[serde(default)]
    pub tags: Vec<TagDoc>,
    #[serde(default)]
    pub claims: Vec<ClaimDoc>,
    #[serde(default)]
    pub links: Vec<LinkDoc>,
    #[serde(default)]
    pub verifications: Vec<VerificationDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeTermDoc {
    pub phrase: String,
    pub probability: f64,
    pub source: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationDoc {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalystDoc {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub affiliations: Vec<AffiliationDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffiliationDoc {
    pub organization: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub key: String,
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    #[serde(default = "default_source_kind")]
    pub kind: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published_on: Option<String>,
    #[serde(default)]
    pub retrieved_at: Option<String>,
    #[serde(default)]
    pub archived_url: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagDoc {
    pub name: String,
    #[serde(default = "default_tag_kind")]
    pub kind: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDoc {
    pub key: String,
    pub statement: String,
    #[serde(default = "default_claim_kind")]
    pub kind: String,
    pub analyst: String,
    #[serde(default)]
    pub made_at: Option<String>,
    #[serde(default)]
    pub expected_by: Option<String>,
    #[serde(default)]
    pub probability: Option<f64>,
    /// Estimative words from hedge_terms; sets the probability when none is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub appearances: Vec<AppearanceDoc>,
    /// Only for a retracted claim: when, and why (both or neither).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retracted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retraction_reason: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppearanceDoc {
    #[serde(default)]
    pub key: Option<String>,
    pub source: String,
    pub quote: String,
    #[serde(default = "default_attribution")]
    pub attribution: String,
    #[serde(default)]
    pub via: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDoc {
    pub from: String,
    pub relation: String,
    pub to: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationDoc {
    pub claim: String,
    pub status: String,
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
    pub effective_at: String,
    #[serde(default)]
    pub recorded_at: Option<String>,
}

fn default_source_kind() -> String {
    "article".into()
}
fn default_tag_kind() -> String {
    "topic".into()
}
fn default_claim_kind() -> String {
    "fact".into()
}
fn default_attribution() -> String {
    "direct".into()
}

pub(crate) const ANALYST_KINDS: &[&str] = &["person", "organization", "group", "unattributed"];
pub(crate) const SOURCE_KINDS: &[&str] = &[
    "article",
    "report",
    "transcript",
    "post",
    "statement",
    "other",
];
pub(crate) const TAG_KINDS: &[&str] =
    &["topic", "person", "organization", "place", "event", "other"];
pub(crate) const CLAIM_KINDS: &[&str] = &["fact", "prediction", "assessment"];
pub(crate) const ATTRIBUTIONS: &[&str] = &["direct", "paraphrase", "reported", "unattributed"];
pub(crate) const RELATIONS: &[&str] = &[
    "supports",
    "contradicts",
    "denies",
    "duplicates",
    "refines",
    "supersedes",
];

/// Parses a document; malformed JSON names the line and column.
pub fn parse(text: &str, origin: &str) -> Result<Document> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        Error::invalid(format!(
            "{origin}: not a valid claims document: {e} (see docs/interchange.md)"
        ))
    })
}

/// What an import did, per section.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub sections: BTreeMap<&'static str, Counts>,
    /// Records matched by natural key whose stored values differ from the document;
    /// the stored values are kept (an import never edits) and each difference is listed.
    pub warnings: Vec<String>,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub created: u64,
    pub existing: u64,
}

impl Summary {
    fn count(&mut self, section: &'static str, created: bool) {
        let c = self.sections.entry(section).or_default();
        if created {
            c.created += 1;
        } else {
            c.existing += 1;
        }
    }

    /// Notes each field whose document value differs from the stored one.
    fn differences(
        &mut self,
        at: &str,
        stored: &str,
        fields: &[(&str, Option<String>, Option<String>)],
    ) {
        for (field, doc, db) in fields {
            if doc != db {
                self.warnings.push(format!(
                    "{at}: kept {stored} as stored: {field} is {} there, {} in the document",
                    db.as_deref().unwrap_or("empty"),
                    doc.as_deref().unwrap_or("empty"),
                ));
            }
        }
    }

    pub fn created_total(&self) -> u64 {
        self.sections.values().map(|c| c.created).sum()
    }
}

/// Collects problems with their place in the document, so one run lists them all.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, at: String, msg: impl std::fmt::Display) {
        self.0.push(format!("{at}: {msg}"));
    }

    fn check<T>(&mut self, at: impl FnOnce() -> String, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(at(), e);
                None
            }
        }
    }

    fn one_of(&mut self, at: impl FnOnce() -> String, field: &str, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.push(
                at(),
                format!("{field} '{value}' is not one of {}", allowed.join(", ")),
            );
        }
    }

    fn blank(&mut self, at: impl FnOnce() -> String, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(at(), format!("{field} is empty"));
        }
    }

    fn into_result(self, origin: &str) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let total = self.0.len();
        let mut msg = format!("{origin}: {total} problem(s), nothing was imported:");
        for p in self.0.iter().take(MAX_PROBLEMS) {
            msg.push_str("\n  ");
            msg.push_str(p);
        }
        if total > MAX_PROBLEMS {
            msg.push_str(&format!("\n  … and {} more", total - MAX_PROBLEMS));
        }
        Err(Error::Invalid(msg))
    }
}

pub(crate) fn strip(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Imports `doc` in one transaction (`Target::write`, so edits are attributed).
/// Every reference is checked before anything is written; a problem found later
/// rolls everything back.
pub fn import(
    target: &Target,
    conn: &mut PgConnection,
    doc: &Document,
    origin: &str,
) -> Result<Summary> {
    validate(doc, origin)?;
    target.write(conn, |conn| {
        // Imports run one at a time: two overlapping documents would otherwise both
        // add a verdict that neither finds yet.
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('claims import'))")
            .execute(conn)?;
        import_checked(conn, doc, origin)
    })
}

/// Checks everything that can be checked without the database.
fn validate(doc: &Document, origin: &str) -> Result<()> {
    let mut p = Problems::default();
    if doc.format != FORMAT {
        p.push(
            "format".into(),
            format!("'{}' is not '{FORMAT}'", doc.format),
        );
    }
    if doc.version != VERSION {
        p.push(
            "version".into(),
            format!(
                "{} is not supported (this claims reads version {VERSION})",
                doc.version
            ),
        );
    }
    for (i, h) in doc.hedge_terms.iter().enumerate() {
        let at = || format!("hedge_terms[{i}]");
        p.blank(at, "phrase", &h.phrase);
        p.blank(at, "source", &h.source);
        p.check(at, check_probability(h.probability));
    }
    for (i, o) in doc.organizations.iter().enumerate() {
        p.blank(|| format!("organizations[{i}]"), "name", &o.name);
    }
    let mut seen = HashSet::new();
    for (i, a) in doc.analysts.iter().enumerate() {
        let at = || format!("analysts[{i}]");
        p.blank(at, "name", &a.name);
        p.one_of(at, "kind", &a.kind, ANALYST_KINDS);
        if !seen.insert(a.name.trim()) {
            p.push(at(), format!("analyst '{}' is listed twice", a.name));
        }
        for (j, f) in a.affiliations.iter().enumerate() {
            let at = || format!("analysts[{i}].affiliations[{j}]");
            p.blank(at, "organization", &f.organization);
            let from = p.check(at, opt_date(&f.valid_from, "valid_from")).flatten();
            let until = p
                .check(at, opt_date(&f.valid_until, "valid_until"))
                .flatten();
            if let (Some(f), Some(u)) = (from, until) {
                if u < f {
                    p.push(at(), format!("valid_until {u} is before valid_from {f}"));
                }
            }
        }
    }
    let mut source_keys = HashSet::new();
    for (i, s) in doc.sources.iter().enumerate() {
        let at = || format!("sources[{i}]");
        p.blank(at, "key", &s.key);
        p.blank(at, "title", &s.title);
        p.one_of(at, "kind", &s.kind, SOURCE_KINDS);
        if !source_keys.insert(s.key.as_str()) {
            p.push(at(), format!("key '{}' is used twice", s.key));
        }
        if let Some(u) = strip(&s.url) {
            p.check(at, normalize_url(u, "url"));
        }
        if let Some(u) = strip(&s.archived_url) {
            p.check(at, normalize_url(u, "archived_url"));
        }
        p.check(at, opt_date(&s.published_on, "published_on"));
        if let Some(r) = strip(&s.retrieved_at) {
            p.check(at, parse_timestamp(r, "retrieved_at"));
        }
    }
    for (i, t) in doc.tags.iter().enumerate() {
        p.blank(|| format!("tags[{i}]"), "name", &t.name);
        p.one_of(|| format!("tags[{i}]"), "kind", &t.kind, TAG_KINDS);
    }
    let mut claim_keys = HashSet::new();
    let mut natural_keys = HashMap::new();
    let mut appearance_keys: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, c) in doc.claims.iter().enumerate() {
        let at = || format!("claims[{i}]");
        p.blank(at, "key", &c.key);
        if !claim_keys.insert(c.key.as_str()) {
            p.push(at(), format!("key '{}' is used twice", c.key));
        }
        p.blank(at, "analyst", &c.analyst);
        if let Some(first) = natural_keys.insert((c.analyst.trim(), c.statement.trim()), i) {
            p.push(
                at(),
                format!(
                    "the same analyst and statement as claims[{first}]: one claim, listed twice"
                ),
            );
        }
        p.one_of(at, "kind", &c.kind, CLAIM_KINDS);
        let made_at = p.check(at, opt_date(&c.made_at, "made_at")).flatten();
        let expected_by = p
            .check(at, opt_date(&c.expected_by, "expected_by"))
            .flatten();
        let draft = NewClaim {
            analyst_id: 0,
            statement: c.statement.trim(),
            kind: &c.kind,
            made_at,
            expected_by,
            probability: None,
            hedge: None,
        };
        p.check(at, draft.validate());
        if let Some(prob) = c.probability {
            p.check(at, check_probability(prob));
        }
        match (strip(&c.retracted_at), strip(&c.retraction_reason)) {
            (Some(r), Some(_)) => {
                p.check(at, parse_timestamp(r, "retracted_at"));
            }
            (None, None) => {}
            _ => p.push(at(), "retracted_at and retraction_reason go together"),
        }
        for (j, a) in c.appearances.iter().enumerate() {
            let at = || format!("claims[{i}].appearances[{j}]");
            if !source_keys.contains(a.source.as_str()) {
                p.push(
                    at(),
                    format!("source '{}' is not a key in sources", a.source),
                );
            }
            p.blank(at, "quote", &a.quote);
            p.one_of(at, "attribution", &a.attribution, ATTRIBUTIONS);
            if let Some(k) = &a.key {
                if appearance_keys.insert(k.as_str(), (i, j)).is_some() {
                    p.push(at(), format!("appearance key '{k}' is used twice"));
                }
            }
        }
    }
    for (i, c) in doc.claims.iter().enumerate() {
        for (j, a) in c.appearances.iter().enumerate() {
            if let Some(v) = &a.via {
                if !appearance_keys.contains_key(v.as_str()) {
                    p.push(
                        format!("claims[{i}].appearances[{j}]"),
                        format!("via '{v}' is not an appearance key"),
                    );
                } else if a.key.as_deref() == Some(v.as_str()) {
                    p.push(
                        format!("claims[{i}].appearances[{j}]"),
                        "via points at itself",
                    );
                }
            }
        }
    }
    for (i, l) in doc.links.iter().enumerate() {
        let at = || format!("links[{i}]");
        for (field, key) in [("from", &l.from), ("to", &l.to)] {
            if !claim_keys.contains(key.as_str()) {
                p.push(at(), format!("{field} '{key}' is not a key in claims"));
            }
        }
        p.one_of(at, "relation", &l.relation, RELATIONS);
        if l.from == l.to {
            p.push(
                at(),
                format!("claim '{}' cannot be linked to itself", l.from),
            );
        }
    }
    for (i, v) in doc.verifications.iter().enumerate() {
        let at = || format!("verifications[{i}]");
        if !claim_keys.contains(v.claim.as_str()) {
            p.push(at(), format!("claim '{}' is not a key in claims", v.claim));
        }
        if let Some(e) = &v.evidence {
            if !source_keys.contains(e.as_str()) {
                p.push(at(), format!("evidence '{e}' is not a key in sources"));
            }
        }
        p.check(at, parse_timestamp(&v.effective_at, "effective_at"));
        if let Some(r) = &v.recorded_at {
            p.check(at, parse_timestamp(r, "recorded_at"));
        }
    }
    p.into_result(origin)
}

pub(crate) fn opt_date(v: &Option<String>, field: &str) -> Result<Option<NaiveDate>> {
    strip(v).map(|d| parse_date(d, field)).transpose()
}

/// Writes the document. `validate` has passed, so parse errors cannot happen here;
/// what only the database can tell (names stored before, statuses) is collected
/// as problems, and any problem rolls the whole transaction back.
fn import_checked(conn: &mut PgConnection, doc: &Document, origin: &str) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut p = Problems::default();

    for (i, h) in doc.hedge_terms.iter().enumerate() {
        let phrase = normalize_phrase(&h.phrase);
        match HedgeTerm::find(conn, &phrase)? {
            Some(stored) => {
                summary.count("hedge_terms", false);
                summary.differences(
                    &format!("hedge_terms[{i}]"),
                    &format!("hedge term '{phrase}'"),
                    &[
                        (
                            "probability",
                            Some(h.probability.to_string()),
                            Some(stored.probability.to_string()),
                        ),
                        (
                            "source",
                            Some(h.source.trim().to_owned()),
                            Some(stored.source.clone()),
                        ),
                    ],
                );
            }
            None => {
                HedgeTerm::insert(
                    conn,
                    &NewHedgeTerm {
                        phrase: &phrase,
                        probability: h.probability,
                        source: h.source.trim(),
                    },
                )?;
                summary.count("hedge_terms", true);
            }
        }
    }

    for o in &doc.organizations {
        let (_, created) = Organization::find_or_create(
            conn,
            &NewOrganization {
                name: o.name.trim(),
                description: strip(&o.description),
            },
        )?;
        summary.count("organizations", created);
    }

    for (i, a) in doc.analysts.iter().enumerate() {
        let new = NewAnalyst {
            name: a.name.trim(),
            kind: &a.kind,
            description: strip(&a.description),
        };
        let (analyst, created) = Analyst::find_or_create(conn, &new)?;
        summary.count("analysts", created);
        if !created {
            summary.differences(
                &format!("analysts[{i}]"),
                &format!("analyst {}", analyst.id),
                &[
                    ("kind", Some(a.kind.clone()), Some(analyst.kind.clone())),
                    (
                        "description",
                        strip(&a.description).map(Into::into),
                        analyst.description.clone(),
                    ),
                ],
            );
        }
        for (j, f) in a.affiliations.iter().enumerate() {
            let org = f.organization.trim();
            let listed = doc.organizations.iter().any(|o| o.name.trim() == org);
            if !listed && Organization::find_by_name(conn, org)?.is_none() {
                p.push(
                    format!("analysts[{i}].affiliations[{j}]"),
                    format!("organization '{org}' is neither listed in organizations nor in the database"),
                );
                continue;
            }
            Analyst::affiliate(
                conn,
                analyst.id,
                org,
                strip(&f.title),
                opt_date(&f.valid_from, "valid_from")?,
                opt_date(&f.valid_until, "valid_until")?,
            )?;
        }
    }

    let mut source_ids: HashMap<&str, i64> = HashMap::new();
    for (i, s) in doc.sources.iter().enumerate() {
        let url = strip(&s.url).map(|u| normalize_url(u, "url")).transpose()?;
        let archived = strip(&s.archived_url)
            .map(|u| normalize_url(u, "archived_url"))
            .transpose()?;
        let new = NewSource {
            url: url.as_deref(),
            title: s.title.trim(),
            kind: &s.kind,
            publisher: strip(&s.publisher),
            author: strip(&s.author),
            published_on: opt_date(&s.published_on, "published_on")?,
            retrieved_at: strip(&s.retrieved_at)
                .map(|r| parse_timestamp(r, "retrieved_at"))
                .transpose()?,
            archived_url: archived.as_deref(),
        };
        let (source, created) = Source::find_or_create(conn, &new)?;
        summary.count("sources", created);
        if !created {
            summary.differences(
                &format!("sources[{i}]"),
                &format!("source {}", source.id),
                &[
                    ("title", Some(new.title.into()), Some(source.title.clone())),
                    ("kind", Some(new.kind.into()), Some(source.kind.clone())),
                    (
                        "publisher",
                        new.publisher.map(Into::into),
                        source.publisher.clone(),
                    ),
                    ("author", new.author.map(Into::into), source.author.clone()),
                    (
                        "published_on",
                        new.published_on.map(|d| d.to_string()),
                        source.published_on.map(|d| d.to_string()),
                    ),
                    (
                        "retrieved_at",
                        new.retrieved_at.map(rfc3339),
                        source.retrieved_at.map(rfc3339),
                    ),
                    (
                        "archived_url",
                        new.archived_url.map(Into::into),
                        source.archived_url.clone(),
                    ),
                ],
            );
        }
        source_ids.insert(s.key.as_str(), source.id);
    }

    for t in &doc.tags {
        let (_, created) = Tag::find_or_create(
            conn,
            &NewTag {
                name: t.name.trim(),
                kind: &t.kind,
            },
        )?;
        summary.count("tags", created);
    }

    let mut claim_ids: HashMap<&str, i64> = HashMap::new();
    // Appearances wait until every claim exists, then go in with their `via` targets first.
    let mut pending: Vec<(usize, usize, i64)> = Vec::new();
    for (i, c) in doc.claims.iter().enumerate() {
        let Some(analyst) = Analyst::find_by_name(conn, c.analyst.trim())? else {
            p.push(
                format!("claims[{i}]"),
                format!(
                    "analyst '{}' is neither listed in analysts nor in the database",
                    c.analyst
                ),
            );
            continue;
        };
        let hedge = match strip(&c.hedge) {
            Some(h) => match HedgeTerm::find(conn, h)? {
                Some(term) => Some(term),
                None => {
                    p.push(
                        format!("claims[{i}]"),
                        format!("hedge '{h}' is neither listed in hedge_terms nor in the database"),
                    );
                    continue;
                }
            },
            None => None,
        };
        let new = NewClaim {
            analyst_id: analyst.id,
            statement: c.statement.trim(),
            kind: &c.kind,
            made_at: opt_date(&c.made_at, "made_at")?,
            expected_by: opt_date(&c.expected_by, "expected_by")?,
            probability: c.probability.or(hedge.as_ref().map(|t| t.probability)),
            hedge: hedge.as_ref().map(|t| t.phrase.as_str()),
        };
        let (claim, created) = Claim::find_or_create(conn, &new)?;
        summary.count("claims", created);
        if !created {
            summary.differences(
                &format!("claims[{i}]"),
                &format!("claim {}", claim.id),
                &[
                    ("kind", Some(c.kind.clone()), Some(claim.kind.clone())),
                    (
                        "made_at",
                        new.made_at.map(|d| d.to_string()),
                        claim.made_at.map(|d| d.to_string()),
                    ),
                    (
                        "expected_by",
                        new.expected_by.map(|d| d.to_string()),
                        claim.expected_by.map(|d| d.to_string()),
                    ),
                    (
                        "probability",
                        new.probability.map(|p| p.to_string()),
                        claim.probability.map(|p| p.to_string()),
                    ),
                ],
            );
        }
        if let (Some(at), Some(reason)) = (strip(&c.retracted_at), strip(&c.retraction_reason)) {
            let at = parse_timestamp(at, "retracted_at")?;
            if created {
                diesel::update(claims::table.find(claim.id))
                    .set((
                        claims::retracted_at.eq(at),
                        claims::retraction_reason.eq(reason),
                    ))
                    .execute(conn)?;
            } else if claim.retracted_at != Some(at)
                || claim.retraction_reason.as_deref() != Some(reason)
            {
                summary.differences(
                    &format!("claims[{i}]"),
                    &format!("claim {}", claim.id),
                    &[(
                        "retraction",
                        Some(format!("{} ({reason})", rfc3339(at))),
                        claim.retracted_at.map(|t| {
                            format!(
                                "{} ({})",
                                rfc3339(t),
                                claim.retraction_reason.clone().unwrap_or_default()
                            )
                        }),
                    )],
                );
            }
        }
        claim_ids.insert(c.key.as_str(), claim.id);
        for name in &c.tags {
            match Tag::find_by_name(conn, name.trim())? {
                Some(tag) => Tag::attach(conn, claim.id, tag.id)?,
                None => p.push(
                    format!("claims[{i}]"),
                    format!("tag '{name}' is neither listed in tags nor in the database"),
                ),
            }
        }
        for j in 0..c.appearances.len() {
            pending.push((i, j, claim.id));
        }
    }

    let mut appearance_ids: HashMap<&str, i64> = HashMap::new();
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for (i, j, claim_id) in pending {
            let a = &doc.claims[i].appearances[j];
            let via = match &a.via {
                Some(v) => match appearance_ids.get(v.as_str()) {
                    Some(id) => Some(*id),
                    None => {
                        waiting.push((i, j, claim_id));
                        continue;
                    }
                },
                None => None,
            };
            let new = NewAppearance {
                claim_id,
                source_id: source_ids[a.source.as_str()],
                quote: a.quote.trim(),
                attribution: &a.attribution,
                via_appearance_id: via,
            };
            let (appearance, created) = Appearance::find_or_create(conn, &new)?;
            summary.count("appearances", created);
            if !created {
                summary.differences(
                    &format!("claims[{i}].appearances[{j}]"),
                    &format!("appearance {}", appearance.id),
                    &[
                        (
                            "attribution",
                            Some(a.attribution.clone()),
                            Some(appearance.attribution.clone()),
                        ),
                        (
                            "via",
                            via.map(|v| format!("appearance {v}")),
                            appearance
                                .via_appearance_id
                                .map(|v| format!("appearance {v}")),
                        ),
                    ],
                );
            }
            if let Some(k) = &a.key {
                appearance_ids.insert(k.as_str(), appearance.id);
            }
        }
        if waiting.len() == before {
            // Nothing moved: each waits on an appearance that never comes.
            let waiting_keys: HashSet<&str> = waiting
                .iter()
                .filter_map(|&(i, j, _)| doc.claims[i].appearances[j].key.as_deref())
                .collect();
            for &(i, j, _) in &waiting {
                let via = doc.claims[i].appearances[j]
                    .via
                    .as_deref()
                    .unwrap_or_default();
                let reason = if waiting_keys.contains(via) {
                    "its via chain forms a cycle"
                } else {
                    "its via points at an appearance of a claim that could not be imported"
                };
                p.push(format!("claims[{i}].appearances[{j}]"), reason);
            }
            break;
        }
        pending = waiting;
    }

    for (i, l) in doc.links.iter().enumerate() {
        let (Some(&from), Some(&to)) =
            (claim_ids.get(l.from.as_str()), claim_ids.get(l.to.as_str()))
        else {
            continue; // its claim was reported missing above
        };
        let new = NewClaimLink {
            from_claim_id: from,
            relation: &l.relation,
            to_claim_id: to,
            note: strip(&l.note),
        };
        match ClaimLink::find_or_create(conn, &new) {
            Ok((_, created)) => summary.count("links", created),
            Err(Error::Invalid(msg)) => p.push(format!("links[{i}]"), msg),
            Err(e) => return Err(e),
        }
    }

    let verdict_statuses: HashSet<String> = VerdictStatus::verdicts(conn)?
        .into_iter()
        .map(|s| s.status)
        .collect();
    for (i, v) in doc.verifications.iter().enumerate() {
        let Some(&claim_id) = claim_ids.get(v.claim.as_str()) else {
            continue;
        };
        let status = v.status.trim();
        if !verdict_statuses.contains(status) {
            let mut known: Vec<&str> = verdict_statuses.iter().map(String::as_str).collect();
            known.sort_unstable();
            p.push(
                format!("verifications[{i}]"),
                format!(
                    "status '{status}' is not a verdict; use one of {}",
                    known.join(", ")
                ),
            );
            continue;
        }
        let by = match strip(&v.by) {
            Some(name) => match Analyst::find_by_name(conn, name)? {
                Some(a) => Some(a.id),
                None => {
                    p.push(
                        format!("verifications[{i}]"),
                        format!("by '{name}' is neither listed in analysts nor in the database"),
                    );
                    continue;
                }
            },
            None => None,
        };
        let new = NewVerification {
            claim_id,
            status,
            evidence_source_id: v.evidence.as_deref().map(|e| source_ids[e]),
            note: strip(&v.note),
            recorded_by_analyst_id: by,
            effective_at: parse_timestamp(&v.effective_at, "effective_at")?,
            recorded_at: v
                .recorded_at
                .as_deref()
                .map(|r| parse_timestamp(r, "recorded_at"))
                .transpose()?,
        };
        let created = !verification_exists(conn, &new)?;
        if created {
            Verification::insert(conn, &new)?;
        }
        summary.count("verifications", created);
    }

    p.into_result(origin)?;
    Ok(summary)
}

fn verification_exists(conn: &mut PgConnection, new: &NewVerification<'_>) -> Result<bool> {
    let mut q = verifications::table
        .filter(verifications::claim_id.eq(new.claim_id))
        .filter(verifications::status.eq(new.status))
        .filter(verifications::effective_at.eq(new.effective_at))
        .filter(verifications::evidence_source_id.is_not_distinct_from(new.evidence_source_id))
        .filter(verifications::note.is_not_distinct_from(new.note))
        .filter(
            verifications::recorded_by_analyst_id.is_not_distinct_from(new.recorded_by_analyst_id),
        )
        .select(verifications::id)
        .into_boxed();
    if let Some(r) = new.recorded_at {
        q = q.filter(verifications::recorded_at.eq(r));
    }
    Ok(q.first::<i64>(conn).optional()?.is_some())
}

/// The whole database as a document, ordered by natural keys only (docs/interchange.md).
pub fn export(conn: &mut PgConnection) -> Result<Document> {
    // Every order is decided here, by bytes, never by the database's collation:
    // the same data must give the same document on any server.
    let mut hedge_rows = HedgeTerm::all(conn)?;
    hedge_rows.sort_by(|a, b| a.phrase.cmp(&b.phrase));
    let hedge_terms = hedge_rows
        .into_iter()
        .map(|h| HedgeTermDoc {
            phrase: h.phrase,
            probability: h.probability,
            source: h.source,
        })
        .collect();
    let mut org_rows: Vec<(String, Option<String>)> = organizations::table
        .select((organizations::name, organizations::description))
        .load(conn)?;
    org_rows.sort();
    let organizations = org_rows
        .into_iter()
        .map(|(name, description)| OrganizationDoc { name, description })
        .collect();

    let mut analyst_rows: Vec<Analyst> = analysts::table.select(Analyst::as_select()).load(conn)?;
    analyst_rows.sort_by(|a, b| a.name.cmp(&b.name));
    let ids: Vec<i64> = analyst_rows.iter().map(|a| a.id).collect();
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
    let analyst_names: HashMap<i64, String> = analyst_rows
        .iter()
        .map(|a| (a.id, a.name.clone()))
        .collect();
    let analysts_doc = analyst_rows
        .into_iter()
        .map(|a| AnalystDoc {
            affiliations: affiliations.remove(&a.id).unwrap_or_default(),
            name: a.name,
            kind: a.kind,
            description: a.description,
        })
        .collect();

    let mut source_rows: Vec<Source> = sources::table.select(Source::as_select()).load(conn)?;
    // With a URL first (by URL), then by the natural key of URL-less sources.
    source_rows.sort_by(|a, b| {
        (
            a.url.is_none(),
            &a.url,
            &a.title,
            &a.publisher,
            &a.author,
            a.published_on,
            a.id,
        )
            .cmp(&(
                b.url.is_none(),
                &b.url,
                &b.title,
                &b.publisher,
                &b.author,
                b.published_on,
                b.id,
            ))
    });
    let source_keys: HashMap<i64, String> = source_rows
        .iter()
        .enumerate()
        .map(|(n, s)| (s.id, format!("s{}", n + 1)))
        .collect();
    let sources_doc = source_rows
        .into_iter()
        .map(|s| SourceDoc {
            key: source_keys[&s.id].clone(),
            url: s.url,
            title: s.title,
            kind: s.kind,
            publisher: s.publisher,
            author: s.author,
            published_on: s.published_on.map(|d| d.to_string()),
            retrieved_at: s.retrieved_at.map(rfc3339),
            archived_url: s.archived_url,
        })
        .collect();

    let mut tag_rows: Vec<(String, String)> =
        tags::table.select((tags::name, tags::kind)).load(conn)?;
    tag_rows.sort();
    let tags_doc = tag_rows
        .into_iter()
        .map(|(name, kind)| TagDoc { name, kind })
        .collect();

    let mut claim_rows: Vec<Claim> = claims::table.select(Claim::as_select()).load(conn)?;
    claim_rows.sort_by(|a, b| {
        (&analyst_names[&a.analyst_id], &a.statement)
            .cmp(&(&analyst_names[&b.analyst_id], &b.statement))
    });
    let claim_keys: HashMap<i64, String> = claim_rows
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id, format!("c{}", n + 1)))
        .collect();
    let mut claim_tag_names: HashMap<i64, Vec<String>> = HashMap::new();
    for (claim_id, name) in claim_tags::table
        .inner_join(tags::table)
        .select((claim_tags::claim_id, tags::name))
        .load::<(i64, String)>(conn)?
    {
        claim_tag_names.entry(claim_id).or_default().push(name);
    }
    claim_tag_names.values_mut().for_each(|names| names.sort());
    let mut appearance_rows: Vec<Appearance> = appearances::table
        .select(Appearance::as_select())
        .load(conn)?;
    // Ordinal of a source key ("s12" → 12), so "s10" sorts after "s9".
    let source_ordinal = |id: i64| source_keys[&id][1..].parse::<usize>().unwrap_or(0);
    let claim_ordinal: HashMap<i64, usize> = claim_rows
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id, n))
        .collect();
    appearance_rows.sort_by(|a, b| {
        (
            claim_ordinal[&a.claim_id],
            source_ordinal(a.source_id),
            &a.quote,
            a.id,
        )
            .cmp(&(
                claim_ordinal[&b.claim_id],
                source_ordinal(b.source_id),
                &b.quote,
                b.id,
            ))
    });
    let appearance_keys: HashMap<i64, String> = appearance_rows
        .iter()
        .enumerate()
        .map(|(n, a)| (a.id, format!("a{}", n + 1)))
        .collect();
    let mut appearances_by_claim: HashMap<i64, Vec<AppearanceDoc>> = HashMap::new();
    for a in appearance_rows {
        appearances_by_claim
            .entry(a.claim_id)
            .or_default()
            .push(AppearanceDoc {
                key: Some(appearance_keys[&a.id].clone()),
                source: source_keys[&a.source_id].clone(),
                quote: a.quote,
                attribution: a.attribution,
                via: a.via_appearance_id.map(|v| appearance_keys[&v].clone()),
            });
    }
    let claims_doc = claim_rows
        .iter()
        .map(|c| ClaimDoc {
            key: claim_keys[&c.id].clone(),
            statement: c.statement.clone(),
            kind: c.kind.clone(),
            analyst: analyst_names[&c.analyst_id].clone(),
            made_at: c.made_at.map(|d| d.to_string()),
            expected_by: c.expected_by.map(|d| d.to_string()),
            probability: c.probability,
            hedge: c.hedge.clone(),
            tags: claim_tag_names.remove(&c.id).unwrap_or_default(),
            appearances: appearances_by_claim.remove(&c.id).unwrap_or_default(),
            retracted_at: c.retracted_at.map(rfc3339),
            retraction_reason: c.retraction_reason.clone(),
        })
        .collect();

    let mut link_rows: Vec<ClaimLink> = claim_links::table
        .select(ClaimLink::as_select())
        .load(conn)?;
    link_rows.sort_by(|a, b| {
        (
            claim_ordinal[&a.from_claim_id],
            &a.relation,
            claim_ordinal[&a.to_claim_id],
        )
            .cmp(&(
                claim_ordinal[&b.from_claim_id],
                &b.relation,
                claim_ordinal[&b.to_claim_id],
            ))
    });
    let links_doc = link_rows
        .into_iter()
        .map(|l| LinkDoc {
            from: claim_keys[&l.from_claim_id].clone(),
            relation: l.relation,
            to: claim_keys[&l.to_claim_id].clone(),
            note: l.note,
        })
        .collect();

    let mut verification_rows: Vec<Verification> = verifications::table
        .select(Verification::as_select())
        .load(conn)?;
    verification_rows.sort_by(|a, b| {
        // The id breaks ties, so verdicts keep the order that decides the current status.
        (
            claim_ordinal[&a.claim_id],
            a.effective_at,
            a.recorded_at,
            a.id,
        )
            .cmp(&(
                claim_ordinal[&b.claim_id],
                b.effective_at,
                b.recorded_at,
                b.id,
            ))
    });
    let verifications_doc = verification_rows
        .into_iter()
        .map(|v| VerificationDoc {
            claim: claim_keys[&v.claim_id].clone(),
            status: v.status,
            evidence: v.evidence_source_id.map(|s| source_keys[&s].clone()),
            note: v.note,
            by: v.recorded_by_analyst_id.map(|a| analyst_names[&a].clone()),
            effective_at: rfc3339(v.effective_at),
            recorded_at: Some(rfc3339(v.recorded_at)),
        })
        .collect();

    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        hedge_terms,
        organizations,
        analysts: analysts_doc,
        sources: sources_doc,
        tags: tags_doc,
        claims: claims_doc,
        links: links_doc,
        verifications: verifications_doc,
    })
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
