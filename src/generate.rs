//! `claims generate`: a deterministic, realistic synthetic ledger for bulk-import
//! tests and benchmarks. The same seed gives the same bytes; memory stays
//! constant whatever the size, because every record is derived from its index.

use std::io::Write;

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

use crate::error::Result;
use crate::models::Relation;

/// SplitMix64: tiny, fast, and the same on every platform.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let mut r = Rng(seed
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Anna", "José", "Zoë", "Łukasz", "Søren", "Amélie", "Mehmet", "Ngozi", "Yuki", "Olga", "Kwame",
    "Priya", "Tomás", "Ingrid", "Chen", "Fatima", "Dmitri", "Aoife", "Rafael", "Leilani",
];
const LAST: &[&str] = &[
    "Nakamura",
    "Müller",
    "García",
    "Kowalski",
    "O'Brien",
    "Nguyen",
    "Haddad",
    "Okafor",
    "Ivanova",
    "Sørensen",
    "Dubois",
    "Rossi",
    "Papadopoulos",
    "Şahin",
    "Lindqvist",
    "Singh",
];
const GROUPS: &[&str] = &[
    "US officials",
    "European diplomats",
    "Senior military sources",
    "Western intelligence officials",
    "Local residents",
    "Industry insiders",
];
const OUTLETS: &[&str] = &[
    "The Daily Ledger",
    "Süddeutsche Rundschau",
    "Le Monde Éclairé",
    "Новая газета Online",
    "Asahi Evening",
    "Gazeta Wyborcza Plus",
    "The Wire Report",
    "El País Semanal",
    "Reuters-like Wire",
    "Al Noticias",
    "Corriere Serale",
    "Nordic Times",
];
const SUBJECTS: &[&str] = &[
    "the central bank",
    "the ruling coalition",
    "the ceasefire",
    "the summit",
    "the grain deal",
    "the opposition leader",
    "the pipeline",
    "the election",
    "the sanctions package",
    "the army",
    "the president",
    "the trade talks",
    "the referendum",
    "the stock index",
    "the northern province",
];
const PREDICATES: &[&str] = &[
    "will collapse",
    "will be signed",
    "will be postponed",
    "will hold",
    "will raise rates",
    "will win a majority",
    "will resign",
    "will be extended",
    "will fail",
    "will reopen",
];
const FACTS: &[&str] = &[
    "met in secret",
    "received foreign funding",
    "was hacked",
    "lost its majority",
    "moved troops to the border",
    "cancelled the contract",
    "falsified the figures",
    "paid the ransom",
];
const ASSESSMENTS: &[&str] = &[
    "is weaker than it looks",
    "has nothing to fear",
    "is losing public support",
    "is preparing a show of strength",
    "is running out of options",
    "is in dire need of allies",
];
const TAGS: &[&str] = &[
    "elections",
    "sanctions",
    "energy",
    "security",
    "economy",
    "diplomacy",
    "Ukraine",
    "Kraków",
    "São Paulo",
    "Zürich",
    "migration",
    "climate",
    "health",
    "defence",
    "technology",
    "trade",
];
const HEDGES: &[&str] = &[
    "likely",
    "unlikely",
    "almost certain",
    "probably not",
    "chances about even",
];
const STATUSES: &[(&str, u64)] = &[
    ("confirmed", 30),
    ("mostly_true", 15),
    ("mixed", 10),
    ("misleading", 10),
    ("refuted", 30),
    ("unverifiable", 5),
];
/// Attributions, direct quotes twice as likely as the others.
const ATTRIBUTIONS: &[&str] = &["direct", "direct", "paraphrase", "reported", "unattributed"];

/// The shape of a generated ledger.
pub struct Plan {
    pub claims: u64,
    pub seed: u64,
}

impl Plan {
    fn analysts(&self) -> u64 {
        (self.claims / 25).max(5)
    }
    fn sources(&self) -> u64 {
        (self.claims / 8).max(3)
    }
    fn base_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date")
    }

    fn analyst_name(&self, i: u64) -> (String, &'static str) {
        let mut r = Rng::new(self.seed, 1, i);
        let roll = r.below(100);
        if roll < 7 {
            return (format!("{} ({i})", r.pick(GROUPS)), "group");
        }
        if roll < 10 {
            return (format!("Unattributed voices ({i})"), "unattributed");
        }
        if roll < 15 {
            return (format!("{} Institute ({i})", r.pick(LAST)), "organization");
        }
        (
            format!("{} {} ({i})", r.pick(FIRST), r.pick(LAST)),
            "person",
        )
    }

    fn source(&self, i: u64) -> Value {
        let mut r = Rng::new(self.seed, 2, i);
        let day = Self::base_day() + Duration::days(r.below(1800) as i64);
        let outlet = r.pick(OUTLETS);
        json!({
            "type": "source",
            "key": format!("s{i}"),
            "url": format!("https://news{}.example/{}/{}", r.below(40), day.format("%Y/%m/%d"), i),
            "title": format!("{} {} — report {i}", capitalise(r.pick(SUBJECTS)), r.pick(PREDICATES)),
            "kind": "article",
            "publisher": outlet,
            "author": format!("{} {}", r.pick(FIRST), r.pick(LAST)),
            "published_on": day.to_string(),
        })
    }

    /// Long tail: a few analysts make most claims.
    fn analyst_of(&self, r: &mut Rng) -> u64 {
        let u = r.unit();
        ((self.analysts() as f64) * u * u * u) as u64
    }

    fn claim(&self, i: u64) -> (Value, ClaimFacts) {
        let mut r = Rng::new(self.seed, 3, i);
        let analyst = self.analyst_of(&mut r);
        let made = Self::base_day() + Duration::days(r.below(1800) as i64);
        let roll = r.below(100);
        let subject = r.pick(SUBJECTS);
        let (kind, statement) = if roll < 40 {
            (
                "prediction",
                format!(
                    "{} {} (claim {i}).",
                    capitalise(subject),
                    r.pick(PREDICATES)
                ),
            )
        } else if roll < 80 {
            (
                "fact",
                format!("{} {} (claim {i}).", capitalise(subject), r.pick(FACTS)),
            )
        } else {
            (
                "assessment",
                format!(
                    "{} {} (claim {i}).",
                    capitalise(subject),
                    r.pick(ASSESSMENTS)
                ),
            )
        };
        let mut claim = json!({
            "type": "claim",
            "key": format!("c{i}"),
            "statement": statement,
            "kind": kind,
            "analyst": self.analyst_name(analyst).0,
            "made_at": made.to_string(),
        });
        if kind == "prediction" {
            claim["expected_by"] =
                json!((made + Duration::days(7 + r.below(360) as i64)).to_string());
            match r.below(10) {
                0..=2 => claim["probability"] = json!((1 + r.below(19)) as f64 * 0.05),
                3 => claim["hedge"] = json!(r.pick(HEDGES)),
                _ => {}
            }
        }
        let tags: Vec<&str> = (0..r.below(4)).map(|_| r.pick(TAGS)).collect();
        let mut unique_tags: Vec<&str> = Vec::new();
        for t in tags {
            if !unique_tags.contains(&t) {
                unique_tags.push(t);
            }
        }
        claim["tags"] = json!(unique_tags);
        let appearances = 1 + r.below(3);
        let mut used = Vec::new();
        let mut list = Vec::new();
        for a in 0..appearances {
            let source = r.below(self.sources());
            if used.contains(&source) {
                continue;
            }
            used.push(source);
            let speaker = self.analyst_name(analyst).0;
            list.push(json!({
                "source": format!("s{source}"),
                "quote": format!("“{}”, {} said ({i}.{a}).", statement.trim_end_matches('.'), speaker),
                "attribution": r.pick(ATTRIBUTIONS),
            }));
        }
        claim["appearances"] = Value::Array(list);
        (
            claim,
            ClaimFacts {
                made,
                appearances: used.len() as u64,
            },
        )
    }

    fn link(&self, i: u64) -> Option<Value> {
        let mut r = Rng::new(self.seed, 4, i);
        if i == 0 || r.below(10) != 0 {
            return None;
        }
        let to = r.below(i);
        Some(json!({
            "type": "link",
            "from": format!("c{i}"),
            "relation": r.pick(Relation::NAMES),
            "to": format!("c{to}"),
            "note": format!("Generated link {i} → {to}"),
        }))
    }

    fn verdicts(&self, i: u64, facts: &ClaimFacts) -> Vec<Value> {
        let mut r = Rng::new(self.seed, 5, i);
        if r.below(100) >= 80 {
            return Vec::new();
        }
        let count = if r.below(10) == 0 { 2 } else { 1 };
        (0..count)
            .map(|n| {
                let mut pick = r.below(100);
                let status = STATUSES
                    .iter()
                    .find(|(_, w)| {
                        if pick < *w {
                            true
                        } else {
                            pick -= w;
                            false
                        }
                    })
                    .map(|(s, _)| *s)
                    .unwrap_or("confirmed");
                let effective = facts.made + Duration::days(1 + r.below(400) as i64 + 400 * n);
                let recorded = effective + Duration::days(r.below(30) as i64);
                json!({
                    "type": "verdict",
                    "claim": format!("c{i}"),
                    "status": status,
                    "note": format!("Generated verdict {n} on claim {i}: checked against {} sources.", facts.appearances),
                    "effective_at": format!("{effective}T12:00:00Z"),
                    "recorded_at": format!("{recorded}T15:30:00Z"),
                })
            })
            .collect()
    }

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

struct ClaimFacts {
    made: NaiveDate,
    appearances: u64,
}

fn line(out: &mut impl Write, v: &Value) -> Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(anyhow::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ndjson(claims: u64, seed: u64) -> Vec<u8> {
        let mut out = Vec::new();
        Plan { claims, seed }.write_ndjson(&mut out).unwrap();
        out
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(ndjson(200, 7), ndjson(200, 7));
        assert_ne!(ndjson(200, 7), ndjson(200, 8));
    }

    #[test]
    fn the_data_is_realistic() {
        let text = String::from_utf8(ndjson(2000, 1)).unwrap();
        let records: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let of = |t: &str| records.iter().filter(|r| r["type"] == t).count();
        assert_eq!(of("claim"), 2000);
        let verdict_claims: std::collections::HashSet<&str> = records
            .iter()
            .filter(|r| r["type"] == "verdict")
            .map(|r| r["claim"].as_str().unwrap())
            .collect();
        let share = verdict_claims.len() as f64 / 2000.0;
        assert!((0.75..0.85).contains(&share), "{share}");
        assert!(records
            .iter()
            .any(|r| r["type"] == "claim" && r["expected_by"].is_string()));
        assert!(!text.is_ascii());
        // Long tail: the busiest analyst makes far more than the average.
        let mut per: std::collections::HashMap<&str, usize> = Default::default();
        for r in records.iter().filter(|r| r["type"] == "claim") {
            *per.entry(r["analyst"].as_str().unwrap()).or_default() += 1;
        }
        let max = *per.values().max().unwrap();
        assert!(
            max as f64 > 5.0 * 2000.0 / per.len() as f64,
            "max {max} over {}",
            per.len()
        );
        for r in records.iter().filter(|r| r["type"] == "claim") {
            let n = r["appearances"].as_array().unwrap().len();
            assert!((1..=3).contains(&n));
        }
    }
}
