//! The token: its text, the family it names, and parsing and
//! authenticating what a client presents.

// The parent's imports and constants (the token format, the labels) are shared by glob.
use super::*;

/// A refresh token's text (what the client holds). Zeroized on drop;
/// `Debug` is redacted.
///
/// ```
/// # struct Counter(u8);
/// # impl rand_core::TryRng for Counter {
/// #     type Error = core::convert::Infallible;
/// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
/// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
/// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
/// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
/// # }
/// # impl rand_core::TryCryptoRng for Counter {}
/// # let mut rng = Counter(0); // use a real CSPRNG
/// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let (token, _) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
/// assert_eq!(format!("{token:?}"), "RefreshToken(<redacted>)");
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct RefreshToken {
    pub(super) text: [u8; REFRESH_TOKEN_LEN],
}

impl RefreshToken {
    /// The token text.
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (token, _) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let text: &str = token.as_str(); // send this to the client
    /// assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    /// ```
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.text).unwrap_or("")
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken(<redacted>)")
    }
}

/// A family's identifier: not secret on its own (it is where the record is
/// stored), but only ever learned from an authentic token.
///
/// ```
/// # struct Counter(u8);
/// # impl rand_core::TryRng for Counter {
/// #     type Error = core::convert::Infallible;
/// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
/// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
/// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
/// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
/// # }
/// # impl rand_core::TryCryptoRng for Counter {}
/// # let mut rng = Counter(0); // use a real CSPRNG
/// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, record) = start(&mut rng, &config, 1_000, None);
/// let presented = Presented::parse(token.as_str(), &config).unwrap();
/// assert_eq!(presented.family_id(), record.family);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FamilyId(pub(super) [u8; 16]);

impl FamilyId {
    /// The 16 bytes.
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let column: &[u8; 16] = record.family.as_bytes(); // e.g. a BINARY(16) key
    /// assert_eq!(column, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]); // the counting test RNG
    /// ```
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Renders `r1:<32 hex>` into `out` (35 bytes); empty if too small.
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// use jwtcore::session::{KeyRing, MacKey, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let (_, record) = start(&mut rng, &RefreshConfig::new(KeyRing::new(&key)), 1_000, None);
    /// let mut buf = [0u8; 35];
    /// assert_eq!(record.family.render(&mut buf), "r1:0102030405060708090a0b0c0d0e0f10");
    /// assert_eq!(record.family.render(&mut [0u8; 34]), ""); // too small
    /// ```
    pub fn render<'o>(&self, out: &'o mut [u8]) -> &'o str {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let Some(out) = out.get_mut(..35) else {
            return "";
        };
        let (prefix, hex) = out.split_at_mut(3);
        prefix.copy_from_slice(b"r1:");
        for (b, pair) in self.0.iter().zip(hex.chunks_exact_mut(2)) {
            if let [hi, lo] = pair {
                *hi = DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
                *lo = DIGITS.get(usize::from(b & 0x0F)).copied().unwrap_or(b'0');
            }
        }
        core::str::from_utf8(out).unwrap_or("")
    }
}

impl fmt::Debug for FamilyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 35];
        write!(f, "FamilyId({})", self.render(&mut buf))
    }
}

/// An authenticated, parsed refresh token: its tag verified, so its family
/// and generation can be trusted. Look the record up by [`family_id`].
///
/// [`family_id`]: Presented::family_id
///
/// ```
/// # struct Counter(u8);
/// # impl rand_core::TryRng for Counter {
/// #     type Error = core::convert::Infallible;
/// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
/// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
/// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
/// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
/// # }
/// # impl rand_core::TryCryptoRng for Counter {}
/// # let mut rng = Counter(0); // use a real CSPRNG
/// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, start};
/// # let key = MacKey::from_bytes([1; 32]);
/// let config = RefreshConfig::new(KeyRing::new(&key));
/// let (token, _) = start(&mut rng, &config, 1_000, None);
/// let presented = Presented::parse(token.as_str(), &config).unwrap();
/// // Debug shows family and generation, never the secret.
/// assert!(format!("{presented:?}").starts_with("Presented { family: FamilyId(r1:"));
/// ```
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Presented {
    #[zeroize(skip)]
    pub(super) family: FamilyId,
    pub(super) generation: u32,
    pub(super) secret: [u8; 32],
}

impl fmt::Debug for Presented {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Presented")
            .field("family", &self.family)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl Presented {
    /// Decodes (in constant time) and authenticates a token against every
    /// key of the ring.
    ///
    /// # Errors
    /// [`RejectReason::Malformed`] or [`RejectReason::NotAuthentic`].
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, RejectReason, start};
    /// let (key, other) = (MacKey::from_bytes([1; 32]), MacKey::from_bytes([2; 32]));
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (token, _) = start(&mut rng, &config, 1_000, None);
    /// assert!(Presented::parse(token.as_str(), &config).is_ok());
    /// // Same token, verified under a key that did not tag it: refused before any store access.
    /// let stranger = RefreshConfig::new(KeyRing::new(&other));
    /// assert_eq!(Presented::parse(token.as_str(), &stranger).unwrap_err(), RejectReason::NotAuthentic);
    /// ```
    pub fn parse(text: &str, config: &RefreshConfig<'_>) -> Result<Presented, RejectReason> {
        if text.len() != REFRESH_TOKEN_LEN {
            return Err(RejectReason::Malformed);
        }
        let mut raw = [0u8; RAW_LEN];
        match b64::decode_secret(text.as_bytes(), &mut raw) {
            Ok(out) if out.len() == RAW_LEN => {}
            _ => return Err(RejectReason::Malformed),
        }
        let mut r = Reader(&raw);
        let (Some(family), Some(generation), Some(secret), Some(tag)) =
            (r.take::<16>(), r.take::<4>(), r.take::<32>(), r.take::<32>())
        else {
            return Err(RejectReason::Malformed);
        };
        raw.zeroize();
        let presented = Presented { family: FamilyId(family), generation: u32::from_be_bytes(generation), secret };
        let parts: [&[u8]; 4] = [TAG_LABEL, &family, &generation, &presented.secret];
        config.keys.verify(&parts, &tag).ok_or(RejectReason::NotAuthentic)?;
        Ok(presented)
    }

    /// The family to load the record for.
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// use jwtcore::session::{KeyRing, MacKey, Presented, RefreshConfig, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (token, record) = start(&mut rng, &config, 1_000, None);
    /// let presented = Presented::parse(token.as_str(), &config).unwrap();
    /// let mut buf = [0u8; 35];
    /// let lookup_key = presented.family_id().render(&mut buf); // SELECT … WHERE family_id = ?
    /// assert_eq!(lookup_key, record.family.render(&mut [0u8; 35]));
    /// ```
    pub fn family_id(&self) -> FamilyId {
        self.family
    }

    /// The token's generation (0 for the first token of a family).
    ///
    /// ```
    /// # struct Counter(u8);
    /// # impl rand_core::TryRng for Counter {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.0 as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> { Ok(self.0 as u64) }
    /// #     fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in d { self.0 = self.0.wrapping_add(1); *b = self.0; } Ok(()) }
    /// # }
    /// # impl rand_core::TryCryptoRng for Counter {}
    /// # let mut rng = Counter(0); // use a real CSPRNG
    /// use jwtcore::session::{Decision, KeyRing, MacKey, Presented, RefreshConfig, decide, start};
    /// # let key = MacKey::from_bytes([1; 32]);
    /// let config = RefreshConfig::new(KeyRing::new(&key));
    /// let (t0, record) = start(&mut rng, &config, 1_000, None);
    /// let p0 = Presented::parse(t0.as_str(), &config).unwrap();
    /// assert_eq!(p0.generation(), 0);
    /// let Decision::Rotate { token: t1, .. } = decide(&record, &p0, None, 1_010, &config) else { panic!() };
    /// assert_eq!(Presented::parse(t1.as_str(), &config).unwrap().generation(), 1);
    /// ```
    pub fn generation(&self) -> u32 {
        self.generation
    }
}
