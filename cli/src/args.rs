//! The command line: subcommands, options and their `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jwtcore::Algorithm;

#[derive(Debug, Parser)]
#[command(
    name = "jwtcore",
    version,
    about = "Decode, verify, sign and make JSON Web Tokens and keys with the jwtcore core",
    after_help = "Exit status: 0 success; 1 the token was refused (its error code and message on stderr); \
                  2 usage error (bad arguments, unreadable file, unusable key).\n\
                  Wherever a TOKEN is taken, `-` reads it from standard input."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Decode(DecodeArgs),
    Verify(VerifyArgs),
    Sign(SignArgs),
    Keygen(KeygenArgs),
    Thumbprint(ThumbprintArgs),
}

/// Show a token's header and claims WITHOUT checking its signature or claims.
#[derive(Debug, Args)]
#[command(after_help = "Prints {\"verified\": false, \"header\": …, \"claims\": …, \"times\": …} where `times` has \
                        exp/nbf/iat as RFC 3339 UTC, and warns on stderr that nothing was verified. Use \
                        `jwtcore verify` to decide whether to trust a token.\n\n\
                        Examples:\n  \
                        jwtcore decode eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln\n  \
                        pbpaste | jwtcore decode -")]
pub struct DecodeArgs {
    /// The compact token, or `-` for standard input.
    pub token: String,
}

/// Verify a token's signature and claims; print its claims if it is valid.
#[derive(Debug, Args)]
#[command(after_help = "Exit status: 0 valid (claims on stdout), 1 invalid (`invalid: CODE: message` on stderr), \
                        2 usage error.\n\
                        A token must carry `exp` and use an algorithm its key is bound to (or one of --alg).\n\n\
                        Examples:\n  \
                        jwtcore verify \"$TOKEN\" --key public.pem --iss https://issuer.example --aud api\n  \
                        jwtcore verify - --key jwks.json --alg RS256 --alg ES256 < token.txt\n  \
                        jwtcore verify \"$TOKEN\" --secret-file hmac.key --alg HS256 --leeway 30\n  \
                        jwtcore verify \"$TOKEN\" --key public.jwk --now 1700000000")]
pub struct VerifyArgs {
    /// The compact token, or `-` for standard input.
    pub token: String,
    #[command(flatten)]
    pub key: KeySource,
    /// Accept only these algorithms (repeatable); without it, only each key's own algorithm.
    #[arg(long = "alg", value_name = "ALG", value_parser = parse_alg)]
    pub algs: Vec<Algorithm>,
    /// Require `iss` to be this value (repeatable: any of them).
    #[arg(long = "iss", value_name = "ISSUER")]
    pub issuers: Vec<String>,
    /// Require `aud` to contain this value (repeatable: any of them).
    #[arg(long = "aud", value_name = "AUDIENCE")]
    pub audiences: Vec<String>,
    /// Clock skew in seconds allowed on exp/nbf/iat; negative demands that much time to spare.
    #[arg(long, value_name = "SECS", allow_negative_numbers = true, default_value_t = 0)]
    pub leeway: i64,
    /// Check the times as of this Unix time instead of the system clock (reproducible runs).
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,
}

/// Where the key comes from: exactly one of a key file and an HMAC secret file.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct KeySource {
    /// A key file: PEM (SPKI, PKCS#8, SEC1, PKCS#1), DER, a JWK, or a JWKS (whose `oct` secrets are ignored).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// A file whose exact bytes are the HMAC secret (a trailing newline counts; write it with printf).
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
}

/// Sign a JSON claims object; print the compact token.
#[derive(Debug, Args)]
#[command(after_help = "The claims are signed as given: add `exp` (jwtcore's verifiers require it by default).\n\n\
                        Examples:\n  \
                        echo '{\"sub\":\"alice\",\"exp\":2000000000}' | jwtcore sign --key private.jwk\n  \
                        jwtcore sign --key private.pem --alg ES256 --kid 2025 claims.json\n  \
                        jwtcore sign --secret-file hmac.key --alg HS384 claims.json")]
pub struct SignArgs {
    #[command(flatten)]
    pub key: KeySource,
    /// The algorithm; default: the key's own (HS256 for a secret file, RS256 for an RSA PEM).
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Algorithm>,
    /// The `kid` header (default: the key's own kid, if any).
    #[arg(long)]
    pub kid: Option<String>,
    /// A file holding the claims JSON object; `-` or nothing reads standard input.
    #[arg(value_name = "CLAIMS_FILE")]
    pub claims: Option<PathBuf>,
}

/// Generate a key from the operating system's RNG; print it as JWKs.
#[derive(Debug, Args)]
#[command(after_help = "Prints {\"private\": JWK, \"public\": JWK} (HMAC keys have no public half), or with \
                        --format pem a PKCS#8 private key and an SPKI public key (ES256, EdDSA). Without --kid, \
                        asymmetric JWKs get their RFC 7638 thumbprint as kid (PEM has no kid). Algorithms: HS256, \
                        HS384, HS512, ES256, EdDSA (load RSA, ES384, ES512 and ES256K keys from PEM or JWK instead).\n\n\
                        Examples:\n  \
                        jwtcore keygen --alg EdDSA --private-out private.jwk > public.jwk\n  \
                        jwtcore keygen --alg ES256 --format pem --private-out private.pem > public.pem\n  \
                        jwtcore keygen --alg ES256 --kid 2025\n  \
                        jwtcore keygen --alg HS256 --private-out hmac.jwk")]
pub struct KeygenArgs {
    /// The algorithm the key is for.
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Algorithm,
    /// The key ID to embed.
    #[arg(long)]
    pub kid: Option<String>,
    /// Write the private key to this new file (mode 0600 on Unix) and print only the public key.
    #[arg(long, value_name = "FILE")]
    pub private_out: Option<PathBuf>,
    /// `jwk` (default) or `pem` (PKCS#8 private, SPKI public; asymmetric keys only).
    #[arg(long, value_name = "FORMAT", default_value = "jwk", value_parser = ["jwk", "pem"])]
    pub format: String,
}

/// Print the RFC 7638 JWK thumbprint (SHA-256, base64url) of a key.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
                        jwtcore thumbprint public.jwk\n  \
                        jwtcore thumbprint public.pem\n  \
                        cat key.jwk | jwtcore thumbprint -")]
pub struct ThumbprintArgs {
    /// A JWK, PEM or DER key file, or `-` for standard input.
    pub file: PathBuf,
}

fn parse_alg(name: &str) -> Result<Algorithm, String> {
    Algorithm::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Algorithm::ALL.iter().map(|a| a.as_str()).collect();
        format!("unknown algorithm `{name}`; known: {}", known.join(", "))
    })
}
