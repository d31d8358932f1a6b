//! `_core.Policy`: the core's [`jwtcore::policy::Policy`] as a Python object, built once per
//! options state by the front end and passed to every verification. Conversion only: what each
//! option means (unknown algorithm names, claim names, the ±1e12 s bound) is the core's.

use jwtcore::policy::{Policy as CorePolicy, PolicyError, PolicyOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The core's [`PolicyError`] as a `ValueError` (a configuration mistake, not a token verdict);
/// `args` are `(message, code)`.
pub(crate) fn policy_err(e: PolicyError) -> PyErr {
    PyValueError::new_err((e.to_string(), e.code()))
}

/// Verification options compiled once: `Policy(algorithms=None, leeway=0.0, issuer=None,
/// audience=None, subject=None, require=(), skip=(), strict_aud=False, max_age=None, typ=None,
/// crit=(), max_token_length=None)`. Raises `ValueError` for a leeway or max_age outside the
/// core's bounds.
#[pyclass(frozen, module = "jwtcore._core")]
#[derive(Debug, Clone)]
pub struct Policy(pub(crate) CorePolicy);

/// What `verify` takes: a compiled [`Policy`], or a dict of [`Policy`]'s keyword arguments,
/// compiled for this call by the same constructor.
#[derive(FromPyObject)]
pub(crate) enum PolicyArg<'py> {
    Compiled(Bound<'py, Policy>),
    Dict(Bound<'py, PyDict>),
}

impl<'py> PolicyArg<'py> {
    /// The compiled policy (the caller's, or built from the dict now).
    pub(crate) fn resolve(self) -> PyResult<Bound<'py, Policy>> {
        match self {
            PolicyArg::Compiled(p) => Ok(p),
            PolicyArg::Dict(options) => Ok(options.py().get_type::<Policy>().call((), Some(&options))?.cast_into()?),
        }
    }
}

#[pymethods]
impl Policy {
    #[new]
    #[pyo3(signature = (
        algorithms=None, leeway=0.0, issuer=None, audience=None, subject=None, require=Vec::new(),
        skip=Vec::new(), strict_aud=false, max_age=None, typ=None, crit=Vec::new(), max_token_length=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        algorithms: Option<Vec<String>>,
        leeway: f64,
        issuer: Option<Vec<String>>,
        audience: Option<Vec<String>>,
        subject: Option<String>,
        require: Vec<String>,
        skip: Vec<String>,
        strict_aud: bool,
        max_age: Option<f64>,
        typ: Option<String>,
        crit: Vec<String>,
        max_token_length: Option<usize>,
    ) -> PyResult<Self> {
        let options = PolicyOptions {
            algorithms,
            leeway,
            max_age,
            require,
            skip,
            issuer,
            audience,
            strict_aud,
            subject,
            typ,
            crit,
            max_token_length,
        };
        CorePolicy::from_options(options).map(Policy).map_err(policy_err)
    }

    /// The same policy with another algorithm allow-list (the front end narrows it for a short
    /// HMAC secret).
    fn with_algorithms(&self, algorithms: Vec<String>) -> Self {
        Policy(self.0.clone().algorithms(&algorithms))
    }

    /// The longest token accepted, in bytes.
    #[getter]
    fn max_token_length(&self) -> usize {
        self.0.token_limit()
    }
}
