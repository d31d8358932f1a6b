//! HS256 verify + deserialize: jwtcore against jsonwebtoken, jwt-simple and
//! jwt-compact, interleaved, for a ratio that holds up on a shared machine.
//!
//! Criterion times one library after another, so a load change between two
//! rows moves their ratio (on the 2-core machine here the same closure has
//! read 1.5× apart within one run). This runs short batches of each library
//! in turn, round after round (the order rotated each round), and reports the
//! median over rounds of each library's time divided by jwtcore's time in
//! the same round: both sides of every ratio saw the same load.
//!
//! ```sh
//! cargo run --release -p jwtcore-bench --example ratio [rounds] [batch]
//! ```

use std::hint::black_box;
use std::time::Instant;

use jwtcore_bench::*;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("rounds and batch are counts"));
    let rounds = args.next().unwrap_or(300);
    let batch = args.next().unwrap_or(1000);
    let k = Keys::load(Alg::Hs256);
    check(&k);
    let v = Verifiers::new(Alg::Hs256);
    let cv = core_validation();
    let mut scratch = [0u8; 1024];

    let names = ["jwtcore", "jsonwebtoken", "jwt-simple", "jwt-compact"];
    let mut run = |lib: usize| -> f64 {
        let start = Instant::now();
        let mut sum = 0;
        for _ in 0..batch {
            sum += match lib {
                0 => verify_jwtcore(black_box(&k), &cv, &mut scratch),
                1 => verify_jsonwebtoken(black_box(&k), &v),
                2 => verify_jwt_simple(black_box(&k), &v),
                _ => verify_jwt_compact(black_box(&k), &v),
            };
        }
        // 15 bytes of `sub` + 3 roles: every call verified.
        assert_eq!(sum, batch * 18);
        start.elapsed().as_nanos() as f64 / batch as f64
    };
    for lib in 0..names.len() {
        run(lib); // warm-up
    }
    let mut times = vec![Vec::with_capacity(rounds); names.len()];
    for round in 0..rounds {
        for i in 0..names.len() {
            let lib = (i + round) % names.len();
            let t = run(lib);
            times[lib].push(t);
        }
    }
    println!("HS256 verify + deserialize, {rounds} rounds of {batch} calls per library, interleaved");
    println!("{:<14} {:>12} {:>12} {:>22}", "library", "median ns", "min ns", "median ratio to jwtcore");
    for lib in 0..names.len() {
        let ratios: Vec<f64> = times[lib].iter().zip(&times[0]).map(|(t, c)| t / c).collect();
        let min = times[lib].iter().copied().fold(f64::INFINITY, f64::min);
        println!("{:<14} {:>12.0} {:>12.0} {:>21.2}×", names[lib], median(times[lib].clone()), min, median(ratios));
    }
    let fastest = (1..names.len())
        .map(|lib| median(times[lib].iter().zip(&times[0]).map(|(t, c)| t / c).collect()))
        .fold(f64::INFINITY, f64::min);
    println!("fastest anchor / jwtcore (median of per-round ratios): {fastest:.2}×");
}
