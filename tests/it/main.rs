//! Integration tests: the binary as users and CI run it.
//! One test binary with modules keeps link times down.

mod bad_input;
mod browser;
mod claims;
mod cli;
mod config;
mod fixtures;
mod formats;
mod properties;
mod sarif;
mod snapshot;
mod spans;
mod support;
mod url;
