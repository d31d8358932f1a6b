//! `make demo`: issue a token with every algorithm, verify it, then show
//! each class of rejection with the error the core reports, then RS256 as
//! identity providers use it: a key from an OpenSSL PEM file, and ID tokens
//! checked against Google- and Entra-shaped JWKS.
//!
//! It also writes `target/demo/` (keys as JWK, one token per algorithm) so
//! the Python and JavaScript demo steps (`make demo-all`) can verify the same
//! tokens.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use jwtcore::keys::KeySet;
use jwtcore::{Algorithm, ClaimSet, EncodeHeader, Key, Validation, encode_into, verify, verify_with};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Claims<'a> {
    sub: &'a str,
    iss: &'a str,
    aud: &'a str,
    exp: u64,
    nbf: u64,
    iat: u64,
    jti: &'a str,
    name: &'a str,
    roles: [&'a str; 3],
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = jwtcore::now();
    let t = now.as_secs();
    let claims = Claims {
        sub: "user-1234567890",
        iss: "https://auth.example.com",
        aud: "api.example.com",
        exp: t + 3600,
        nbf: t - 10,
        iat: t - 10,
        jti: "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        name: "Alice Example",
        roles: ["admin", "editor", "viewer"],
    };
    let issuers = ["https://auth.example.com"];
    let audiences = ["api.example.com"];
    let validation = Validation::new().issuer(&issuers).audience(&audiences).leeway(Duration::from_secs(30));

    std::fs::create_dir_all("target/demo")?;
    let mut jwks = String::from("{\"keys\":[");
    println!("== issue and verify, one token per algorithm");
    let mut hs256_token = String::new();
    let mut hs256 = None;
    // The algorithms every build has (RSA and ES384 keys come from PEM/JWK, not generation).
    let algorithms = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512, Algorithm::Es256, Algorithm::EdDsa];
    for (i, alg) in algorithms.into_iter().enumerate() {
        let key = Key::generate_os(alg)?.with_thumbprint_kid()?;
        let mut out = [0u8; 1024];
        let token = encode_into(&EncodeHeader::new(), &claims, &key, &mut out)?.to_owned();
        let mut scratch = [0u8; 1024];
        let verified = verify(&token, &key, &validation, now, &mut scratch)?;
        let mine: Claims<'_> = verified.deserialize()?;
        println!(
            "{:<6} {:>3} chars  kid={}  sub={}  roles={:?}",
            alg.as_str(),
            token.len(),
            verified.header().kid().unwrap_or("-"),
            mine.sub,
            mine.roles
        );
        std::fs::write(format!("target/demo/{}.jwt", alg.as_str()), &token)?;
        // Public keys go into the demo JWKS; the HMAC secret too (it is a demo).
        let jwk = match key.to_public() {
            Ok(public) => public.to_jwk(false)?,
            Err(_) => key.to_jwk(true)?,
        };
        if i > 0 {
            jwks.push(',');
        }
        jwks.push_str(&jwk);
        if alg == Algorithm::Hs256 {
            hs256_token = token;
            hs256 = Some(key);
        }
    }
    // RSA keys are not generated here: an issuer's key comes from a file, as from `openssl genpkey`.
    let pem = std::fs::read_to_string(repo_file("tests/fixtures/keys/rsa-2048-pkcs8.pem"))?;
    let rsa = Key::from_pem(&pem)?.bind_algorithm(Algorithm::Rs256)?.with_thumbprint_kid()?;
    let mut out = [0u8; 2048];
    let token = encode_into(&EncodeHeader::new(), &claims, &rsa, &mut out)?.to_owned();
    let mut scratch = [0u8; 2048];
    let verified = verify(&token, &rsa.to_public()?, &validation, now, &mut scratch)?;
    println!(
        "RS256  {:>3} chars  kid={}  sub={}  (2048-bit key from an OpenSSL PEM file)",
        token.len(),
        verified.header().kid().unwrap_or("-"),
        verified.deserialize::<Claims<'_>>()?.sub,
    );
    std::fs::write("target/demo/RS256.jwt", &token)?;
    jwks.push(',');
    jwks.push_str(&rsa.to_public()?.to_jwk(false)?);
    jwks.push_str("]}");
    std::fs::write("target/demo/jwks.json", &jwks)?;
    let set: KeySet = KeySet::from_jwks(&jwks)?;
    let mut scratch = [0u8; 1024];
    let es = std::fs::read_to_string("target/demo/ES256.jwt")?;
    let v = verify_with(&es, &set, &validation, now, &mut scratch)?;
    println!("JWKS lookup by kid: ES256 token verified with key {}", v.header().kid().unwrap_or("-"));

    providers()?;

    println!("\n== each class of rejection");
    let key = hs256.ok_or("no HS256 key")?;
    let other = Key::hmac(Algorithm::Hs256, b"a different secret, 32 bytes long")?;
    let ed = Key::generate_os(Algorithm::EdDsa)?;
    let mut report = String::new();
    let mut show = |label: &str, token: &str, key: &Key, v: &Validation<'_>, now: Duration| {
        let mut scratch = [0u8; 16 * 1024];
        let line = match verify(token, key, v, now, &mut scratch) {
            Ok(_) => format!("{label:<34} accepted (unexpected!)"),
            Err(e) => format!("{label:<34} {:<20} {e}", e.code()),
        };
        let _ = writeln!(report, "{line}");
    };
    let parts: Vec<&str> = hs256_token.split('.').collect();
    let b64 = |s: &str| {
        use std::fmt::Write;
        let mut out = String::new();
        let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for chunk in s.as_bytes().chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                let _ = out.write_char(table[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    };
    show("wrong key", &hs256_token, &other, &validation, now);
    show(
        "tampered payload",
        &format!("{}.{}x.{}", parts[0], &parts[1][..parts[1].len() - 1], parts[2]),
        &key,
        &validation,
        now,
    );
    show("expired (clock +2h)", &hs256_token, &key, &validation, now + Duration::from_secs(7200));
    show("issued in the future (clock -1h)", &hs256_token, &key, &validation, now - Duration::from_secs(3600));
    show(
        "not yet valid (clock -1h, no iat)",
        &hs256_token,
        &key,
        &validation.skip(ClaimSet::IAT),
        now - Duration::from_secs(3600),
    );
    show("wrong audience", &hs256_token, &key, &Validation::new().issuer(&issuers).audience(&["other"]), now);
    show("wrong issuer", &hs256_token, &key, &Validation::new().issuer(&["https://evil"]).audience(&audiences), now);
    show("missing required claim `tenant`", &hs256_token, &key, &validation.require_custom(&["tenant"]), now);
    show("alg none", &format!("{}.{}.", b64(r#"{"alg":"none"}"#), parts[1]), &key, &validation, now);
    show("alg not allowed", &hs256_token, &key, &validation.algorithms(&[Algorithm::Es256]), now);
    show("HS256 token, Ed25519 key", &hs256_token, &ed, &validation, now);
    show(
        "unknown crit",
        &format!("{}.{}.{}", b64(r#"{"alg":"HS256","crit":["x"],"x":1}"#), parts[1], parts[2]),
        &key,
        &validation,
        now,
    );
    show("JWE (5 segments)", "a.b.c.d.e", &key, &validation, now);
    show("padded base64", &format!("{}=.{}.{}", parts[0], parts[1], parts[2]), &key, &validation, now);
    show(
        "duplicate member",
        &format!("{}.{}.{}", b64(r#"{"alg":"HS256","alg":"HS256"}"#), parts[1], parts[2]),
        &key,
        &validation,
        now,
    );
    show("token too long", &"a".repeat(9000), &key, &validation, now);
    print!("{report}");
    println!("\nTokens and the JWKS are in target/demo/ for the Python and JS steps (make demo-all).");
    Ok(())
}

/// A file of the repository (the demo reads test fixtures; run it from a checkout).
fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// RS256 ID tokens against JWKS in the shapes Google and Microsoft Entra publish
/// (`tests/vectors/providers.json`: `use`, `x5c`, `x5t`, `issuer` members, key
/// rotation), each verified through a [`KeySet`] by `kid` at the token's own
/// clock. A verdict other than the vector's expected one fails the demo.
fn providers() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "\n== RS256 ID tokens against Google- and Entra-shaped JWKS (tests/vectors/providers.json, at each token's time)"
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_file("tests/vectors/providers.json"))?)?;
    let strings = |v: &serde_json::Value| -> Vec<String> {
        match v {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(a) => a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    };
    for v in file["vectors"].as_array().ok_or("providers.json: no vectors")? {
        let id = v["id"].as_str().unwrap_or("?");
        let set: KeySet = KeySet::from_jwks(&v["jwks"].to_string())?;
        let o = &v["options"];
        let algorithms: Vec<Algorithm> =
            strings(&o["algorithms"]).iter().filter_map(|a| Algorithm::from_name(a)).collect();
        let issuers = strings(&o["issuer"]);
        let issuers: Vec<&str> = issuers.iter().map(String::as_str).collect();
        let audiences = strings(&o["audience"]);
        let audiences: Vec<&str> = audiences.iter().map(String::as_str).collect();
        let validation = Validation::new().algorithms(&algorithms).issuer(&issuers).audience(&audiences);
        let token = v["token"].as_str().ok_or("vector without token")?;
        let now = Duration::from_secs(v["now"].as_u64().ok_or("vector without now")?);
        let mut scratch = [0u8; 4096];
        let want = v["expect"]["error"].as_str();
        match verify_with(token, &set, &validation, now, &mut scratch) {
            Ok(t) if want.is_none() => {
                let claims: serde_json::Value = serde_json::from_str(t.payload_json())?;
                println!(
                    "{id:<34} verified  {} keys in the set, kid={}  sub={}",
                    set.len(),
                    t.header().kid().unwrap_or("-"),
                    claims["sub"].as_str().unwrap_or("-")
                );
            }
            Err(e) if want == Some(e.code()) => println!("{id:<34} {:<20} {e}", e.code()),
            Ok(_) => return Err(format!("{id}: accepted, expected {want:?}").into()),
            Err(e) => return Err(format!("{id}: {} ({e}), expected {want:?}", e.code()).into()),
        }
    }
    Ok(())
}
