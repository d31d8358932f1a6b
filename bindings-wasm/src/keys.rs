//! Key handles. Secret material stays in wasm memory (zeroized on drop by
//! the core) unless the caller exports it with `toJwk(true)`.

use wasm_bindgen::prelude::*;

use crate::jwt::Policy;
use crate::{jwt_err, parse_alg};

/// A key bound to one algorithm (JWK, PEM, DER, HMAC secret or generated).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Key(pub(crate) jwtcore::Key);

#[wasm_bindgen]
impl Key {
    /// From a JWK's JSON text; `alg` binds an `oct` key that names none (or
    /// must agree with the JWK's own `alg`).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: &str, alg: Option<String>) -> Result<Key, JsValue> {
        let key = match alg.as_deref() {
            Some(a) => jwtcore::Key::from_jwk_for(jwk, parse_alg(a)?, false),
            None => jwtcore::Key::from_jwk(jwk),
        };
        key.map(Key).map_err(|e| jwt_err(e, &[]))
    }

    /// From PEM text (SPKI, PKCS#8, SEC1); with `alg`, the key must be for
    /// that algorithm (an RSA key is bound to it).
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: &str, alg: Option<String>) -> Result<Key, JsValue> {
        let key = jwtcore::Key::from_pem(pem).map_err(|e| jwt_err(e, &[]))?;
        bind(key, alg)
    }

    /// From DER bytes (SPKI, PKCS#8, SEC1), as [`Key::from_pem`].
    #[wasm_bindgen(js_name = fromDer)]
    pub fn from_der(der: &[u8], alg: Option<String>) -> Result<Key, JsValue> {
        let key = jwtcore::Key::from_der(der).map_err(|e| jwt_err(e, &[]))?;
        bind(key, alg)
    }

    /// The public key of an X.509 certificate in PEM (jose's `importX509`;
    /// the certificate itself is not validated), bound to `alg` as
    /// [`Key::from_pem`].
    #[wasm_bindgen(js_name = fromX509)]
    pub fn from_x509(pem: &str, alg: Option<String>) -> Result<Key, JsValue> {
        let key = jwtcore::Key::from_x509_pem(pem).map_err(|e| jwt_err(e, &[]))?;
        bind(key, alg)
    }

    /// An HMAC key for `alg` (RFC 7518 §3.2 minimum length enforced).
    #[wasm_bindgen(js_name = fromSecret)]
    pub fn from_secret(alg: &str, secret: &[u8]) -> Result<Key, JsValue> {
        jwtcore::Key::hmac(parse_alg(alg)?, secret).map(Key).map_err(|e| jwt_err(e, &[]))
    }

    /// A fresh key for `alg` from the platform CSPRNG
    /// (`crypto.getRandomValues`).
    pub fn generate(alg: &str) -> Result<Key, JsValue> {
        jwtcore::Key::generate_os(parse_alg(alg)?).map(Key).map_err(|e| jwt_err(e, &[]))
    }

    /// The algorithm the key is bound to.
    #[wasm_bindgen(getter)]
    pub fn algorithm(&self) -> String {
        self.0.algorithm().as_str().to_owned()
    }

    /// The key ID, if any.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.0.kid().map(str::to_owned)
    }

    /// Whether the key can sign (private or HMAC).
    #[wasm_bindgen(getter, js_name = isPrivate)]
    pub fn is_private(&self) -> bool {
        self.0.is_private()
    }

    /// The key family: `oct`, `EC`, `OKP` or `RSA`.
    #[wasm_bindgen(getter)]
    pub fn kty(&self) -> String {
        match self.0.family() {
            jwtcore::Family::Hmac => "oct",
            jwtcore::Family::Ecdsa => "EC",
            jwtcore::Family::EdDsa => "OKP",
            jwtcore::Family::Rsa => "RSA",
            _ => "other",
        }
        .to_owned()
    }

    /// The JWK JSON text; private members only with `include_private`.
    #[wasm_bindgen(js_name = toJwk)]
    pub fn to_jwk(&self, include_private: bool) -> Result<String, JsValue> {
        self.0.to_jwk(include_private).map_err(|e| jwt_err(e, &[]))
    }

    /// The RFC 7638 thumbprint (base64url SHA-256).
    pub fn thumbprint(&self) -> Result<String, JsValue> {
        let mut b = [0u8; 43];
        self.0.thumbprint(&mut b).map(str::to_owned).map_err(|e| jwt_err(e, &[]))
    }

    /// The public half (an HMAC key has none: `key_not_private`-style error
    /// from the core).
    #[wasm_bindgen(js_name = toPublic)]
    pub fn to_public(&self) -> Result<Key, JsValue> {
        self.0.to_public().map(Key).map_err(|e| jwt_err(e, &[]))
    }

    /// A copy carrying `kid`.
    #[wasm_bindgen(js_name = withKid)]
    pub fn with_kid(&self, kid: &str) -> Result<Key, JsValue> {
        self.0.clone().with_kid(kid).map(Key).map_err(|e| jwt_err(e, &[]))
    }
}

fn bind(key: jwtcore::Key, alg: Option<String>) -> Result<Key, JsValue> {
    let Some(alg) = alg else { return Ok(Key(key)) };
    let alg = parse_alg(&alg)?;
    if key.is_algorithm_flexible() {
        return key.bind_algorithm(alg).map(Key).map_err(|e| jwt_err(e, &[]));
    }
    if key.algorithm() != alg {
        return Err(jwt_err(jwtcore::Error::Header(jwtcore::HeaderError::AlgKeyMismatch), &[]));
    }
    Ok(Key(key))
}

/// A public JWK set (the core's [`jwtcore::keys::KeySet::from_jwks`]:
/// `oct` entries are skipped and only public halves kept); keys are chosen
/// by the token's `kid` and `alg` with the core's rules.
#[wasm_bindgen]
#[derive(Debug)]
pub struct KeySet(pub(crate) jwtcore::keys::KeySet<64>);

#[wasm_bindgen]
impl KeySet {
    /// From a JWKS JSON text (`{"keys":[…]}`).
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(jwks: &str) -> Result<KeySet, JsValue> {
        jwtcore::keys::KeySet::from_jwks(jwks).map(KeySet).map_err(|e| jwt_err(e, &[]))
    }

    /// How many keys were loaded.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.0.len()
    }

    /// The first key the core's selection rules give for a header's `alg`
    /// and `kid` (`kid` as JSON string content, as it appears in a header).
    /// A copy: this is jose's resolver contract, called by users directly;
    /// verification never copies keys (see [`KeySet::candidates`]).
    pub fn select(&self, alg: &str, kid: Option<String>) -> Result<Key, JsValue> {
        use jwtcore::keys::KeyResolver;
        let alg = parse_alg(alg)?;
        let mut found = None;
        let r = self.0.resolve(alg, kid.as_deref(), &mut |k| {
            found = Some(k.clone());
            Ok(())
        });
        match (r, found) {
            (Ok(()), Some(k)) => Ok(Key(k)),
            (Err(e), _) => Err(jwt_err(e, &[])),
            (Ok(()), None) => Err(jwt_err(jwtcore::Error::KeySet(jwtcore::KeySetError::NoMatchingKey), &[])),
        }
    }

    /// The positions of the keys the core would try for `token`, in the
    /// order it tries them, for a two-phase verification whose signature
    /// arithmetic runs outside wasm (each candidate is tried, as
    /// `verify_with` does). Header errors and "no matching key" are the
    /// core's own, exactly as [`crate::verify_set`] reports them.
    pub fn candidates(&self, token: &str, policy: &Policy) -> Result<Vec<u32>, JsValue> {
        let found = core::cell::RefCell::new(Vec::new());
        let collect = Collect { set: &self.0, found: &found };
        // `Collect` ends the verification after selection, so the token's
        // payload is never decoded here.
        match policy.verify_with(token, &collect) {
            Err(e) if found.borrow().is_empty() => Err(e),
            _ => Ok(found.into_inner()),
        }
    }

    /// [`KeySet::candidates`] for a token with a detached payload
    /// (`header..signature`): selection reads only the header, so no
    /// payload is needed.
    #[wasm_bindgen(js_name = candidatesDetached)]
    pub fn candidates_detached(&self, token: &str, policy: &Policy) -> Result<Vec<u32>, JsValue> {
        let found = core::cell::RefCell::new(Vec::new());
        let collect = Collect { set: &self.0, found: &found };
        let n = if token.len() > policy.max_len() { 0 } else { jwtcore::detached_scratch_len(token, 0) };
        let mut buf = vec![0u8; n.max(16)];
        let r = policy.with(|v| {
            jwtcore::verify_jws_detached_with(token, &[], &collect, v, &mut buf)
                .map(|_| ())
                .map_err(|e| jwt_err(e, &[]))
        });
        match r {
            Err(e) if found.borrow().is_empty() => Err(e),
            _ => Ok(found.into_inner()),
        }
    }

    /// The public JWK text of entry `index` (for the platform's own key
    /// import: node:crypto or WebCrypto).
    #[wasm_bindgen(js_name = publicJwk)]
    pub fn public_jwk(&self, index: u32) -> Result<String, JsValue> {
        self.entry(index)?.to_jwk(false).map_err(|e| jwt_err(e, &[]))
    }

    /// How many entries were skipped (`oct`, unsupported `kty`/`crv`/`alg`).
    #[wasm_bindgen(getter)]
    pub fn skipped(&self) -> usize {
        self.0.skipped()
    }
}

impl KeySet {
    /// Entry `index` in iteration order (the positions [`KeySet::candidates`]
    /// returns).
    pub(crate) fn entry(&self, index: u32) -> Result<&jwtcore::Key, JsValue> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.0.iter().nth(i))
            .ok_or_else(|| jwt_err(jwtcore::Error::KeySet(jwtcore::KeySetError::NoMatchingKey), &[]))
    }
}

/// A resolver that records the set's candidates for a header (by position)
/// instead of verifying with them, then stops the verification.
struct Collect<'a> {
    set: &'a jwtcore::keys::KeySet<64>,
    found: &'a core::cell::RefCell<Vec<u32>>,
}

impl jwtcore::keys::KeyResolver for Collect<'_> {
    fn resolve(
        &self,
        alg: jwtcore::Algorithm,
        kid: Option<&str>,
        _attempt: &mut dyn FnMut(&jwtcore::Key) -> Result<(), jwtcore::Error>,
    ) -> Result<(), jwtcore::Error> {
        let stop = jwtcore::Error::KeySet(jwtcore::KeySetError::NoMatchingKey);
        let r = self.set.resolve(alg, kid, &mut |k| {
            let pos = self.set.iter().position(|e| core::ptr::eq(e, k));
            if let Some(i) = pos.and_then(|i| u32::try_from(i).ok()) {
                self.found.borrow_mut().push(i);
            }
            // Err: go on to the next candidate.
            Err(stop)
        });
        // Never Ok: the caller must not go on to read the claims.
        r.and(Err(stop))
    }
}
