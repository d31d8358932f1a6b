//! The README's command-line block, run as written.

mod common;
use std::path::Path;
use std::process::Command;

/// The ```sh block of the README's "Command line" section.
fn readme_block() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let section = readme.split("## Command line").nth(1).expect("README has a Command line section");
    let block = section.split("```sh\n").nth(1).expect("with a sh block");
    block.split("```").next().unwrap().to_owned()
}

#[test]
fn the_readme_commands_run_and_do_what_they_say() {
    let block = readme_block();
    assert!(block.lines().filter(|l| l.starts_with("jwtcore ") || l.contains("| jwtcore ")).count() >= 3);
    let dir = common::tempdir();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_jwtcore")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &block])
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .expect("bash runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "README block failed:\n{stdout}\n{stderr}");
    // verify printed the claims, then decode its JSON with the RFC 3339 `exp` and the warning.
    assert!(stdout.contains("\"sub\": \"alice\""), "{stdout}");
    assert!(stdout.contains("\"exp\": \"2033-05-18T03:33:20Z\""), "{stdout}");
    assert!(stderr.contains("NOT verified"), "{stderr}");
    // The files it names exist, and the token is refused under an audience it was not issued for.
    let token = std::fs::read_to_string(dir.path().join("token.txt")).unwrap();
    let run = common::jwtcore(dir.path(), &["verify", "-", "--key", "public.jwk", "--aud", "web"], Some(&token));
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("invalid: audience_mismatch: "));
}
