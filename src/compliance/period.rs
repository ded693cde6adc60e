//! Lengths of time in requirement rules: `90d`, `6w`, `12mo`, `2y`.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// A calendar length: a whole number of days, weeks, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub count: u16,
    /// Which unit.
    pub unit: Unit,
}

/// The unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `d`
    Day,
    /// `w`
    Week,
    /// `mo`
    Month,
    /// `y`
    Year,
}

/// Why a period did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a length of time like 30d, 6w, 12mo or 2y")]
pub struct PeriodError(pub String);

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PeriodError(s.to_string());
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (digits, unit) = t.split_at(split);
        let count: u16 = digits.parse().map_err(|_| bad())?;
        let unit = match unit.trim() {
            "d" | "day" | "days" => Unit::Day,
            "w" | "week" | "weeks" => Unit::Week,
            "mo" | "month" | "months" => Unit::Month,
            "y" | "year" | "years" => Unit::Year,
            _ => return Err(bad()),
        };
        if count == 0 || count > 1000 {
            return Err(bad());
        }
        Ok(Self { count, unit })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::Day => "d",
            Unit::Week => "w",
            Unit::Month => "mo",
            Unit::Year => "y",
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl Period {
    fn span(self) -> Span {
        let n = i64::from(self.count);
        match self.unit {
            Unit::Day => n.days(),
            Unit::Week => n.weeks(),
            Unit::Month => n.months(),
            Unit::Year => n.years(),
        }
    }

    /// `date` plus this period (month ends clamp: Jan 31 + 1mo is Feb 28 or 29); `None` past
    /// the calendar's end.
    pub fn after(self, date: Date) -> Option<Date> {
        date.checked_add(self.span()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_each_unit_and_rejects_junk() {
        assert_eq!("90d".parse::<Period>().map(|p| p.unit), Ok(Unit::Day));
        assert_eq!("6w".parse::<Period>().map(|p| p.count), Ok(6));
        assert_eq!("12mo".parse::<Period>().map(|p| p.unit), Ok(Unit::Month));
        assert_eq!("2y".parse::<Period>().map(|p| p.unit), Ok(Unit::Year));
        for bad in ["", "d", "12", "12m", "-3d", "0d", "1.5y", "99999d"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn adds_calendar_lengths() {
        let p: Period = "12mo".parse().unwrap();
        assert_eq!(p.after(date(2026, 3, 31)), Some(date(2027, 3, 31)));
        let p: Period = "1mo".parse().unwrap();
        assert_eq!(p.after(date(2027, 1, 31)), Some(date(2027, 2, 28)));
        let p: Period = "90d".parse().unwrap();
        assert_eq!(p.after(date(2027, 1, 1)), Some(date(2027, 4, 1)));
        assert_eq!(p.to_string(), "90d");
    }
}
