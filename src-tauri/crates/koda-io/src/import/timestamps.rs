//! Timestamps as foreign databases store them, to Koda's epoch milliseconds.

use crate::clock::parse_datetime_ms;
use rusqlite::types::ValueRef;

/// The unit a database's integer timestamps are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeUnit {
    /// Drizzle's `integer(..., { mode: 'timestamp' })`.
    Seconds,
    /// The web app's own SQLite file and Koda Desktop.
    Milliseconds,
}

/// Seconds since 1970 stay below this until the year 5138; a larger value in a seconds column
/// can only be milliseconds (a column declared with `mode: 'timestamp_ms'`), so it is read as such.
const LARGEST_SECONDS: f64 = 1e11;

/// Reads a timestamp cell: an integer or real in `unit`, a date text (ISO-8601 or SQLite's
/// `CURRENT_TIMESTAMP`), or a number as text. `None` for NULL or anything unreadable.
pub(crate) fn epoch_ms(value: ValueRef<'_>, unit: TimeUnit) -> Option<i64> {
    let number = match value {
        ValueRef::Integer(n) => n as f64,
        ValueRef::Real(n) => n,
        ValueRef::Text(text) => {
            let text = std::str::from_utf8(text).ok()?.trim();
            match text.parse::<f64>() {
                Ok(n) => n,
                Err(_) => return parse_datetime_ms(text),
            }
        }
        ValueRef::Null | ValueRef::Blob(_) => return None,
    };
    if !number.is_finite() {
        return None;
    }
    let ms = match unit {
        TimeUnit::Seconds if number.abs() < LARGEST_SECONDS => number * 1000.0,
        _ => number,
    };
    Some(ms.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_spelling() {
        assert_eq!(
            epoch_ms(ValueRef::Integer(1_700_000_000), TimeUnit::Seconds),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            epoch_ms(ValueRef::Integer(1_700_000_000_123), TimeUnit::Seconds),
            Some(1_700_000_000_123)
        );
        assert_eq!(
            epoch_ms(ValueRef::Integer(1_700_000_000_123), TimeUnit::Milliseconds),
            Some(1_700_000_000_123)
        );
        assert_eq!(epoch_ms(ValueRef::Real(1.5), TimeUnit::Seconds), Some(1500));
        assert_eq!(
            epoch_ms(ValueRef::Text(b"2023-11-14 22:13:20"), TimeUnit::Seconds),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            epoch_ms(ValueRef::Text(b"1700000000"), TimeUnit::Seconds),
            Some(1_700_000_000_000)
        );
        assert_eq!(epoch_ms(ValueRef::Text(b"soon"), TimeUnit::Seconds), None);
        assert_eq!(epoch_ms(ValueRef::Null, TimeUnit::Milliseconds), None);
    }
}
