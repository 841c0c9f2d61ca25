//! UTC dates without a date library: file-name stamps for backups, ISO-8601 for manifests, and
//! the date texts foreign databases store.

/// `(year, month, day, hour, minute, second, millisecond)` of epoch milliseconds, in UTC.
pub fn utc_parts(ms: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms.rem_euclid(1000),
    )
}

/// `YYYY-MM-DD`, the stamp of daily backups (sorts by date as text).
pub fn day_stamp(ms: i64) -> String {
    let (y, m, d, ..) = utc_parts(ms);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYYMMDD-HHMMSS`, for file names that must sort by time and contain no colon.
pub fn file_stamp(ms: i64) -> String {
    let (y, mo, d, h, mi, s, _) = utc_parts(ms);
    format!("{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}")
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, as JavaScript's `Date.toISOString()` writes it.
pub fn iso8601(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = utc_parts(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// Reads `YYYY-MM-DD[T| ]HH:MM:SS[.fff][Z]` (ISO-8601 or SQLite's `CURRENT_TIMESTAMP`), as UTC.
pub fn parse_datetime_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let separators_ok = bytes.len() >= 19
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes[10] == b'T' || bytes[10] == b' ')
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !separators_ok {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let millis = match bytes.get(19) {
        Some(b'.') => {
            let digits: String = text[20..]
                .chars()
                .take_while(char::is_ascii_digit)
                .take(3)
                .collect();
            format!("{digits:0<3}").parse::<i64>().ok()?
        }
        _ => 0,
    };
    // Days from the civil date (the inverse of `utc_parts`).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_utc() {
        let ms = 1_738_324_800_250;
        assert_eq!(iso8601(ms), "2025-01-31T12:00:00.250Z");
        assert_eq!(day_stamp(ms), "2025-01-31");
        assert_eq!(file_stamp(ms), "20250131-120000");
        assert_eq!(parse_datetime_ms("2025-01-31T12:00:00.250Z"), Some(ms));
        assert_eq!(parse_datetime_ms("2025-01-31 12:00:00"), Some(ms - 250));
        assert_eq!(
            parse_datetime_ms("2024-02-29T00:00:00Z")
                .map(iso8601)
                .as_deref(),
            Some("2024-02-29T00:00:00.000Z")
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2025-13-01 00:00:00",
            "2025/01/31 12:00:00",
            "2025-01-31",
        ] {
            assert_eq!(parse_datetime_ms(bad), None, "{bad}");
        }
    }
}
