//! Bulk input records: one NDJSON line or one CSV row becomes one or more rows
//! of the staging table, checked here for everything a single line can get
//! wrong (the merge checks references between lines).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::input::{parse_date, parse_timestamp};
use crate::interchange::{
    opt_date, strip, AnalystDoc, ClaimDoc, HedgeTermDoc, LinkDoc, OrganizationDoc, SourceDoc,
    TagDoc, VerificationDoc, ANALYST_KINDS, ATTRIBUTIONS, CLAIM_KINDS, RELATIONS, SOURCE_KINDS,
    TAG_KINDS,
};
use crate::models::claim::{check_probability, NewClaim};
use crate::models::hedge_term::normalize_phrase;
use crate::models::source::normalize_url;

/// One NDJSON line: the record shapes of the JSON document, tagged by `type`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    HedgeTerm(HedgeTermDoc),
    Organization(OrganizationDoc),
    Analyst(AnalystDoc),
    Source(SourceDoc),
    Tag(TagDoc),
    Claim(ClaimDoc),
    Link(LinkDoc),
    Verdict(VerificationDoc),
}

/// The CSV columns, in order (docs/bulk-import.md).
pub const CSV_COLUMNS: [&str; 18] = [
    "analyst",
    "analyst_kind",
    "statement",
    "kind",
    "made_at",
    "expected_by",
    "probability",
    "hedge",
    "source_url",
    "source_title",
    "source_publisher",
    "source_published_on",
    "quote",
    "attribution",
    "tags",
    "status",
    "status_effective_at",
    "status_note",
];

/// One row of the staging table (`claims_import_stage`); which columns mean what
/// depends on `rtype` (see stage.sql).
#[derive(Debug, Default, Clone)]
pub struct StageRow {
    pub line: i64,
    pub rtype: &'static str,
    pub key: Option<String>,
    pub ref1: Option<String>,
    pub ref2: Option<String>,
    pub ref3: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub retrieved_at: Option<DateTime<Utc>>,
    pub archived_url: Option<String>,
    pub statement: Option<String>,
    pub made_at: Option<NaiveDate>,
    pub expected_by: Option<NaiveDate>,
    pub probability: Option<f64>,
    pub hedge: Option<String>,
    pub quote: Option<String>,
    pub attribution: Option<String>,
    pub relation: Option<String>,
    pub status: Option<String>,
    pub effective_at: Option<DateTime<Utc>>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

impl StageRow {
    fn new(line: i64, rtype: &'static str) -> StageRow {
        StageRow {
            line,
            rtype,
            ..Default::default()
        }
    }

    /// The row as a CSV record for COPY (empty = NULL).
    pub fn fields(&self) -> [String; 29] {
        fn s(v: &Option<String>) -> String {
            v.clone().unwrap_or_default()
        }
        fn d(v: &Option<NaiveDate>) -> String {
            v.map(|d| d.to_string()).unwrap_or_default()
        }
        fn t(v: &Option<DateTime<Utc>>) -> String {
            v.map(|t| t.to_rfc3339()).unwrap_or_default()
        }
        [
            self.line.to_string(),
            self.rtype.to_owned(),
            s(&self.key),
            s(&self.ref1),
            s(&self.ref2),
            s(&self.ref3),
            s(&self.name),
            s(&self.kind),
            s(&self.description),
            s(&self.url),
            s(&self.title),
            s(&self.publisher),
            s(&self.author),
            d(&self.published_on),
            t(&self.retrieved_at),
            s(&self.archived_url),
            s(&self.statement),
            d(&self.made_at),
            d(&self.expected_by),
            self.probability.map(|p| p.to_string()).unwrap_or_default(),
            s(&self.hedge),
            s(&self.quote),
            s(&self.attribution),
            s(&self.relation),
            s(&self.status),
            t(&self.effective_at),
            t(&self.recorded_at),
            d(&self.valid_from),
            d(&self.valid_until),
        ]
    }
}

fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<String> {
    if allowed.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(Error::invalid(format!(
            "{field}: '{value}' is not one of {}",
            allowed.join(", ")
        )))
    }
}

fn required(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(format!("{field} is empty")));
    }
    Ok(v.to_owned())
}

fn owned(v: &Option<String>) -> Option<String> {
    strip(v).map(str::to_owned)
}

/// The staging rows of one NDJSON record; an error names the field.
pub fn stage_record(line: i64, record: Record) -> Result<Vec<StageRow>> {
    let mut rows = Vec::new();
    match record {
        Record::HedgeTerm(h) => {
            check_probability(h.probability).map_err(|_| {
                Error::invalid(format!("probability: {} is outside 0..1", h.probability))
            })?;
            let mut r = StageRow::new(line, "hedge_term");
            r.name = Some(required("phrase", &normalize_phrase(&h.phrase))?);
            r.probability = Some(h.probability);
            r.description = Some(required("source", &h.source)?);
            rows.push(r);
        }
        Record::Organization(o) => {
            let mut r = StageRow::new(line, "organization");
            r.name = Some(required("name", &o.name)?);
            r.description = owned(&o.description);
            rows.push(r);
        }
        Record::Analyst(a) => {
            let name = required("name", &a.name)?;
            let mut r = StageRow::new(line, "analyst");
            r.name = Some(name.clone());
            r.kind = Some(one_of("kind", &a.kind, ANALYST_KINDS)?);
            r.description = owned(&a.description);
            rows.push(r);
            for f in a.affiliations {
                let mut r = StageRow::new(line, "affiliation");
                r.ref1 = Some(name.clone());
                r.ref2 = Some(required("affiliations.organization", &f.organization)?);
                r.title = owned(&f.title);
                r.valid_from = opt_date(&f.valid_from, "affiliations.valid_from")?;
                r.valid_until = opt_date(&f.valid_until, "affiliations.valid_until")?;
                rows.push(r);
            }
        }
        Record::Source(s) => {
            let mut r = StageRow::new(line, "source");
            r.key = Some(required("key", &s.key)?);
            r.url = strip(&s.url).map(|u| normalize_url(u, "url")).transpose()?;
            r.title = Some(required("title", &s.title)?);
            r.kind = Some(one_of("kind", &s.kind, SOURCE_KINDS)?);
            r.publisher = owned(&s.publisher);
            r.author = owned(&s.author);
            r.published_on = opt_date(&s.published_on, "published_on")?;
            r.retrieved_at = strip(&s.retrieved_at)
                .map(|v| parse_timestamp(v, "retrieved_at"))
                .transpose()?;
            r.archived_url = strip(&s.archived_url)
                .map(|u| normalize_url(u, "archived_url"))
                .transpose()?;
            rows.push(r);
        }
        Record::Tag(t) => {
            let mut r = StageRow::new(line, "tag");
            r.name = Some(required("name", &t.name)?);
            r.kind = Some(one_of("kind", &t.kind, TAG_KINDS)?);
            rows.push(r);
        }
        Record::Claim(c) => {
            let key = required("key", &c.key)?;
            let mut r = StageRow::new(line, "claim");
            r.key = Some(key.clone());
            r.ref1 = Some(required("analyst", &c.analyst)?);
            r.kind = Some(one_of("kind", &c.kind, CLAIM_KINDS)?);
            r.made_at = opt_date(&c.made_at, "made_at")?;
            r.expected_by = opt_date(&c.expected_by, "expected_by")?;
            r.probability = c.probability;
            r.hedge = strip(&c.hedge).map(normalize_phrase);
            let statement = c.statement.trim().to_owned();
            NewClaim {
                analyst_id: 0,
                statement: &statement,
                kind: r.kind.as_deref().unwrap_or("fact"),
                made_at: r.made_at,
                expected_by: r.expected_by,
                probability: r.probability,
                hedge: None,
            }
            .validate()
            .map_err(|e| Error::invalid(strip_flags(&e.to_string())))?;
            r.statement = Some(statement);
            match (strip(&c.retracted_at), strip(&c.retraction_reason)) {
                (Some(at), Some(reason)) => {
                    r.recorded_at = Some(parse_timestamp(at, "retracted_at")?);
                    r.description = Some(reason.to_owned());
                }
                (None, None) => {}
                _ => {
                    return Err(Error::invalid(
                        "retracted_at and retraction_reason go together",
                    ))
                }
            }
            rows.push(r);
            for (j, a) in c.appearances.into_iter().enumerate() {
                let mut r = StageRow::new(line, "appearance");
                r.key = owned(&a.key);
                r.ref1 = Some(key.clone());
                r.ref2 = Some(required(&format!("appearances[{j}].source"), &a.source)?);
                r.ref3 = owned(&a.via);
                r.quote = Some(required(&format!("appearances[{j}].quote"), &a.quote)?);
                r.attribution = Some(one_of(
                    &format!("appearances[{j}].attribution"),
                    &a.attribution,
                    ATTRIBUTIONS,
                )?);
                rows.push(r);
            }
            for t in c.tags {
                let mut r = StageRow::new(line, "claim_tag");
                r.ref1 = Some(key.clone());
                r.name = Some(required("tags", &t)?);
                rows.push(r);
            }
        }
        Record::Link(l) => {
            let mut r = StageRow::new(line, "link");
            r.ref1 = Some(required("from", &l.from)?);
            r.ref2 = Some(required("to", &l.to)?);
            if r.ref1 == r.ref2 {
                return Err(Error::invalid(format!(
                    "to: claim '{}' cannot be linked to itself",
                    l.to
                )));
            }
            r.relation = Some(one_of("relation", &l.relation, RELATIONS)?);
            r.description = owned(&l.note);
            rows.push(r);
        }
        Record::Verdict(v) => rows.push(verdict_row(
            line,
            &v.claim,
            &v.status,
            v.evidence.as_deref(),
            strip(&v.note),
            strip(&v.by),
            &v.effective_at,
            v.recorded_at.as_deref(),
        )?),
    }
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
fn verdict_row(
    line: i64,
    claim: &str,
    status: &str,
    evidence: Option<&str>,
    note: Option<&str>,
    by: Option<&str>,
    effective_at: &str,
    recorded_at: Option<&str>,
) -> Result<StageRow> {
    let mut r = StageRow::new(line, "verdict");
    r.ref1 = Some(required("claim", claim)?);
    r.status = Some(required("status", status)?);
    r.ref2 = evidence
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(Into::into);
    r.description = note.map(Into::into);
    r.ref3 = by.map(Into::into);
    if r.ref2.is_none() && r.description.is_none() {
        return Err(Error::invalid(
            "note: a verdict needs its evidence (evidence and/or note)",
        ));
    }
    r.effective_at = Some(parse_timestamp(effective_at, "effective_at")?);
    r.recorded_at = recorded_at
        .map(|v| parse_timestamp(v, "recorded_at"))
        .transpose()?;
    Ok(r)
}

/// The staging rows of one CSV row (`CSV_COLUMNS`): its analyst, source, claim,
/// appearance, tags and verdict. The claim's key is `line:N`, the source's its URL
/// (or title when it has none).
pub fn stage_csv(line: i64, row: &csv::StringRecord) -> Result<Vec<StageRow>> {
    let get = |i: usize| row.get(i).map(str::trim).filter(|v| !v.is_empty());
    let analyst = required("analyst", get(0).unwrap_or(""))?;
    let mut rows = Vec::new();

    let mut a = StageRow::new(line, "analyst");
    a.name = Some(analyst.clone());
    a.kind = Some(one_of(
        "analyst_kind",
        get(1).unwrap_or("person"),
        ANALYST_KINDS,
    )?);
    rows.push(a);

    let claim_key = format!("line:{line}");
    let mut c = StageRow::new(line, "claim");
    c.key = Some(claim_key.clone());
    c.ref1 = Some(analyst);
    c.kind = Some(one_of("kind", get(3).unwrap_or("fact"), CLAIM_KINDS)?);
    c.made_at = get(4).map(|v| parse_date(v, "made_at")).transpose()?;
    c.expected_by = get(5).map(|v| parse_date(v, "expected_by")).transpose()?;
    c.probability = get(6)
        .map(|v| {
            v.parse::<f64>()
                .map_err(|_| Error::invalid(format!("probability: '{v}' is not a number")))
        })
        .transpose()?;
    c.hedge = get(7).map(normalize_phrase);
    let statement = required("statement", get(2).unwrap_or(""))?;
    NewClaim {
        analyst_id: 0,
        statement: &statement,
        kind: c.kind.as_deref().unwrap_or("fact"),
        made_at: c.made_at,
        expected_by: c.expected_by,
        probability: c.probability,
        hedge: None,
    }
    .validate()
    .map_err(|e| Error::invalid(strip_flags(&e.to_string())))?;
    c.statement = Some(statement);
    rows.push(c);

    if let Some(title_or_url) = get(8).or(get(9)) {
        let mut s = StageRow::new(line, "source");
        s.url = get(8).map(|u| normalize_url(u, "source_url")).transpose()?;
        s.key = Some(s.url.clone().unwrap_or_else(|| title_or_url.to_owned()));
        s.title = Some(required("source_title", get(9).unwrap_or(""))?);
        s.kind = Some("article".into());
        s.publisher = get(10).map(Into::into);
        s.published_on = get(11)
            .map(|v| parse_date(v, "source_published_on"))
            .transpose()?;
        let quote = required("quote", get(12).unwrap_or(""))?;
        let mut ap = StageRow::new(line, "appearance");
        ap.ref1 = Some(claim_key.clone());
        ap.ref2 = s.key.clone();
        ap.quote = Some(quote);
        ap.attribution = Some(one_of(
            "attribution",
            get(13).unwrap_or("direct"),
            ATTRIBUTIONS,
        )?);
        rows.push(s);
        rows.push(ap);
    } else if get(12).is_some() {
        return Err(Error::invalid(
            "quote: given without source_url or source_title",
        ));
    }

    for t in get(14)
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let mut r = StageRow::new(line, "claim_tag");
        r.ref1 = Some(claim_key.clone());
        r.name = Some(t.to_owned());
        rows.push(r);
    }

    if let Some(status) = get(15) {
        let effective = get(16).ok_or_else(|| {
            Error::invalid(
                "status_effective_at: required with status (when the outcome became known)",
            )
        })?;
        rows.push(verdict_row(
            line,
            &claim_key,
            status,
            None,
            get(17),
            None,
            effective,
            None,
        )?);
    } else if get(16).is_some() || get(17).is_some() {
        return Err(Error::invalid(
            "status: status_effective_at and status_note need a status",
        ));
    }
    Ok(rows)
}

/// Messages written for CLI flags ("--expected-by is only …") read as field names here.
fn strip_flags(msg: &str) -> String {
    msg.replace("--expected-by", "expected_by")
        .replace("--made", "made_at")
        .replace("--probability", "probability")
        .replace("STATEMENT", "statement")
        .replace("; add --kind prediction", "")
        .replace(" (put the full text in --quote)", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ndjson(line: &str) -> Result<Vec<StageRow>> {
        let record: Record =
            serde_json::from_str(line).map_err(|e| Error::invalid(e.to_string()))?;
        stage_record(1, record)
    }

    #[test]
    fn a_claim_record_stages_its_appearances_and_tags() {
        let rows = ndjson(
            r#"{"type":"claim","key":"c1","statement":"S.","analyst":"Ann","kind":"prediction",
                "expected_by":"2023-09-30","tags":["a","b"],
                "appearances":[{"source":"s1","quote":"q","attribution":"reported"}]}"#,
        )
        .unwrap();
        let types: Vec<&str> = rows.iter().map(|r| r.rtype).collect();
        assert_eq!(types, vec!["claim", "appearance", "claim_tag", "claim_tag"]);
        assert_eq!(rows[1].ref2.as_deref(), Some("s1"));
    }

    #[test]
    fn line_errors_name_the_field() {
        let e = ndjson(r#"{"type":"claim","key":"c1","statement":"S.","analyst":"Ann","made_at":"2023-02-30"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("made_at") && e.contains("2023-02-30"), "{e}");
        let e = ndjson(r#"{"type":"claim","key":"c1","statement":"S.","analyst":"Ann","expected_by":"2023-09-30"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("expected_by is only for predictions"), "{e}");
        let e = ndjson(
            r#"{"type":"verdict","claim":"c1","status":"confirmed","effective_at":"2023-09-13"}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("needs its evidence"), "{e}");
        assert!(ndjson(r#"{"type":"rumour","text":"x"}"#).is_err());
        assert!(ndjson(r#"{"type":"tag","name":"x","colour":"red"}"#).is_err());
    }
}
