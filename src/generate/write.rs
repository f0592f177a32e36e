//! The generated ledger as NDJSON or as CSV (docs/bulk-import.md).

use std::io::Write;

use serde_json::{json, Value};

use super::rng::Rng;
use super::Plan;
use crate::error::Result;

impl Plan {
    /// Newline-delimited JSON: analysts, sources, claims, links, verdicts.
    pub fn write_ndjson(&self, out: &mut impl Write) -> Result<()> {
        for i in 0..self.analysts() {
            let (name, kind) = self.analyst_name(i);
            line(out, &json!({"type": "analyst", "name": name, "kind": kind}))?;
        }
        for i in 0..self.sources() {
            line(out, &self.source(i))?;
        }
        for i in 0..self.claims {
            line(out, &self.claim(i).0)?;
        }
        for i in 0..self.claims {
            if let Some(l) = self.link(i) {
                line(out, &l)?;
            }
        }
        for i in 0..self.claims {
            let facts = self.claim(i).1;
            for v in self.verdicts(i, &facts) {
                line(out, &v)?;
            }
        }
        Ok(())
    }

    /// CSV, one claim per row (its first appearance and first verdict): docs/bulk-import.md.
    pub fn write_csv(&self, out: &mut impl Write) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(crate::bulk::CSV_COLUMNS)
            .map_err(anyhow::Error::from)?;
        for i in 0..self.claims {
            let (claim, facts) = self.claim(i);
            let first = &claim["appearances"][0];
            let source_index: u64 = first["source"].as_str().unwrap_or("s0")[1..]
                .parse()
                .unwrap_or(0);
            let source = self.source(source_index);
            let analyst_kind = {
                let mut r = Rng::new(self.seed, 3, i);
                let analyst = self.analyst_of(&mut r);
                self.analyst_name(analyst).1
            };
            let verdict = self.verdicts(i, &facts).into_iter().next();
            let text = |v: &Value| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let tags: Vec<String> = claim["tags"]
                .as_array()
                .map(|t| t.iter().map(text).collect())
                .unwrap_or_default();
            let v = verdict.unwrap_or(Value::Null);
            w.write_record([
                text(&claim["analyst"]),
                analyst_kind.to_owned(),
                text(&claim["statement"]),
                text(&claim["kind"]),
                text(&claim["made_at"]),
                text(&claim["expected_by"]),
                text(&claim["probability"]),
                text(&claim["hedge"]),
                text(&source["url"]),
                text(&source["title"]),
                text(&source["publisher"]),
                text(&source["published_on"]),
                text(&first["quote"]),
                text(&first["attribution"]),
                tags.join(";"),
                text(&v["status"]),
                text(&v["effective_at"]),
                text(&v["note"]),
            ])
            .map_err(anyhow::Error::from)?;
        }
        w.flush()?;
        Ok(())
    }
}

fn line(out: &mut impl Write, v: &Value) -> Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(anyhow::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}
