//! Timestamps as the API sends them (RFC 3339, UTC) and as an operator reads them.

/// Seconds since the Unix epoch of an RFC 3339 timestamp (`2024-01-01T00:00:00Z`, fractions
/// and offsets allowed); `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest[1..3].parse::<i64>().ok()? * 3600 + rest[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Seconds since the epoch of an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`, RFC 9110).
pub fn parse_http_date(s: &str) -> Option<i64> {
    let mut words = s.split_whitespace().skip(1);
    let day: i64 = words.next()?.parse().ok()?;
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month_word = words.next()?;
    let month = MONTHS.iter().position(|m| month_word.starts_with(m))? as i64 + 1;
    let year: i64 = words.next()?.parse().ok()?;
    let mut clock = words.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (clock.next()??, clock.next()??, clock.next()??);
    (words.next() == Some("GMT")).then(|| days_from_civil(year, month, day) * 86_400 + h * 3_600 + m * 60 + sec)
}

/// A `Retry-After` header as seconds to wait from `now` (seconds since the epoch): a number
/// of seconds or an HTTP-date, never less than 0 nor more than `cap`.
pub fn retry_after_secs(header: &str, now: i64, cap: u32) -> Option<u32> {
    let header = header.trim();
    let secs = match header.parse::<i64>() {
        Ok(secs) => secs,
        Err(_) => parse_http_date(header)? - now,
    };
    Some(secs.clamp(0, i64::from(cap)) as u32)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2025-03-12 09:14 UTC`, or the input unchanged when it is not a timestamp.
pub fn format_utc(s: &str) -> String {
    match parse_rfc3339(s) {
        Some(_) if s.len() >= 16 && s.ends_with('Z') => format!("{} {} UTC", &s[..10], &s[11..16]),
        _ => s.to_owned(),
    }
}

/// How long ago `s` was, seen from `now` (Unix seconds): "just now", "5 min ago", "3 d ago".
pub fn format_ago(s: &str, now: i64) -> String {
    let Some(then) = parse_rfc3339(s) else { return s.to_owned() };
    let secs = now - then;
    match secs {
        i64::MIN..=-60 => format_utc(s),
        -59..=9 => "just now".into(),
        10..=59 => format!("{secs} s ago"),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86_399 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_after_in_both_forms() {
        let now = parse_rfc3339("2015-10-21T07:28:00Z").unwrap();
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(now));
        assert_eq!(retry_after_secs("5", now, 60), Some(5));
        assert_eq!(retry_after_secs("Wed, 21 Oct 2015 07:28:30 GMT", now, 60), Some(30));
        assert_eq!(retry_after_secs("Wed, 21 Oct 2015 09:00:00 GMT", now, 60), Some(60), "capped");
        assert_eq!(retry_after_secs("Wed, 21 Oct 2015 07:00:00 GMT", now, 60), Some(0), "a date past is now");
        assert_eq!(retry_after_secs("-3", now, 60), Some(0));
        assert_eq!(retry_after_secs("soon", now, 60), None);
    }

    #[test]
    fn parses_rfc3339() {
        let cases = [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2025-03-12T09:14:00Z", Some(1_741_770_840)),
            ("2025-03-12T09:14:00.123456Z", Some(1_741_770_840)),
            ("2025-03-12T11:14:00+02:00", Some(1_741_770_840)),
            ("2025-03-12", None),
            ("yesterday at noon, roughly", None),
            ("2025-13-12T09:14:00Z", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_rfc3339(input), expected, "{input}");
        }
    }

    #[test]
    fn formats_for_operators() {
        assert_eq!(format_utc("2025-03-12T09:14:00Z"), "2025-03-12 09:14 UTC");
        assert_eq!(format_utc("garbage"), "garbage");
        let now = 1_741_770_840;
        assert_eq!(format_ago("2025-03-12T09:14:00Z", now), "just now");
        assert_eq!(format_ago("2025-03-12T09:13:30Z", now), "30 s ago");
        assert_eq!(format_ago("2025-03-12T08:14:00Z", now), "1 h ago");
        assert_eq!(format_ago("2025-03-10T09:14:00Z", now), "2 d ago");
        assert_eq!(format_ago("not a time", now), "not a time");
    }
}
