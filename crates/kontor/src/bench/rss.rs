//! Scenario (e): the memory of a `kontor serve` process serving the seeded tenant.
//!
//! A child process rather than this one: the bench's own memory (the seed generator, the
//! clients, the latency samples) would otherwise be counted as the server's.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::target::Target;
use crate::commands::CommandError;

/// A running `kontor serve`; killed when dropped.
#[derive(Debug)]
pub struct ServeProcess {
    child: Child,
    pub url: String,
    // Kept open: closing it would make any later line on stdout fail in the child.
    _stdout: BufReader<ChildStdout>,
}

impl ServeProcess {
    /// Starts this executable as `kontor serve` on 127.0.0.1:0 over the target's database,
    /// and waits for the endpoint it prints.
    pub async fn start(target: &Target, data_dir: &Path) -> Result<ServeProcess, CommandError> {
        // Run the bench from a copy of the binary when others may rebuild it meanwhile:
        // a replaced executable can no longer be started by this path.
        let exe = std::env::current_exe()?;
        let mut child = Command::new(&exe)
            .args(["serve", "--listen", "127.0.0.1:0", "--no-demo"])
            .arg("--database-url")
            .arg(&target.child_url)
            .arg("--data-dir")
            .arg(data_dir)
            // The key the bench's store sealed the API secret with; the child needs it to
            // check signatures.
            .env("KONTOR_SECRET_KEY", target.key.to_hex())
            // Warnings only: the per-request line is not what is measured (see target.rs).
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                CommandError::Message(format!("cannot start {} serve: {e}", exe.display()))
            })?;
        let Some(stdout) = child.stdout.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(CommandError::Message("kontor serve: no stdout".into()));
        };
        // Reading a pipe blocks; off the async threads.
        let found = tokio::task::spawn_blocking(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            loop {
                line.clear();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => return (reader, None),
                    Ok(_) => {
                        if let Some(url) = line.trim().strip_prefix("endpoint: ") {
                            return (reader, Some(url.to_string()));
                        }
                    }
                }
            }
        })
        .await;
        match found {
            Ok((reader, Some(url))) => Ok(ServeProcess {
                child,
                url,
                _stdout: reader,
            }),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                Err(CommandError::Message(
                    "kontor serve ended before printing its endpoint".into(),
                ))
            }
        }
    }

    /// `(VmRSS, VmHWM)` in KiB, from /proc (Linux only).
    pub fn memory(&self) -> Result<(u64, u64), CommandError> {
        memory_of(self.child.id())
    }

    /// Samples VmRSS every 100 ms until the returned sampler is stopped.
    pub fn sample(&self) -> Sampler {
        let pid = self.child.id();
        let stop = Arc::new(AtomicBool::new(false));
        let max = Arc::new(AtomicU64::new(0));
        let (stop2, max2) = (stop.clone(), max.clone());
        tokio::spawn(async move {
            while !stop2.load(Ordering::Relaxed) {
                if let Ok((rss, _)) = memory_of(pid) {
                    max2.fetch_max(rss, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        Sampler { stop, max }
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        // Only the process this bench started, by its handle.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The highest VmRSS seen while it ran.
#[derive(Debug)]
pub struct Sampler {
    stop: Arc<AtomicBool>,
    max: Arc<AtomicU64>,
}

impl Sampler {
    pub fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.max.load(Ordering::Relaxed)
    }
}

fn memory_of(pid: u32) -> Result<(u64, u64), CommandError> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    Ok(parse_status(&status))
}

/// This process's `(VmRSS, VmHWM)` in KiB (0 where /proc is missing).
pub fn own_memory() -> (u64, u64) {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| parse_status(&s))
        .unwrap_or((0, 0))
}

fn parse_status(status: &str) -> (u64, u64) {
    let kib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (kib("VmRSS:"), kib("VmHWM:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_parse() {
        let status = "Name:\tkontor\nVmHWM:\t  123456 kB\nVmRSS:\t   65432 kB\n";
        assert_eq!(parse_status(status), (65_432, 123_456));
        assert_eq!(parse_status(""), (0, 0));
    }
}
