//! Calendar dates as sopdoc writes them, `YYYY-MM-DD`, through the `time` crate (already
//! in the build through Typst): which dates exist and the date of a Unix time.

use time::{Date, Month, OffsetDateTime};

/// The date `text` names, when it is written exactly `YYYY-MM-DD` (four-digit year,
/// two-digit month and day) and exists in the calendar (`2026-02-29` does not).
pub fn parse(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    let year: i32 = text[0..4].parse().ok()?;
    let month: u8 = text[5..7].parse().ok()?;
    let day: u8 = text[8..10].parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// `date` written `YYYY-MM-DD`.
pub fn format(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The UTC date of a Unix time, `YYYY-MM-DD` (for SOURCE_DATE_EPOCH). Times beyond the
/// years ±9999 that `time` covers give its first or last date.
pub fn from_epoch(secs: i64) -> String {
    let date = match OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => t.date(),
        Err(_) if secs < 0 => Date::MIN,
        Err(_) => Date::MAX,
    };
    format(date)
}

/// The date of SOURCE_DATE_EPOCH (reproducible builds) when it is set to a whole number.
pub fn source_date_epoch() -> Option<String> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .map(from_epoch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates() {
        assert_eq!(from_epoch(0), "1970-01-01");
        assert_eq!(from_epoch(1_764_288_000), "2025-11-28");
        assert_eq!(from_epoch(951_782_400), "2000-02-29");
        assert_eq!(from_epoch(-86_400), "1969-12-31");
        assert_eq!(from_epoch(i64::MAX), "9999-12-31");
    }

    #[test]
    fn only_real_dates_in_the_one_format_parse() {
        assert_eq!(
            parse("2026-11-28").map(format).as_deref(),
            Some("2026-11-28")
        );
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2000-02-29").is_some());
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-1-01",
            "26-11-28",
            "2026/11/28",
            "+026-11-28",
            "2026-11-2é",
            "2026-11-28 ",
            "",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
