//! Why a command stopped, and the exit status that says so.

use std::fmt;
use std::process::ExitCode;

/// A command that did not succeed. The exit status is the contract scripts rely on:
/// 1 means the token (or the operation on it) was refused, 2 means the command could not do
/// its work with what it was given (arguments, files, keys); clap's own usage errors also exit 2.
#[derive(Debug)]
pub enum Failure {
    /// The token was checked and refused: its stable core error code and message.
    Refused(jwtcore::Error),
    /// Unusable input: unreadable file, key that does not parse, claims that are not JSON.
    Usage(String),
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    /// A core error about the input the user handed in (a key file, a secret), not the token.
    pub fn key(context: &str, e: jwtcore::Error) -> Failure {
        Failure::Usage(format!("{context}: {} ({})", e, e.code()))
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Refused(_) => ExitCode::from(1),
            Failure::Usage(_) => ExitCode::from(2),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The code first: it is stable across versions and languages, the message is not.
            Failure::Refused(e) => write!(f, "invalid: {}: {}", e.code(), e),
            Failure::Usage(m) => write!(f, "error: {m}"),
        }
    }
}
