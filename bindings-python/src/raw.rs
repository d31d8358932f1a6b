//! Raw signatures for `jwtcore.algorithms` (PyJWT's `Algorithm.sign`/`verify`): bytes in,
//! signature bytes out, through the core's [`jwtcore::raw`] (same backends and checks as the
//! token path). Only conversion here.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::{CoreKey, err, gil, parse_alg};

/// The JWS signature of `msg` with `key` as `alg` (the GIL is released while signing with an
/// asymmetric key).
#[pyfunction]
fn sign_raw<'py>(py: Python<'py>, alg: &str, key: &CoreKey, msg: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    let alg = parse_alg(alg)?;
    let sig = gil::run(py, gil::worth_releasing(Some(&key.0)), || {
        let mut out = [0u8; 1024];
        jwtcore::raw::sign_raw(alg, &key.0, msg, &mut out).map(|n| out.get(..n).unwrap_or(&[]).to_vec())
    })
    .map_err(|e| err(e, &[]))?;
    Ok(PyBytes::new(py, &sig))
}

/// Whether `sig` is a valid signature of `msg` with `key` as `alg`; any signature that does not
/// verify is `False`, a key that cannot verify `alg` raises.
#[pyfunction]
fn verify_raw(py: Python<'_>, alg: &str, key: &CoreKey, msg: &[u8], sig: &[u8]) -> PyResult<bool> {
    let alg = parse_alg(alg)?;
    match gil::run(py, gil::worth_releasing(Some(&key.0)), || jwtcore::raw::verify_raw(alg, &key.0, msg, sig)) {
        Ok(()) => Ok(true),
        Err(jwtcore::Error::Signature) => Ok(false),
        Err(e) => Err(err(e, &[])),
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sign_raw, m)?)?;
    m.add_function(wrap_pyfunction!(verify_raw, m)?)?;
    Ok(())
}
