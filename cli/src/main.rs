//! `jwtcore`: the core's decode, verify, sign, keygen and thumbprint from the shell.

mod args;
mod decode;
mod failure;
mod input;
mod keyfile;
mod keygen;
mod rfc3339;
mod sign;
mod thumbprint;
mod verify;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    // clap prints --help/--version with status 0 and usage errors with status 2.
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Decode(a) => decode::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Sign(a) => sign::run(a),
        Command::Keygen(a) => keygen::run(a),
        Command::Thumbprint(a) => thumbprint::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}
