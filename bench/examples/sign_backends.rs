//! The signing primitives side by side, portable crate vs `ring`, to show which backend the
//! core's `ring` feature should sign with (issue 21): P-256 (`p256` vs ring's `EcdsaKeyPair`),
//! RSA-2048 PKCS#1 v1.5 (`rsa` vs ring's `RsaKeyPair`, on the fixture key) and Ed25519 (`ed25519-dalek` vs ring's
//! `Ed25519KeyPair`). Keys are built once; each figure is the median of 7 interleaved rounds.
//!
//! `cargo run --release -p jwtcore-bench --features ring --example sign_backends`

use std::hint::black_box;
use std::time::Instant;

use ed25519_dalek::Signer as _;
use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _};

/// µs per call of `f`, over `n` calls.
fn time(n: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_secs_f64() / f64::from(n) * 1e6
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let msg = [b'x'; 300];
    let rng = ring::rand::SystemRandom::new();

    let p256_key = p256::ecdsa::SigningKey::from_slice(&[7; 32]).expect("a valid scalar");
    let p256_point = p256_key.verifying_key().to_sec1_point(false);
    let p256_ring = ring::signature::EcdsaKeyPair::from_private_key_and_public_key(
        &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &p256_key.to_bytes(),
        p256_point.as_bytes(),
        &rng,
    )
    .expect("ring takes the key");

    let mut os = getrandom::SysRng;
    let rsa_key = {
        use rsa::pkcs1::DecodeRsaPrivateKey as _;
        rsa::RsaPrivateKey::from_pkcs1_pem(include_str!("../../tests/fixtures/keys/rsa-2048-pkcs1.pem"))
            .expect("the RSA-2048 fixture")
    };
    let rsa_signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(rsa_key.clone());
    let rsa_der = {
        use rsa::pkcs1::EncodeRsaPrivateKey as _;
        rsa_key.to_pkcs1_der().expect("PKCS#1 DER")
    };
    let rsa_ring = ring::rsa::KeyPair::from_der(rsa_der.as_bytes()).expect("ring takes the key");
    let mut rsa_out = vec![0u8; rsa_ring.public().modulus_len()];

    let ed_key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let ed_ring = ring::signature::Ed25519KeyPair::from_seed_unchecked(&[7; 32]).expect("a seed");
    assert_eq!(ed_key.sign(&msg).to_bytes().as_slice(), ed_ring.sign(&msg).as_ref());

    let mut rows: Vec<(&str, Vec<f64>, Vec<f64>)> = vec![
        ("ES256 (P-256)", vec![], vec![]),
        ("RS256 (RSA-2048)", vec![], vec![]),
        ("EdDSA (Ed25519)", vec![], vec![]),
    ];
    for _ in 0..7 {
        for (name, portable, native) in &mut rows {
            match *name {
                "ES256 (P-256)" => {
                    portable.push(time(2000, || {
                        let sig: p256::ecdsa::Signature = p256_key.sign(black_box(&msg));
                        black_box(sig);
                    }));
                    native.push(time(2000, || {
                        black_box(p256_ring.sign(&rng, black_box(&msg)).expect("signs"));
                    }));
                }
                "RS256 (RSA-2048)" => {
                    portable.push(time(20, || {
                        black_box(rsa_signer.try_sign_with_rng(&mut os, black_box(&msg)).expect("signs").to_bytes());
                    }));
                    native.push(time(20, || {
                        rsa_ring
                            .sign(&ring::signature::RSA_PKCS1_SHA256, &rng, black_box(&msg), &mut rsa_out)
                            .expect("signs");
                    }));
                }
                _ => {
                    portable.push(time(2000, || {
                        black_box(ed_key.sign(black_box(&msg)));
                    }));
                    native.push(time(2000, || {
                        black_box(ed_ring.sign(black_box(&msg)));
                    }));
                }
            }
        }
    }
    println!("| sign, 300-byte message | portable µs | ring µs | portable / ring |");
    println!("|---|---:|---:|---:|");
    for (name, portable, native) in rows {
        let (p, r) = (median(portable), median(native));
        println!("| {name} | {p:.1} | {r:.1} | {:.2}× |", p / r);
    }
}
