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

/// `s` in the operator's time zone (`2025-03-12 10:14 UTC+1`), or in UTC (`2025-03-12 09:14
/// UTC`); the input unchanged when it is not a timestamp.
pub fn format_time(s: &str, utc: bool) -> String {
    match parse_rfc3339(s) {
        Some(secs) => format_at(secs, zone_offset(secs, utc)),
        None => s.to_owned(),
    }
}

/// Minutes east of UTC at `secs` of the zone times are shown in: UTC, or the browser's.
pub fn zone_offset(secs: i64, utc: bool) -> i64 {
    if utc { 0 } else { local_offset(secs) }
}

/// `secs` as the API writes an instant: `2025-03-12T09:14:05Z`.
pub fn rfc3339(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Minutes east of UTC of the browser's time zone at `secs` (summer time included).
fn local_offset(secs: i64) -> i64 {
    #[cfg(target_arch = "wasm32")]
    return -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0)).get_timezone_offset() as i64);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = secs;
        0
    }
}

/// The date and minute of `secs`, `offset` minutes east of UTC, named by that offset.
pub fn format_at(secs: i64, offset: i64) -> String {
    let local = secs + offset * 60;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let minute = local.rem_euclid(86_400) / 60;
    let zone = match (offset.abs() / 60, offset.abs() % 60) {
        _ if offset == 0 => String::new(),
        (h, 0) => format!("{}{h}", if offset < 0 { '-' } else { '+' }),
        (h, m) => format!("{}{h}:{m:02}", if offset < 0 { '-' } else { '+' }),
    };
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC{zone}", minute / 60, minute % 60)
}

/// (year, month, day) of a count of days since 1970-01-01 (the inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let (d, m) = (doy - (153 * mp + 2) / 5 + 1, if mp < 10 { mp + 3 } else { mp - 9 });
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// How long ago `s` was, seen from `now` (Unix seconds): "just now", "5 min ago", "3 d ago".
pub fn format_ago(s: &str, now: i64, utc: bool) -> String {
    let Some(then) = parse_rfc3339(s) else { return s.to_owned() };
    let secs = now - then;
    match secs {
        i64::MIN..=-60 => format_time(s, utc),
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
    fn times_read_in_utc_or_at_an_offset() {
        let t = parse_rfc3339("2025-03-12T09:14:59Z").unwrap();
        assert_eq!(format_at(t, 0), "2025-03-12 09:14 UTC");
        assert_eq!(format_at(t, 60), "2025-03-12 10:14 UTC+1");
        assert_eq!(format_at(t, -570), "2025-03-11 23:44 UTC-9:30");
        assert_eq!(format_at(parse_rfc3339("2024-02-29T23:30:00Z").unwrap(), 45), "2024-03-01 00:15 UTC+0:45");
        assert_eq!(format_at(0, 0), "1970-01-01 00:00 UTC");
        for days in [-800_000, -1, 0, 59, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(format_time("2025-03-12T11:14:00+02:00", true), "2025-03-12 09:14 UTC");
        assert_eq!(rfc3339(parse_rfc3339("2024-02-29T23:30:05Z").unwrap()), "2024-02-29T23:30:05Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_time("soon", true), "soon");
    }

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
        assert_eq!(format_time("2025-03-12T09:14:00Z", true), "2025-03-12 09:14 UTC");
        assert_eq!(format_time("garbage", true), "garbage");
        let now = 1_741_770_840;
        assert_eq!(format_ago("2025-03-12T09:14:00Z", now, true), "just now");
        assert_eq!(format_ago("2025-03-12T09:13:30Z", now, true), "30 s ago");
        assert_eq!(format_ago("2025-03-12T08:14:00Z", now, true), "1 h ago");
        assert_eq!(format_ago("2025-03-10T09:14:00Z", now, true), "2 d ago");
        assert_eq!(format_ago("not a time", now, true), "not a time");
    }
}
