//! Heap allocations and bytes per verify+validate and per encode, for each
//! library and algorithm, counted by a global allocator wrapper.
//!
//! `cargo run --release -p jwtcore-bench --example allocs`
#![allow(unsafe_code)] // a GlobalAlloc implementation is unsafe by definition

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use jwtcore_bench::*;

struct Counting;
static COUNT: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNT.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn measure(f: impl FnOnce() -> usize) -> (usize, usize) {
    let (c0, b0) = (COUNT.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    std::hint::black_box(f());
    (COUNT.load(Ordering::Relaxed) - c0, BYTES.load(Ordering::Relaxed) - b0)
}

fn main() {
    println!("| alg | op | jwtcore | jsonwebtoken | jwt-simple | jwt-compact |");
    println!("|---|---|---:|---:|---:|---:|");
    for alg in Alg::ALL {
        let k = Keys::load(alg);
        check(&k);
        let v = Verifiers::new(alg);
        let cv = core_validation();
        let mut scratch = [0u8; 1024];
        let cell = |(n, b): (usize, usize)| format!("{n} ({b} B)");
        let row = [
            measure(|| verify_jwtcore(&k, &cv, &mut scratch)),
            measure(|| verify_jsonwebtoken(&k, &v)),
            measure(|| verify_jwt_simple(&k, &v)),
            measure(|| verify_jwt_compact(&k, &v)),
        ];
        println!("| {} | verify | {} |", alg.name(), row.map(cell).join(" | "));
        let owned = claims();
        let borrowed = claims_ref();
        let mut out = [0u8; 1024];
        let row = [
            measure(|| encode_jwtcore(&k, &borrowed, &mut out).len()),
            measure(|| encode_jsonwebtoken(&k, &owned).len()),
            measure(|| encode_jwt_simple(&k, &owned).len()),
            measure(|| encode_jwt_compact(&k, &owned).len()),
        ];
        println!("| {} | encode | {} |", alg.name(), row.map(cell).join(" | "));
    }
}
