//! `claimdiff.toml`: settings a project keeps beside its articles.
//!
//! The file is found by walking up from the working directory, or named with
//! `--config`. Command-line flags win over the file. Unknown keys are errors
//! that name the key, so a typo never silently does nothing.
//!
//! ```toml
//! fail_on = "variation"          # conflict (default), variation or never
//! lexicons = ["terms.toml"]      # extra lexicon files, relative to this file
//!
//! [group]
//! threshold = 0.3                # similarity two groups need to merge
//!
//! [rules]
//! disable = ["number-mismatch"]  # or enable = [...] to run only those
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file name looked for.
pub const FILE_NAME: &str = "claimdiff.toml";

/// The least verdict that fails a run, as the file spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Conflict,
    Variation,
    Never,
}

/// Grouping settings.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Average similarity two groups of documents need to merge into one event.
    pub threshold: Option<f32>,
}

/// Which rules report.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// When set, only these rules report.
    pub enable: Option<Vec<String>>,
    /// These rules never report.
    #[serde(default)]
    pub disable: Vec<String>,
}

/// A whole `claimdiff.toml`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub fail_on: Option<FailOn>,
    /// Extra lexicon files; resolved against the config file's folder on load.
    #[serde(default)]
    pub lexicons: Vec<PathBuf>,
    #[serde(default)]
    pub group: Group,
    #[serde(default)]
    pub rules: Rules,
    /// The file this was read from; `None` for the defaults.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}; check the path given to --config")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: no rule `{id}` in [rules]; `claimdiff rules` lists them")]
    UnknownRule { path: String, id: String },
    #[error("{path}: group.threshold must be between 0 and 1, not {value}")]
    Threshold { path: String, value: f32 },
}

impl Config {
    /// Reads and checks one file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        let mut config = Config::parse(&text, &shown)?;
        let base = path.parent().unwrap_or(Path::new(""));
        for lexicon in &mut config.lexicons {
            if lexicon.is_relative() {
                *lexicon = base.join(&*lexicon);
            }
        }
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses and checks a file's text; `shown` names it in errors.
    pub fn parse(text: &str, shown: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: shown.to_string(),
            message: e.to_string().trim_end().replace('\n', "\n  "),
        })?;
        let ids = config
            .rules
            .enable
            .iter()
            .flatten()
            .chain(&config.rules.disable);
        for id in ids {
            if crate::compare::rule(id).is_none() {
                return Err(ConfigError::UnknownRule {
                    path: shown.to_string(),
                    id: id.clone(),
                });
            }
        }
        if let Some(value) = config.group.threshold
            && !(0.0..=1.0).contains(&value)
        {
            return Err(ConfigError::Threshold {
                path: shown.to_string(),
                value,
            });
        }
        Ok(config)
    }

    /// The nearest `claimdiff.toml` in `start` or a folder above it.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Whether findings of rule `id` are reported.
    pub fn rule_enabled(&self, id: &str) -> bool {
        let enabled = self
            .rules
            .enable
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|e| e == id));
        enabled && !self.rules.disable.iter().any(|d| d == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses() {
        let config = Config::parse(
            "fail_on = \"variation\"\nlexicons = [\"a.toml\"]\n[group]\nthreshold = 0.4\n[rules]\ndisable = [\"number-mismatch\"]\n",
            "claimdiff.toml",
        );
        let config = config.unwrap_or_default();
        assert_eq!(config.fail_on, Some(FailOn::Variation));
        assert_eq!(config.group.threshold, Some(0.4));
        assert!(!config.rule_enabled("number-mismatch"));
    }

    #[test]
    fn unknown_keys_are_named() {
        for (text, key) in [
            ("fail-on = \"never\"", "fail-on"),
            ("[group]\nthreshhold = 0.2", "threshhold"),
            ("[rules]\nskip = []", "skip"),
        ] {
            let err = Config::parse(text, "c.toml").map(|_| ()).unwrap_err();
            assert!(err.to_string().contains(key), "{err}");
        }
    }

    #[test]
    fn unknown_rules_and_bad_thresholds_are_errors() {
        let err = Config::parse("[rules]\nenable = [\"no-such\"]", "c.toml").map(|_| ());
        assert!(err.is_err_and(|e| e.to_string().contains("no-such")));
        let err = Config::parse("[group]\nthreshold = 3.0", "c.toml").map(|_| ());
        assert!(err.is_err_and(|e| e.to_string().contains("between 0 and 1")));
    }

    #[test]
    fn enable_limits_and_disable_removes() {
        let config =
            Config::parse("[rules]\nenable = [\"number-mismatch\"]", "c.toml").unwrap_or_default();
        assert!(config.rule_enabled("number-mismatch"));
        assert!(!config.rule_enabled("speaker-shift"));
    }
}
