//! Session IDs, signed cookies and refresh-token rotation (placeholder until the module lands).

use core::fmt;

/// A session operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SessionError {
    /// The session ID is malformed.
    InvalidId,
}

impl SessionError {
    /// Stable snake_case code.
    pub const fn code(&self) -> &'static str {
        match self {
            SessionError::InvalidId => "session_id_invalid",
        }
    }
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid session id")
    }
}
