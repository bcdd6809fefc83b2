//! Other calendars, for holidays that follow them: the Hebrew calendar (computed), the Islamic Umm al-Qura
//! calendar (month lengths from a table) and the Chinese New Year (a table of its days); both tables are built by
//! `scripts/build-calendars` from PyPI packages.
//!
//! Both answer one question: on which Gregorian day of a given Gregorian year does a given day of their own calendar
//! fall ("Passover 2018", "Eid al-Adha 2016")? A holiday is the civil day itself, not the evening before it starts.

use crate::calendar::Date;
use std::sync::OnceLock;

/// Days from 1970-01-01 back to R.D. 0 (R.D. 1 is 0001-01-01 of the proleptic Gregorian calendar).
const RD_1970: i64 = 719_163;

/// R.D. of the Hebrew epoch (1 Tishri AM 1: 7 October 3761 BCE, proleptic Julian).
const HEBREW_EPOCH: i64 = -1_373_427;

/// Days from the epoch to the molad of Tishri of `year`, moved by the rule that Rosh Hashanah never falls on a
/// Sunday, Wednesday or Friday.
fn hebrew_elapsed_days(year: i64) -> i64 {
    let months = (235 * year - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(25_920);
    if (3 * (days + 1)).rem_euclid(7) < 3 {
        days + 1
    } else {
        days
    }
}

/// R.D. of 1 Tishri of `year`, with the corrections that keep year lengths legal (353-355 or 383-385 days).
fn hebrew_new_year(year: i64) -> i64 {
    let (before, this, after) = (
        hebrew_elapsed_days(year - 1),
        hebrew_elapsed_days(year),
        hebrew_elapsed_days(year + 1),
    );
    let correction = if after - this == 356 {
        2
    } else if this - before == 382 {
        1
    } else {
        0
    };
    HEBREW_EPOCH + this + correction
}

fn hebrew_leap(year: i64) -> bool {
    (7 * year + 1).rem_euclid(19) < 7
}

/// Days in Hebrew `month` (Nisan = 1 ... Adar = 12, Adar II = 13) of `year`, which is `year_days` long (the
/// length decides Heshvan and Kislev).
fn hebrew_month_days(year: i64, year_days: i64, month: i64) -> i64 {
    let short = match month {
        2 | 4 | 6 | 10 | 13 => true,
        12 => !hebrew_leap(year),
        8 => year_days % 10 != 5,
        9 => year_days % 10 == 3,
        _ => false,
    };
    if short {
        29
    } else {
        30
    }
}

/// R.D. of `day` of Hebrew `month` of `year`. The year starts in Tishri (7), so Nisan to Elul come after Adar.
fn hebrew_fixed(year: i64, month: i64, day: i64) -> i64 {
    let last = if hebrew_leap(year) { 13 } else { 12 };
    let new_year = hebrew_new_year(year);
    let year_days = hebrew_new_year(year + 1) - new_year;
    let days = |m| hebrew_month_days(year, year_days, m);
    let before: i64 = if month < 7 {
        (7..=last).chain(1..month).map(days).sum()
    } else {
        (7..month).map(days).sum()
    };
    new_year + before + day - 1
}

/// The Gregorian day of Hebrew `month`/`day` in Gregorian `year` (the first when it falls twice). Month 12 is Adar,
/// which is Adar II in a leap year (Purim).
pub fn hebrew_day(year: i32, month: u32, day: u32) -> Option<Date> {
    if !(1..=13).contains(&month) || !(1..=30).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    (3760..=3761)
        .map(|shift| {
            let hebrew_year = i64::from(year) + shift;
            let month = match i64::from(month) {
                12 if hebrew_leap(hebrew_year) => 13,
                m => m,
            };
            Date::from_days(hebrew_fixed(hebrew_year, month, i64::from(day)) - RD_1970)
        })
        .find(|d| d.year == year)
}

/// The Umm al-Qura table: the day (since 1970) of the first year's 1 Muharram, and each year's month lengths (bit `m`
/// set: month `m + 1` has 30 days).
struct HijriTable {
    first_day: i64,
    months: Vec<u16>,
}

fn hijri_table() -> Option<&'static HijriTable> {
    static TABLE: OnceLock<Option<HijriTable>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut lines = embedded_table!("dates/hijri.txt")
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'));
            let mut head = lines.next()?.split_whitespace();
            // `START <hijri year> <ISO date>`: the year itself is for readers of the file.
            let start = head.nth(2)?;
            let months = lines
                .map(|l| {
                    l.bytes()
                        .enumerate()
                        .fold(0u16, |bits, (i, b)| if b == b'1' { bits | 1 << i } else { bits })
                })
                .collect();
            Some(HijriTable {
                first_day: Date::parse_iso(start).ok()?.to_days(),
                months,
            })
        })
        .as_ref()
}

/// The Gregorian day of Hijri `month`/`day` in Gregorian `year` (the first when it falls twice), by the Umm al-Qura
/// calendar; `None` outside the table's years.
pub fn hijri_day(year: i32, month: u32, day: u32) -> Option<Date> {
    let table = hijri_table()?;
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let mut year_start = table.first_day;
    for &lengths in &table.months {
        let days_in = |m: u32| 29 + i64::from(lengths >> m & 1);
        let offset: i64 = (0..month - 1).map(days_in).sum::<i64>() + i64::from(day) - 1;
        let date = Date::from_days(year_start + offset);
        if date.year == year {
            return Some(date);
        }
        if date.year > year {
            return None;
        }
        year_start += (0..12).map(days_in).sum::<i64>();
    }
    None
}

/// The day of the Chinese (lunar) New Year in `year`, from `lunar.txt`: `None` outside the table's years.
pub fn lunar_new_year(year: i32) -> Option<Date> {
    const SYMBOLS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTU";
    let mut lines = embedded_table!("dates/lunar.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let first: i32 = lines.next()?.strip_prefix("START ")?.trim().parse().ok()?;
    let index = usize::try_from(year.checked_sub(first)?).ok()?;
    let symbol = *lines.next()?.as_bytes().get(index)?;
    let offset = SYMBOLS.iter().position(|&s| s == symbol)?;
    Some(Date::new(year, 1, 21)?.add_days(offset as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<Date> {
        Date::parse_iso(s).ok()
    }

    #[test]
    fn hebrew_holidays_fall_on_their_civil_days() {
        // Rosh Hashanah 5777 and Yom Kippur; Passover 2016 (15 Nisan 5776); Hanukkah 5777 began on 25 Kislev.
        assert_eq!(hebrew_day(2016, 7, 1), day("2016-10-03"));
        assert_eq!(hebrew_day(2016, 7, 10), day("2016-10-12"));
        assert_eq!(hebrew_day(2016, 1, 15), day("2016-04-23"));
        assert_eq!(hebrew_day(2016, 9, 25), day("2016-12-25"));
        // 5776 was a leap year: Purim is in Adar II (24 March 2016); in 5777 it is in the only Adar (12 March 2017).
        assert_eq!(hebrew_day(2016, 12, 14), day("2016-03-24"));
        assert_eq!(hebrew_day(2017, 12, 14), day("2017-03-12"));
        assert_eq!(hebrew_day(2018, 1, 15), day("2018-03-31"));
    }

    #[test]
    fn chinese_new_year_from_its_table() {
        assert_eq!(lunar_new_year(2016), day("2016-02-08"));
        assert_eq!(lunar_new_year(2018), day("2018-02-16"));
        assert_eq!(lunar_new_year(1950), day("1950-02-17"));
        assert_eq!(lunar_new_year(1949), None);
        assert_eq!(lunar_new_year(2200), None);
    }

    #[test]
    fn hijri_days_follow_the_umm_al_qura_table() {
        // 1 Ramadan 1437 and 1 Shawwal 1437 (Eid al-Fitr) in 2016.
        assert_eq!(hijri_day(2016, 9, 1), day("2016-06-06"));
        assert_eq!(hijri_day(2016, 10, 1), day("2016-07-06"));
        // Eid al-Adha 1439 in 2018; two in 1974 (the first is taken).
        assert_eq!(hijri_day(2018, 12, 10), day("2018-08-21"));
        assert_eq!(hijri_day(1974, 12, 10), day("1974-01-03"));
        assert_eq!(hijri_day(1900, 12, 10), None);
        assert_eq!(hijri_day(2016, 13, 1), None);
    }
}
