//! `make bench`: jwtcore vs jsonwebtoken, jwt-simple and jwt-compact on the
//! same token and keys, verify+validate and encode, plus the bare primitive,
//! for HS256, ES256 and EdDSA; and verify through a 5-key JWKS.

use std::hint::black_box;

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
        let now = std::time::Duration::from_secs(NOW);
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

criterion_group!(benches, verify, encode, jwks, rs256);
criterion_main!(benches);
