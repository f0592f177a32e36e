//! A CSV row (docs/bulk-import.md) becomes the staging rows of its analyst,
//! source, claim, appearance, tags and verdict.

use super::records::{parse_vocabulary, required, verdict_row, vocabulary};
use super::stage_row::StageRow;
use crate::error::{Error, Result};
use crate::input::parse_date;
use crate::models::hedge_term::normalize_phrase;
use crate::models::source::normalize_url;
use crate::models::{AnalystKind, Attribution, ClaimKind, NewClaim, SourceKind};

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

/// The staging rows of one CSV row (`CSV_COLUMNS`): its analyst, source, claim,
/// appearance, tags and verdict. The claim's key is `line:N`, the source's its URL
/// (or title when it has none).
pub fn stage_csv(line: i64, row: &csv::StringRecord) -> Result<Vec<StageRow>> {
    let get = |i: usize| row.get(i).map(str::trim).filter(|v| !v.is_empty());
    let analyst = required("analyst", get(0).unwrap_or(""))?;
    let mut rows = Vec::new();

    let mut a = StageRow::new(line, "analyst");
    a.name = Some(analyst.clone());
    a.kind = Some(vocabulary::<AnalystKind>(
        "analyst_kind",
        get(1).unwrap_or("person"),
    )?);
    rows.push(a);

    let claim_key = format!("line:{line}");
    let mut c = StageRow::new(line, "claim");
    c.key = Some(claim_key.clone());
    c.ref1 = Some(analyst);
    let kind = parse_vocabulary::<ClaimKind>("kind", get(3).unwrap_or("fact"))?;
    c.kind = Some(kind.to_string());
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
        kind,
        made_at: c.made_at,
        expected_by: c.expected_by,
        probability: c.probability,
        hedge: None,
    }
    .validate()?;
    c.statement = Some(statement);
    rows.push(c);

    if let Some(title_or_url) = get(8).or(get(9)) {
        let mut s = StageRow::new(line, "source");
        s.url = get(8).map(|u| normalize_url(u, "source_url")).transpose()?;
        s.key = Some(s.url.clone().unwrap_or_else(|| title_or_url.to_owned()));
        s.title = Some(required("source_title", get(9).unwrap_or(""))?);
        s.kind = Some(SourceKind::Article.to_string());
        s.publisher = get(10).map(Into::into);
        s.published_on = get(11)
            .map(|v| parse_date(v, "source_published_on"))
            .transpose()?;
        let quote = required("quote", get(12).unwrap_or(""))?;
        let mut ap = StageRow::new(line, "appearance");
        ap.ref1 = Some(claim_key.clone());
        ap.ref2 = s.key.clone();
        ap.quote = Some(quote);
        ap.attribution = Some(vocabulary::<Attribution>(
            "attribution",
            get(13).unwrap_or("direct"),
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
