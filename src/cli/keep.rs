//! The keep flags (`--keep-last`, `--keep-daily`, `--keep-weekly`, `--keep-monthly`) that
//! `profile add` and `profile dest add` share, and how they become `KeepRules`. One definition,
//! so the two commands cannot drift apart in names, value names or wording.

use clap::{Arg, Args};
use sheetsafe::config::{Destination, KeepRules};

// No doc comment on the struct: flattened, it would become the about text of the command.
// The fields keep the flags' `keep_` prefix because it is also their argument id, and `dest
// add` has `daily`, `weekly` and `monthly` schedule flags of its own.
#[allow(clippy::struct_field_names)]
#[derive(Debug, Args)]
pub struct KeepArgs {
    /// Keep the newest N versions
    #[arg(long, value_name = "N")]
    keep_last: Option<u32>,
    /// Keep the newest version of each of the last N days
    #[arg(long, value_name = "N")]
    keep_daily: Option<u32>,
    /// Keep the newest version of each of the last N weeks
    #[arg(long, value_name = "N")]
    keep_weekly: Option<u32>,
    /// Keep the newest version of each of the last N months
    #[arg(long, value_name = "N")]
    keep_monthly: Option<u32>,
}

impl KeepArgs {
    /// The first keep flag given, as typed (`--keep-daily`), if any.
    pub fn first_given(&self) -> Option<&'static str> {
        [
            ("--keep-last", self.keep_last),
            ("--keep-daily", self.keep_daily),
            ("--keep-weekly", self.keep_weekly),
            ("--keep-monthly", self.keep_monthly),
        ]
        .into_iter()
        .find_map(|(flag, value)| value.map(|_| flag))
    }

    /// The rules the flags ask for, each flag left out taken from `defaults` (a profile's and a
    /// second copy's differ).
    pub fn rules(&self, defaults: KeepRules) -> KeepRules {
        KeepRules {
            last: self.keep_last.unwrap_or(defaults.last),
            daily: self.keep_daily.unwrap_or(defaults.daily),
            weekly: self.keep_weekly.unwrap_or(defaults.weekly),
            monthly: self.keep_monthly.unwrap_or(defaults.monthly),
        }
    }

    /// The flags' help as `profile dest add` gives it (`#[command(mut_args(…))]`): said of the
    /// second copy ("… there") and with its defaults, which differ from a profile's. The
    /// defaults are read from `Destination::default_keep`, the rules `dest add` applies, so the
    /// help cannot promise other numbers than the ones used.
    pub fn help_for_a_second_copy(arg: Arg) -> Arg {
        let defaults = Destination::default_keep();
        let default = match arg.get_id().as_str() {
            "keep_last" => defaults.last,
            "keep_daily" => defaults.daily,
            "keep_weekly" => defaults.weekly,
            "keep_monthly" => defaults.monthly,
            _ => return arg,
        };
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        arg.help(format!("{help} there [default: {default}]"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, clap::Parser)]
    struct Flags {
        #[command(flatten)]
        keep: KeepArgs,
    }

    fn parse(args: &[&str]) -> KeepArgs {
        <Flags as clap::Parser>::parse_from(std::iter::once("x").chain(args.iter().copied())).keep
    }

    #[test]
    fn a_flag_left_out_takes_the_default_and_a_given_one_wins() {
        let defaults = KeepRules {
            last: 1,
            daily: 2,
            weekly: 3,
            monthly: 4,
        };
        let rules = parse(&["--keep-daily", "9", "--keep-monthly", "0"]).rules(defaults);
        assert_eq!((rules.last, rules.daily, rules.weekly, rules.monthly), (1, 9, 3, 0));
    }

    #[test]
    fn a_second_copy_is_told_its_own_defaults() {
        let command = <Flags as clap::CommandFactory>::command().mut_args(KeepArgs::help_for_a_second_copy);
        let help: Vec<String> = command
            .get_arguments()
            .filter_map(Arg::get_help)
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            help,
            [
                "Keep the newest N versions there [default: 0]",
                "Keep the newest version of each of the last N days there [default: 30]",
                "Keep the newest version of each of the last N weeks there [default: 0]",
                "Keep the newest version of each of the last N months there [default: 12]",
            ]
        );
    }
}
