//! The closed sets of `dates_rules.tsv`'s first two columns: which normaliser a rule calls, and its TIMEX3 type.
//!
//! Both are read when the tables load ([`super::lexicon::Lexicon::build`]), so a misspelt name is a table error
//! naming its file and line instead of a rule that silently finds nothing.

use crate::model::TimexType;

/// Declares [`RuleFn`] with one variant per normaliser name, and the list of all of them.
macro_rules! rule_fns {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)*) => {
        /// The normaliser a rule calls: the first column of `dates_rules.tsv`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleFn {
            $($(#[doc = $doc])* $variant,)*
        }

        impl RuleFn {
            /// Every normaliser, in declaration order.
            #[cfg(test)]
            pub const ALL: &'static [RuleFn] = &[$(RuleFn::$variant),*];

            /// The normaliser named `name` in the table.
            pub fn parse(name: &str) -> Option<RuleFn> {
                match name {
                    $($name => Some(RuleFn::$variant),)*
                    _ => None,
                }
            }

            /// The name the table gives it.
            #[cfg(test)]
            pub fn name(self) -> &'static str {
                match self {
                    $(RuleFn::$variant => $name,)*
                }
            }
        }
    };
}

rule_fns! {
    /// A calendar date in words: month, day, year, weekday, relative word, part of the day.
    Date = "date",
    /// A date in digits, day and month in either order (`12/7/2014`).
    NumDate = "numdate",
    /// An ISO date in digits (`2014-12-07`).
    Iso = "iso",
    /// A fiscal year: the year written.
    Fiscal = "fiscal",
    /// A year said in words ("nineteen ninety-six").
    WordYear = "wordyear",
    /// A year said in words without a tail ("the year two thousand").
    YearWord = "yearword",
    /// A year of an era ("500 BC").
    Era = "era",
    /// A decade ("the 1990s", "the nineties").
    Decade = "decade",
    /// A century ("the 20th century").
    Century = "century",
    /// A quarter of a year ("the third quarter").
    Quarter = "quarter",
    /// A half of a year ("the second half of 1990").
    Half = "half",
    /// A season ("last summer").
    Season = "season",
    /// A holiday ("Christmas", "Easter 2016").
    Holiday = "holiday",
    /// A day before or after a day named ("the day before Christmas").
    DayRel = "dayrel",
    /// A deictic day ("yesterday", "tonight", "the next morning").
    Deictic = "deictic",
    /// A unit with a relative word ("last week", "the next day").
    RelUnit = "relunit",
    /// A count from the document or a date ("three days ago").
    Offset = "offset",
    /// A count from the last date mentioned ("two days later").
    Anaphor = "anaphor",
    /// A count in apposition to a date ("Friday, the day before ...").
    Apposed = "apposed",
    /// "In five minutes": a clock time when it opens its sentence, else a length.
    ClockIn = "clockin",
    /// A length ("three years").
    Duration = "duration",
    /// A vague length ("years").
    Durx = "durx",
    /// One of a unit, as a length ("the year ended June 30").
    UnitLen = "unitlen",
    /// A recurrence ("every Monday", "twice a year").
    Set = "set",
    /// A clock time ("3 p.m.").
    Time = "time",
    /// A range of clock times ("3-4 pm").
    TimeRange = "timerange",
    /// A vague reference ("now", "recently", "soon").
    Ref = "ref",
    /// A range of days, months or years ("5-7 September", "2011-2016").
    Range = "range",
    /// The period under discussion a year before ("the year-ago quarter").
    YearAgo = "yearago",
    /// "The 1988 period" of a results story.
    YearPeriod = "yearperiod",
    /// "The quarter" of a results story.
    AnaQuarter = "anaquarter",
    /// The n-th weekday of a month ("the first Tuesday of October").
    NthWeekday = "nthweekday",
    /// A weekday of a relative week ("Tuesday of next week").
    WeekdayWeek = "weekdayweek",
    /// The week of a date ("the week of March 3").
    WeekOf = "weekof",
}

/// The TIMEX3 type of the table's second column (`DATE`, `TIME`, `DURATION`, `SET`).
pub fn parse_kind(name: &str) -> Option<TimexType> {
    match name {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for &f in RuleFn::ALL {
            assert_eq!(RuleFn::parse(f.name()), Some(f));
        }
        assert_eq!(RuleFn::parse("dmy"), None);
        assert_eq!(RuleFn::parse("Date"), None);
        assert_eq!(parse_kind("SET"), Some(TimexType::Set));
        assert_eq!(parse_kind("date"), None);
    }
}
