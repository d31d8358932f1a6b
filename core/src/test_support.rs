//! What the unit tests share.

/// The property tests' configuration. Miri runs the unit tests too (scripts/miri.sh): a handful
/// of cases there, and no failure file, as Miri's isolation forbids the file system.
pub(crate) fn proptest_config() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: if cfg!(miri) { 4 } else { 256 },
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}
