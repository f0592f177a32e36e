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

/// One CSV row's trimmed fields by column position; blank is None.
struct Row<'a>(&'a csv::StringRecord);

impl<'a> Row<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        self.0.get(i).map(str::trim).filter(|v| !v.is_empty())
    }
}

/// The staging rows of one CSV row (`CSV_COLUMNS`): its analyst, claim, source,
/// appearance, tags and verdict. The claim's key is `line:N`, the source's its URL
/// (or title when it has none).
pub fn stage_csv(line: i64, record: &csv::StringRecord) -> Result<Vec<StageRow>> {
    let row = Row(record);
    let claim_key = format!("line:{line}");
    let mut rows = analyst_and_claim(line, &row, &claim_key)?;
    rows.extend(source_and_appearance(line, &row, &claim_key)?);
    for t in row
        .get(14)
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
    rows.extend(verdict(line, &row, &claim_key)?);
    Ok(rows)
}

/// Columns 0-7: the analyst, and the claim (checked as `add claim` checks it).
fn analyst_and_claim(line: i64, row: &Row, claim_key: &str) -> Result<Vec<StageRow>> {
    let analyst = required("analyst", row.get(0).unwrap_or(""))?;
    let mut a = StageRow::new(line, "analyst");
    a.name = Some(analyst.clone());
    a.kind = Some(vocabulary::<AnalystKind>(
        "analyst_kind",
        row.get(1).unwrap_or("person"),
    )?);

    let mut c = StageRow::new(line, "claim");
    c.key = Some(claim_key.to_owned());
    c.ref1 = Some(analyst);
    let kind = parse_vocabulary::<ClaimKind>("kind", row.get(3).unwrap_or("fact"))?;
    c.kind = Some(kind.to_string());
    c.made_at = row.get(4).map(|v| parse_date(v, "made_at")).transpose()?;
    c.expected_by = row
        .get(5)
        .map(|v| parse_date(v, "expected_by"))
        .transpose()?;
    c.probability = row
        .get(6)
        .map(|v| {
            v.parse::<f64>()
                .map_err(|_| Error::invalid(format!("probability: '{v}' is not a number")))
        })
        .transpose()?;
    c.hedge = row.get(7).map(normalize_phrase);
    let statement = required("statement", row.get(2).unwrap_or(""))?;
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
    Ok(vec![a, c])
}

/// Columns 8-13: where the claim appeared, when the row says.
fn source_and_appearance(line: i64, row: &Row, claim_key: &str) -> Result<Vec<StageRow>> {
    let Some(title_or_url) = row.get(8).or(row.get(9)) else {
        if row.get(12).is_some() {
            return Err(Error::invalid(
                "quote: given without source_url or source_title",
            ));
        }
        return Ok(Vec::new());
    };
    let mut s = StageRow::new(line, "source");
    s.url = row
        .get(8)
        .map(|u| normalize_url(u, "source_url"))
        .transpose()?;
    s.key = Some(s.url.clone().unwrap_or_else(|| title_or_url.to_owned()));
    s.title = Some(required("source_title", row.get(9).unwrap_or(""))?);
    s.kind = Some(SourceKind::Article.to_string());
    s.publisher = row.get(10).map(Into::into);
    s.published_on = row
        .get(11)
        .map(|v| parse_date(v, "source_published_on"))
        .transpose()?;
    let mut ap = StageRow::new(line, "appearance");
    ap.ref1 = Some(claim_key.to_owned());
    ap.ref2 = s.key.clone();
    ap.quote = Some(required("quote", row.get(12).unwrap_or(""))?);
    ap.attribution = Some(vocabulary::<Attribution>(
        "attribution",
        row.get(13).unwrap_or("direct"),
    )?);
    Ok(vec![s, ap])
}

/// Columns 15-17: the verdict, when the row has a status.
fn verdict(line: i64, row: &Row, claim_key: &str) -> Result<Option<StageRow>> {
    let Some(status) = row.get(15) else {
        if row.get(16).is_some() || row.get(17).is_some() {
            return Err(Error::invalid(
                "status: status_effective_at and status_note need a status",
            ));
        }
        return Ok(None);
    };
    let effective = row.get(16).ok_or_else(|| {
        Error::invalid("status_effective_at: required with status (when the outcome became known)")
    })?;
    verdict_row(
        line,
        claim_key,
        status,
        None,
        row.get(17),
        None,
        effective,
        None,
    )
    .map(Some)
}
