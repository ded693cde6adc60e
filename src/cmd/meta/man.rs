//! The man page: clap's synopsis and options, then sections written here from the same
//! sources the program uses (the keymap, the line commands, the subcommands).

use std::fmt::Write as _;

use clap::Command;

/// The man page in roff.
///
/// # Errors
/// When `out` cannot be written.
pub fn render(command: Command, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let has_version = command.get_version().is_some();
    let commands = commands_section(&command);
    let man = clap_mangen::Man::new(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    // Not clap's SUBCOMMANDS section: it names a page per subcommand (rollcall-check(1) and
    // so on) and none is installed. `rollcall COMMAND --help` is the place for the details.
    out.write_all(commands.as_bytes())?;
    out.write_all(super::keys_section().as_bytes())?;
    out.write_all(super::screen_reader_section().as_bytes())?;
    out.write_all(FIXED_SECTIONS.as_bytes())?;
    if has_version {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// COMMANDS: each subcommand with its one-line help.
fn commands_section(command: &Command) -> String {
    let mut roff = String::from(".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        let _ = write!(
            roff,
            ".TP\n\\fBrollcall {}\\fR\n{}\n",
            super::roff_escape(sub.get_name()),
            super::roff_escape(&about)
        );
    }
    roff.push_str(".PP\nrollcall COMMAND \\-\\-help describes each command's options.\n");
    roff
}

/// FILES, ENVIRONMENT and EXIT STATUS.
const FIXED_SECTIONS: &str = r#".SH FILES
.TP
\fIDATA\fR/\fILEARNER\fR.toml
One learner's progress: pages read, quiz attempts, completions. \fIDATA\fR is the progress
folder (see \-\-data\-dir): rollcall\-data/ beside the program when it exists, else
$XDG_DATA_HOME/rollcall (~/.local/share/rollcall) on Linux and the platform's data folder
elsewhere. Learner names are matched ignoring case.
.TP
\fIDATA\fR/\fILEARNER\fR.toml.lock
Held while a save is under way, so two copies of rollcall never lose each other's
attempts; removed after the save on Unix.
.TP
\fIDATA\fR/\fILEARNER\fR.toml.broken\-\fITIME\fR
An unreadable progress file moved aside by rollcall progress \-\-repair.
.TP
\fIDATA\fR/settings.toml
Settings: [defaults] learner and courses, [lrs] for sync.
.TP
\fIDATA\fR/roster.csv, \fIDATA\fR/roster.toml
The roster for compliance and certificates.
.TP
\fICOURSES\fR/\fIID\fR/course.toml
A course: its title, hours and lessons (Markdown pages, TOML quizzes and scenarios beside
it). \fICOURSES\fR is \-\-courses, else $ROLLCALL_COURSES, else ./courses, else courses/
beside the program, else the built\-in courses.
.SH ENVIRONMENT
.TP
\fBROLLCALL_COURSES\fR
The courses folder when \-\-courses is not given.
.TP
\fBROLLCALL_DATA_DIR\fR
The progress folder when \-\-data\-dir is not given.
.TP
\fBROLLCALL_LEARNER\fR
Who trains at this machine when \-\-learner is not given (default: the login name). It does
not narrow report or export, which cover every learner unless \-\-learner is given.
.TP
\fBROLLCALL_LRS_URL\fR, \fBROLLCALL_LRS_USER\fR, \fBROLLCALL_LRS_PASSWORD\fR
The Learning Record Store for sync and report \-\-verify\-lrs.
.TP
\fBROLLCALL_SCREEN_READER\fR
Set to 1 for the line\-by\-line screen reader mode (as \-\-screen\-reader).
.TP
\fBNO_COLOR\fR
When set, no colour.
.TP
\fBTERM\fR
TERM=dumb selects the screen reader mode.
.TP
\fBCOLUMNS\fR
Width of report and progress tables when the output is not a terminal (default 80).
.SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
Problems found: check found errors (or warnings with \-\-deny\-warnings), report or export
skipped an input, compliance found someone overdue.
.TP
\fB2\fR
The command could not run: a bad option, an unknown course or learner, an unreadable file.
.TP
\fB3\fR
sync could not reach the Learning Record Store (try again later).
"#;
