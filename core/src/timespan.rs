//! Time spans written as text (`"2h"`, `"30 minutes"`, `"1 day ago"`), as
//! jose's claim setters and `maxTokenAge` accept them.
//!
//! It lives in the core because it decides token lifetimes: the JavaScript
//! and Python surfaces must read `"1.5 hours"` the same way.

use crate::error::{Claim, Error, Reason};

/// Seconds in jose's year (365.25 days).
const YEAR: f64 = 31_557_600.0;

/// Parses a time span into whole seconds (rounded half away from zero),
/// negative for spans in the past (a leading `-` or a trailing `ago`).
///
/// Units, case-insensitive: `s`, `sec`, `secs`, `second`, `seconds`; `m`,
/// `min`, `mins`, `minute`, `minutes`; `h`, `hr`, `hrs`, `hour`, `hours`;
/// `d`, `day`, `days`; `w`, `week`, `weeks`; `y`, `yr`, `yrs`, `year`,
/// `years` (365.25 days). There are no months.
///
/// ```
/// use jwtcore::timespan::parse;
/// assert_eq!(parse("2h"), Ok(7200));
/// assert_eq!(parse("1.5 hours"), Ok(5400));
/// assert_eq!(parse("-30s"), Ok(-30));
/// assert_eq!(parse("1 day ago"), Ok(-86400));
/// assert_eq!(parse("10 minutes from now"), Ok(600));
/// assert!(parse("1 month").is_err());
/// ```
///
/// # Errors
/// [`Reason::Invalid`] (claim [`Claim::Exp`]) when the text is not a span.
pub fn parse(text: &str) -> Result<i64, Error> {
    let invalid = Error::Claim { claim: Claim::Exp, reason: Reason::Invalid };
    let mut s = text;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    s = s.strip_prefix(' ').unwrap_or(s);
    let num_end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, rest) = s.split_at_checked(num_end).ok_or(invalid)?;
    // Digits, optionally one '.' followed by digits: "1", "1.5"; not ".5" or "1.".
    let valid_number = match num.split_once('.') {
        None => !num.is_empty(),
        Some((a, b)) => !a.is_empty() && !b.is_empty() && !b.contains('.'),
    };
    if !valid_number {
        return Err(invalid);
    }
    let value: f64 = num.parse().map_err(|_| invalid)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let (unit, suffix) = match rest.find(' ') {
        Some(i) => (rest.get(..i).ok_or(invalid)?, rest.get(i + 1..).ok_or(invalid)?),
        None => (rest, ""),
    };
    let suffix_lower = |w: &str| suffix.eq_ignore_ascii_case(w);
    let ago = if suffix.is_empty() {
        false
    } else if suffix_lower("ago") {
        true
    } else if suffix_lower("from now") {
        false
    } else {
        return Err(invalid);
    };
    if ago && negative {
        return Err(invalid);
    }
    let per = unit_seconds(unit).ok_or(invalid)?;
    let seconds = value * per;
    if !seconds.is_finite() || seconds.abs() > 9.0e15 {
        return Err(invalid);
    }
    // `f64::round` needs std; `value` is non-negative and bounded above, so truncating and
    // rounding half up by hand is exact (and what jose does with Math.round).
    #[allow(clippy::cast_possible_truncation)]
    let truncated = seconds as i64;
    #[allow(clippy::cast_precision_loss)]
    let whole = if seconds - truncated as f64 >= 0.5 { truncated.saturating_add(1) } else { truncated };
    Ok(if negative || ago { -whole } else { whole })
}

fn unit_seconds(unit: &str) -> Option<f64> {
    const UNITS: &[(&[&str], f64)] = &[
        (&["s", "sec", "secs", "second", "seconds"], 1.0),
        (&["m", "min", "mins", "minute", "minutes"], 60.0),
        (&["h", "hr", "hrs", "hour", "hours"], 3600.0),
        (&["d", "day", "days"], 86_400.0),
        (&["w", "week", "weeks"], 604_800.0),
        (&["y", "yr", "yrs", "year", "years"], YEAR),
    ];
    UNITS.iter().find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(unit))).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn units_and_forms() {
        for (text, secs) in [
            ("1s", 1),
            ("1 sec", 1),
            ("5 SECONDS", 5),
            ("2m", 120),
            ("2 mins", 120),
            ("1hr", 3600),
            ("3 days", 259_200),
            ("1w", 604_800),
            ("1y", 31_557_600),
            ("1.5h", 5400),
            ("+1h", 3600),
            ("- 1h", -3600),
            ("2 weeks from now", 1_209_600),
            ("2 weeks ago", -1_209_600),
            ("0.4s", 0),
            ("0.5s", 1),
        ] {
            assert_eq!(parse(text), Ok(secs), "{text}");
        }
        for bad in ["", "h", "1", "1 month", "1.h", ".5h", "1..5h", "1h later", "-1h ago", "1e3s", "1  h", "abc"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
