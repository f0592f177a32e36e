//! `claims generate`: a deterministic, realistic synthetic ledger for bulk-import
//! tests and benchmarks. The same seed gives the same bytes; memory stays
//! constant whatever the size, because every record is derived from its index.
//! `Plan` is the shape; records.rs makes each record, write.rs writes them.

mod records;
mod rng;
mod words;
mod write;

use chrono::NaiveDate;

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
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

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
