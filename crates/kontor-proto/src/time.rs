//! Dates and datetimes as the API writes them: `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS`, UTC.
//!
//! Parsing goes through `jiff`, which knows the calendar: `2024-02-29` is a date and
//! `2023-02-29` or `2024-02-31` are not.

pub use jiff::civil::{Date, DateTime};

/// The API's date format.
const DATE: &str = "%Y-%m-%d";
/// The API's datetime format.
const DATETIME: &str = "%Y-%m-%d %H:%M:%S";

/// A `YYYY-MM-DD` date that exists in the calendar.
pub fn parse_date(text: &str) -> Option<Date> {
    // strptime's %Y also takes fewer or signed digits; the API's form has exactly these.
    if text.len() != 10 {
        return None;
    }
    Date::strptime(DATE, text).ok()
}

/// A `YYYY-MM-DD HH:MM:SS` datetime that exists in the calendar.
pub fn parse_datetime(text: &str) -> Option<DateTime> {
    if text.len() != 19 {
        return None;
    }
    DateTime::strptime(DATETIME, text).ok()
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS` (UTC); times outside jiff's range (years -9999 to
/// 9999) are clamped to its ends.
pub fn datetime(secs: i64) -> String {
    let secs = secs.clamp(
        jiff::Timestamp::MIN.as_second(),
        jiff::Timestamp::MAX.as_second(),
    );
    match jiff::Timestamp::from_second(secs) {
        Ok(ts) => ts.strftime(DATETIME).to_string(),
        Err(_) => String::new(),
    }
}

/// The current time in that format.
pub fn datetime_now() -> String {
    jiff::Timestamp::now().strftime(DATETIME).to_string()
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_are_civil_utc() {
        assert_eq!(datetime(0), "1970-01-01 00:00:00");
        assert_eq!(datetime(1_646_228_220), "2022-03-02 13:37:00");
        assert_eq!(datetime(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(datetime(-1), "1969-12-31 23:59:59");
        assert_eq!(datetime(i64::MAX), "9999-12-30 22:00:00");
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2024-02-31").is_none());
        assert!(parse_date("2024-04-31").is_none());
        assert!(parse_date("2024-13-01").is_none());
        assert!(parse_date("24-01-01").is_none());
        assert!(parse_date("2024-1-01").is_none());
        assert!(parse_date("+2024-01-01").is_none());
        assert!(parse_datetime("2024-01-31 12:00:00").is_some());
        assert!(parse_datetime("2024-01-31 24:00:00").is_none());
        assert!(parse_datetime("2024-02-30 12:00:00").is_none());
        assert!(parse_datetime("2024-01-31T12:00:00").is_none());
        assert!(parse_datetime("2024-01-31 12:00").is_none());
    }
}
