//! A record (an NDJSON line, or one element of a document section) becomes one
//! or more staging rows, checked here for everything a single record can get
//! wrong; the merge checks the references between records.

use std::str::FromStr;

use super::stage_row::StageRow;
use crate::error::{Error, Result};
use crate::input::{parse_date, parse_timestamp};
use crate::interchange::document::*;
use crate::models::claim::{check_probability, NewClaim};
use crate::models::hedge_term::normalize_phrase;
use crate::models::source::normalize_url;
use crate::models::text_enum::UnknownValue;
use crate::models::{AnalystKind, Attribution, ClaimKind, Relation, SourceKind, Status, TagKind};

/// Trimmed text, or None when blank.
pub(crate) fn strip(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn owned(v: &Option<String>) -> Option<String> {
    strip(v).map(str::to_owned)
}

pub(crate) fn required(field: &'static str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::Empty {
            field,
            hint: "",
            flags: None,
        });
    }
    Ok(v.to_owned())
}

/// `value` as a value of vocabulary `T`.
pub(crate) fn parse_vocabulary<T: FromStr<Err = UnknownValue>>(
    field: &'static str,
    value: &str,
) -> Result<T> {
    T::from_str(value.trim()).map_err(|unknown| Error::UnknownValue {
        field,
        unknown,
        flags: None,
    })
}

/// `value` as vocabulary `T` spells it in the database.
pub(crate) fn vocabulary<T: FromStr<Err = UnknownValue> + ToString>(
    field: &'static str,
    value: &str,
) -> Result<String> {
    parse_vocabulary::<T>(field, value).map(|v| v.to_string())
}

pub(crate) fn opt_date(v: &Option<String>, field: &str) -> Result<Option<chrono::NaiveDate>> {
    strip(v).map(|d| parse_date(d, field)).transpose()
}

/// The staging rows of one record; an error names the field (and the part of
/// the record, such as `appearances[1]`).
pub fn stage_record(line: i64, record: &Record) -> Result<Vec<StageRow>> {
    match record {
        Record::HedgeTerm(h) => hedge_term(line, h).map(|r| vec![r]),
        Record::Organization(o) => {
            let mut r = StageRow::new(line, "organization");
            r.name = Some(required("name", &o.name)?);
            r.description = owned(&o.description);
            Ok(vec![r])
        }
        Record::Analyst(a) => analyst(line, a),
        Record::Source(s) => source(line, s).map(|r| vec![r]),
        Record::Tag(t) => {
            let mut r = StageRow::new(line, "tag");
            r.name = Some(required("name", &t.name)?);
            r.kind = Some(vocabulary::<TagKind>("kind", &t.kind)?);
            Ok(vec![r])
        }
        Record::Claim(c) => claim(line, c),
        Record::Link(l) => link(line, l).map(|r| vec![r]),
        Record::Verdict(v) => Ok(vec![verdict_row(
            line,
            &v.claim,
            &v.status,
            strip(&v.evidence),
            strip(&v.note),
            strip(&v.by),
            &v.effective_at,
            v.recorded_at.as_deref(),
        )?]),
    }
}

/// The rows a refused record still stages: its keys and names, marked with the
/// reason, so what refers to them is refused as a consequence, not as unknown.
pub fn refused_record(line: i64, record: &Record, reason: &str) -> Vec<StageRow> {
    let row = |rtype: &'static str| {
        let mut r = StageRow::new(line, rtype);
        r.error = Some(reason.to_owned());
        r
    };
    let mut rows = Vec::new();
    match record {
        Record::HedgeTerm(h) => rows.push(StageRow {
            name: Some(normalize_phrase(&h.phrase)),
            ..row("hedge_term")
        }),
        Record::Organization(o) => rows.push(StageRow {
            name: Some(o.name.trim().to_owned()),
            ..row("organization")
        }),
        Record::Analyst(a) => rows.push(StageRow {
            name: Some(a.name.trim().to_owned()),
            ..row("analyst")
        }),
        Record::Source(s) => rows.push(StageRow {
            key: Some(s.key.trim().to_owned()),
            ..row("source")
        }),
        Record::Tag(t) => rows.push(StageRow {
            name: Some(t.name.trim().to_owned()),
            ..row("tag")
        }),
        Record::Claim(c) => {
            rows.push(StageRow {
                key: Some(c.key.trim().to_owned()),
                ..row("claim")
            });
            for a in c.appearances.iter().filter(|a| strip(&a.key).is_some()) {
                rows.push(StageRow {
                    key: owned(&a.key),
                    ref1: Some(c.key.trim().to_owned()),
                    ..row("appearance")
                });
            }
        }
        Record::Link(_) => rows.push(row("link")),
        Record::Verdict(_) => rows.push(row("verdict")),
    }
    rows
}

fn hedge_term(line: i64, h: &HedgeTermDoc) -> Result<StageRow> {
    check_probability(h.probability, "probability")?;
    let mut r = StageRow::new(line, "hedge_term");
    r.name = Some(required("phrase", &normalize_phrase(&h.phrase))?);
    r.probability = Some(h.probability);
    r.description = Some(required("source", &h.source)?);
    Ok(r)
}

fn analyst(line: i64, a: &AnalystDoc) -> Result<Vec<StageRow>> {
    let name = required("name", &a.name)?;
    let mut r = StageRow::new(line, "analyst");
    r.name = Some(name.clone());
    r.kind = Some(vocabulary::<AnalystKind>("kind", &a.kind)?);
    r.description = owned(&a.description);
    let mut rows = vec![r];
    for (j, f) in a.affiliations.iter().enumerate() {
        let part = format!("affiliations[{j}]");
        let affiliation = || -> Result<StageRow> {
            let mut r = StageRow::new(line, "affiliation");
            r.ref1 = Some(name.clone());
            r.ref2 = Some(required("organization", &f.organization)?);
            r.title = owned(&f.title);
            r.valid_from = opt_date(&f.valid_from, "valid_from")?;
            r.valid_until = opt_date(&f.valid_until, "valid_until")?;
            if let (Some(from), Some(until)) = (r.valid_from, r.valid_until) {
                if until < from {
                    return Err(Error::invalid(format!(
                        "valid_until: {until} is before valid_from {from}"
                    )));
                }
            }
            Ok(r)
        };
        let mut r = affiliation().map_err(|e| e.at(&part))?;
        r.part = Some(part);
        rows.push(r);
    }
    Ok(rows)
}

fn source(line: i64, s: &SourceDoc) -> Result<StageRow> {
    let mut r = StageRow::new(line, "source");
    r.key = Some(required("key", &s.key)?);
    r.url = strip(&s.url).map(|u| normalize_url(u, "url")).transpose()?;
    r.title = Some(required("title", &s.title)?);
    r.kind = Some(vocabulary::<SourceKind>("kind", &s.kind)?);
    r.publisher = owned(&s.publisher);
    r.author = owned(&s.author);
    r.published_on = opt_date(&s.published_on, "published_on")?;
    r.retrieved_at = strip(&s.retrieved_at)
        .map(|v| parse_timestamp(v, "retrieved_at"))
        .transpose()?;
    r.archived_url = strip(&s.archived_url)
        .map(|u| normalize_url(u, "archived_url"))
        .transpose()?;
    Ok(r)
}

/// The claim row (checked by the same rules as `add claim`), then one row per
/// appearance and per tag.
fn claim(line: i64, c: &ClaimDoc) -> Result<Vec<StageRow>> {
    let key = required("key", &c.key)?;
    let mut r = StageRow::new(line, "claim");
    r.key = Some(key.clone());
    r.ref1 = Some(required("analyst", &c.analyst)?);
    let kind: ClaimKind = parse_vocabulary("kind", &c.kind)?;
    r.kind = Some(kind.to_string());
    r.made_at = opt_date(&c.made_at, "made_at")?;
    r.expected_by = opt_date(&c.expected_by, "expected_by")?;
    r.probability = c.probability;
    r.hedge = strip(&c.hedge).map(normalize_phrase);
    let statement = c.statement.trim().to_owned();
    NewClaim {
        analyst_id: 0,
        statement: &statement,
        kind,
        made_at: r.made_at,
        expected_by: r.expected_by,
        probability: r.probability,
        hedge: None,
    }
    .validate()?;
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
    let mut rows = vec![r];
    for (j, a) in c.appearances.iter().enumerate() {
        let part = format!("appearances[{j}]");
        let mut r = appearance(line, &key, a).map_err(|e| e.at(&part))?;
        r.part = Some(part);
        rows.push(r);
    }
    for (j, t) in c.tags.iter().enumerate() {
        let mut r = StageRow::new(line, "claim_tag");
        r.ref1 = Some(key.clone());
        r.name = Some(required("tags", t)?);
        r.part = Some(format!("tags[{j}]"));
        rows.push(r);
    }
    Ok(rows)
}

fn appearance(line: i64, claim_key: &str, a: &AppearanceDoc) -> Result<StageRow> {
    let mut r = StageRow::new(line, "appearance");
    r.key = owned(&a.key);
    r.ref1 = Some(claim_key.to_owned());
    r.ref2 = Some(required("source", &a.source)?);
    r.ref3 = owned(&a.via);
    r.quote = Some(required("quote", &a.quote)?);
    r.attribution = Some(vocabulary::<Attribution>("attribution", &a.attribution)?);
    Ok(r)
}

fn link(line: i64, l: &LinkDoc) -> Result<StageRow> {
    let mut r = StageRow::new(line, "link");
    r.ref1 = Some(required("from", &l.from)?);
    r.ref2 = Some(required("to", &l.to)?);
    if r.ref1 == r.ref2 {
        return Err(Error::invalid(format!(
            "to: claim '{}' cannot be linked to itself",
            l.to.trim()
        )));
    }
    r.relation = Some(vocabulary::<Relation>("relation", &l.relation)?);
    r.description = owned(&l.note);
    Ok(r)
}

/// A verdict row: a status a verdict may record, its evidence, its times.
#[allow(clippy::too_many_arguments)]
pub(crate) fn verdict_row(
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
    let status = required("status", status)?;
    match Status::from_str(&status) {
        Ok(s) if s.is_verdict() => r.status = Some(status),
        _ => {
            let verdicts: Vec<&str> = Status::ALL
                .iter()
                .filter(|s| s.is_verdict())
                .map(|s| s.as_str())
                .collect();
            return Err(Error::invalid(format!(
                "status: '{status}' is not a verdict status; use one of {}",
                verdicts.join(", ")
            )));
        }
    }
    r.ref2 = evidence.map(Into::into);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ndjson(line: &str) -> Result<Vec<StageRow>> {
        let record: Record =
            serde_json::from_str(line).map_err(|e| Error::invalid(e.to_string()))?;
        stage_record(1, &record)
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
        assert_eq!(rows[1].part.as_deref(), Some("appearances[0]"));
    }

    #[test]
    fn record_errors_name_the_field() {
        let e = ndjson(r#"{"type":"claim","key":"c1","statement":"S.","analyst":"Ann","made_at":"2023-02-30"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("made_at") && e.contains("2023-02-30"), "{e}");
        let e = ndjson(r#"{"type":"claim","key":"c1","statement":"S.","analyst":"Ann","expected_by":"2023-09-30"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("expected_by is only for predictions"), "{e}");
        let e = ndjson(r#"{"type":"claim","key":"c1","statement":"S.","analyst":"Ann","appearances":[{"source":"s","quote":" "}]}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "appearances[0]: quote is empty");
        let e = ndjson(r#"{"type":"tag","name":"x","kind":"colour"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("kind: 'colour' is not one of topic, person"),
            "{e}"
        );
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
