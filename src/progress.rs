//! Progress of a long build on a terminal: one line, rewritten in place, that says how far the
//! build has gone (documents read, pages rendered, files written). It shows only on a terminal,
//! never in CI or when the output is piped, and only once a build has taken more than a moment.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a build runs before it reports its progress.
const MOMENT: Duration = Duration::from_millis(300);

pub struct Progress {
    enabled: bool,
    started: Instant,
    /// Whether a line is on screen (to be cleared at the end).
    shown: Mutex<bool>,
}

impl Progress {
    /// Reports nothing.
    pub fn silent() -> Progress {
        Progress {
            enabled: false,
            started: Instant::now(),
            shown: Mutex::new(false),
        }
    }

    /// Reports on standard error when it is a terminal and the build does not run in CI.
    pub fn terminal() -> Progress {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        Progress {
            enabled: std::io::stderr().is_terminal() && !ci,
            started: Instant::now(),
            shown: Mutex::new(false),
        }
    }

    /// Shows `what` (`read 120 documents`) if the build has run for more than a moment.
    pub fn stage(&self, what: &str) {
        if !self.enabled || self.started.elapsed() < MOMENT {
            return;
        }
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K{what} ({:.1} s)",
            self.started.elapsed().as_secs_f64()
        );
        let _ = err.flush();
        *shown = true;
    }

    /// Clears the progress line, if one is shown.
    pub fn done(&self) {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        if *shown {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            *shown = false;
        }
    }
}
