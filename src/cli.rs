//! Command-line interface: the clap definitions, shared by `main`, completions and the man page.

// Doc comments here are `--help` and man-page text, not rustdoc: a backtick would be printed.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// rollcall: a terminal course player for community-trust police training.
///
/// With no command, opens the course library. Lessons are Markdown, quizzes are TOML, progress
/// is saved per learner on this machine.
#[derive(Debug, Parser)]
#[command(name = "rollcall", version, about, long_about = None)]
pub struct Cli {
    /// Courses folder [default: $ROLLCALL_COURSES, ./courses, courses/ beside the program,
    /// else the built-in courses]
    #[arg(long, global = true, value_name = "DIR")]
    pub courses: Option<PathBuf>,

    /// Progress folder [default: $ROLLCALL_DATA_DIR, rollcall-data/ beside the program if it
    /// exists, else the platform's data folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Learner name [default: $ROLLCALL_LEARNER, else the login name]. For report and export:
    /// only this learner [default: every learner; $ROLLCALL_LEARNER does not apply]
    //
    // A coordinator's report covers everyone: the variable says who trains at this machine,
    // and letting it narrow a report silently would hide other officers' training. The doc
    // comment is --help text, where backticks would show.
    #[allow(clippy::doc_markdown)]
    #[arg(long, global = true, value_name = "NAME")]
    pub learner: Option<String>,

    /// Reload the open lesson when its file changes on disk (for course authors)
    #[arg(long)]
    pub watch: bool,

    /// Line-by-line mode for screen readers and braille displays: one command per line, plain
    /// text out (also on with TERM=dumb or ROLLCALL_SCREEN_READER=1)
    #[arg(long)]
    pub screen_reader: bool,

    /// What to do; with none, open the library
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every course and quiz in a folder and report errors and warnings
    Check(CheckArgs),
    /// Print a lesson's pages to standard output
    Preview(PreviewArgs),
    /// Write a new course skeleton that passes `check`
    New(NewArgs),
    /// Authoring tools for branching scenarios
    Scenario {
        /// What to do
        #[command(subcommand)]
        action: ScenarioAction,
    },
    /// Work with the courses built into the program
    Courses {
        /// What to do with them
        #[command(subcommand)]
        action: CoursesAction,
    },
    /// Show this learner's progress, or repair a broken progress file
    Progress(ProgressArgs),
    /// Report completions from progress files (one or many machines)
    Report(ReportArgs),
    /// Export records in another format
    Export {
        /// Export format
        #[command(subcommand)]
        format: ExportFormat,
    },
    /// Send this machine's records to a Learning Record Store (xAPI)
    Sync(SyncArgs),
    /// Who has done the required training, who is due soon, who is overdue (exit 1 if anyone is)
    Compliance(ComplianceArgs),
    /// Write a PDF certificate for a completed course (refused if it is not completed)
    Certificate(CertificateArgs),

    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Save attempts in a loop (used by the crash-safety tests; debug builds and the
    /// `test-commands` feature only, so the release binary does not ship it)
    #[cfg(any(debug_assertions, feature = "test-commands"))]
    #[command(hide = true)]
    SaveLoop {
        /// How many attempts to save
        #[arg(long, default_value_t = 100)]
        count: usize,
        /// Prefix of the attempt ids
        #[arg(long, default_value = "loop")]
        tag: String,
    },
}

/// Output format for machine-readable commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned text for people
    #[default]
    Table,
    /// JSON for scripts
    Json,
    /// CSV (RFC 4180) for spreadsheets
    Csv,
}

/// `rollcall check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Courses folder or one course folder [default: the folder the app would use]
    pub dir: Option<PathBuf>,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format (table = human-readable)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `rollcall preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// COURSE or COURSE/LESSON (lesson file name without .md, or its 1-based number)
    pub target: String,
    /// Plain text without styles (also the default when output is not a terminal)
    #[arg(long)]
    pub plain: bool,
    /// Wrap width in columns [default: the terminal's width, or 80]
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,
}

/// `rollcall new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Course id: lowercase letters, digits and '-'
    pub id: String,
    /// Course title [default: made from the id]
    #[arg(long)]
    pub title: Option<String>,
    /// Add a branching-scenario lesson (to the existing course COURSE-ID, or to the new one)
    #[arg(long)]
    pub scenario: bool,
}

/// `rollcall scenario ...`.
#[derive(Debug, Subcommand)]
pub enum ScenarioAction {
    /// Print a scenario as a Graphviz DOT graph (render with `dot -Tsvg`)
    Graph {
        /// The scenario file (*.scenario.toml)
        file: PathBuf,
    },
}

/// `rollcall courses ...`.
#[derive(Debug, Subcommand)]
pub enum CoursesAction {
    /// Write the built-in courses to a folder for editing
    Unpack {
        /// Where to write them
        dir: PathBuf,
    },
}

/// `rollcall progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Move an unreadable progress file aside (timestamped) and start fresh
    #[arg(long)]
    pub repair: bool,
    /// Show every column, however wide (the table otherwise fits the terminal, or 80
    /// columns when the output is not a terminal and $COLUMNS is unset)
    #[arg(long)]
    pub wide: bool,
}

/// Completion status filter for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Never opened
    NotStarted,
    /// Opened, not completed
    InProgress,
    /// Completed
    Completed,
}

/// `rollcall report`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReportArgs {
    /// Another kind of report
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    /// Progress files or data folders [default: this machine's data folder]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Only this course
    #[arg(long, value_name = "ID")]
    pub course: Option<String>,
    /// Only completions on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only completions on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only rows with this status
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    /// Show every column, however wide (the table otherwise fits the terminal, or 80
    /// columns when the output is not a terminal and $COLUMNS is unset)
    #[arg(long)]
    pub wide: bool,
    /// Ask this LRS which credited completions it holds: an `lrs` column says `confirmed` or
    /// `local-only` (credentials as for `sync`: $ROLLCALL_LRS_USER, $ROLLCALL_LRS_PASSWORD or
    /// settings.toml)
    #[arg(long, value_name = "URL")]
    pub verify_lrs: Option<String>,
    /// Base IRI of learner accounts at that LRS [default: homepage under [lrs] in
    /// settings.toml]
    #[arg(long, value_name = "URL", requires = "verify_lrs")]
    pub homepage: Option<String>,
    /// Allow the LRS password over plain http:// to another machine
    #[arg(long, requires = "verify_lrs")]
    pub allow_insecure_http: bool,
}

/// `rollcall report ...` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Item analysis: how each quiz question performed (for authors)
    Items(ItemsArgs),
}

/// `rollcall report items`.
#[derive(Debug, Args)]
pub struct ItemsArgs {
    /// Progress files and data folders, as collected from several machines (not xAPI
    /// exports) [default: this machine's data folder]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Only this course
    #[arg(long, value_name = "ID")]
    pub course: Option<String>,
    /// Scenario choices instead of quiz questions: how often each was taken at each node
    /// (the table shows both)
    #[arg(long)]
    pub scenarios: bool,
    /// Show every column, however wide (the table otherwise fits the terminal, or 80
    /// columns when the output is not a terminal and $COLUMNS is unset)
    #[arg(long)]
    pub wide: bool,
}

/// `rollcall export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// xAPI 1.0.3 statements as a JSON array
    Xapi {
        /// Progress files or data folders [default: this machine's data folder]
        paths: Vec<PathBuf>,
        /// Base IRI for learner accounts and activity ids
        #[arg(long, value_name = "URL", default_value = "https://rollcall.invalid")]
        homepage: String,
    },
}

/// `rollcall sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The LRS endpoint (statements are POSTed to URL/statements) [or url under [lrs] in
    /// settings.toml]
    #[arg(
        long,
        value_name = "URL",
        env = "ROLLCALL_LRS_URL",
        hide_env_values = true
    )]
    pub lrs: Option<String>,
    /// LRS user [default: $ROLLCALL_LRS_USER or the settings file]
    #[arg(long)]
    pub user: Option<String>,
    /// Refused: a password on the command line is visible to every user of the machine
    #[arg(long, value_name = "PASSWORD", num_args = 0..=1, hide = true)]
    pub password: Option<Option<String>>,
    /// Read the LRS password from the first line of standard input [default:
    /// $ROLLCALL_LRS_PASSWORD or password under [lrs] in settings.toml]
    #[arg(long)]
    pub password_stdin: bool,
    /// Base IRI of learner accounts and activity ids (required; or homepage under [lrs] in
    /// settings.toml). Keep it the same for every sync to one LRS
    #[arg(long, value_name = "URL")]
    pub homepage: Option<String>,
    /// Allow the LRS password over plain http:// to another machine (anyone on the network
    /// path can read it)
    #[arg(long)]
    pub allow_insecure_http: bool,
    /// Longest time for one request, answer included, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Longest time for the whole sync, in seconds; what is left goes next time
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub time_limit: u64,
}

/// Output format for `compliance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ComplianceFormat {
    /// Aligned text for people
    #[default]
    Table,
    /// JSON for scripts
    Json,
    /// CSV, one row per officer and required course
    Csv,
    /// CSV of completions for a state POST upload (see --columns)
    PostCsv,
}

/// `rollcall compliance`.
#[derive(Debug, Args)]
pub struct ComplianceArgs {
    /// Progress files or data folders [default: this machine's data folder]
    pub paths: Vec<PathBuf>,
    /// Roster (CSV or TOML) [default: roster.csv or roster.toml in the data folder]
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Judge as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ComplianceFormat::Table)]
    pub format: ComplianceFormat,
    /// Columns for --format post-csv, in order (officer_id,name,course,title,certification,completed,hours,version,provider,verification)
    #[arg(long, value_name = "LIST")]
    pub columns: Option<String>,
    /// Days before a due date that count as "due soon"
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub due_soon: i64,
}

/// `rollcall certificate`.
#[derive(Debug, Args)]
pub struct CertificateArgs {
    /// Course id (for --learner, or this machine's learner)
    #[arg(long, value_name = "ID", required_unless_present = "all")]
    pub course: Option<String>,
    /// Every completion in the records (with --out-dir)
    #[arg(long, conflicts_with = "course", requires = "out_dir")]
    pub all: bool,
    /// With --all: only completions on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", requires = "all")]
    pub since: Option<String>,
    /// The PDF to write [default: LEARNER-COURSE.pdf in the current folder]
    #[arg(long, value_name = "FILE", conflicts_with = "all")]
    pub out: Option<PathBuf>,
    /// With --all: the folder to write the PDFs into
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Roster for officer names and ids [default: roster.csv or roster.toml in the data folder]
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Progress files or data folders [default: this machine's data folder]
    pub paths: Vec<PathBuf>,
}
