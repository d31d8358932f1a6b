//! `make bench`: jwtcore vs jsonwebtoken, jwt-simple and jwt-compact on the
//! same token and keys, verify+validate and encode, plus the bare primitive,
//! for HS256, ES256 and EdDSA; and verify through a 5-key JWKS.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jwtcore_bench::*;

fn verify(c: &mut Criterion) {
    for alg in Alg::ALL {
        let k = Keys::load(alg);
        check(&k);
        let v = Verifiers::new(alg);
        let cv = core_validation();
        let p = Primitive::new(&k);
        let mut scratch = [0u8; 1024];
        let mut g = c.benchmark_group(format!("verify/{}", alg.name()));
        // With `--features ring` the row is named after the backend, so both land side by side.
        let name = if jwtcore::keys::BACKEND == "ring" { "jwtcore+ring" } else { "jwtcore" };
        g.bench_function(name, |b| b.iter(|| verify_jwtcore(black_box(&k), &cv, &mut scratch)));
        g.bench_function("jsonwebtoken", |b| b.iter(|| verify_jsonwebtoken(black_box(&k), &v)));
        g.bench_function("jwt-simple", |b| b.iter(|| verify_jwt_simple(black_box(&k), &v)));
        g.bench_function("jwt-compact", |b| b.iter(|| verify_jwt_compact(black_box(&k), &v)));
        g.bench_function("primitive", |b| b.iter(|| p.verify(black_box(alg))));
        if alg == Alg::EdDsa {
            // What the core runs: the strict check, not dalek's default `verify`.
            g.bench_function("dalek verify_strict", |b| b.iter(|| black_box(&p).verify_strict_ed25519()));
        }
        g.finish();
    }
}

fn encode(c: &mut Criterion) {
    for alg in Alg::ALL {
        let k = Keys::load(alg);
        let owned = claims();
        let borrowed = claims_ref();
        let mut out = [0u8; 1024];
        let mut g = c.benchmark_group(format!("encode/{}", alg.name()));
        g.bench_function("jwtcore", |b| b.iter(|| encode_jwtcore(black_box(&k), &borrowed, &mut out).len()));
        g.bench_function("jsonwebtoken", |b| b.iter(|| encode_jsonwebtoken(black_box(&k), &owned)));
        g.bench_function("jwt-simple", |b| b.iter(|| encode_jwt_simple(black_box(&k), &owned)));
        g.bench_function("jwt-compact", |b| b.iter(|| encode_jwt_compact(black_box(&k), &owned)));
        g.finish();
    }
}

fn jwks(c: &mut Criterion) {
    for alg in [Alg::Hs256, Alg::EdDsa] {
        let case = JwksCase::new(alg);
        let cv = core_validation();
        let now = Duration::from_secs(NOW);
        let mut scratch = [0u8; 1024];
        let mut g = c.benchmark_group(format!("jwks/{}", alg.name()));
        g.bench_function("key in hand", |b| {
            b.iter(|| jwtcore::verify(black_box(&case.token), &case.key, &cv, now, &mut scratch).is_ok())
        });
        g.bench_function("5-key set, by kid", |b| {
            b.iter(|| jwtcore::verify_with(black_box(&case.token), &case.set, &cv, now, &mut scratch).is_ok())
        });
        g.finish();
    }
}

/// RS256 (issue 8): jwtcore (portable `rsa`, or `ring` with `--features ring`) against
/// jsonwebtoken's RustCrypto build, on a 2048-bit OpenSSL-generated key, verify and sign.
fn rs256(c: &mut Criterion) {
    let case = RsaCase::load();
    let cv = core_validation();
    let mut scratch = [0u8; 1024];
    let mut out = [0u8; 1024];
    let borrowed = claims_ref();
    let owned = claims();
    let mut g = c.benchmark_group("verify/RS256");
    let name = if jwtcore::keys::BACKEND == "ring" { "jwtcore+ring" } else { "jwtcore" };
    g.bench_function(name, |b| b.iter(|| case.verify_jwtcore(black_box(&cv), &mut scratch)));
    g.bench_function("jsonwebtoken", |b| b.iter(|| case.verify_jsonwebtoken()));
    g.finish();
    let mut g = c.benchmark_group("encode/RS256");
    g.bench_function(name, |b| b.iter(|| case.encode_jwtcore(black_box(&borrowed), &mut out)));
    g.bench_function("jsonwebtoken", |b| b.iter(|| case.encode_jsonwebtoken(black_box(&owned))));
    g.finish();
}

/// One HS256 verify taken apart (issue 21): each stage the core runs, timed
/// alone through the public API on the canonical token. The stages not
/// reachable alone (header JSON, claims JSON + checks) are the differences
/// `bench/README.md` derives from these rows.
fn stages(c: &mut Criterion) {
    use jwtcore::compact::{Compact, decode_segment};
    let k = Keys::load(Alg::Hs256);
    let cv = core_validation();
    let now = Duration::from_secs(NOW);
    let token = k.token.as_str();
    let parts = Compact::split(token, jwtcore::DEFAULT_MAX_TOKEN_LEN).unwrap();
    let mut sig = [0u8; 64];
    let sig_len = decode_segment(parts.signature_b64(), jwtcore::Part::Signature, &mut sig).unwrap().len();
    let mut buf = [0u8; 1024];
    let mut g = c.benchmark_group("stages/HS256");
    g.bench_function("1 split", |b| b.iter(|| Compact::split(black_box(token), 65_536).unwrap().signing_input().len()));
    g.bench_function("2 b64 header", |b| {
        b.iter(|| decode_segment(black_box(parts.header_b64()), jwtcore::Part::Header, &mut buf).unwrap().len())
    });
    g.bench_function("3 header: split + b64 + JSON + checks", |b| {
        b.iter(|| jwtcore::dangerous::decode_header(black_box(token), &mut buf).unwrap().len())
    });
    g.bench_function("4 b64 signature", |b| {
        b.iter(|| decode_segment(black_box(parts.signature_b64()), jwtcore::Part::Signature, &mut buf).unwrap().len())
    });
    g.bench_function("5 HMAC, precomputed key + ct compare", |b| {
        b.iter(|| {
            jwtcore::raw::verify_raw(
                jwtcore::Algorithm::Hs256,
                &k.core,
                black_box(parts.signing_input()),
                &sig[..sig_len],
            )
            .is_ok()
        })
    });
    g.bench_function("6 b64 payload", |b| {
        b.iter(|| decode_segment(black_box(parts.payload_b64()), jwtcore::Part::Payload, &mut buf).unwrap().len())
    });
    g.bench_function("7 verify (1-6 + claims JSON + checks)", |b| {
        b.iter(|| jwtcore::verify(black_box(token), &k.core, &cv, now, &mut buf).unwrap().payload_json().len())
    });
    let mut held = [0u8; 1024];
    let verified = jwtcore::verify(token, &k.core, &cv, now, &mut held).unwrap();
    g.bench_function("8 deserialize into ClaimsRef", |b| {
        b.iter(|| {
            let c: ClaimsRef<'_> = black_box(&verified).deserialize().unwrap();
            c.sub.len() + c.roles.len()
        })
    });
    g.bench_function("9 verify + deserialize (the verify row)", |b| {
        b.iter(|| verify_jwtcore(black_box(&k), &cv, &mut buf))
    });
    g.finish();
}

criterion_group!(benches, verify, stages, encode, jwks, rs256);
criterion_main!(benches);
