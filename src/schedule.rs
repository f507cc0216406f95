//! Schedules of second copies: daily at a time, weekly on a day, monthly on a date, or whenever
//! the destination's drive is plugged in. Everything here is a pure function of the schedule,
//! the last successful run and "now", so callers (and tests) inject the clock.
//!
//! Times of day are local wall-clock times in the time zone of `now`: "daily at 18:00" means
//! 18:00 as the user's clock shows it, also across daylight-saving changes.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Weekday};
use serde::{Deserialize, Serialize};

/// How long after a run was due it counts as overdue (shown amber). A day leaves room for a PC
/// that was off in the evening or a drive that is plugged in the next morning.
pub const OVERDUE_AFTER: Duration = Duration::days(1);

/// A "when plugged in" destination that has not received a copy for this long is overdue: a
/// drive that is plugged in once a week is the habit this schedule serves.
pub const ON_PLUG_OVERDUE_AFTER: Duration = Duration::days(7);

/// A "when plugged in" destination that stays plugged in still gets a copy this often.
pub const ON_PLUG_REPEAT: Duration = Duration::days(1);

/// When a destination receives its copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Schedule {
    /// Every day at a local time.
    Daily { at: NaiveTime },
    /// Every week on `day` at a local time.
    Weekly { day: Weekday, at: NaiveTime },
    /// Every month on day `day` (1–31; in shorter months the last day) at a local time.
    Monthly { day: u32, at: NaiveTime },
    /// Whenever the destination folder appears (a USB drive plugged in), and once a day while it
    /// stays there.
    OnPlug,
}

impl Default for Schedule {
    /// Daily at 18:00: the design's "daily is best", at the end of a working day.
    fn default() -> Self {
        Schedule::Daily {
            at: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// A schedule text that could not be understood; the message is a whole sentence with examples.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a schedule Sheetsafe understands ({why}). Write one of: \"daily at 18:00\", \"weekly on friday at 17:00\", \"monthly on day 1 at 09:00\", \"when plugged in\"."
)]
pub struct ScheduleError {
    pub text: String,
    pub why: ScheduleProblem,
}

/// What is wrong with a schedule text. The words a value holds are the user's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleProblem {
    Empty,
    /// It starts with none of daily, weekly, monthly, "when plugged in".
    UnknownKind,
    NotATime(String),
    DailyTakesOnlyATime,
    WeeklyNeedsADay,
    WeeklyTakesADayAndATime,
    NotAWeekday(String),
    MonthlyNeedsADay,
    MonthlyTakesADayAndATime,
    NotADayOfTheMonth(String),
}

/// The words inside the error's parentheses.
impl fmt::Display for ScheduleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleProblem::Empty => f.write_str("it is empty"),
            ScheduleProblem::UnknownKind => {
                f.write_str("it must start with daily, weekly, monthly or \"when plugged in\"")
            }
            ScheduleProblem::NotATime(w) => write!(f, "`{w}` is not a time like 18:00"),
            ScheduleProblem::DailyTakesOnlyATime => f.write_str("a daily schedule takes only a time"),
            ScheduleProblem::WeeklyNeedsADay => f.write_str("a weekly schedule needs a day of the week"),
            ScheduleProblem::WeeklyTakesADayAndATime => f.write_str("a weekly schedule takes a day and a time"),
            ScheduleProblem::NotAWeekday(w) => write!(f, "`{w}` is not a day of the week"),
            ScheduleProblem::MonthlyNeedsADay => f.write_str("a monthly schedule needs a day of the month"),
            ScheduleProblem::MonthlyTakesADayAndATime => f.write_str("a monthly schedule takes a day and a time"),
            ScheduleProblem::NotADayOfTheMonth(w) => write!(f, "`{w}` is not a day of the month from 1 to 31"),
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::Daily { at } => write!(f, "daily at {}", at.format("%H:%M")),
            Schedule::Weekly { day, at } => write!(f, "weekly on {} at {}", weekday_name(*day), at.format("%H:%M")),
            Schedule::Monthly { day, at } => write!(f, "monthly on day {day} at {}", at.format("%H:%M")),
            Schedule::OnPlug => f.write_str("when plugged in"),
        }
    }
}

impl From<Schedule> for String {
    fn from(s: Schedule) -> String {
        s.to_string()
    }
}

impl TryFrom<String> for Schedule {
    type Error = ScheduleError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl FromStr for Schedule {
    type Err = ScheduleError;

    /// Reads `daily 18:00`, `daily at 18:00`, `weekly fri 17:00`, `weekly on friday at 17:00`,
    /// `monthly 1 09:00`, `monthly on day 1 at 9:00`, `when plugged in`, `on-plug`. The time
    /// may be left out (then 18:00).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |why: ScheduleProblem| ScheduleError {
            text: text.to_string(),
            why,
        };
        let lower = text.trim().to_lowercase();
        let words: Vec<&str> = lower
            .split_whitespace()
            .filter(|w| !matches!(*w, "at" | "on" | "day" | "every" | "the"))
            .collect();
        if matches!(
            lower.trim(),
            "when plugged in" | "on-plug" | "on plug" | "plugged in" | "plug"
        ) {
            return Ok(Schedule::OnPlug);
        }
        let Some((&kind, rest)) = words.split_first() else {
            return Err(fail(ScheduleProblem::Empty));
        };
        let time = |word: Option<&&str>| -> Result<NaiveTime, ScheduleError> {
            match word {
                None => Ok(Schedule::default_time()),
                Some(w) => parse_time(w).ok_or_else(|| fail(ScheduleProblem::NotATime((*w).to_string()))),
            }
        };
        let schedule = match kind {
            "daily" => {
                if rest.len() > 1 {
                    return Err(fail(ScheduleProblem::DailyTakesOnlyATime));
                }
                Schedule::Daily {
                    at: time(rest.first())?,
                }
            }
            "weekly" => {
                let day = rest.first().ok_or_else(|| fail(ScheduleProblem::WeeklyNeedsADay))?;
                if rest.len() > 2 {
                    return Err(fail(ScheduleProblem::WeeklyTakesADayAndATime));
                }
                Schedule::Weekly {
                    day: parse_weekday(day).ok_or_else(|| fail(ScheduleProblem::NotAWeekday((*day).to_string())))?,
                    at: time(rest.get(1))?,
                }
            }
            "monthly" => {
                let day = rest.first().ok_or_else(|| fail(ScheduleProblem::MonthlyNeedsADay))?;
                if rest.len() > 2 {
                    return Err(fail(ScheduleProblem::MonthlyTakesADayAndATime));
                }
                let day: u32 = day
                    .trim_end_matches(['.', ',', 's', 't', 'n', 'd', 'r', 'h'])
                    .parse()
                    .ok()
                    .filter(|d| (1..=31).contains(d))
                    .ok_or_else(|| fail(ScheduleProblem::NotADayOfTheMonth((*day).to_string())))?;
                Schedule::Monthly {
                    day,
                    at: time(rest.get(1))?,
                }
            }
            _ => return Err(fail(ScheduleProblem::UnknownKind)),
        };
        Ok(schedule)
    }
}

impl Schedule {
    fn default_time() -> NaiveTime {
        NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN)
    }

    /// The first scheduled moment strictly after `after`, in `after`'s time zone. For
    /// [`Schedule::OnPlug`] it is the moment a plugged-in drive gets its next daily copy.
    pub fn next_slot_after<Tz: TimeZone>(&self, after: &DateTime<Tz>) -> DateTime<Tz> {
        let tz = after.timezone();
        let local = after.naive_local();
        let date = local.date();
        match *self {
            Schedule::Daily { at } => {
                let today = at_local(&tz, date, at);
                if today > *after {
                    today
                } else {
                    at_local(&tz, date + Duration::days(1), at)
                }
            }
            Schedule::Weekly { day, at } => {
                let ahead =
                    (7 + i64::from(day.num_days_from_monday()) - i64::from(date.weekday().num_days_from_monday())) % 7;
                let slot = at_local(&tz, date + Duration::days(ahead), at);
                if slot > *after {
                    slot
                } else {
                    at_local(&tz, date + Duration::days(ahead + 7), at)
                }
            }
            Schedule::Monthly { day, at } => {
                let this_month = at_local(&tz, day_in_month(date.year(), date.month(), day), at);
                if this_month > *after {
                    this_month
                } else {
                    let (year, month) = if date.month() == 12 {
                        (date.year() + 1, 1)
                    } else {
                        (date.year(), date.month() + 1)
                    };
                    at_local(&tz, day_in_month(year, month, day), at)
                }
            }
            Schedule::OnPlug => after.clone() + ON_PLUG_REPEAT,
        }
    }
}

/// When the next run is due. A destination that never received a copy is due at once (there is
/// no second copy at all yet); otherwise the first scheduled moment after the last success. A
/// moment in the past means a run was missed (the PC was off) and is due now.
///
/// A last success in the future (the clock was turned back) is treated as "now", so a wrong
/// clock cannot silence copies for long.
pub fn next_due<Tz: TimeZone>(
    schedule: &Schedule,
    last_success: Option<&DateTime<Tz>>,
    now: &DateTime<Tz>,
) -> DateTime<Tz> {
    match last_success {
        None => now.clone(),
        Some(last) => {
            let last = if last > now { now } else { last };
            schedule.next_slot_after(last)
        }
    }
}

/// True when a run is due at `now` (including runs missed while the PC was off).
pub fn is_due<Tz: TimeZone>(schedule: &Schedule, last_success: Option<&DateTime<Tz>>, now: &DateTime<Tz>) -> bool {
    next_due(schedule, last_success, now) <= *now
}

/// When a destination that keeps not running becomes overdue (amber): a day after its run was
/// due, or for "when plugged in" a week after its last copy.
pub fn overdue_at<Tz: TimeZone>(schedule: &Schedule, last_success: &DateTime<Tz>) -> DateTime<Tz> {
    match schedule {
        Schedule::OnPlug => last_success.clone() + ON_PLUG_OVERDUE_AFTER,
        _ => schedule.next_slot_after(last_success) + OVERDUE_AFTER,
    }
}

/// True when the destination is overdue at `now`. One that never succeeded is overdue a day
/// after `first_seen` (when Sheetsafe first tried it); with neither it is not (yet) overdue.
pub fn is_overdue<Tz: TimeZone>(
    schedule: &Schedule,
    last_success: Option<&DateTime<Tz>>,
    first_seen: Option<&DateTime<Tz>>,
    now: &DateTime<Tz>,
) -> bool {
    match (last_success, first_seen) {
        (Some(last), _) => {
            let last = if last > now { now } else { last };
            overdue_at(schedule, last) <= *now
        }
        (None, Some(first)) => first.clone() + OVERDUE_AFTER <= *now,
        (None, None) => false,
    }
}

/// `time` on `date` in `tz`. A time that falls into a daylight-saving gap becomes the first
/// moment after the gap; a time that occurs twice (clocks turned back) is the first of the two.
fn at_local<Tz: TimeZone>(tz: &Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Tz> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => {
            // Gaps are at most a few hours; step forward in minutes until the clock exists again.
            let mut probe = naive;
            for _ in 0..(4 * 60) {
                probe += Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t;
                }
            }
            tz.from_utc_datetime(&naive)
        }
    }
}

/// Day `day` of the month, or the month's last day when it is shorter (31 → 30 April, 28/29 Feb).
fn day_in_month(year: i32, month: u32, day: u32) -> NaiveDate {
    let mut d = day.clamp(1, 31);
    loop {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, d) {
            return date;
        }
        d -= 1;
        if d == 0 {
            return NaiveDate::MIN;
        }
    }
}

fn parse_time(word: &str) -> Option<NaiveTime> {
    let (h, m) = word.split_once([':', '.', 'h']).unwrap_or((word, "0"));
    let h: u32 = h.parse().ok()?;
    let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Reads `mon`, `Monday`, `fri`, … (English, any case).
pub fn parse_weekday(word: &str) -> Option<Weekday> {
    let w = word.trim().to_lowercase();
    let days = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    days.iter()
        .find(|(name, _)| w.len() >= 3 && name.starts_with(w.as_str()))
        .map(|&(_, d)| d)
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// Reads `HH:MM` (the form the CLI's `--at` and `--daily` take).
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    parse_time(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    fn sched(s: &str) -> Schedule {
        s.parse().expect("schedule")
    }

    #[test]
    fn texts_parse_and_print_back() {
        for (text, canonical) in [
            ("daily 18:00", "daily at 18:00"),
            ("Daily at 7:05", "daily at 07:05"),
            ("daily", "daily at 18:00"),
            ("weekly fri 17:00", "weekly on friday at 17:00"),
            ("weekly on Monday at 9", "weekly on monday at 09:00"),
            ("monthly 31 23:30", "monthly on day 31 at 23:30"),
            ("monthly on day 1st at 09:00", "monthly on day 1 at 09:00"),
            ("when plugged in", "when plugged in"),
            ("on-plug", "when plugged in"),
        ] {
            let s = sched(text);
            assert_eq!(s.to_string(), canonical, "{text}");
            assert_eq!(sched(canonical), s, "{canonical} round trip");
        }
        for bad in [
            "",
            "hourly",
            "daily 25:00",
            "weekly funday",
            "monthly 32",
            "monthly",
            "daily 1 2",
        ] {
            let err = bad.parse::<Schedule>().expect_err(bad);
            assert!(err.to_string().contains("daily at 18:00"), "{err}");
        }
    }

    #[test]
    fn never_run_is_due_at_once() {
        let now = t("2026-11-21T10:00:00+01:00");
        assert!(is_due(&sched("weekly sun 17:00"), None, &now));
        assert_eq!(next_due(&sched("daily 18:00"), None, &now), now);
    }

    #[test]
    fn daily_is_due_after_the_next_time_of_day() {
        let s = sched("daily 18:00");
        let last = t("2026-11-21T18:00:05+01:00");
        assert_eq!(next_due(&s, Some(&last), &last), t("2026-11-22T18:00:00+01:00"));
        assert!(!is_due(&s, Some(&last), &t("2026-11-22T17:59:59+01:00")));
        assert!(is_due(&s, Some(&last), &t("2026-11-22T18:00:00+01:00")));
        // A run in the morning still leaves the same evening's run due.
        let morning = t("2026-11-22T09:00:00+01:00");
        assert_eq!(next_due(&s, Some(&morning), &morning), t("2026-11-22T18:00:00+01:00"));
    }

    #[test]
    fn a_run_missed_while_the_pc_was_off_is_due_at_the_next_start() {
        let s = sched("daily 18:00");
        let last = t("2026-11-20T18:01:00+01:00");
        // Off from Friday evening to Monday morning: due at once, and only one run is owed.
        let monday = t("2026-11-23T08:30:00+01:00");
        assert!(is_due(&s, Some(&last), &monday));
        assert!(!is_due(&s, Some(&monday), &t("2026-11-23T09:00:00+01:00")));
    }

    #[test]
    fn weekly_and_monthly_slots() {
        let fri = sched("weekly friday 17:00");
        // 2026-11-21 is a Saturday.
        let sat = t("2026-11-21T12:00:00+01:00");
        assert_eq!(fri.next_slot_after(&sat), t("2026-11-27T17:00:00+01:00"));
        let fri_noon = t("2026-11-27T12:00:00+01:00");
        assert_eq!(fri.next_slot_after(&fri_noon), t("2026-11-27T17:00:00+01:00"));
        assert_eq!(
            fri.next_slot_after(&t("2026-11-27T17:00:00+01:00")),
            t("2026-12-04T17:00:00+01:00")
        );

        let end = sched("monthly 31 09:00");
        assert_eq!(
            end.next_slot_after(&t("2027-02-01T00:00:00+01:00")),
            t("2027-02-28T09:00:00+01:00"),
            "31 means the last day in February"
        );
        assert_eq!(
            end.next_slot_after(&t("2026-12-31T10:00:00+01:00")),
            t("2027-01-31T09:00:00+01:00"),
            "December rolls over into January"
        );
    }

    #[test]
    fn overdue_a_day_after_the_missed_run() {
        let s = sched("daily 18:00");
        let last = t("2026-11-20T18:00:00+01:00");
        assert!(!is_overdue(&s, Some(&last), None, &t("2026-11-22T17:59:00+01:00")));
        assert!(is_overdue(&s, Some(&last), None, &t("2026-11-22T18:00:00+01:00")));
        let plug = Schedule::OnPlug;
        assert!(!is_overdue(&plug, Some(&last), None, &t("2026-11-26T12:00:00+01:00")));
        assert!(is_overdue(&plug, Some(&last), None, &t("2026-11-27T18:00:00+01:00")));
        // Never succeeded: counted from when it was first seen.
        let first = t("2026-11-21T10:00:00+01:00");
        assert!(!is_overdue(&s, None, Some(&first), &t("2026-11-22T09:00:00+01:00")));
        assert!(is_overdue(&s, None, Some(&first), &t("2026-11-22T10:00:00+01:00")));
        assert!(!is_overdue(&s, None, None, &first));
    }

    #[test]
    fn a_clock_turned_back_does_not_silence_copies_for_long() {
        let s = sched("daily 18:00");
        let future = t("2030-01-01T18:00:00+01:00");
        let now = t("2026-11-21T19:00:00+01:00");
        assert_eq!(next_due(&s, Some(&future), &now), t("2026-11-22T18:00:00+01:00"));
    }

    /// A test zone at UTC+1 that jumps to UTC+2 at 2026-03-29 01:00 UTC (02:00 local becomes
    /// 03:00), as central Europe does.
    #[derive(Debug, Clone, Copy)]
    struct SpringForward;

    impl SpringForward {
        fn switch() -> chrono::NaiveDateTime {
            NaiveDate::from_ymd_opt(2026, 3, 29)
                .and_then(|d| d.and_hms_opt(1, 0, 0))
                .expect("date")
        }
        fn offset_at_utc(utc: &chrono::NaiveDateTime) -> FixedOffset {
            let hours = if *utc < Self::switch() { 1 } else { 2 };
            FixedOffset::east_opt(hours * 3600).expect("offset")
        }
    }

    impl TimeZone for SpringForward {
        type Offset = FixedOffset;
        fn from_offset(_: &FixedOffset) -> Self {
            SpringForward
        }
        fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<FixedOffset> {
            self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
        }
        fn offset_from_local_datetime(&self, local: &chrono::NaiveDateTime) -> LocalResult<FixedOffset> {
            let winter = FixedOffset::east_opt(3600).expect("offset");
            let summer = FixedOffset::east_opt(7200).expect("offset");
            let as_winter = *local - Duration::hours(1);
            let as_summer = *local - Duration::hours(2);
            match (as_winter < Self::switch(), as_summer >= Self::switch()) {
                (true, false) => LocalResult::Single(winter),
                (false, true) => LocalResult::Single(summer),
                (true, true) => LocalResult::Ambiguous(winter, summer),
                (false, false) => LocalResult::None,
            }
        }
        fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
            Self::offset_at_utc(&utc.and_time(NaiveTime::MIN))
        }
        fn offset_from_utc_datetime(&self, utc: &chrono::NaiveDateTime) -> FixedOffset {
            Self::offset_at_utc(utc)
        }
    }

    #[test]
    fn daylight_saving_gap_moves_to_the_first_real_minute() {
        let s = sched("daily 02:30");
        let after = t("2026-03-28T12:00:00+01:00").with_timezone(&SpringForward);
        // 02:30 does not exist on 29 March; the run is due at 03:00 summer time.
        let slot = s.next_slot_after(&after);
        assert_eq!(slot.fixed_offset(), t("2026-03-29T03:00:00+02:00"));
        // The day after, 02:30 exists again, in summer time: 24 wall-clock hours later minus one.
        assert_eq!(s.next_slot_after(&slot).fixed_offset(), t("2026-03-30T02:30:00+02:00"));
        // "daily at 18:00" stays at 18:00 on the wall clock across the change.
        let evening = sched("daily 18:00").next_slot_after(&after);
        let next = sched("daily 18:00").next_slot_after(&evening);
        assert_eq!(next.fixed_offset(), t("2026-03-29T18:00:00+02:00"));
        assert_eq!(next - evening, Duration::hours(23));
    }
}
