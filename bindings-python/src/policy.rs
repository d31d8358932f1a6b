//! `_core.Policy`: the core's [`jwtcore::policy::Policy`] as a Python object, built once per
//! options state by the front end and passed to every verification. Conversion only: what each
//! option means (unknown algorithm names, claim names, the ±1e12 s bound) is the core's.

use jwtcore::policy::{Policy as CorePolicy, PolicyError};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

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

/// The options as the Python layer collects them from PyJWT's arguments (the dict form that
/// `verify` still accepts; each call then compiles it, so hot paths pass a [`Policy`]).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub(crate) struct Options {
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
}

impl Options {
    pub(crate) fn compile(self) -> PyResult<Policy> {
        Policy::new(
            self.algorithms,
            self.leeway,
            self.issuer,
            self.audience,
            self.subject,
            self.require,
            self.skip,
            self.strict_aud,
            self.max_age,
            self.typ,
            self.crit,
            self.max_token_length,
        )
    }
}

/// What `verify` takes: a compiled [`Policy`], or the options dict compiled for this call.
#[derive(FromPyObject)]
#[allow(clippy::large_enum_variant)] // lives on the stack for one call, never stored
pub(crate) enum PolicyArg<'py> {
    Compiled(PyRef<'py, Policy>),
    Dict(Options),
}

/// A [`PolicyArg`] ready to lend: the caller's compiled policy, or the one built from a dict.
#[allow(clippy::large_enum_variant)] // lives on the stack for one call, never stored
pub(crate) enum Resolved<'py> {
    Compiled(PyRef<'py, Policy>),
    Built(CorePolicy),
}

impl<'py> PolicyArg<'py> {
    /// Compiles the dict form; a compiled policy is only borrowed (no copy per call).
    pub(crate) fn resolve(self) -> PyResult<Resolved<'py>> {
        Ok(match self {
            PolicyArg::Compiled(p) => Resolved::Compiled(p),
            PolicyArg::Dict(o) => Resolved::Built(o.compile()?.0),
        })
    }
}

impl Resolved<'_> {
    pub(crate) fn policy(&self) -> &CorePolicy {
        match self {
            Resolved::Compiled(p) => &p.0,
            Resolved::Built(p) => p,
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
        let mut p = CorePolicy::new()
            .leeway_seconds(leeway)
            .map_err(policy_err)?
            .require(&require)
            .skip(&skip)
            .strict_audience(strict_aud)
            .critical_extensions(&crit)
            .max_token_len(max_token_length.unwrap_or(jwtcore::DEFAULT_MAX_TOKEN_LEN));
        if let Some(a) = algorithms {
            p = p.algorithms(&a);
        }
        if let Some(m) = max_age {
            p = p.max_age_seconds(m).map_err(policy_err)?;
        }
        if let Some(i) = issuer {
            p = p.issuer(&i);
        }
        if let Some(a) = audience {
            p = p.audience(&a);
        }
        if let Some(s) = subject {
            p = p.subject(s);
        }
        if let Some(t) = typ {
            p = p.typ(t);
        }
        Ok(Policy(p))
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
