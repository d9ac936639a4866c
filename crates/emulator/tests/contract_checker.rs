//! The contract checker must be able to fail, or every emulator test proves nothing.

mod support;

use support::contract::contract;

const CLUSTER: &str = r#"{"uuid":"3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17","tenantId":1001,"name":"a","createdAt":"2025-03-12T09:14:00Z"}"#;

#[test]
fn accepts_a_conforming_answer() {
    assert_eq!(contract().violations("GET", "/api/v1/clusters/x", 200, CLUSTER), Vec::<String>::new());
}

#[test]
fn refuses_what_breaks_the_contract() {
    let c = contract();
    let cases = [
        ("GET", "/api/v1/clusters/x", 418, CLUSTER.to_owned(), "not declared"),
        ("GET", "/api/v1/clusters/x", 200, CLUSTER.replace(r#","name":"a""#, ""), "name is required"),
        ("GET", "/api/v1/clusters/x", 200, CLUSTER.replace('}', r#","colour":"red"}"#), "colour is not declared"),
        ("GET", "/api/v1/clusters/x", 200, CLUSTER.replace("1001", r#""1001""#), "should be integer"),
        ("GET", "/api/v1/clusters/x", 200, CLUSTER.replace("2025-03-12T09:14:00Z", "yesterday"), "date-time"),
        ("GET", "/api/v1/clusters/x", 200, CLUSTER.replace("3f8a1c52-", ""), "uuid"),
        ("GET", "/api/v1/clusters", 200, CLUSTER.to_owned(), "should be array"),
        ("POST", "/api/v2/token", 401, r#"{"error":"nope"}"#.to_owned(), "is not one of"),
        ("GET", "/api/v1/nowhere", 200, "{}".to_owned(), "not an operation"),
        ("PUT", "/api/v1/clusters/x", 204, "{}".to_owned(), "without a body"),
    ];
    for (method, path, status, body, expected) in cases {
        let violations = c.violations(method, path, status, &body);
        assert!(violations.iter().any(|v| v.contains(expected)), "{body}: expected {expected:?} in {violations:?}");
    }
}
