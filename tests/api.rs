//! Native unit tests of the API layer's pure parts: queries, token answers, errors.

#![cfg(not(target_arch = "wasm32"))]

use runai_console::api::client::{decode, Answer};
use runai_console::api::query::{encode_query, host_of, normalize_base_url};
use runai_console::api::token::{self, read_answer, renew_after_ms, MAX_LIFETIME_SECS};
use runai_console::api::ApiError;
use serde_json::json;

fn answer(status: u16, content_type: &str, text: &str) -> Answer {
    Answer { status, content_type: content_type.into(), retry_after: None, text: text.into() }
}

#[test]
fn queries_are_encoded_as_the_api_reads_them() {
    assert_eq!(encode_query(&[]), "");
    assert_eq!(encode_query(&[("verbosity", "full".into())]), "?verbosity=full");
    assert_eq!(
        encode_query(&[("filterBy", "name=@team a,clusterId==x".into()), ("limit", "50".into())]),
        "?filterBy=name%3D%40team%20a%2CclusterId%3D%3Dx&limit=50"
    );
    assert_eq!(token::v1_body("a", "b\""), r#"{"grantType":"client_credentials","clientID":"a","clientSecret":"b\""}"#);
    assert_eq!(token::v2_body("demo-admin", "s&=cret"), "grant_type=client_credentials&client_id=demo-admin&client_secret=s%26%3Dcret");
}

#[test]
fn control_plane_addresses_are_normalised() {
    let cases = [
        ("https://runai.example.com/", Some("https://runai.example.com")),
        ("  runai.example.com ", Some("https://runai.example.com")),
        ("http://127.0.0.1:8080", Some("http://127.0.0.1:8080")),
        ("ftp://runai.example.com", None),
        ("javascript:alert(1)", None),
        ("", None),
        ("https://", None),
        ("two words", None),
    ];
    for (input, expected) in cases {
        assert_eq!(normalize_base_url(input).as_deref(), expected, "{input:?}");
    }
    assert_eq!(host_of("https://runai.example.com:8443/x"), "runai.example.com:8443");
}

#[test]
fn token_lifetimes_are_never_forever() {
    let cases = [
        ("", MAX_LIFETIME_SECS),
        (r#","expires_in":3600"#, 3600),
        (r#","expires_in":120"#, 120),
        (r#","expires_in":0"#, MAX_LIFETIME_SECS),
        (r#","expires_in":-5"#, MAX_LIFETIME_SECS),
        (r#","expires_in":1e300"#, MAX_LIFETIME_SECS),
        (r#","expires_in":86400"#, MAX_LIFETIME_SECS),
        (r#","expires_in":"900""#, 900),
        (r#","expires_in":"soon""#, MAX_LIFETIME_SECS),
        (r#","expires_in":null"#, MAX_LIFETIME_SECS),
        (r#","expires_in":{"value":5}"#, MAX_LIFETIME_SECS),
        (r#","expiresIn":[1]"#, MAX_LIFETIME_SECS),
        (r#","expires_in":1e309"#, MAX_LIFETIME_SECS),
        (r#","expires_in":true"#, MAX_LIFETIME_SECS),
    ];
    for (field, expected) in cases {
        let body = format!(r#"{{"access_token":"t"{field}}}"#);
        let token = read_answer("h", &answer(200, "application/json", &body)).unwrap();
        assert_eq!(token.lifetime_secs, expected, "{body}");
    }
    assert_eq!(renew_after_ms(3600), 3_540_000, "a minute early");
    assert_eq!(renew_after_ms(4), 3_000, "three quarters of a short one");
    assert_eq!(renew_after_ms(1), 3_000, "never more often than every 3 s, however short the token");
}

#[test]
fn token_answers_are_read_from_either_endpoint() {
    let v2 = answer(200, "application/json", r#"{"access_token":"abc","token_type":"Bearer","expires_in":600}"#);
    let token = read_answer("h", &v2).unwrap();
    assert_eq!((token.access_token.as_str(), token.lifetime_secs), ("abc", 600));
    assert!(!format!("{token:?}").contains("abc"), "Debug never shows the token");
    let v1 = answer(200, "application/json", r#"{"accessToken":"def","expiresIn":3600}"#);
    assert_eq!(read_answer("h", &v1).unwrap().access_token, "def");

    let missing = answer(200, "application/json", r#"{"token_type":"Bearer"}"#);
    assert!(matches!(read_answer("h", &missing), Err(ApiError::Unexpected { .. })));
    let html = answer(200, "text/html", "<html><body>Proxy login</body></html>");
    let error = read_answer("proxy.example.com", &html).unwrap_err();
    assert!(error.explain("sign in").contains("HTML page"), "{error:?}");
    assert!(!error.explain("sign in").contains("Proxy login"), "the body itself is never shown");
}

#[test]
fn refused_credentials_are_told_apart_from_other_failures() {
    let oauth = |status, code: &str| ApiError::from_status("h", status, &json!({ "error": code }).to_string());
    assert!(token::credentials_refused(&oauth(401, "invalid_client"), false));
    assert!(token::credentials_refused(&oauth(400, "invalid_grant"), false));
    assert!(!token::credentials_refused(&oauth(400, "unsupported_grant_type"), false));
    let v1 = ApiError::from_status("h", 400, r#"{"code":400,"message":"Invalid client credentials."}"#);
    assert!(token::credentials_refused(&v1, true));
    assert!(!token::credentials_refused(&ApiError::from_status("h", 503, ""), false));
    assert!(!token::credentials_refused(&ApiError::Unreachable { host: "h".into() }, false));
}

#[test]
fn failures_read_in_the_operators_terms() {
    let cases: [(ApiError, &str); 7] = [
        (ApiError::Unreachable { host: "cp.example.com".into() }, "Cannot reach the Run:ai control plane at cp.example.com"),
        (ApiError::Timeout { host: "cp".into() }, "did not answer in time"),
        (ApiError::from_status("h", 403, r#"{"code":403,"message":"nope"}"#), "You do not have permission to load clusters."),
        (ApiError::from_status("h", 404, r#"{"code":404,"message":"Cluster x was not found."}"#), "does not exist"),
        (ApiError::from_status("h", 500, "Internal Server Error"), "failed (HTTP 500)"),
        (ApiError::from_status("h", 502, "<html>Bad gateway</html>"), "failed (HTTP 502)"),
        (ApiError::from_status("proxy", 400, "<html>nope</html>"), "not as a Run:ai control plane would"),
    ];
    for (error, expected) in cases {
        let text = error.explain("load clusters");
        assert!(text.contains(expected), "{text:?} lacks {expected:?}");
    }
}

#[test]
fn answers_decode_or_fail_plainly() {
    let ok = decode("h", &answer(200, "application/json", "[1,2]")).unwrap();
    assert_eq!(ok, serde_json::json!([1, 2]));
    let empty = decode("h", &answer(204, "", "")).unwrap();
    assert_eq!(empty, serde_json::Value::Null);
    let truncated = decode("h", &answer(200, "application/json", "[1,"));
    assert!(matches!(truncated, Err(ApiError::Unexpected { .. })));
    let refused = decode("h", &answer(401, "application/json", r#"{"code":401,"message":"Token is expired."}"#));
    assert_eq!(refused.unwrap_err().status(), Some(401));
    // A number beyond a double costs its field, not the answer.
    let huge = decode("h", &answer(200, "application/json", r#"[{"name":"a","gpu":1e309},{"name":"b","gpu":2}]"#)).unwrap();
    assert_eq!(huge[0]["gpu"], "1e309");
    assert_eq!(huge[1]["gpu"], 2);
}

use runai_console::api::filter::{encode_filters, validate_value, Filter, Op};
use runai_console::api::list::ListQuery;

#[test]
fn filter_items_read_and_write_the_api_grammar() {
    let cases = [
        ("name=@team", Some(("name", Op::Contains, "team"))),
        ("totalGpuQuota>=4", Some(("totalGpuQuota", Op::Ge, "4"))),
        ("phase!=Ready", Some(("phase", Op::Ne, "Ready"))),
        ("name=^a", Some(("name", Op::StartsWith, "a"))),
        ("name=$-b", Some(("name", Op::EndsWith, "-b"))),
        ("name!@x", Some(("name", Op::NotContains, "x"))),
        ("createdAt<=2025-01-01T00:00:00Z", Some(("createdAt", Op::Le, "2025-01-01T00:00:00Z"))),
        ("name==a==b", Some(("name", Op::Eq, "a==b"))),
        ("name==", None),
        ("==x", None),
        ("name~x", None),
        ("na me==x", None),
    ];
    for (item, expected) in cases {
        let parsed = Filter::parse(item);
        assert_eq!(parsed.as_ref().map(|f| (f.field.as_str(), f.op, f.value.as_str())), expected, "{item}");
        if let Some(f) = parsed {
            assert_eq!(f.encode(), item, "round trip");
        }
    }
    for op in Op::ALL {
        assert_eq!(Op::from_token(op.token()), Some(op));
    }
    let two = [Filter::parse("name=@team").unwrap(), Filter::parse("phase==Ready").unwrap()];
    assert_eq!(encode_filters(&two), "name=@team,phase==Ready");
    assert!(validate_value("a,b").is_some(), "commas separate items on the wire");
    assert!(validate_value("  ").is_some());
    assert!(validate_value("team").is_none());
}

#[test]
fn list_queries_encode_paging_sort_filters_and_search() {
    let query = ListQuery {
        offset: 50,
        limit: 25,
        sort: Some(("totalGpuQuota", true)),
        filters: vec![Filter::parse("name=@team").unwrap(), Filter::parse("parentId==7").unwrap()],
        search: " vision ".into(),
    };
    let pairs = |paged, searchable| {
        query.params(paged, searchable).into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(true, true),
        ["offset=50", "limit=25", "sortBy=totalGpuQuota", "sortOrder=desc", "filterBy=name=@team,parentId==7", "search=vision"]
    );
    assert_eq!(pairs(false, true), ["filterBy=name=@team,parentId==7", "search=vision"], "counts take no paging or sort");
    assert_eq!(pairs(true, false).len(), 5, "no search where the endpoint has none");
    assert_eq!(
        encode_query(&query.params(false, false)),
        "?filterBy=name%3D%40team%2CparentId%3D%3D7",
        "one comma-joined, percent-encoded filterBy"
    );
}

#[test]
fn secrets_travel_encrypted_or_not_at_all_without_a_word() {
    use runai_console::pages::signin::exposes_secret;
    for (base, exposed) in [
        ("https://runai.example.com", false),
        ("http://127.0.0.1:8080", false),
        ("http://localhost:8080/", false),
        ("http://[::1]:9000", false),
        ("http://runai.example.com", true),
        ("http://10.0.0.5:8080", true),
        ("http://localhost.evil.example", true),
    ] {
        assert_eq!(exposes_secret(base), exposed, "{base}");
    }
    use runai_console::auth::redact;
    assert_eq!(redact("Bad secret s3cr3t-value for x".into(), "s3cr3t-value"), "Bad secret [redacted] for x");
}

#[test]
fn a_malformed_config_json_says_so() {
    use runai_console::api::config::read_config;
    assert_eq!(read_config(r#"{"controlPlaneUrl":"https://a.example.com"}"#).control_plane_url.as_deref(), Some("https://a.example.com"));
    let broken = read_config(r#"{"controlPlaneUrl": 42"#);
    assert!(broken.problem.unwrap().contains("config.json could not be read"));
    assert_eq!(read_config(r#"{"controlPlaneUrl": 42}"#).control_plane_url, None);
}
