//! Reading tokens, claims and key files from paths or standard input (`-`).

use std::io::Read;
use std::path::Path;

use crate::failure::Failure;

/// The bytes of `path`, or of standard input when `path` is `-`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| Failure::usage(format!("reading standard input: {e}")))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Failure::usage(format!("reading {}: {e}", path.display())))
    }
}

/// The text of `path` (or standard input), which must be UTF-8.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    String::from_utf8(read_bytes(path)?).map_err(|_| Failure::usage(format!("{} is not UTF-8 text", path.display())))
}

/// A compact token given on the command line, or read from standard input for `-`.
/// Surrounding whitespace is dropped: `echo $TOKEN |` and files end with a newline.
pub fn token(arg: &str) -> Result<String, Failure> {
    let raw = if arg == "-" { read_text(Path::new("-"))? } else { arg.to_owned() };
    let token = raw.trim();
    if token.is_empty() {
        return Err(Failure::usage("no token given (empty input)"));
    }
    Ok(token.to_owned())
}
