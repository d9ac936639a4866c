//! The rules a line of text must follow to be accepted by Kubernetes (and so by the API):
//! names (DNS-1123 labels), label keys and label values. Plain functions, tested natively.

/// What a line of text must look like, as Kubernetes (and so the API) will check it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRule {
    Free,
    /// A name: a DNS-1123 label.
    Name,
    /// A label key: an optional DNS-subdomain prefix and `/`, then a name part.
    LabelKey,
    /// A label value: empty, or a name part.
    LabelValue,
}

/// Why `text` breaks `rule`, if it does.
pub fn text_problem(rule: TextRule, text: &str) -> Option<String> {
    match rule {
        TextRule::Free => None,
        TextRule::Name => kubernetes_name_problem(text).map(str::to_owned),
        TextRule::LabelValue => label_part_problem(text),
        TextRule::LabelKey => {
            let (prefix, name) = text.rsplit_once('/').map_or((None, text), |(p, n)| (Some(p), n));
            let prefix_ok = prefix.is_none_or(|p| {
                !p.is_empty() && p.len() <= 253 && p.split('.').all(|part| !part.is_empty() && kubernetes_name_problem(part).is_none())
            });
            if !prefix_ok {
                return Some("The prefix before '/' must be a DNS subdomain, such as run.ai.".into());
            }
            if name.is_empty() {
                return Some("A label key needs a name after the prefix.".into());
            }
            label_part_problem(name)
        }
    }
}

/// A label's name part or value: at most 63 of letters, digits, '-', '_' and '.', starting
/// and ending with a letter or digit.
fn label_part_problem(part: &str) -> Option<String> {
    if part.len() > 63 {
        return Some("At most 63 characters.".into());
    }
    if !part.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        return Some("Use letters, digits, '-', '_' and '.' only.".into());
    }
    let edges_ok = |b: Option<&u8>| b.is_none_or(u8::is_ascii_alphanumeric);
    if !edges_ok(part.as_bytes().first()) || !edges_ok(part.as_bytes().last()) {
        return Some("Start and end with a letter or digit.".into());
    }
    None
}

/// Kubernetes-style names (DNS-1123 labels): why `name` is not one, if it is not.
pub fn kubernetes_name_problem(name: &str) -> Option<&'static str> {
    if name.len() > 63 {
        return Some("At most 63 characters.");
    }
    let ok = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        return Some("Use lowercase letters, digits and '-' only.");
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("Start and end with a letter or digit.");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_checked_as_kubernetes_checks_them() {
        let key = |t| text_problem(TextRule::LabelKey, t);
        let value = |t| text_problem(TextRule::LabelValue, t);
        assert_eq!(key("run.ai/type"), None);
        assert_eq!(key("node-role.kubernetes.io/worker"), None);
        assert_eq!(key("gpu"), None);
        assert!(key("Run.AI/type").is_some(), "the prefix is a lowercase DNS subdomain");
        assert!(key("run.ai/").is_some());
        assert!(key("run.ai/-type").is_some());
        assert!(key("a b").is_some());
        assert_eq!(value("A100_80GB.v2"), None);
        assert_eq!(value(""), None);
        assert!(value("gb200!").is_some());
        assert!(value(&"x".repeat(64)).is_some());
    }
}
