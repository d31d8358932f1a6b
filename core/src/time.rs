//! NumericDate (RFC 7519 §2): exact comparisons of JSON numbers with the clock.
//!
//! A NumericDate may be any JSON number, integer or fractional, of any
//! magnitude. Converting it to an integer or a float before comparing is how
//! other libraries go wrong (PyJWT truncates `exp = now + 0.5` to `now`; a
//! `u64` cast wraps `2^64`). Here a value is kept as the floor and the ceiling
//! of its value in nanoseconds, saturated far beyond any clock, and compared
//! exactly against integer nanosecond instants.

use core::time::Duration;

/// Values beyond ±10^30 ns (about 3·10^13 years) compare alike; saturating
/// there keeps every intermediate in range of `i128`.
const SATURATE: i128 = 1_000_000_000_000_000_000_000_000_000_000;

/// Nanoseconds in one second.
const NANOS: i128 = 1_000_000_000;

/// A point in time as a JWT states it (`exp`, `nbf`, `iat`).
///
/// ```
/// use jwtcore::NumericDate;
/// let d = NumericDate::from_unix_seconds(1_700_000_000);
/// assert_eq!(d.unix_seconds(), 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumericDate {
    floor_ns: i128,
    ceil_ns: i128,
}

impl NumericDate {
    /// A whole number of seconds since the Unix epoch.
    ///
    /// ```
    /// use jwtcore::NumericDate;
    /// let d = NumericDate::from_unix_seconds(-1); // before the epoch is fine
    /// assert_eq!(d.unix_seconds(), -1);
    /// assert!(d.is_integer_seconds());
    /// ```
    pub const fn from_unix_seconds(secs: i64) -> Self {
        let ns = secs as i128 * NANOS;
        NumericDate { floor_ns: ns, ceil_ns: ns }
    }

    /// The value rounded down to whole seconds, saturated to `i64`.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// // payload: {"exp":2000000000.75}
    /// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"exp":2000000000.75}"#, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
    /// assert_eq!(verified.claims().exp.unwrap().unix_seconds(), 2_000_000_000); // rounded down
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn unix_seconds(&self) -> i64 {
        let s = self.floor_ns.div_euclid(NANOS);
        i64::try_from(s).unwrap_or(if s < 0 { i64::MIN } else { i64::MAX })
    }

    /// Whether the value has a fractional part below nanosecond resolution
    /// or below a second.
    ///
    /// ```
    /// # use core::time::Duration;
    /// # use jwtcore::{sign_compact_into, verify, Algorithm, Key, Validation};
    /// # let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
    /// # let mut out = [0u8; 256];
    /// // payload: {"exp":2000000000.5,"iat":1699999999}
    /// # let token = sign_compact_into(br#"{"alg":"HS256"}"#, br#"{"exp":2000000000.5,"iat":1699999999}"#, &key, &mut out)?;
    /// # let mut scratch = [0u8; 256];
    /// let verified = verify(token, &key, &Validation::new(), Duration::from_secs(1_700_000_000), &mut scratch)?;
    /// assert!(!verified.claims().exp.unwrap().is_integer_seconds());
    /// assert!(verified.claims().iat.unwrap().is_integer_seconds());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn is_integer_seconds(&self) -> bool {
        self.floor_ns == self.ceil_ns && self.floor_ns.rem_euclid(NANOS) == 0
    }

    /// Parses a JSON number literal. `None` for anything that is not a
    /// finite JSON number (a literal that overflows `f64`, like `1e400`, is
    /// `Infinity` in JavaScript and is refused).
    pub(crate) fn parse(raw: &[u8]) -> Option<Self> {
        // Fast path: the usual plain integer seconds (at most 18 digits, so
        // the sum fits u64 and the product below cannot overflow i128; both exact).
        // Summed in u64: the i128 multiply-add per digit was most of a claim check.
        // One pass: digits are summed as they are checked.
        if !raw.is_empty() && raw.len() <= 18 && (raw.len() == 1 || raw.first() != Some(&b'0')) {
            let mut secs = 0u64;
            let all_digits = raw.iter().all(|&d| {
                let v = d.wrapping_sub(b'0');
                secs = secs.wrapping_mul(10).wrapping_add(u64::from(v));
                v <= 9
            });
            if all_digits {
                let ns = i128::from(secs) * NANOS;
                return Some(NumericDate { floor_ns: ns, ceil_ns: ns });
            }
        }
        if !is_json_number(raw) {
            return None;
        }
        let (neg, rest) = match raw.split_first()? {
            (b'-', rest) => (true, rest),
            _ => (false, raw),
        };
        let mantissa_end = rest.iter().position(|&b| b == b'e' || b == b'E').unwrap_or(rest.len());
        let (mantissa, exp_part) = rest.split_at_checked(mantissa_end)?;
        // `exp_part` is empty or `e`/`E` followed by the exponent's digits.
        let exp10 = parse_exponent(exp_part.split_first().map_or(&[][..], |(_, digits)| digits))?;
        let (int_digits, frac_digits) = match mantissa.iter().position(|&b| b == b'.') {
            Some(dot) => (mantissa.get(..dot)?, mantissa.get(dot + 1..)?),
            None => (mantissa, &[][..]),
        };
        let frac_len = i64::try_from(frac_digits.len()).ok()?;
        // value = D × 10^shift ns, where D is all digits run together.
        let shift = exp10.checked_sub(frac_len)?.checked_add(9)?;
        let digits = int_digits.iter().chain(frac_digits.iter()).copied().skip_while(|&d| d == b'0');
        let n = i64::try_from(digits.clone().count()).ok()?;
        // A literal that rounds to infinity as an IEEE double (`1e400`) is `Infinity` in
        // JavaScript and refused by Python's JSON reader; it is no NumericDate here either.
        if n > 0 && overflows_f64(digits.clone(), n.checked_add(exp10)?.checked_sub(frac_len)?) {
            return None;
        }
        let (floor, ceil) = if n == 0 {
            (0, 0)
        } else if n.checked_add(shift)? > 30 {
            (SATURATE, SATURATE)
        } else {
            let int_len = n.checked_add(shift)?.max(0);
            let mut int: i128 = 0;
            let mut frac = false;
            for (i, d) in digits.enumerate() {
                if i64::try_from(i).ok()? < int_len {
                    int = int * 10 + i128::from(d - b'0');
                } else if d != b'0' {
                    frac = true;
                }
            }
            for _ in 0..shift.max(0) {
                int *= 10;
            }
            (int, int + i128::from(frac))
        };
        Some(if neg {
            NumericDate { floor_ns: -ceil, ceil_ns: -floor }
        } else {
            NumericDate { floor_ns: floor, ceil_ns: ceil }
        })
    }

    /// Whether the value is strictly after `t` (nanoseconds since the epoch).
    pub(crate) fn is_after(&self, t: i128) -> bool {
        self.ceil_ns > t
    }

    /// Whether the value is strictly before `t`.
    pub(crate) fn is_before(&self, t: i128) -> bool {
        self.floor_ns < t
    }

    /// Whether the value is at or before `t`.
    pub(crate) fn is_at_or_before(&self, t: i128) -> bool {
        self.ceil_ns <= t
    }
}

/// Whether `raw` is a JSON number (RFC 8259 §6): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(raw: &[u8]) -> bool {
    fn digits(s: &[u8]) -> usize {
        s.iter().take_while(|d| d.is_ascii_digit()).count()
    }
    let s = raw.strip_prefix(b"-").unwrap_or(raw);
    let int = digits(s);
    if int == 0 || (int > 1 && s.first() == Some(&b'0')) {
        return false;
    }
    let mut rest = s.get(int..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = digits(frac);
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    if let Some(exp) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exp = exp.strip_prefix(b"+").or_else(|| exp.strip_prefix(b"-")).unwrap_or(exp);
        let n = digits(exp);
        return n > 0 && n == exp.len();
    }
    rest.is_empty()
}

/// The smallest magnitude that rounds to infinity as an IEEE double: halfway
/// between `f64::MAX` and 2^1024, which round-half-to-even sends up
/// (2^1024 − 2^970, exactly; its 309 decimal digits).
const OVERFLOW: &[u8; 309] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Digits before the decimal point of [`OVERFLOW`].
const OVERFLOW_DIGITS: usize = OVERFLOW.len();

/// Whether the decimal `0.D × 10^magnitude` (`D` the significant digits,
/// no leading zeros) rounds to infinity as a double, decided exactly on
/// the digits (so without the float parser, whose tables are a fifth of the
/// WebAssembly verify module). A number with more integer digits than
/// [`OVERFLOW`] overflows; one with as many overflows when its digits,
/// padded with zeros, are not below it (the tie rounds up too).
fn overflows_f64(digits: impl Iterator<Item = u8>, magnitude: i64) -> bool {
    let limit = OVERFLOW_DIGITS as i64;
    if magnitude != limit {
        return magnitude > limit;
    }
    let mut digits = digits.chain(core::iter::repeat(b'0'));
    for &t in OVERFLOW {
        let d = digits.next().unwrap_or(b'0');
        if d != t {
            return d > t;
        }
    }
    true
}

/// Parses an exponent (`[+-]digits`), saturating far outside the range any
/// finite value can need, so huge exponents on a zero mantissa still work.
fn parse_exponent(e: &[u8]) -> Option<i64> {
    if e.is_empty() {
        return Some(0);
    }
    let (neg, digits) = match e.split_first()? {
        (b'-', d) => (true, d),
        (b'+', d) => (false, d),
        _ => (false, e),
    };
    let mut v: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = (v * 10 + i64::from(d - b'0')).min(1_000_000);
    }
    Some(if neg { -v } else { v })
}

/// Nanoseconds of a duration, as the comparisons need them.
pub(crate) fn nanos(d: Duration) -> i128 {
    i128::from(d.as_secs()) * NANOS + i128::from(d.subsec_nanos())
}

/// The current time since the Unix epoch, from the system clock.
///
/// ```
/// let now = jwtcore::now();
/// assert!(now.as_secs() > 1_600_000_000);
/// ```
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub fn now() -> Duration {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nd(s: &str) -> NumericDate {
        NumericDate::parse(s.as_bytes()).unwrap()
    }

    #[test]
    fn integers_and_fractions() {
        assert_eq!(nd("1700000000"), NumericDate::from_unix_seconds(1_700_000_000));
        let half = nd("1700000000.5");
        assert_eq!(half.floor_ns, 1_700_000_000_500_000_000);
        assert_eq!(half.ceil_ns, half.floor_ns);
        let tiny = nd("1700000000.0000000001");
        assert_eq!(tiny.floor_ns, 1_700_000_000 * NANOS);
        assert_eq!(tiny.ceil_ns, 1_700_000_000 * NANOS + 1);
        assert_eq!(nd("17e8"), NumericDate::from_unix_seconds(1_700_000_000));
        assert_eq!(nd("1.7E+9"), NumericDate::from_unix_seconds(1_700_000_000));
        assert_eq!(nd("0"), NumericDate::from_unix_seconds(0));
        assert_eq!(nd("-0.0"), NumericDate::from_unix_seconds(0));
        assert_eq!(nd("0e999999999999"), NumericDate::from_unix_seconds(0));
    }

    #[test]
    fn negatives_round_outward() {
        let d = nd("-1.5");
        assert_eq!(d.floor_ns, -1_500_000_000);
        assert_eq!(nd("-1"), NumericDate::from_unix_seconds(-1));
        let t = nd("-0.0000000001");
        assert_eq!((t.floor_ns, t.ceil_ns), (-1, 0));
    }

    #[test]
    fn huge_values_saturate_not_wrap() {
        let far = nd("1e20");
        assert!(far.is_after(i128::from(i64::MAX) * NANOS));
        let two64 = nd("18446744073709551616");
        assert!(two64.is_after(nanos(Duration::from_secs(u64::MAX))));
        assert!(nd("-1e20").is_before(0));
        assert_eq!(far.unix_seconds(), i64::MAX);
        assert!(nd("1e308").is_after(0));
    }

    #[test]
    fn non_finite_is_refused() {
        assert_eq!(NumericDate::parse(b"1e400"), None);
        assert_eq!(NumericDate::parse(b"-1e400"), None);
        assert_eq!(NumericDate::parse(b"\"1\""), None);
        assert!(NumericDate::parse(b"1e-400").is_some());
        // Right at the double's limit: f64::MAX is finite, the halfway point to 2^1024 is not.
        assert!(NumericDate::parse(b"1.7976931348623157e308").is_some());
        assert!(
            NumericDate::parse(
                b"17976931348623158079372897140530341507993413271003782693617377898044496829276475094665e223"
            )
            .is_none()
        );
        assert!(
            NumericDate::parse(
                b"17976931348623158079372897140530341507993413271003782693617377898044496829276475094664e223"
            )
            .is_some()
        );
        assert!(NumericDate::parse(b"17976931348623158.08e292").is_none());
        assert!(NumericDate::parse(OVERFLOW).is_none());
        assert!(NumericDate::parse(b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791").is_some());
        assert!(NumericDate::parse(b"0.00017976931348623159e312").is_none());
        assert!(NumericDate::parse(b"0.00017976931348623157e312").is_some());
    }

    #[test]
    fn only_json_numbers() {
        for bad in
            ["", "-", "+1", "01", "1.", ".5", "1e", "1e+", "inf", "NaN", "1x", "1.5.5", "--1", "1e5e5", "0x10", " 1"]
        {
            assert_eq!(NumericDate::parse(bad.as_bytes()), None, "{bad}");
        }
        for good in ["0", "-0", "10", "1.25", "1e5", "1E-5", "1.5e+3", "-0.0e0"] {
            assert!(NumericDate::parse(good.as_bytes()).is_some(), "{good}");
        }
    }

    #[test]
    fn overflow_agrees_with_the_float_parser() {
        // The exact digit comparison against std's correctly rounded parser, around the limit.
        let mut cases = std::vec::Vec::new();
        for mantissa in [
            "1.7976931348623157",
            "1.7976931348623158",
            "1.79769313486231580793728971405303415079934132710037826936173778980444968292764750946647",
            "1.79769313486231580793728971405303415079934132710037826936173778980444968292764750946646999",
            "1.8",
            "9.99",
            "1",
            "0.1",
        ] {
            for exp in [306, 307, 308, 309, 310] {
                cases.push(std::format!("{mantissa}e{exp}"));
                cases.push(std::format!("-{mantissa}e{exp}"));
            }
        }
        for c in cases {
            let finite = c.parse::<f64>().unwrap().is_finite();
            assert_eq!(NumericDate::parse(c.as_bytes()).is_some(), finite, "{c}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config())]

        /// Random literals near the double's limit: refused exactly when the float parser
        /// (correctly rounded) says infinity.
        #[test]
        fn overflow_agrees_on_random_literals(
            neg in proptest::bool::ANY,
            int in "[1-9][0-9]{0,40}",
            frac in proptest::option::of("[0-9]{1,40}"),
            exp in 250i32..330,
        ) {
            let sign = if neg { "-" } else { "" };
            let text = match frac {
                Some(f) => std::format!("{sign}{int}.{f}e{}", exp - i32::try_from(int.len()).unwrap()),
                None => std::format!("{sign}{int}e{}", exp - i32::try_from(int.len()).unwrap()),
            };
            let finite = text.parse::<f64>().unwrap().is_finite();
            proptest::prop_assert_eq!(NumericDate::parse(text.as_bytes()).is_some(), finite, "{}", text);
        }
    }

    #[test]
    fn comparisons_are_exact() {
        let now = nanos(Duration::from_secs(1000));
        assert!(nd("1000").is_at_or_before(now));
        assert!(!nd("1000.5").is_at_or_before(now));
        assert!(nd("1000.5").is_after(now));
        assert!(!nd("1000").is_after(now));
        assert!(nd("999.9999999999").is_before(now));
        assert!(!nd("1000").is_before(now));
    }
}
