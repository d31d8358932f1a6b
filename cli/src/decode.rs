//! `jwtcore decode`: what a token says, explicitly unverified.

use jwtcore::dangerous;
use serde_json::{Map, Value, json};

use crate::args::DecodeArgs;
use crate::failure::Failure;
use crate::{input, rfc3339};

pub fn run(args: &DecodeArgs) -> Result<(), Failure> {
    let token = input::token(&args.token)?;
    let mut buf = vec![0u8; jwtcore::scratch_len(&token)];
    // No validation and no key: the core only checks the structure and that both parts are JSON.
    let unverified =
        dangerous::decode_unverified(&token, None, core::time::Duration::ZERO, &mut buf).map_err(Failure::Refused)?;
    let header: Value = parse(unverified.header_json())?;
    let claims: Value = parse(unverified.payload_json())?;
    let times: Map<String, Value> = ["exp", "nbf", "iat"]
        .iter()
        .filter_map(|name| {
            let when = rfc3339::from_json(claims.get(*name)?)?;
            Some((String::from(*name), Value::String(when)))
        })
        .collect();
    // The warning goes to stderr so the JSON stays parseable, and into the JSON so it survives a pipe.
    eprintln!("WARNING: the token was NOT verified (no signature or claim checked); use `jwtcore verify`");
    let out = json!({ "verified": false, "header": header, "claims": claims, "times": times });
    println!("{}", pretty(&out));
    Ok(())
}

fn parse(text: &str) -> Result<Value, Failure> {
    // The core has already validated both parts as JSON objects; this only re-reads them.
    serde_json::from_str(text).map_err(|e| Failure::usage(format!("re-reading decoded JSON: {e}")))
}

pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}
