//! Query strings as the Run:ai API reads them: `filterBy` and other list parameters are one
//! comma-joined parameter (`explode: false`), and every value is percent-encoded.

/// `?a=1&b=x%20y` for the pairs (empty for none).
pub fn encode_query(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&encode_component(key));
        out.push('=');
        out.push_str(&encode_component(value));
    }
    out
}

/// RFC 3986 percent-encoding of everything but unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
    out
}

/// A form-encoded body (`application/x-www-form-urlencoded`).
pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect::<Vec<_>>().join("&")
}

/// The host (and port) of a base URL, to name it in messages.
pub fn host_of(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest).to_owned()
}

/// A control-plane address as typed by an operator, made into a base URL: scheme added when
/// missing, trailing slashes dropped. `None` when it cannot be an http(s) address.
pub fn normalize_base_url(input: &str) -> Option<String> {
    let input = input.trim().trim_end_matches('/');
    let (scheme, rest) = match input.split_once("://") {
        Some((scheme, rest)) if scheme == "http" || scheme == "https" => (scheme, rest),
        Some(_) => return None,
        None => ("https", input),
    };
    let host = rest.split('/').next().unwrap_or_default();
    let (name, port) = match host.rsplit_once(':') {
        Some((name, _)) if !name.ends_with(']') && name.contains(':') => (host, None),
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || ".-[]:".contains(c));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = !rest.chars().any(|c| c.is_whitespace() || c == '?' || c == '#');
    (name_ok && port_ok && rest_ok).then(|| format!("{scheme}://{rest}"))
}
