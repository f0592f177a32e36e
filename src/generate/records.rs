//! One generated record each: analysts, sources, claims (with appearances and
//! tags), links and verdicts, all as NDJSON values.

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

use super::rng::Rng;
use super::words::*;
use super::Plan;
use crate::models::Relation;

/// What a claim's verdicts depend on.
pub(super) struct ClaimFacts {
    pub(super) made: NaiveDate,
    pub(super) appearances: u64,
}

impl Plan {
    pub(super) fn analyst_name(&self, i: u64) -> (String, &'static str) {
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

    pub(super) fn source(&self, i: u64) -> Value {
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
    pub(super) fn analyst_of(&self, r: &mut Rng) -> u64 {
        let u = r.unit();
        ((self.analysts() as f64) * u * u * u) as u64
    }

    pub(super) fn claim(&self, i: u64) -> (Value, ClaimFacts) {
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

    pub(super) fn link(&self, i: u64) -> Option<Value> {
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

    pub(super) fn verdicts(&self, i: u64, facts: &ClaimFacts) -> Vec<Value> {
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
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
