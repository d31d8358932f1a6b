//! One HS256 verify + deserialize of the benchmark token, repeated, for a
//! profiler: `bench/README.md` reads its instruction counts per stage with
//! callgrind (deterministic, unlike timings on a shared machine).
//!
//! ```sh
//! cargo build --release -p jwtcore-bench --example profile
//! valgrind --tool=callgrind --toggle-collect='jwtcore_bench::verify_jwtcore' \
//!     target/release/examples/profile 2000
//! callgrind_annotate --inclusive=yes callgrind.out.*
//! ```

use jwtcore_bench::*;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let k = Keys::load(Alg::Hs256);
    let v = core_validation();
    let mut scratch = [0u8; 1024];
    let mut sum = 0;
    for _ in 0..n {
        sum += verify_jwtcore(std::hint::black_box(&k), &v, &mut scratch);
    }
    // 15 bytes of `sub` + 3 roles per verify: proves every iteration verified.
    assert_eq!(sum, n * 18);
    println!("{n} verifies");
}
