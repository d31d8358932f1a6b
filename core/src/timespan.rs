//! Time spans written as text (`"2h"`, `"30 minutes"`, `"1 day ago"`), as
//! jose's claim setters and `maxTokenAge` accept them.
//!
//! It lives in the core because it decides token lifetimes: the JavaScript
//! and Python surfaces must read `"1.5 hours"` the same way.

use crate::error::{Claim, Error, Reason};

/// Seconds in jose's year (365.25 days).
const YEAR: u64 = 31_557_600;

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
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
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
    let whole = seconds(int.as_bytes(), frac.as_bytes(), per).ok_or(invalid)?;
    Ok(if negative || ago { -whole } else { whole })
}

/// The largest span accepted, in seconds (about 285 million years; jose has no
/// bound, but a larger one cannot be a token lifetime and would lose precision).
const MAX_SECONDS: u64 = 9_000_000_000_000_000;

/// `int.frac` (ASCII digits) times `per`, rounded half up, computed exactly on
/// the decimal digits: no float parsing, whose tables would be a fifth of the
/// verify-only WebAssembly module, and no binary rounding. jose computes
/// `Math.round(parseFloat(text) * unit)`; the two agree on every span with up to
/// 15 significant digits. `None` beyond [`MAX_SECONDS`].
fn seconds(int: &[u8], frac: &[u8], per: u64) -> Option<i64> {
    let mut whole: u64 = 0;
    for &d in int {
        whole = whole.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    let whole = whole.checked_mul(per)?;
    // `0.frac × per` by long multiplication from the last digit: `carry` ends as its
    // integer part, `first` as the first digit after the point (≥ 5 rounds up), and
    // `rest` records whether any later digit is not zero (the exact-bound check).
    let (mut carry, mut first, mut rest) = (0u64, 0u64, false);
    for &d in frac.iter().rev() {
        rest |= first != 0;
        let t = u64::from(d - b'0') * per + carry;
        first = t % 10;
        carry = t / 10;
    }
    let truncated = whole.checked_add(carry)?;
    if truncated > MAX_SECONDS || (truncated == MAX_SECONDS && (first != 0 || rest)) {
        return None;
    }
    i64::try_from(truncated + u64::from(first >= 5)).ok()
}

fn unit_seconds(unit: &str) -> Option<u64> {
    const UNITS: &[(&[&str], u64)] = &[
        (&["s", "sec", "secs", "second", "seconds"], 1),
        (&["m", "min", "mins", "minute", "minutes"], 60),
        (&["h", "hr", "hrs", "hour", "hours"], 3600),
        (&["d", "day", "days"], 86_400),
        (&["w", "week", "weeks"], 604_800),
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
            ("0.49999s", 0),
            ("0.0083333m", 0),
            ("0.0083334m", 1),
            ("1.0000001y", 31_557_603),
            ("9000000000000000s", 9_000_000_000_000_000),
            ("-9000000000000000s", -9_000_000_000_000_000),
            ("000012s", 12),
        ] {
            assert_eq!(parse(text), Ok(secs), "{text}");
        }
        for bad in [
            "",
            "h",
            "1",
            "1 month",
            "1.h",
            ".5h",
            "1..5h",
            "1h later",
            "-1h ago",
            "1e3s",
            "1  h",
            "abc",
            "9000000000000000.1s",
            "9000000000000001s",
            "150000000000001m",
            "99999999999999999999999s",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config())]

        /// jose's arithmetic (`Math.round(parseFloat(text) * unit)`) on spans of up to 15
        /// significant digits, where a double holds the decimal exactly enough to agree.
        #[test]
        fn agrees_with_float_arithmetic(int in 0u64..10_000_000, frac in "[0-9]{0,7}", unit in 0usize..6) {
            let (name, per) = [("s", 1.0), ("m", 60.0), ("h", 3600.0), ("d", 86_400.0), ("w", 604_800.0), ("y", 31_557_600.0)][unit];
            let text = if frac.is_empty() { std::format!("{int}{name}") } else { std::format!("{int}.{frac}{name}") };
            let value: f64 = text.trim_end_matches(name).parse().unwrap();
            let product: f64 = value * per;
            // Only where the float product is not within rounding error of a half.
            let half_away = (product - product.trunc() - 0.5).abs() > 1e-6;
            proptest::prop_assume!(half_away);
            #[allow(clippy::cast_possible_truncation)]
            let expected = (product + 0.5) as i64;
            proptest::prop_assert_eq!(parse(&text), Ok(expected), "{}", text);
        }
    }
}
