//! Every vector in `tests/vectors/*.json` through the Rust core.

use std::collections::HashSet;

use jwtcore_conformance::vectors_dir;
#[cfg(feature = "full")]
use jwtcore_conformance::{File, run, vector_files};

// Without the arithmetic (`--no-default-features`) `two_phase.rs` runs the vectors instead.
#[cfg(feature = "full")]
#[test]
fn all_vectors_pass() {
    let files = vector_files(&vectors_dir());
    assert!(!files.is_empty(), "no vector files in {}", vectors_dir().display());
    let mut ids = HashSet::new();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable vector file");
        let file: File = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for v in &file.vectors {
            count += 1;
            assert!(ids.insert(v.id.clone()), "duplicate vector id {}", v.id);
            if let Err(why) = run(v) {
                failures.push(format!("{} ({}): {why}", v.id, path.file_name().unwrap_or_default().to_string_lossy()));
            }
        }
    }
    println!("{count} vectors");
    assert!(failures.is_empty(), "{} of {count} vectors failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn error_code_table_covers_every_core_code() {
    let path = vectors_dir().join("error-codes.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        panic!("missing {}", path.display());
    };
    let table: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let listed: HashSet<String> = table
        .as_array()
        .or_else(|| table.get("codes").and_then(|c| c.as_array()))
        .map(|a| a.iter().filter_map(|e| e.get("code")?.as_str().map(String::from)).collect())
        .unwrap_or_default();
    let session_prefix = "session";
    let missing: Vec<&str> = jwtcore::Error::ALL_CODES
        .iter()
        .copied()
        .filter(|c| !listed.contains(*c) && !c.starts_with(session_prefix))
        .collect();
    assert!(missing.is_empty(), "codes missing from error-codes.json: {missing:?}");
}

// The table's `supported` column is the full build's.
#[cfg(feature = "full")]
#[test]
fn algorithm_table_equals_tables_algorithms_json() {
    let path = vectors_dir().join("tables").join("algorithms.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let core: Vec<serde_json::Value> = jwtcore::algorithms()
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.name, "family": r.family, "kty": r.kty, "crv": r.crv, "hash": r.hash,
                "hmac_min_key_len": r.hmac_min_key_len, "supported": r.supported,
            })
        })
        .collect();
    assert_eq!(
        Some(&serde_json::Value::from(core)),
        file.get("algorithms"),
        "the core's table differs from {}",
        path.display()
    );
}

#[test]
fn session_defaults_equal_tables_session_defaults_json() {
    use jwtcore::session::{RefreshPolicy, Timeouts};
    let path = vectors_dir().join("tables").join("session-defaults.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let t = Timeouts::DEFAULT;
    let r = RefreshPolicy::DEFAULT;
    let core = serde_json::json!({
        "session": {"idle": t.idle, "absolute": t.absolute, "touch_after": t.touch_after, "renew_after": t.renew_after},
        "refresh": {"absolute": r.absolute, "idle": r.idle, "grace": r.grace},
    });
    assert_eq!(Some(&core["session"]), file.get("session"), "{}", path.display());
    assert_eq!(Some(&core["refresh"]), file.get("refresh"), "{}", path.display());
}
