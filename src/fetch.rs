//! Fetching web pages named on the command line (`http://` and `https://`).
//!
//! Fetch owns the network: one blocking request per URL with a time limit,
//! a size limit (`--max-bytes`), a bounded number of redirects, and TLS by
//! rustls. It turns a response into bytes plus what ingest needs to make a
//! [`Source`](crate::ingest::Source) of them: the format (from the
//! `Content-Type`, else the URL's extension) and a document id made from the
//! URL. The bytes are kept exactly as they came, so offsets point into them
//! (and into the copy `--save DIR` writes).

use std::io::Read;
use std::time::Duration;

use crate::ingest::Format;

/// Redirects followed before a URL is given up.
pub const MAX_REDIRECTS: u32 = 5;

/// Limits for one request.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The whole request, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

/// A page as it was fetched.
#[derive(Clone, Debug)]
pub struct Page {
    /// The URL as given.
    pub url: String,
    /// The URL the body came from, after redirects.
    pub final_url: String,
    /// The media type of `Content-Type`, lower case, without parameters.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Why a URL could not be fetched; each message says what to try.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("the server answered {status}; check the URL")]
    Status { status: u16 },
    #[error("no answer within {0:?}; the server is slow or unreachable, try again later")]
    Timeout(Duration),
    #[error("more than {MAX_REDIRECTS} redirects; open the URL in a browser to find the page")]
    TooManyRedirects,
    #[error(
        "the page is larger than --max-bytes {0}; raise the limit or save the page and pass the file"
    )]
    TooLarge(u64),
    #[error("cannot fetch: {0}; check the URL and the network")]
    Other(String),
}

/// Whether a command-line input names a URL rather than a path.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches one URL.
pub fn fetch(url: &str, limits: &Limits) -> Result<Page, FetchError> {
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("claimdiff/", env!("CARGO_PKG_VERSION")));
    // A proxy named in the environment is for the outside world; the
    // machine's own addresses are always reached directly.
    if is_loopback(url) {
        config = config.proxy(None);
    }
    let agent: ureq::Agent = config.build().into();
    let mut response = agent.get(url).call().map_err(|e| error(e, limits))?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(FetchError::Status { status });
    }
    use ureq::ResponseExt;
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty());
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_bytes) {
        return Err(FetchError::TooLarge(limits.max_bytes));
    }
    // One byte more than the limit is read so that a body of exactly the
    // limit is accepted and anything longer is refused without reading it all.
    let mut body = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| match e.into_inner() {
            Some(inner) => match inner.downcast::<ureq::Error>() {
                Ok(e) => error(*e, limits),
                Err(other) => FetchError::Other(other.to_string()),
            },
            None => FetchError::Other("the connection broke while reading the body".into()),
        })?;
    if body.len() as u64 > limits.max_bytes {
        return Err(FetchError::TooLarge(limits.max_bytes));
    }
    Ok(Page {
        url: url.to_string(),
        final_url,
        content_type,
        body,
    })
}

fn error(e: ureq::Error, limits: &Limits) -> FetchError {
    match e {
        ureq::Error::StatusCode(status) => FetchError::Status { status },
        ureq::Error::Timeout(_) => FetchError::Timeout(limits.timeout),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(limits.max_bytes),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout(limits.timeout)
        }
        other => FetchError::Other(other.to_string()),
    }
}

/// The host of a URL, with its port when one is given.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    authority.rsplit_once('@').map_or(authority, |(_, h)| h)
}

/// The path of a URL, without query or fragment.
fn path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = &rest[authority_len(rest)..];
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

fn authority_len(rest: &str) -> usize {
    rest.find(['/', '?', '#']).unwrap_or(rest.len())
}

/// The query of a URL, without the `?` or a fragment.
fn query(url: &str) -> &str {
    let before_fragment = url.split('#').next().unwrap_or(url);
    before_fragment.split_once('?').map_or("", |(_, q)| q)
}

fn is_loopback(url: &str) -> bool {
    let authority = authority(url);
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// How a fetched page is read: from its `Content-Type` when that names a
/// format claimdiff reads, else from the URL path's extension.
pub fn format_of(content_type: Option<&str>, url: &str) -> Option<Format> {
    let by_extension = || {
        let last = path(url).rsplit('/').next().unwrap_or("");
        let ext = last.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" | "ndjson" => Some(Format::JsonString),
            _ => None,
        }
    };
    match content_type {
        Some("text/html" | "application/xhtml+xml") => Some(Format::Html),
        Some("text/markdown" | "text/x-markdown") => Some(Format::Markdown),
        Some("application/x-ndjson" | "application/jsonl" | "application/x-jsonlines") => {
            Some(Format::JsonString)
        }
        // Plain text is often served for Markdown and JSONL files too.
        Some("text/plain") => Some(by_extension().unwrap_or(Format::Text)),
        _ => by_extension(),
    }
}

/// The file extension `--save` gives a page of this format.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Html => "html",
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::JsonString => "jsonl",
    }
}

/// A stable, file-system-safe document id for a URL: the host (and port),
/// then the path, as lower-case letters, digits, `.`, `-` and `_`; a query
/// adds a short hash so that `?page=1` and `?page=2` differ. The last path
/// segment loses a page extension (`.html`), which `--save` adds back.
///
/// ```
/// use claimdiff::fetch::id_of;
/// assert_eq!(id_of("https://News.example.com/world/2024/ferry-crash.html"),
///            "news.example.com_world_2024_ferry-crash");
/// assert_eq!(id_of("http://127.0.0.1:8080/"), "127.0.0.1-8080");
/// ```
pub fn id_of(url: &str) -> String {
    let authority = authority(url).to_ascii_lowercase();
    let mut path = path(url).trim_matches('/').to_string();
    if let Some((stem, ext)) = path.rsplit_once('.') {
        let last_is_file = !ext.contains('/') && !stem.is_empty() && !stem.ends_with('/');
        if last_is_file && ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()) {
            path.truncate(stem.len());
        }
    }
    let mut id = slug(&authority.replace(':', "-"));
    let rest = slug(&path);
    if !rest.is_empty() {
        id.push('_');
        id.push_str(&rest);
    }
    let query = query(url);
    if !query.is_empty() {
        id.push_str(&format!("_q{:08x}", fnv(query.as_bytes()) as u32));
    }
    // Keep names well below file-system limits; the hash keeps long URLs apart.
    if id.len() > 120 {
        let hash = fnv(url.as_bytes()) as u32;
        let mut cut = 110;
        while !id.is_char_boundary(cut) {
            cut -= 1;
        }
        id.truncate(cut);
        id.push_str(&format!("_{hash:08x}"));
    }
    if id.is_empty() || id.starts_with('.') {
        id.insert_str(0, "url");
    }
    id
}

/// Lower-case ASCII letters and digits, `.` and `-` kept; runs of anything
/// else (including `/`) become one `_`.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    // `..` must never reach a file name.
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    out
}

/// FNV-1a: a small hash that is the same on every machine and every run.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_safe() {
        assert_eq!(
            id_of("https://www.example.org/news/a%20b/Story.HTML?x=1#top"),
            format!(
                "www.example.org_news_a_20b_story_q{:08x}",
                fnv(b"x=1") as u32
            )
        );
        assert_eq!(id_of("https://example.org"), "example.org");
        assert_eq!(
            id_of("https://example.org/a/../../etc"),
            "example.org_a_._._etc"
        );
        let long = format!("https://example.org/{}", "x".repeat(500));
        assert!(id_of(&long).len() <= 120);
        for url in [
            "https://example.org/../x",
            "http://[::1]:9/a",
            "https://u@h/é",
        ] {
            let id = id_of(url);
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
                "{id}"
            );
            assert!(!id.contains("..") && !id.starts_with('.'), "{id}");
        }
    }

    #[test]
    fn formats_come_from_content_type_then_extension() {
        assert_eq!(
            format_of(Some("text/html"), "https://h/a.txt"),
            Some(Format::Html)
        );
        assert_eq!(
            format_of(Some("text/plain"), "https://h/a"),
            Some(Format::Text)
        );
        assert_eq!(
            format_of(Some("text/plain"), "https://h/a.md"),
            Some(Format::Markdown)
        );
        assert_eq!(format_of(None, "https://h/a.htm?x=1"), Some(Format::Html));
        assert_eq!(format_of(Some("application/pdf"), "https://h/a.pdf"), None);
        assert_eq!(format_of(None, "https://h/"), None);
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("/tmp/https://x"));
        assert!(is_loopback("http://127.0.0.1:80/x"));
        assert!(is_loopback("http://[::1]:80/x"));
        assert!(!is_loopback("http://example.org/x"));
    }
}
