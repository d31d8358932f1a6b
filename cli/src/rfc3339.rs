//! NumericDate (seconds since the epoch, UTC) to RFC 3339 text.
//!
//! Written here rather than pulled from a date crate: the CLI only ever formats UTC instants,
//! which is one well-known calendar conversion (Howard Hinnant's `civil_from_days`).

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: RFC 3339 has four-digit years.
const MIN: i64 = -62_167_219_200;
const MAX: i64 = 253_402_300_799;

/// A JSON NumericDate as RFC 3339 UTC, with milliseconds when it has a fraction; `None` when it
/// is not a finite number in RFC 3339's year range.
pub fn from_json(value: &serde_json::Value) -> Option<String> {
    if let Some(secs) = value.as_i64() {
        return format(secs, 0);
    }
    let f = value.as_f64()?;
    let secs = f.floor();
    if !secs.is_finite() || secs < MIN as f64 || secs > MAX as f64 {
        return None;
    }
    // Round to milliseconds; a fraction that rounds up to a whole second carries into it.
    let millis = ((f - secs) * 1000.0).round() as i64;
    let (secs, millis) = (secs as i64 + millis / 1000, millis % 1000);
    format(secs, millis as u32)
}

fn format(secs: i64, millis: u32) -> Option<String> {
    if !(MIN..=MAX).contains(&secs) {
        return None;
    }
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let (hh, mm, ss) = (s / 3600, s % 3600 / 60, s % 60);
    let fraction = if millis == 0 { String::new() } else { format!(".{millis:03}") };
    Some(format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}{fraction}Z"))
}

/// Days since 1970-01-01 to the proleptic Gregorian (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_instants() {
        assert_eq!(from_json(&json!(0)).as_deref(), Some("1970-01-01T00:00:00Z"));
        // RFC 7519's example `exp`.
        assert_eq!(from_json(&json!(1_300_819_380)).as_deref(), Some("2011-03-22T18:43:00Z"));
        assert_eq!(from_json(&json!(951_782_400)).as_deref(), Some("2000-02-29T00:00:00Z"));
        assert_eq!(from_json(&json!(-1)).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(from_json(&json!(MIN)).as_deref(), Some("0000-01-01T00:00:00Z"));
        assert_eq!(from_json(&json!(MAX)).as_deref(), Some("9999-12-31T23:59:59Z"));
        assert_eq!(from_json(&json!(1_700_000_000.25)).as_deref(), Some("2023-11-14T22:13:20.250Z"));
        assert_eq!(from_json(&json!(1_700_000_000.999_9)).as_deref(), Some("2023-11-14T22:13:21Z"));
    }

    #[test]
    fn out_of_range_or_not_a_number() {
        assert_eq!(from_json(&json!(MAX + 1)), None);
        assert_eq!(from_json(&json!(MIN - 1)), None);
        assert_eq!(from_json(&json!(1e300)), None);
        assert_eq!(from_json(&json!("1700000000")), None);
        assert_eq!(from_json(&json!(i64::MIN)), None);
    }

    /// Every day of 1970..2100 against a day-by-day count of the calendar.
    #[test]
    fn agrees_with_counting_days() {
        let mut days = 0i64;
        for year in 1970..2100i64 {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let lengths = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            for (month, len) in lengths.iter().enumerate() {
                for day in 1..=*len {
                    assert_eq!(civil_from_days(days), (year, month as i64 + 1, day));
                    days += 1;
                }
            }
        }
    }
}
