//! Parsing of user-supplied values, with messages that name the flag and the value.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::error::{Error, Result};

/// `YYYY-MM-DD`, a real calendar day (2023-02-30 is refused).
pub fn parse_date(value: &str, flag: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|e| {
        Error::invalid(format!(
            "{flag}: '{value}' is not a valid date ({e}); write a real calendar day as YYYY-MM-DD"
        ))
    })
}

pub fn parse_optional_date(value: Option<&str>, flag: &str) -> Result<Option<NaiveDate>> {
    value.map(|v| parse_date(v, flag)).transpose()
}

/// RFC 3339 (`2023-09-13T10:00:00Z`) or `YYYY-MM-DD`, read as midnight UTC.
pub fn parse_timestamp(value: &str, flag: &str) -> Result<DateTime<Utc>> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(t.with_timezone(&Utc));
    }
    if v.len() == 10 {
        return Ok(parse_date(v, flag)?.and_time(NaiveTime::MIN).and_utc());
    }
    Err(Error::invalid(format!(
        "{flag}: '{value}' is not a valid date or time; write YYYY-MM-DD or an RFC 3339 time such as 2023-09-13T10:00:00Z"
    )))
}

pub fn parse_probability(value: &str, flag: &str) -> Result<f64> {
    let p: f64 = value.trim().parse().map_err(|_| {
        Error::invalid(format!(
            "{flag}: '{value}' is not a number; write a probability such as 0.7"
        ))
    })?;
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::invalid(format!(
            "{flag}: {value} is outside 0..1 (write 0.7 for 70 %)"
        )));
    }
    Ok(p)
}

/// Trimmed text, or None when blank: optional free-text flags never store empty strings.
pub fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// "Today" for ages and deadlines: `CLAIMS_TODAY` (YYYY-MM-DD) when set, so
/// reports can be reproduced; else the current UTC day.
pub fn today() -> Result<NaiveDate> {
    match std::env::var("CLAIMS_TODAY") {
        Ok(v) if !v.is_empty() => parse_date(&v, "CLAIMS_TODAY"),
        _ => Ok(Utc::now().date_naive()),
    }
}

pub fn parse_optional_as_of(value: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    value.map(|v| parse_as_of(v, "--as-of")).transpose()
}

/// `--as-of`: a day means the end of that day (UTC), so "on 13 September" counts
/// what happened that day; an RFC 3339 time means that moment.
pub fn parse_as_of(value: &str, flag: &str) -> Result<DateTime<Utc>> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(t.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "{flag}: '{value}' is not a valid date; write YYYY-MM-DD (the end of that day, UTC) or an RFC 3339 time such as 2023-09-13T12:00:00Z"
        ))
    })?;
    let next = day
        .succ_opt()
        .ok_or_else(|| Error::invalid(format!("{flag}: '{value}' is out of range")))?;
    Ok(next.and_time(NaiveTime::MIN).and_utc() - chrono::Duration::microseconds(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2023-02-28", "--made").is_ok());
        let err = parse_date("2023-02-30", "--made").unwrap_err().to_string();
        assert!(
            err.contains("--made") && err.contains("2023-02-30"),
            "{err}"
        );
        assert!(parse_date("13/09/2023", "--made").is_err());
    }

    #[test]
    fn timestamps_accept_days_and_rfc3339() {
        assert_eq!(
            parse_timestamp("2023-09-13", "--effective")
                .unwrap()
                .to_rfc3339(),
            "2023-09-13T00:00:00+00:00"
        );
        assert_eq!(
            parse_timestamp("2023-09-13T12:30:00+02:00", "--effective")
                .unwrap()
                .to_rfc3339(),
            "2023-09-13T10:30:00+00:00"
        );
        assert!(parse_timestamp("yesterday", "--effective").is_err());
    }

    #[test]
    fn as_of_a_day_is_the_end_of_that_day() {
        assert_eq!(
            parse_as_of("2023-09-13", "--as-of").unwrap().to_rfc3339(),
            "2023-09-13T23:59:59.999999+00:00"
        );
        assert!(parse_as_of("13/09/2023", "--as-of").is_err());
        assert!(parse_as_of("2023-02-30", "--as-of").is_err());
    }

    #[test]
    fn probabilities_stay_within_0_and_1() {
        assert_eq!(parse_probability("0.25", "--probability").unwrap(), 0.25);
        assert!(parse_probability("1.5", "--probability").is_err());
        assert!(parse_probability("-0.1", "--probability").is_err());
        assert!(parse_probability("NaN", "--probability").is_err());
        assert!(parse_probability("seventy", "--probability").is_err());
    }
}
