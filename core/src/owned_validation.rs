//! [`OwnedValidation`]: validation rules whose strings are owned, for services that read their
//! issuer, audience or denylist from configuration at start-up and keep the rules in shared state.
//!
//! [`Validation`] borrows (`&'a [&'a str]`) so that it is `const`, `Copy` and free of the heap; a
//! `Validation<'static>` in a `static` serves rules known at compile time. Rules known only at run
//! time would otherwise have to be rebuilt per request or leaked; this type owns them and lends a
//! `Validation` for the duration of one verification, building it on the stack (no allocation
//! for up to eight issuers and eight audiences).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::validation::{Denylist, Validation};

/// How many issuers (and, separately, audiences) [`OwnedValidation::with`] lends without
/// allocating; longer lists are lent through one short-lived `Vec`.
const INLINE: usize = 8;

/// [`Validation`] rules with owned issuers, audiences, subject, `typ` and denylist; `Send + Sync`,
/// so it lives in an `Arc` or a `static` built once at start-up.
///
/// ```
/// use jwtcore::{Algorithm, EncodeHeader, Key, OwnedValidation, Validation, encode, verify_with};
/// // Read at start-up, e.g. from the environment:
/// let issuer: String = "https://login.example.com".into();
/// let rules = std::sync::Arc::new(OwnedValidation::new(Validation::new()).issuer([issuer]).audience(["api"]));
///
/// let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes")?;
/// #[derive(serde::Serialize)]
/// struct Claims<'a> { iss: &'a str, aud: &'a str, exp: u64 }
/// let token = encode(&EncodeHeader::new(), &Claims { iss: "https://login.example.com", aud: "api", exp: 4_000_000_000 }, &key)?;
/// let mut scratch = [0u8; 512];
/// let now = core::time::Duration::from_secs(1_700_000_000); // `jwtcore::now()` with `std`
/// let ok = rules.with(|v| verify_with(&token, &key, v, now, &mut scratch).map(|_| ()));
/// assert_eq!(ok, Ok(()));
/// # Ok::<(), jwtcore::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub struct OwnedValidation {
    base: Validation<'static>,
    issuers: Option<Vec<String>>,
    audiences: Option<Vec<String>>,
    subject: Option<String>,
    typ: Option<String>,
    denylist: Option<Box<dyn Denylist + Send>>,
}

impl fmt::Debug for OwnedValidation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedValidation")
            .field("base", &self.base)
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("subject", &self.subject)
            .field("typ", &self.typ)
            .field("denylist", &self.denylist.is_some())
            .finish()
    }
}

impl OwnedValidation {
    /// Starts from `base` (algorithms, leeway, required claims, …); the owned settings below
    /// replace the corresponding ones of `base`.
    ///
    /// ```
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new().leeway(core::time::Duration::from_secs(30)));
    /// # let _ = rules;
    /// ```
    pub fn new(base: Validation<'static>) -> Self {
        OwnedValidation { base, issuers: None, audiences: None, subject: None, typ: None, denylist: None }
    }

    /// As [`Validation::issuer`], with owned strings.
    ///
    /// ```
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new()).issuer([String::from("https://a.example")]);
    /// # let _ = rules;
    /// ```
    #[must_use]
    pub fn issuer<I: IntoIterator<Item = S>, S: Into<String>>(self, issuers: I) -> Self {
        OwnedValidation { issuers: Some(issuers.into_iter().map(Into::into).collect()), ..self }
    }

    /// As [`Validation::audience`], with owned strings.
    ///
    /// ```
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new()).audience(["api", "web"]);
    /// # let _ = rules;
    /// ```
    #[must_use]
    pub fn audience<I: IntoIterator<Item = S>, S: Into<String>>(self, audiences: I) -> Self {
        OwnedValidation { audiences: Some(audiences.into_iter().map(Into::into).collect()), ..self }
    }

    /// As [`Validation::subject`], with an owned string.
    ///
    /// ```
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new()).subject("service-a");
    /// # let _ = rules;
    /// ```
    #[must_use]
    pub fn subject(self, subject: impl Into<String>) -> Self {
        OwnedValidation { subject: Some(subject.into()), ..self }
    }

    /// As [`Validation::typ`], with an owned string.
    ///
    /// ```
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new()).typ("at+jwt");
    /// # let _ = rules;
    /// ```
    #[must_use]
    pub fn typ(self, typ: impl Into<String>) -> Self {
        OwnedValidation { typ: Some(typ.into()), ..self }
    }

    /// As [`Validation::denylist`], owning the denylist.
    ///
    /// ```
    /// struct Nobody;
    /// impl jwtcore::Denylist for Nobody {
    ///     fn is_revoked(&self, _iss: Option<&str>, _jti: &str) -> bool { false }
    /// }
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new()).denylist(Nobody);
    /// # let _ = rules;
    /// ```
    #[must_use]
    pub fn denylist(self, denylist: impl Denylist + Send + 'static) -> Self {
        OwnedValidation { denylist: Some(Box::new(denylist)), ..self }
    }

    /// Lends the rules as a [`Validation`] to `f` (one verification, typically). Allocation-free
    /// up to eight issuers and eight audiences.
    ///
    /// ```
    /// let rules = jwtcore::OwnedValidation::new(jwtcore::Validation::new()).issuer(["https://a.example"]);
    /// let debug = rules.with(|v| format!("{v:?}"));
    /// assert!(debug.contains("https://a.example"));
    /// ```
    pub fn with<R>(&self, f: impl FnOnce(&Validation<'_>) -> R) -> R {
        // Lent from this frame, so that building the `Validation` is one function for every `f`.
        let (mut issuers, mut audiences) = (LentList::default(), LentList::default());
        f(&self.validation(&mut issuers, &mut audiences))
    }

    /// The rules as a `Validation`, the lists lent from `issuers` and `audiences`.
    fn validation<'a>(&'a self, issuers: &'a mut LentList<'a>, audiences: &'a mut LentList<'a>) -> Validation<'a> {
        let mut v: Validation<'_> = self.base;
        if let Some(issuers) = issuers.lend(self.issuers.as_deref()) {
            v = v.issuer(issuers);
        }
        if let Some(audiences) = audiences.lend(self.audiences.as_deref()) {
            v = v.audience(audiences);
        }
        if let Some(subject) = &self.subject {
            v = v.subject(subject);
        }
        if let Some(typ) = &self.typ {
            v = v.typ(typ);
        }
        if let Some(denylist) = &self.denylist {
            v = v.denylist(&**denylist);
        }
        v
    }
}

/// Room to lend a list of owned strings as `&[&str]`: on the stack up to [`INLINE`] entries (no
/// allocation), in a short-lived `Vec` beyond. [`OwnedValidation::with`] and
/// [`Policy::with`](crate::policy::Policy::with) build their `Validation` from these.
#[derive(Default)]
pub(crate) struct LentList<'a> {
    inline: [&'a str; INLINE],
    heap: Vec<&'a str>,
}

impl<'a> LentList<'a> {
    /// `list` as `&str`s, borrowed from `self` (none for none).
    pub(crate) fn lend(&'a mut self, list: Option<&'a [String]>) -> Option<&'a [&'a str]> {
        let list = list?;
        if list.len() <= INLINE {
            for (slot, s) in self.inline.iter_mut().zip(list) {
                *slot = s.as_str();
            }
            Some(self.inline.get(..list.len()).unwrap_or_default())
        } else {
            self.heap = list.iter().map(String::as_str).collect();
            Some(&self.heap)
        }
    }
}
