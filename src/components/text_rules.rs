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
    /// CPU cores: a positive decimal (0.5, 2).
    Cores,
    /// A share of one GPU: a decimal above 0, at most 1.
    Fraction,
    /// An amount of memory as Kubernetes writes it: 512Mi, 20G, 1.5Gi.
    Memory,
    /// Environment variables, one `NAME=value` per line.
    Environment,
}

/// Why `text` breaks `rule`, if it does.
pub fn text_problem(rule: TextRule, text: &str) -> Option<String> {
    match rule {
        TextRule::Free => None,
        TextRule::Name => kubernetes_name_problem(text).map(str::to_owned),
        TextRule::LabelValue => label_part_problem(text),
        TextRule::Cores => match crate::util::number(text) {
            Some(n) if n > 0.0 && n <= 1024.0 => None,
            _ => Some("Enter a number of cores above 0, such as 0.5 or 4.".into()),
        },
        TextRule::Fraction => match crate::util::number(text) {
            Some(n) if n > 0.0 && n <= 1.0 => None,
            _ => Some("Enter a share of one GPU above 0 and at most 1, such as 0.5.".into()),
        },
        TextRule::Memory => memory_problem(text),
        TextRule::Environment => text.lines().map(str::trim).filter(|l| !l.is_empty()).find_map(|line| {
            let name = line.split_once('=').map(|(n, _)| n.trim())?;
            let ok = !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            (!ok).then(|| format!("\"{name}\" is not a variable name: use letters, digits and '_', not starting with a digit."))
        }).or_else(|| {
            let bare = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.contains('='))?;
            Some(format!("Write \"{bare}\" as NAME=value, one per line."))
        }),
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

/// A memory amount: a number, then optionally one of Kubernetes' units.
fn memory_problem(text: &str) -> Option<String> {
    let units = ["Ki", "Mi", "Gi", "Ti", "K", "M", "G", "T"];
    let number = units.iter().find_map(|u| text.strip_suffix(u)).unwrap_or(text);
    match crate::util::number(number) {
        Some(n) if n > 0.0 && !number.starts_with('+') => None,
        _ => Some("Enter an amount such as 512Mi, 20G or 1.5Gi.".into()),
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
    fn amounts_and_environment_are_checked_before_they_are_sent() {
        let ok = |rule, t| text_problem(rule, t).is_none();
        assert!(ok(TextRule::Cores, "0.5") && ok(TextRule::Cores, "4") && !ok(TextRule::Cores, "0") && !ok(TextRule::Cores, "two"));
        assert!(ok(TextRule::Fraction, "0.25") && ok(TextRule::Fraction, "1") && !ok(TextRule::Fraction, "1.5") && !ok(TextRule::Fraction, "-0.5"));
        assert!(ok(TextRule::Memory, "512Mi") && ok(TextRule::Memory, "20G") && ok(TextRule::Memory, "1.5Gi") && ok(TextRule::Memory, "1000000"));
        assert!(!ok(TextRule::Memory, "20 GB") && !ok(TextRule::Memory, "Gi") && !ok(TextRule::Memory, "-1G"));
        assert!(ok(TextRule::Environment, "A=1\n\nHF_HOME=/data/hf\nEMPTY="));
        assert!(text_problem(TextRule::Environment, "A=1\nB").unwrap().contains("NAME=value"));
        assert!(text_problem(TextRule::Environment, "1A=x").unwrap().contains("not a variable name"));
    }

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
