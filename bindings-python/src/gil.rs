//! When the binding lets go of the GIL around the core's work.
//!
//! Releasing the GIL is cheap while no other thread wants it, but with a second
//! thread waiting, every release hands the interpreter over and every
//! re-acquisition waits for it back: two thread wake-ups, several µs. An HMAC
//! sign or verify is 1–2 µs of the core's work, so releasing around it lets the
//! other thread run for less time than the hand-over costs (2 threads measured
//! 0.86× one thread on HS256 decode with the GIL released). The asymmetric
//! algorithms are 15 µs (Ed25519 signing) to 450 µs (RSA-2048 signing) of work
//! the other thread can overlap with its Python, so they release it.

use jwtcore::{Family, Key};
use pyo3::Python;
use pyo3::marker::Ungil;

/// Whether work with `key` is long enough to run with the GIL released: any
/// key but an HMAC one. `None` (a raw HMAC secret) is short work too.
pub(crate) fn worth_releasing(key: Option<&Key>) -> bool {
    key.is_some_and(|k| k.algorithm().family() != Family::Hmac)
}

/// Runs `work` with the GIL released when `release`, else holding it.
pub(crate) fn run<T, F>(py: Python<'_>, release: bool, work: F) -> T
where
    F: Ungil + FnOnce() -> T,
    T: Ungil,
{
    if release { py.detach(work) } else { work() }
}
