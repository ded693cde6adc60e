use super::*;

#[test]
fn durations() {
    for ok in ["PT0S", "PT1M5.25S", "PT2H", "P1DT2H3M", "P3W", "PT0.5S"] {
        assert!(is_duration(ok), "{ok}");
    }
    for bad in [
        "P", "PT", "T1S", "PT1.S", "PT.5S", "PT5", "P1H", "PT1S2M", "PT-1S", "1S",
    ] {
        assert!(!is_duration(bad), "{bad}");
    }
}

#[test]
fn timestamps_uuids_iris() {
    assert!(is_timestamp("2026-03-01T10:00:00.000+01:00"));
    assert!(is_timestamp("2026-03-01T10:00:00.123Z"));
    assert!(
        !is_timestamp("2026-03-01T10:00:00+01:00"),
        "needs milliseconds"
    );
    assert!(!is_timestamp("2026-03-01T10:00:00.000"), "needs an offset");
    assert!(!is_timestamp("2026-02-30T10:00:00.000+01:00"));
    assert!(is_uuid("6f1c2d0e-8a4b-4c3e-9b57-1e2fa0c4d8b3"));
    assert!(!is_uuid("6F1C2D0E-8A4B-4C3E-9B57-1E2FA0C4D8B3"));
    assert!(!is_uuid("6f1c2d0e8a4b4c3e9b571e2fa0c4d8b3"));
    assert!(is_iri("https://rollcall.invalid/courses/a"));
    assert!(!is_iri("rollcall.invalid/courses/a"));
    assert!(!is_iri("https://x/a b"));
    assert!(!is_iri("https:///path"));
}
